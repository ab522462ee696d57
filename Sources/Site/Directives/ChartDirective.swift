import Analysis
import Charts
import Diagnostics
import Markdown
import SurveyData

/// A ```` ```chart ```` block: a question's shares drawn as an inline SVG figure.
struct ChartDirective {
    var id: String
    var question: Question
    var title: String?
    var caption: String?
    /// Bars in codebook order, or largest first (the default for multi-select questions,
    /// whose options have no natural order).
    var sortByValue: Bool

    static let keys = ["question", "title", "caption", "id", "sort"]

    static func parse(_ body: DirectiveBody, codebook: Codebook) throws(DiagnosticsError) -> ChartDirective {
        var diagnostics = DiagnosticCollector()
        diagnostics.append(contentsOf: body.unknownKeys(allowed: keys))
        guard let questionNode = body.value("question"), let questionID = questionNode.string else {
            diagnostics.error(at: body.blockLocation, "a chart needs `question: ID`")
            throw DiagnosticsError(diagnostics: diagnostics.sorted)
        }
        guard let question = codebook.question(questionID) else {
            diagnostics.error(at: body.location(of: questionNode), "unknown question \"\(questionID)\"",
                              hint: Suggestion.hint(for: questionID, in: codebook.questions.map(\.id)))
            throw DiagnosticsError(diagnostics: diagnostics.sorted)
        }
        if !question.type.isCategorical {
            diagnostics.error(at: body.location(of: questionNode),
                              "question \"\(questionID)\" is \(question.type.rawValue); a bar chart needs a single, multi or likert question")
        }
        var sortByValue = question.type == .multi
        if let sort = body.value("sort") {
            switch sort.string {
            case "value": sortByValue = true
            case "none", "codebook": sortByValue = false
            default: diagnostics.error(at: body.location(of: sort), "`sort` must be value or codebook")
            }
        }
        try diagnostics.throwIfErrors()
        return ChartDirective(id: body.string("id") ?? question.id, question: question,
                              title: body.string("title"), caption: body.string("caption"), sortByValue: sortByValue)
    }

    /// The chart's bars: one per option, suppressed below the disclosure threshold.
    func chart(summary: QuestionSummary, language: String, minCell: Int) -> BarChart {
        let categories = sortByValue
            ? summary.categories.enumerated().sorted { a, b in
                (a.element.share.proportion ?? 0, -a.offset) > (b.element.share.proportion ?? 0, -b.offset)
            }.map(\.element)
            : summary.categories
        let bars = categories.map { category -> BarDatum in
            let label = category.label.text(in: language)
            let share = category.share
            if share.count > 0 && share.count < minCell {
                return BarDatum(label: label, value: nil, valueLabel: "<\(minCell)")
            }
            return BarDatum(label: label, value: share.proportion ?? 0, lower: share.lower, upper: share.upper,
                            valueLabel: NumberFormat.percent(share.proportion ?? 0, decimals: 0))
        }
        return BarChart(id: "fig-\(id)", title: title ?? question.text.text(in: language), bars: bars)
    }
}
