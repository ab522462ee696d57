import Foundation

/// Student's t distribution, to double precision: the quantiles the design-based intervals use
/// (R's `qt`), through the regularized incomplete beta function.
public enum StudentT {
    /// P(T ≤ t) with `df` degrees of freedom.
    public static func cdf(_ t: Double, df: Double) -> Double {
        guard t.isFinite else { return t > 0 ? 1 : 0 }
        let tail = 0.5 * IncompleteBeta.regularized(x: df / (df + t * t), y: t * t / (df + t * t), a: df / 2, b: 0.5)
        return t > 0 ? 1 - tail : tail
    }

    /// The `p` quantile with `df` degrees of freedom (0 < p < 1, df > 0).
    public static func quantile(_ p: Double, df: Double) -> Double {
        guard p > 0, p < 1, df > 0 else { return .nan }
        if p == 0.5 { return 0 }
        if p < 0.5 { return -quantile(1 - p, df: df) }
        // The upper tail 1 − p solved for t: bisection on a bracket, then Newton to full precision.
        let target = 1 - p
        func upper(_ t: Double) -> Double {
            0.5 * IncompleteBeta.regularized(x: df / (df + t * t), y: t * t / (df + t * t), a: df / 2, b: 0.5)
        }
        var lo = 0.0, hi = 1.0
        while upper(hi) > target { lo = hi; hi *= 2; if hi > 1e300 { return .infinity } }
        var t = (lo + hi) / 2
        for _ in 0..<200 {
            t = (lo + hi) / 2
            if upper(t) > target { lo = t } else { hi = t }
            if hi - lo <= 1e-6 * hi { break }
        }
        for _ in 0..<50 {
            let density = exp(IncompleteBeta.logGammaStep(df / 2) - 0.5 * log(df * Double.pi) - (df + 1) / 2 * log1p(t * t / df))
            let step = (upper(t) - target) / density
            t += step
            if abs(step) <= 1e-15 * abs(t) { break }
        }
        return t
    }
}

/// The regularized incomplete beta function I_x(a, b), by its continued fraction (Lentz), given
/// both x and y = 1 − x so that neither loses digits near 1.
enum IncompleteBeta {
    static func regularized(x: Double, y: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if y <= 0 { return 1 }
        let logX = x < 0.5 ? log(x) : log1p(-y), logY = y < 0.5 ? log(y) : log1p(-x)
        let front = exp(-logBeta(a, b) + a * logX + b * logY)
        // The fraction converges fast for x < (a + 1) / (a + b + 2); otherwise use the symmetry.
        if x < (a + 1) / (a + b + 2) { return front * fraction(x: x, y: y, a: a, b: b) / a }
        return 1 - front * fraction(x: y, y: x, a: b, b: a) / b
    }

    /// log B(a, b); with one argument ½ and the other large (t with many degrees of freedom),
    /// from the asymptotic series of log Γ(a + ½) − log Γ(a), where the difference of two
    /// large lgamma values would lose digits.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let logRootPi = 0.5723649429247001 // log Γ(½)
        if b == 0.5 && a > 1000 { return logRootPi - logGammaStep(a) }
        if a == 0.5 && b > 1000 { return logRootPi - logGammaStep(b) }
        return lgamma(a) + lgamma(b) - lgamma(a + b)
    }

    /// log Γ(a + ½) − log Γ(a).
    static func logGammaStep(_ a: Double) -> Double {
        guard a > 1000 else { return lgamma(a + 0.5) - lgamma(a) }
        let r = 1 / a, r2 = r * r
        return 0.5 * log(a) - r / 8 + r * r2 / 192 + r * r2 * r2 / 640 - 17 * r * r2 * r2 * r2 / 14336
    }

    private static func fraction(x: Double, y: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0, d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...10_000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
