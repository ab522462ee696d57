import SurveyData

/// The analysis of one survey: what `findings analyze` prints and every page draws on.
public struct SurveyAnalysis: Sendable {
    public var respondents: Int
    public var questions: [QuestionSummary]
    public var crosstabs: [CrossTab]

    public init(_ survey: Survey, breakdowns: [String]) {
        respondents = survey.respondentCount
        questions = Frequencies.summarize(survey)
        crosstabs = CrossTabulation.all(survey, breakdowns: breakdowns)
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
