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

    var bibtex: String {
        let key = (config.authors.first?.name.split(separator: " ").last.map(String.init) ?? "report").lowercased()
            .filter { $0.isLetter || $0.isNumber } + year
        var fields = ["title = {\(config.title)}", "year = {\(year)}"]
        if !config.authors.isEmpty { fields.append("author = {" + config.authors.map(\.name).joined(separator: " and ") + "}") }
        if let doi = config.doi { fields.append("doi = {\(doi)}") }
        if let url = config.baseURL { fields.append("url = {\(url)}") }
        if config.synthetic { fields.append("note = {Illustrative edition with synthetic data}") }
        return "@report{\(key),\n  " + fields.joined(separator: ",\n  ") + "\n}\n"
    }

    var ris: String {
        var lines = ["TY  - RPRT", "TI  - \(config.title)", "PY  - \(year)"]
        lines += config.authors.map { "AU  - \($0.name)" }
        if let doi = config.doi { lines.append("DO  - \(doi)") }
        if let url = config.baseURL { lines.append("UR  - \(url)") }
        if let date = config.date { lines.append("DA  - \(date)") }
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
