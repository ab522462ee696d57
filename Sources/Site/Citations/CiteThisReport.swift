import SurveyData

/// The report as a citable work: APA-style text, BibTeX and RIS, and the scholarly metadata
/// (Highwire `citation_*`, JSON-LD, Open Graph) every page carries.
struct CiteThisReport {
    let config: SiteConfig

    var year: String { String((config.date ?? "").prefix(4)).isEmpty ? "n.d." : String(config.date!.prefix(4)) }

    var apa: String {
        let names = config.authors.map(\.name)
        let who = names.count <= 1 ? (names.first ?? "") : names.dropLast().joined(separator: ", ") + ", & " + names.last!
        var text = (who.isEmpty ? "" : who + " ") + "(\(year)). " + config.title + "."
        if config.synthetic { text += " [Illustrative edition with synthetic data]." }
        if let doi = config.doi { text += " https://doi.org/" + doi } else if let url = config.baseURL { text += " " + url }
        return text
    }

    /// Text for a BibTeX field: control and bidi characters dropped, lines joined, and the
    /// characters BibTeX gives meaning to escaped, so no value can close its field or add one.
    static func bib(_ text: String) -> String {
        var out = ""
        for ch in plain(text) {
            switch ch {
            case "\\": out += "\\textbackslash{}"
            case "^": out += "\\^{}"
            case "~": out += "\\~{}"
            case "{", "}", "%", "#", "&", "$", "_": out += "\\" + String(ch)
            default: out.append(ch)
            }
        }
        return out
    }

    static func verbatim(_ text: String) -> String { plain(text).filter { !"{}\\".contains($0) } }

    /// One line of plain text: control characters, line breaks and bidi overrides dropped
    /// (a line break in RIS would start a new tag; NUL bytes break every format).
    static func plain(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A || v == 0x0D || v == 0x09 { scalars.append(" "); continue }
            if v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
                || v == 0x2028 || v == 0x2029 { continue }
            scalars.append(scalar)
        }
        return String(scalars)
    }

    var bibtex: String {
        let key = (config.authors.first?.name.split(separator: " ").last.map(String.init) ?? "report").lowercased()
            .filter { ($0.isLetter || $0.isNumber) && $0.isASCII } + year.filter { $0.isASCII && ($0.isNumber || $0.isLetter || $0 == ".") }
        var fields = ["title = {\(Self.bib(config.title))}", "year = {\(Self.bib(year))}"]
        if !config.authors.isEmpty { fields.append("author = {" + config.authors.map { Self.bib($0.name) }.joined(separator: " and ") + "}") }
        // doi and url are verbatim fields: no escapes there, so braces and backslashes are dropped.
        if let doi = config.doi { fields.append("doi = {\(Self.verbatim(doi))}") }
        if let url = config.baseURL { fields.append("url = {\(Self.verbatim(url))}") }
        if config.synthetic { fields.append("note = {Illustrative edition with synthetic data}") }
        return "@report{\(key),\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
    }

    var ris: String {
        let p = Self.plain
        var lines = ["TY  - RPRT", "TI  - \(p(config.title))", "PY  - \(p(year))"]
        lines += config.authors.map { "AU  - \(p($0.name))" }
        if let doi = config.doi { lines.append("DO  - \(p(doi))") }
        if let url = config.baseURL { lines.append("UR  - \(p(url))") }
        if let date = config.date { lines.append("DA  - \(p(date))") }
        lines.append("ER  - ")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// `<meta name=…>` pairs for a page.
    func meta(pageTitle: String, summary: String?, path: String) -> [[String: String]] {
        var tags: [(String, String)] = [("citation_title", config.title)]
        tags += config.authors.map { ("citation_author", $0.name) }
        if let date = config.date { tags.append(("citation_publication_date", date.replacingOccurrences(of: "-", with: "/"))) }
        if let doi = config.doi { tags.append(("citation_doi", doi)) }
        tags.append(("citation_language", config.language))
        if let base = config.baseURL { tags.append(("citation_public_url", base)) }
        tags.append(("twitter:card", "summary"))
        var out = tags.map { ["name": $0.0, "content": $0.1] }
        var og: [(String, String)] = [("og:title", pageTitle), ("og:type", "article"), ("og:site_name", config.title)]
        if let summary { og.append(("og:description", summary)) }
        if let base = config.baseURL { og.append(("og:url", base.hasSuffix("/") ? base + path : base + "/" + path)) }
        out += og.map { ["property": $0.0, "content": $0.1] }
        return out
    }

    /// JSON-LD: the report as a ScholarlyArticle based on a Dataset whose variables are the
    /// codebook's questions. Serialised with `<`, `>` and `&` escaped, so it is safe in a script.
    func jsonLD(codebook: Codebook) -> String {
        let authors = JSONValue.array(config.authors.map { a in
            .object([("@type", .string("Person")), ("name", .string(a.name))]
                    + (a.affiliation.map { [("affiliation", .object([("@type", .string("Organization")), ("name", .string($0))]))] } ?? []))
        })
        var dataset: [(String, JSONValue)] = [
            ("@type", .string("Dataset")),
            ("name", .string(config.title + " — survey data")),
            ("description", .string(config.synthetic ? "Synthetic survey data (illustrative)." : "Survey responses.")),
            ("variableMeasured", .array(codebook.questions.map { q in
                .object([("@type", .string("PropertyValue")), ("name", .string(q.id)), ("description", .string(q.text.text(in: config.language)))])
            })),
        ]
        if let license = config.license { dataset.append(("license", .string(license))) }
        var article: [(String, JSONValue)] = [
            ("@context", .string("https://schema.org")),
            ("@type", .string("ScholarlyArticle")),
            ("headline", .string(config.title)),
            ("author", authors),
            ("inLanguage", .string(config.language)),
            ("isBasedOn", .object(dataset)),
        ]
        if let date = config.date { article.append(("datePublished", .string(date))) }
        if let doi = config.doi { article.append(("identifier", .string("https://doi.org/" + doi))) }
        if let license = config.license { article.append(("license", .string(license))) }
        return JSONValue.object(article).serialized()
    }
}

import Foundation
