/// Quantiles under a design as R's `svyquantile(~x, subset(design, domain), p, ci = FALSE)`
/// computes them with its default rule, `qrule = "math"`: over the domain's respondents with a
/// weight above zero, sorted by value (ties in data order), the value after the last one whose
/// cumulative weight is at most p · Σw — or that value itself when the cumulative share equals
/// p exactly. Sums run in extended precision, as R's `cumsum` and `sum` do. One quirk is kept
/// to give R's numbers: when the smallest value alone weighs more than p, the rule answers the
/// second smallest.
public enum DesignQuantile {
    public static func math(_ x: [Double], weights: [Double], in domain: [Bool], probabilities: [Double]) -> [Double]? {
        var order: [Int] = []
        for i in x.indices where domain[i] && weights[i] != 0 { order.append(i) }
        guard !order.isEmpty else { return nil }
        order.sort { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        #if arch(x86_64)
        typealias Wide = Float80
        #else
        typealias Wide = Double
        #endif
        var running: Wide = 0
        let cumulative = order.map { i -> Double in running += Wide(weights[i]); return Double(running) }
        var total: Wide = 0
        for i in order { total += Wide(weights[i]) }
        let sum = Double(total)
        return probabilities.map { p in
            var position = 0
            for k in cumulative.indices.reversed() where cumulative[k] <= p * sum { position = k; break }
            let next = position == order.count - 1 ? position : position + 1
            return p - cumulative[position] / sum == 0 ? x[order[position]] : x[order[next]]
        }
    }
}
