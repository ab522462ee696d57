/// The Wilson score interval without continuity correction, written as R's
/// `prop.test(x, n, correct = FALSE)$conf.int` computes it, so the digits agree.
public enum Wilson {
    /// `qnorm(0.975)`: the double nearest R's value.
    public static let z = 1.959963984540054

    /// The interval for a share `p` of `n` (n may be an effective, non-whole size). Nil when n is 0.
    public static func interval(proportion p: Double, n: Double) -> (lower: Double, upper: Double)? {
        guard n > 0, p.isFinite else { return nil }
        let z22n = z * z / (2 * n)
        let half = z * (p * (1 - p) / n + z22n / (2 * n)).squareRoot()
        let lower = p <= 0 ? 0 : (p + z22n - half) / (1 + 2 * z22n)
        let upper = p >= 1 ? 1 : (p + z22n + half) / (1 + 2 * z22n)
        return (lower, upper)
    }

    public static func interval(count: Int, n: Int) -> (lower: Double, upper: Double)? {
        guard n > 0 else { return nil }
        return interval(proportion: Double(count) / Double(n), n: Double(n))
    }
}
