import Formats
import Diagnostics
import Markdown
import SurveyData
import Yams

/// `references.yaml`: works the commentary cites, in CSL-JSON's fields (what Zotero exports),
/// written as YAML.
///
/// ```yaml
/// - id: ye2025
///   type: article
///   title: The collaborations among healthcare systems, research institutions, and industry …
///   author: [{family: Ye, given: Jiancheng}, {family: Ma, given: …}]
///   issued: {date-parts: [[2025]]}
///   container-title: arXiv
///   DOI: 10.48550/arXiv.2509.00068
///   URL: https://arxiv.org/abs/2509.00068
/// ```
struct References {
    struct Work {
        var id: String
        var type: String
        var title: String
        var authors: [(family: String, given: String)]
        var year: String
        var container: String?
        var volume: String?
        var issue: String?
        var page: String?
        var publisher: String?
        var doi: String?
        var url: String?

        /// "Ye et al., 2025", "Ye & Ma, 2025", "Ye, 2025".
        var shortCitation: String {
            let names = authors.map(\.family)
            let who: String
            switch names.count {
            case 0: who = title
            case 1: who = names[0]
            case 2: who = names[0] + " & " + names[1]
            default: who = names[0] + " et al."
            }
            return who + ", " + year
        }

        /// APA-style entry as HTML (escaped), with its DOI or URL linked.
        var entryHTML: String {
            func e(_ s: String) -> String { HTMLEscaping.escape(s) }
            let names = authors.map { a in a.given.isEmpty ? a.family : a.family + ", " + a.given.split(separator: " ").map { String($0.prefix(1)) + "." }.joined(separator: " ") }
            var who = names.count <= 1 ? (names.first ?? "") : names.dropLast().joined(separator: ", ") + ", & " + names.last!
            if names.count > 20 { who = names.prefix(19).joined(separator: ", ") + ", … " + names.last! }
            var out = e(who) + (who.isEmpty ? "" : " ") + "(" + e(year) + "). " + e(title) + "."
            if let container {
                out += " <i>" + e(container) + "</i>"
                if let volume { out += ", <i>" + e(volume) + "</i>" }
                if let issue { out += "(" + e(issue) + ")" }
                if let page { out += ", " + e(page) }
                out += "."
            } else if let publisher {
                out += " " + e(publisher) + "."
            }
            if let doi {
                out += " <a href=\"" + HTMLEscaping.escapeURL("https://doi.org/" + doi) + "\">https://doi.org/" + e(doi) + "</a>"
            } else if let url {
                out += " <a href=\"" + HTMLEscaping.escapeURL(url) + "\">" + e(url) + "</a>"
            }
            return out
        }
    }

    var works: [Work]

    func work(_ id: String) -> Work? { works.first { $0.id == id } }

    static func load(text: String, source: String) throws(DiagnosticsError) -> References {
        guard let root = try YAMLDiagnostics.compose(text, source: source) else { return References(works: []) }
        guard case .sequence(let items) = root else {
            throw DiagnosticsError(.error(at: .start(of: source), "references.yaml must be a list of works in CSL-JSON fields"))
        }
        var diagnostics = DiagnosticCollector()
        var works: [Work] = []
        var seen: Set<String> = []
        for item in items {
            let at = SourceLocation(file: source, line: item.mark?.line ?? 1, column: item.mark?.column ?? 1)
            guard case .mapping(let m) = item, let id = m["id"]?.string, !id.isEmpty else {
                diagnostics.error(at: at, "each reference needs an `id:`")
                continue
            }
            if seen.contains(id) { diagnostics.error(at: at, "duplicate reference id \"\(id)\"") }
            seen.insert(id)
            guard let title = m["title"]?.string else {
                diagnostics.error(at: at, "reference \"\(id)\" has no `title:`")
                continue
            }
            let authors: [(String, String)] = m["author"]?.sequence?.compactMap { a in
                if let literal = a.mapping?["literal"]?.string { return (literal, "") }
                guard let family = a.mapping?["family"]?.string else { return nil }
                return (family, a.mapping?["given"]?.string ?? "")
            } ?? []
            var year = "n.d."
            if let parts = m["issued"]?.mapping?["date-parts"]?.sequence?.first?.sequence?.first?.string { year = parts }
            else if let literal = m["issued"]?.mapping?["literal"]?.string { year = literal }
            works.append(Work(id: id, type: m["type"]?.string ?? "article", title: title, authors: authors, year: year,
                              container: m["container-title"]?.string, volume: m["volume"]?.string, issue: m["issue"]?.string,
                              page: m["page"]?.string, publisher: m["publisher"]?.string, doi: m["DOI"]?.string, url: m["URL"]?.string))
        }
        try diagnostics.throwIfErrors()
        return References(works: works)
    }
}
