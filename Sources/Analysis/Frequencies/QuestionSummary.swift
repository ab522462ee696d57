import SurveyData

/// One option's frequency.
public struct CategoryFrequency: Sendable, Hashable {
    public var code: String
    public var label: LocalizedText
    public var share: Share
}

/// Numeric summaries (R: mean, sd, quantile type 7).
public struct NumericSummary: Sendable, Hashable {
    public var mean: Double?
    public var sd: Double?
    public var min: Double?
    public var q1: Double?
    public var median: Double?
    public var q3: Double?
    public var max: Double?
}

/// Everything the report says about one question on its own.
public struct QuestionSummary: Sendable, Hashable {
    public var id: String
    public var type: QuestionType
    public var valid: Int
    public var missing: Int
    public var notAsked: Int
    /// One per option, in codebook order (single, likert, multi).
    public var categories: [CategoryFrequency]
    /// Likert: mean and sd of the codes (which must be numbers); top-box share.
    public var mean: Double?
    public var sd: Double?
    public var topBox: Share?
    public var numeric: NumericSummary?
    /// Under a declared design: the (likert or numeric) mean's standard error and normal 95% interval.
    public var meanStandardError: Double?
    public var meanInterval: [Double]?
}
