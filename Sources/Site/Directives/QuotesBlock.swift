import Diagnostics
import Markdown
import SurveyData

/// A ```quotes block: respondents' own words from a free-text question, only when the codebook
/// says the question may be published, only when at least `min_cell` people answered it, and
/// only after `Redaction` has taken out addresses, links, ID and telephone numbers.
enum QuotesBlock {
    static let keys = ["question", "title", "limit"]

    static func render(_ body: DirectiveBody, survey: Survey, disclosure: Disclosure, language: String) throws(DiagnosticsError) -> String {
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
        let zh = language == "zh"
        guard !disclosure.isSmall(answers.count) && !answers.isEmpty else {
            let note = zh ? "回答人数少于 \(disclosure.minCell)，不予显示。" : "Fewer than \(disclosure.minCell) people answered; no answers are shown."
            return "<figure class=\"quotes\">\n\(title)<p class=\"quotes-note\">\(note)</p>\n</figure>\n"
        }
        // Each answer once: the same words from several respondents are one quote.
        var seen = Set<String>()
        let distinct = answers.map { Redaction.redact($0.trimmingCharacters(in: .whitespacesAndNewlines)) }.filter { seen.insert($0).inserted }
        let shown = Array(distinct.prefix(limit))
        let items = shown.map { "<li><blockquote><p>\(HTMLEscaping.escape($0).replacingOccurrences(of: "\n", with: "<br>"))</p></blockquote></li>" }
        let note = zh
            ? "显示 \(distinct.count) 条不同回答中的 \(shown.count) 条（共 \(answers.count) 人作答）；电子邮件地址、电话号码、身份证号码和链接已删除。"
            : "\(shown.count) of \(distinct.count) distinct answers (\(answers.count) respondents answered), in the order given; e-mail addresses, telephone and ID numbers and links are removed."
        return "<figure class=\"quotes\">\n\(title)<ul class=\"quotes-list\">\n\(items.joined(separator: "\n"))\n</ul>\n<p class=\"quotes-note\">\(note)</p>\n</figure>\n"
    }
}
