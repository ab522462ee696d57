import Foundation

/// The beta distribution's quantiles (R's `qbeta`), for Korn and Graubard's interval.
public enum BetaDistribution {
    /// The `p` quantile of Beta(a, b): x with I_x(a, b) = p. A shape of 0 puts all the mass at
    /// that end (R's convention): Beta(0, b) is 0 and Beta(a, 0) is 1.
    public static func quantile(_ p: Double, a: Double, b: Double) -> Double {
        guard p >= 0, p <= 1, a >= 0, b >= 0, !(a == 0 && b == 0) else { return .nan }
        if a == 0 { return 0 }
        if b == 0 { return 1 }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        func cdf(_ x: Double) -> Double { IncompleteBeta.regularized(x: x, y: 1 - x, a: a, b: b) }
        // Bisection to a narrow bracket, then Newton steps on the density, kept inside it.
        var lo = 0.0, hi = 1.0
        var x = 0.5
        for _ in 0..<200 {
            x = (lo + hi) / 2
            if cdf(x) < p { lo = x } else { hi = x }
            if hi - lo <= 1e-7 * max(x, 1e-300) { break }
        }
        let logNorm = -IncompleteBeta.logBeta(a, b)
        for _ in 0..<60 {
            let density = exp(logNorm + (a - 1) * log(x) + (b - 1) * log1p(-x))
            guard density > 0, density.isFinite else { break }
            var next = x - (cdf(x) - p) / density
            if next <= lo || next >= hi { next = (lo + hi) / 2 }
            if cdf(next) < p { lo = next } else { hi = next }
            let step = abs(next - x)
            x = next
            if step <= 1e-15 * x { break }
        }
        return x
    }
}
