import Formats
import Diagnostics
import Words
import Markdown
import Privacy
import SurveyData

/// A ```quotes block: respondents' own words from a free-text question, only when the codebook
/// says the question may be published, only when at least `min_cell` people answered it, and
/// only after `Redaction` has taken out addresses, links, ID and telephone numbers.
enum QuotesBlock {
    static let keys = ["question", "title", "limit"]

    static func render(_ body: DirectiveBody, survey: Survey, disclosure: Disclosure, words: Words) throws(DiagnosticsError) -> String {
        var diagnostics = DiagnosticCollector()
        diagnostics.append(contentsOf: body.unknownKeys(allowed: keys))
        let codebook = survey.codebook
        guard let questionNode = body.value("question"), let id = questionNode.string else {
            throw DiagnosticsError(.error(at: body.blockLocation, "a quotes block needs `question: ID` (a free-text question)"))
        }
        guard let question = codebook.question(id) else {
            throw DiagnosticsError(.error(at: body.location(of: questionNode), "unknown question \"\(id)\"",
                                          hint: Suggestion.hint(for: id, in: codebook.questions.map(\.id))))
        }
        guard question.type == .text else {
            throw DiagnosticsError(.error(at: body.location(of: questionNode), "\"\(id)\" is not a free-text question"))
        }
        guard question.publish else {
            throw DiagnosticsError(.error(at: body.location(of: questionNode),
                                          "the answers to \"\(id)\" are not published",
                                          hint: "once they are cleared for publication, add `publish: true` to the question in codebook.yaml"))
        }
        var limit = 10
        if let node = body.value("limit") {
            if let n = node.string.flatMap(Int.init), n > 0 { limit = n } else { diagnostics.error(at: body.location(of: node), "`limit` must be a positive whole number") }
        }
        try diagnostics.throwIfErrors()
        guard case .text(_, let values?)? = survey.column(id) else { return "" }
        let answers = values.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        let title = body.string("title").map { "<figcaption>\(HTMLEscaping.escape($0))</figcaption>\n" } ?? ""
        guard !disclosure.isSmall(answers.count) && !answers.isEmpty else {
            let note = words.phrase("quotes_too_few", ["count": String(disclosure.minCell)])
            return "<figure class=\"quotes\">\n\(title)<p class=\"quotes-note\">\(note)</p>\n</figure>\n"
        }
        // Each answer once: the same words from several respondents are one quote.
        var seen = Set<String>()
        let distinct = answers.map { Redaction.redact($0.trimmingCharacters(in: .whitespacesAndNewlines)) }.filter { seen.insert($0).inserted }
        let shown = Array(distinct.prefix(limit))
        let items = shown.map { "<li><blockquote><p>\(HTMLEscaping.escape($0).replacingOccurrences(of: "\n", with: "<br>"))</p></blockquote></li>" }
        let note = words.phrase("quotes_note", ["shown": String(shown.count), "distinct": String(distinct.count), "answered": String(answers.count)])
        return "<figure class=\"quotes\">\n\(title)<ul class=\"quotes-list\">\n\(items.joined(separator: "\n"))\n</ul>\n<p class=\"quotes-note\">\(note)</p>\n</figure>\n"
    }
}
