import Foundation

/// The regularized incomplete gamma functions, for chi-square tail probabilities.
public enum IncompleteGamma {
    /// Q(a, x) = Γ(a, x) / Γ(a), the upper tail.
    public static func upper(a: Double, x: Double) -> Double {
        precondition(a > 0)
        if x <= 0 { return 1 }
        if x.isInfinite { return 0 }
        if x < a + 1 { return 1 - lowerSeries(a: a, x: x) }
        return upperContinuedFraction(a: a, x: x)
    }

    /// P(a, x) = γ(a, x) / Γ(a), the lower tail.
    public static func lower(a: Double, x: Double) -> Double {
        if x <= 0 { return 0 }
        if x.isInfinite { return 1 }
        if x < a + 1 { return lowerSeries(a: a, x: x) }
        return 1 - upperContinuedFraction(a: a, x: x)
    }

    /// log of the prefactor x^a e^-x / Γ(a).
    private static func logPrefactor(a: Double, x: Double) -> Double {
        a * log(x) - x - lgamma(a)
    }

    private static func lowerSeries(a: Double, x: Double) -> Double {
        var term = 1 / a
        var sum = term
        var ap = a
        for _ in 0..<100_000 {
            ap += 1
            term *= x / ap
            sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return sum * exp(logPrefactor(a: a, x: x))
    }

    /// Lentz's continued fraction for Q, accurate in relative terms far into the tail.
    private static func upperContinuedFraction(a: Double, x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 100_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-17 { break }
            i += 1
        }
        return exp(logPrefactor(a: a, x: x)) * h
    }
}

public enum ChiSquareDistribution {
    /// P(X > x) for X ~ χ²(df): R's `pchisq(x, df, lower.tail = FALSE)`.
    public static func upperTail(_ x: Double, df: Double) -> Double {
        IncompleteGamma.upper(a: df / 2, x: x / 2)
    }
}
