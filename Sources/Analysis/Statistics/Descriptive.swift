/// Means, standard deviations and quantiles computed as R computes them.
public enum Descriptive {
    /// R's `mean`: a sum, then one correction pass.
    public static func mean(_ x: [Double]) -> Double? {
        guard !x.isEmpty else { return nil }
        let n = Double(x.count)
        var s = 0.0
        for v in x { s += v }
        var m = s / n
        if m.isFinite {
            var t = 0.0
            for v in x { t += v - m }
            m += t / n
        }
        return m
    }

    /// R's `sd`: the sample standard deviation (n − 1), two-pass. Nil below two values.
    public static func sd(_ x: [Double]) -> Double? {
        guard x.count >= 2, let m = mean(x) else { return nil }
        var ss = 0.0
        for v in x { ss += (v - m) * (v - m) }
        return (ss / Double(x.count - 1)).squareRoot()
    }

    /// Weighted mean Σwx / Σw; nil when the weights sum to 0.
    public static func weightedMean(_ x: [Double], weights w: [Double]) -> Double? {
        var sw = 0.0, swx = 0.0
        for i in x.indices {
            sw += w[i]
            swx += w[i] * x[i]
        }
        return sw > 0 ? swx / sw : nil
    }

    /// R's `quantile(x, probs, type = 7)` over values already sorted ascending.
    public static func quantile(sorted x: [Double], _ p: Double) -> Double? {
        guard !x.isEmpty else { return nil }
        let index = 1 + Double(x.count - 1) * p
        let lo = Int(index.rounded(.down))
        let hi = Int(index.rounded(.up))
        let qs = x[lo - 1]
        let h = index - Double(lo)
        if index > Double(lo) && x[hi - 1] != qs {
            return (1 - h) * qs + h * x[hi - 1]
        }
        return qs
    }

    /// Kish's effective sample size (Σw)² / Σw².
    public static func kishEffectiveN(sumWeights: Double, sumSquaredWeights: Double) -> Double {
        sumSquaredWeights > 0 ? sumWeights * sumWeights / sumSquaredWeights : 0
    }
}
