/// A count out of a denominator, with its share and Wilson interval.
public struct Share: Sendable, Hashable {
    public var count: Int
    /// The valid respondents it is a share of.
    public var n: Int
    /// The weighted count (Σw of those counted), when weights exist.
    public var weightedCount: Double?
    /// Weighted when weights exist; nil when the denominator is 0.
    public var proportion: Double?
    public var lower: Double?
    public var upper: Double?
    /// Kish's effective n the interval was computed on, when weighted.
    public var effectiveN: Double?
    /// Under a declared design: the standard error and design effect of `proportion` (its
    /// interval is then the design-based logit interval).
    public var standardError: Double?
    public var designEffect: Double?

    public init(count: Int, n: Int) {
        self.count = count
        self.n = n
        proportion = n > 0 ? Double(count) / Double(n) : nil
        if let ci = Wilson.interval(count: count, n: n) {
            lower = ci.lower
            upper = ci.upper
        }
    }

    /// A weighted share: the interval uses Kish's effective n of the question's valid respondents.
    public init(count: Int, n: Int, weightedCount: Double, weightedN: Double, effectiveN: Double) {
        self.count = count
        self.n = n
        self.weightedCount = weightedCount
        self.effectiveN = effectiveN
        guard weightedN > 0 else { return }
        let p = weightedCount / weightedN
        proportion = p
        if let ci = Wilson.interval(proportion: p, n: effectiveN) {
            lower = ci.lower
            upper = ci.upper
        }
    }
}
