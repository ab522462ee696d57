/// The sufficient statistics of a categorical variable over a domain of a design: each cell's
/// Σw and respondents, and per PSU the total of each cell's weighted indicator w·[cell], swept
/// by the raking margins when the design is calibrated. Every domain mean of the variable, and
/// every contrast of such means, has linearised values that are a fixed combination of those
/// indicators (the sweep is linear), so its PSU totals — and so its variance — follow from these
/// P × k numbers without another pass over the respondents. One pass reads the respondents.
struct CellTotals {
    let cells: Int
    /// Per cell: Σw and the respondents with a weight above zero.
    var weight: [Double]
    var count: [Int]
    /// PSU-major: per PSU, per cell, the swept total of w·[cell].
    var psuTotals: [Double]
    /// `degf` of the domain: PSUs with a respondent of it, less their strata.
    var degreesOfFreedom: Int

    /// `cell[i]` is respondent i's cell (0..<cells), or −1 outside the domain.
    init(cell: [Int32], cells k: Int, design: SurveyDesign) {
        cells = k
        let w = design.weights, psu = design.psu
        var weight = [Double](repeating: 0, count: k), count = [Int](repeating: 0, count: k)
        var raw = [Double](repeating: 0, count: design.psuCount * k)
        var psuSeen = [Bool](repeating: false, count: design.psuCount)
        let raking = design.raking
        // Calibrated: each cell's respondents per combination of raking cells, since w / w_k
        // depends on the combination alone.
        var byCombination = [Double](repeating: 0, count: (raking?.combinations ?? 0) * k)
        let combination = raking?.combination ?? []
        for i in cell.indices {
            let c = Int(cell[i])
            guard c >= 0, w[i] != 0 else { continue }
            let p = Int(psu[i])
            raw[p * k + c] += w[i]
            weight[c] += w[i]
            count[c] += 1
            psuSeen[p] = true
            if raking != nil { byCombination[Int(combination[i]) * k + c] += 1 }
        }
        // Per margin, the sums per raking cell of w / w_k: per combination, its ratio times its respondents.
        var sums: [[Double]] = []
        if let raking {
            sums = raking.margins.indices.map { m -> [Double] in
                var sums = [Double](repeating: 0, count: raking.margins[m].targets.count * k)
                for j in 0..<raking.combinations {
                    let ratio = raking.stepRatios[m][j], at = Int(raking.combinationCells[j * raking.margins.count + m]) * k
                    for c in 0..<k where byCombination[j * k + c] != 0 { sums[at + c] += ratio * byCombination[j * k + c] }
                }
                return sums
            }
        }
        self.weight = weight
        self.count = count
        psuTotals = raking == nil ? raw : design.sweptTotals(raw: raw, cellSums: sums, dimension: k)
        var strataSeen = [Bool](repeating: false, count: design.strataCount)
        var psus = 0
        for p in psuSeen.indices where psuSeen[p] { psus += 1; strataSeen[Int(design.psuStratum[p])] = true }
        degreesOfFreedom = psus - strataSeen.filter { $0 }.count
    }

    var sumOfWeights: Double { weight.reduce(0, +) }
    var respondents: Int { count.reduce(0, +) }

    /// Per PSU, the total of the linearised values of the domain mean of y, where y is
    /// `values[c]` for a respondent of cell c: Σ_c (values[c] − mean) u_c / Σw.
    func meanTotals(of values: [Double]) -> (estimate: Double, totals: [Double])? {
        let all = sumOfWeights
        guard all > 0 else { return nil }
        var sum = 0.0
        for c in 0..<cells where values[c] != 0 { sum += weight[c] * values[c] }
        let mean = sum / all
        let deviation = values.map { $0 - mean }
        let psus = psuTotals.count / max(cells, 1)
        var totals = [Double](repeating: 0, count: psus)
        for q in 0..<psus {
            var t = 0.0
            for c in 0..<cells { t += deviation[c] * psuTotals[q * cells + c] }
            totals[q] = t / all
        }
        return (mean, totals)
    }

    /// The design-based domain mean of y (`values[c]` in cell c; 0 and 1 for a share), as
    /// `DesignMean` gives it.
    func mean(of values: [Double], design: SurveyDesign) -> DesignMean? {
        guard let (mean, totals) = meanTotals(of: values) else { return nil }
        let n = respondents, sumW = sumOfWeights
        let variance = design.variance(ofPSUTotals: totals)
        // svyvar's weighted variance with n/(n − 1), and the SRS variance of a mean of n drawn
        // without replacement from a population of Σw.
        var spread = 0.0
        for c in 0..<cells { spread += weight[c] * (values[c] - mean) * (values[c] - mean) }
        let s2 = spread / sumW * Double(n) / Double(n - 1)
        let srs = s2 * (sumW - Double(n)) / (sumW * Double(n))
        return DesignMean(estimate: mean, standardError: variance.squareRoot(), designEffect: variance / srs,
                          degreesOfFreedom: degreesOfFreedom, n: n, sumOfWeights: sumW,
                          rows: design.raking == nil ? n : design.weights.count)
    }
}
