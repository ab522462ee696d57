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

    /// R's `mean` of a sample in which `values[i]` occurs `counts[i]` times, without expanding it.
    public static func mean(_ values: [Double], counts: [Int]) -> Double? {
        let n = Double(counts.reduce(0, +))
        guard n > 0 else { return nil }
        var s = 0.0
        for (v, k) in zip(values, counts) { s += v * Double(k) }
        var m = s / n
        if m.isFinite {
            var t = 0.0
            for (v, k) in zip(values, counts) { t += (v - m) * Double(k) }
            m += t / n
        }
        return m
    }

    /// R's `sd` of a sample in which `values[i]` occurs `counts[i]` times. Nil below two values.
    public static func sd(_ values: [Double], counts: [Int]) -> Double? {
        let n = counts.reduce(0, +)
        guard n >= 2, let m = mean(values, counts: counts) else { return nil }
        var ss = 0.0
        for (v, k) in zip(values, counts) { ss += (v - m) * (v - m) * Double(k) }
        return (ss / Double(n - 1)).squareRoot()
    }

    /// R's `quantile(x, probs, type = 7)` for several probabilities at once, found by selection
    /// rather than a full sort (linear time). `x` is reordered. Nil each when `x` is empty.
    public static func quantiles(selectingIn x: inout [Double], _ probabilities: [Double]) -> [Double?] {
        guard !x.isEmpty else { return probabilities.map { _ in nil } }
        return x.withUnsafeMutableBufferPointer { buffer in
            probabilities.map { p in
                let index = 1 + Double(buffer.count - 1) * p
                let lo = Int(index.rounded(.down))
                let qs = select(buffer, lo - 1)
                let h = index - Double(lo)
                guard index > Double(lo) else { return qs }
                // The next order statistic is the smallest value above position lo - 1.
                var next = Double.infinity
                for i in lo..<buffer.count where buffer[i] < next { next = buffer[i] }
                return next != qs ? (1 - h) * qs + h * next : qs
            }
        }
    }

    /// The k-th smallest value (0-based), leaving smaller values before position k and larger
    /// after it (Hoare's selection with a median-of-three pivot, sorting the rest if it degrades).
    static func select(_ x: UnsafeMutableBufferPointer<Double>, _ k: Int) -> Double {
        var lo = 0, hi = x.count - 1
        var rounds = 0
        while hi > lo {
            rounds += 1
            if rounds > 64 {
                // Pivots keep going wrong (an adversarial order): finish by sorting what is left.
                var rest = UnsafeMutableBufferPointer(rebasing: x[lo...hi])
                rest.sort()
                return x[k]
            }
            let mid = lo + (hi - lo) / 2
            if x[mid] < x[lo] { x.swapAt(mid, lo) }
            if x[hi] < x[lo] { x.swapAt(hi, lo) }
            if x[hi] < x[mid] { x.swapAt(hi, mid) }
            let pivot = x[mid]
            var i = lo, j = hi
            while i <= j {
                while x[i] < pivot { i += 1 }
                while pivot < x[j] { j -= 1 }
                if i <= j {
                    x.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { hi = j } else if k >= i { lo = i } else { return x[k] }
        }
        return x[k]
    }

    /// Kish's effective sample size (Σw)² / Σw².
    public static func kishEffectiveN(sumWeights: Double, sumSquaredWeights: Double) -> Double {
        sumSquaredWeights > 0 ? sumWeights * sumWeights / sumSquaredWeights : 0
    }
}
