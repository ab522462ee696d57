/// Newcombe's score intervals for a difference of two proportions (Newcombe 1998, method 10),
/// built from the Wilson intervals of each share.
public enum Newcombe {
    /// Independent groups: p1 = x1/n1, p2 = x2/n2.
    public static func independent(x1: Int, n1: Int, x2: Int, n2: Int) -> (difference: Double, lower: Double, upper: Double)? {
        guard n1 > 0, n2 > 0, let a = Wilson.interval(count: x1, n: n1), let b = Wilson.interval(count: x2, n: n2) else { return nil }
        return independent(p1: Double(x1) / Double(n1), interval1: a, p2: Double(x2) / Double(n2), interval2: b)
    }

    /// Independent groups, from each share and its own 95% interval (Wilson's, weighted or not).
    public static func independent(p1: Double, interval1 a: (lower: Double, upper: Double),
                                   p2: Double, interval2 b: (lower: Double, upper: Double)) -> (difference: Double, lower: Double, upper: Double) {
        let d = p1 - p2
        let lower = d - ((p1 - a.lower) * (p1 - a.lower) + (b.upper - p2) * (b.upper - p2)).squareRoot()
        let upper = d + ((a.upper - p1) * (a.upper - p1) + (p2 - b.lower) * (p2 - b.lower)).squareRoot()
        return (d, lower, upper)
    }

    /// Paired shares of the same respondents: `both` said yes to both, `firstOnly` to the first
    /// only, `secondOnly` to the second only, `neither` to neither (Newcombe 1998b, method 10).
    public static func paired(both a: Int, firstOnly b: Int, secondOnly c: Int, neither d: Int) -> (difference: Double, lower: Double, upper: Double)? {
        paired(both: Double(a), firstOnly: Double(b), secondOnly: Double(c), neither: Double(d))
    }

    /// The same, from cells that need not be whole (weighted shares scaled to an effective n).
    public static func paired(both a: Double, firstOnly b: Double, secondOnly c: Double, neither d: Double) -> (difference: Double, lower: Double, upper: Double)? {
        let n = a + b + c + d
        guard n > 0 else { return nil }
        let p1 = (a + b) / n, p2 = (a + c) / n
        guard let w1 = Wilson.interval(proportion: p1, n: n), let w2 = Wilson.interval(proportion: p2, n: n) else { return nil }
        let delta = p1 - p2
        let denominator = (a + b) * (c + d) * (a + c) * (b + d)
        let phi = denominator > 0 ? (a * d - b * c) / denominator.squareRoot() : 0
        let dl = (p1 - w1.lower) * (p1 - w1.lower) - 2 * phi * (p1 - w1.lower) * (w2.upper - p2) + (w2.upper - p2) * (w2.upper - p2)
        let du = (w1.upper - p1) * (w1.upper - p1) - 2 * phi * (w1.upper - p1) * (p2 - w2.lower) + (p2 - w2.lower) * (p2 - w2.lower)
        return (delta, delta - max(0, dl).squareRoot(), delta + max(0, du).squareRoot())
    }
}
