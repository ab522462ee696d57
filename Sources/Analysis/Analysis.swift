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
}
