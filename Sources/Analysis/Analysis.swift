import Concurrency
import SurveyData

/// The analysis of one survey: what `findings analyze` prints and every page draws on.
public struct SurveyAnalysis: Sendable {
    public var respondents: Int
    public var questions: [QuestionSummary]
    public var crosstabs: [CrossTab]

    /// The declared sampling design every estimate is made under, when there is one.
    public var design: SurveyDesign?

    public init(_ survey: Survey, breakdowns: [String], design: SurveyDesign? = nil) {
        respondents = survey.respondentCount
        questions = Frequencies.summarize(survey)
        crosstabs = CrossTabulation.all(survey, breakdowns: breakdowns)
        self.design = design
        if let design {
            // The raw-count chi-square test ignores the design; its design-based counterpart
            // (Rao–Scott) is not computed yet, so a designed survey's tables carry no test.
            for k in crosstabs.indices { (crosstabs[k].test, crosstabs[k].pAdjusted) = (nil, nil) }
            let summaries = questions
            questions = Parallel.map(summaries.count) { q in
                var summary = summaries[q]
                DesignEstimates.apply(design, to: &summary, question: survey.codebook.questions[q], column: survey.columns[q])
                return summary
            }
        }
    }

    public func question(_ id: String) -> QuestionSummary? {
        questions.first { $0.id == id }
    }

    /// The cross-tabulations of `row` by `column`. Two breakdowns are crossed once (DATA.md), so
    /// the later one by the earlier is the same table transposed: every pair of breakdowns has
    /// its table either way round.
    public func crosstabs(row: String, column: String) -> [CrossTab] {
        let direct = crosstabs.filter { $0.row == row && $0.column == column }
        if !direct.isEmpty { return direct }
        return crosstabs.filter { $0.row == column && $0.column == row && $0.option == nil }.map { $0.transposed() }
    }
}
