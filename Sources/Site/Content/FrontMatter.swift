import Diagnostics
import SurveyData
import Yams

/// A page's YAML front matter: title, summary, order, and draft.
public struct FrontMatter: Sendable {
    public var title: String?
    public var summary: String?
    public var order: Int?
    public var draft = false
    public var language: String?
    public var authors: [String] = []

    static let keys = ["title", "summary", "order", "draft", "language", "authors"]

    /// Splits `---` front matter from the Markdown body. The body's first line number is returned
    /// so that positions in the body are reported as lines of the whole file.
    public static func split(_ text: String) -> (yaml: String?, body: String, bodyLineOffset: Int) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmingCharacters(in: "\r") == "---" else { return (nil, text, 0) }
        lines.removeFirst()
        guard let end = lines.firstIndex(where: { $0.trimmingCharacters(in: "\r") == "---" || $0.trimmingCharacters(in: "\r") == "..." }) else {
            return (nil, text, 0)
        }
        let yaml = lines[..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        return (yaml, body, end + 2)
    }

    public static func parse(_ yaml: String, source: String) throws(DiagnosticsError) -> FrontMatter {
        var matter = FrontMatter()
        // Front matter starts on line 2 of the file, after the opening `---`.
        let shifted = String(repeating: "\n", count: 1) + yaml
        guard let node = try YAMLDiagnostics.compose(shifted, source: source) else { return matter }
        guard case .mapping(let mapping) = node else {
            throw DiagnosticsError(.error(at: SourceLocation(file: source, line: 2, column: 1), "front matter must be a mapping such as `title: …`"))
        }
        var diagnostics = DiagnosticCollector()
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let at = SourceLocation(file: source, line: value.mark?.line ?? 1, column: value.mark?.column ?? 1)
            switch key {
            case "title": matter.title = value.string
            case "summary": matter.summary = value.string
            case "language": matter.language = value.string
            case "order":
                guard let n = value.string.flatMap({ Int($0) }) else {
                    diagnostics.error(at: at, "`order` must be a whole number")
                    continue
                }
                matter.order = n
            case "draft":
                switch value.string?.lowercased() {
                case "true", "yes": matter.draft = true
                case "false", "no": matter.draft = false
                default: diagnostics.error(at: at, "`draft` must be true or false")
                }
            case "authors":
                matter.authors = value.sequence?.compactMap { $0.string } ?? (value.string.map { [$0] } ?? [])
            default:
                diagnostics.error(at: SourceLocation(file: source, line: keyNode.mark?.line ?? 1, column: keyNode.mark?.column ?? 1),
                                  "unknown front matter key \"\(key)\"", hint: Suggestion.hint(for: key, in: keys))
            }
        }
        try diagnostics.throwIfErrors()
        return matter
    }
}

extension Substring {
    func trimmingCharacters(in set: Character) -> Substring {
        var s = self
        while s.last == set { s.removeLast() }
        return s
    }
}
