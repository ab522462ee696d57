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
    /// The page's date as written (kept for authors coming from Hugo; not shown).
    public var date: String?

    /// `weight` is Hugo's name for `order`, accepted so Hugo pages build as they are.
    static let keys = ["title", "summary", "order", "weight", "draft", "language", "authors", "date"]

    /// Splits `---` front matter from the Markdown body. The body's first line number is returned
    /// so that positions in the body are reported as lines of the whole file.
    public static func split(_ text: String) -> (yaml: String?, body: String, bodyLineOffset: Int) {
        // Line by line over UTF-8 from the top, stopping at the closing fence: the body (which may
        // be megabytes) is never split into lines.
        let utf8 = text.utf8
        func lineEnd(_ from: String.Index) -> String.Index { utf8[from...].firstIndex(of: 0x0A) ?? text.endIndex }
        func isFence(_ line: Substring, _ marks: [String]) -> Bool {
            var trimmed = line
            while trimmed.utf8.last == 0x0D { trimmed = trimmed.dropLast() }
            return marks.contains { trimmed == $0 }
        }
        let firstEnd = lineEnd(text.startIndex)
        guard isFence(text[text.startIndex..<firstEnd], ["---"]), firstEnd < text.endIndex else { return (nil, text, 0) }
        let yamlStart = text.index(after: firstEnd)
        var lineStart = yamlStart
        var lines = 1
        while lineStart <= text.endIndex {
            let end = lineEnd(lineStart)
            lines += 1
            if isFence(text[lineStart..<end], ["---", "..."]) {
                let yaml = lineStart == yamlStart ? "" : String(text[yamlStart..<text.index(before: lineStart)])
                let body = end < text.endIndex ? String(text[text.index(after: end)...]) : ""
                return (yaml, body, lines)
            }
            if end == text.endIndex { break }
            lineStart = text.index(after: end)
        }
        return (nil, text, 0)
    }

    /// Whether the text's first line is a `---` fence (front matter begins), closed or not.
    public static func opensFence(_ text: String) -> Bool {
        var first = text.prefix { $0 != "\n" && $0 != "\r\n" }
        while first.last == "\r" { first = first.dropLast() }
        return first == "---"
    }

    public static func parse(_ yaml: String, source: String) throws(DiagnosticsError) -> FrontMatter {
        var matter = FrontMatter()
        // Front matter starts on line 2 of the file, after the opening `---`.
        let shifted = String(repeating: "\n", count: 1) + yaml
        // Every value is read as text below, so scalars need no tags: resolving them by regular
        // expression was most of the front matter's cost on a site of many pages.
        guard let node = try YAMLDiagnostics.compose(shifted, source: source, resolver: .basic) else { return matter }
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
            case "language":
                guard let tag = value.string, LanguageTag.isValid(tag) else {
                    diagnostics.error(at: at, "\"\(value.string ?? "")\" is not a language tag", hint: LanguageTag.hint)
                    continue
                }
                matter.language = tag
            case "order", "weight":
                guard let n = value.string.flatMap({ Int($0) }) else {
                    diagnostics.error(at: at, "`\(key)` must be a whole number")
                    continue
                }
                matter.order = n
            case "date": matter.date = value.string
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
