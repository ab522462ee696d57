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
        var sums = Accumulator(tables: [k], design: design)
        sums.fill { filler in
            cell.withUnsafeBufferPointer { cell in
                for i in cell.indices where cell[i] >= 0 { filler.add(i, cell: Int(cell[i]), table: 0) }
            }
        }
        self = sums.totals(design: design)[0]
    }

    private init(cells: Int, weight: [Double], count: [Int], psuTotals: [Double], degreesOfFreedom: Int) {
        self.cells = cells
        self.weight = weight
        self.count = count
        self.psuTotals = psuTotals
        self.degreesOfFreedom = degreesOfFreedom
    }

    /// The sums of several tables over the same respondents, filled in one pass (a multi
    /// question's options against one breakdown): table t's cells are `offset[t] ..< offset[t] + k[t]`
    /// of one wide table, swept at once.
    struct Accumulator {
        let sizes: [Int]
        let offset: [Int]
        let width: Int
        let psuCount: Int
        let weights: [Double]
        let psu: [Int32]
        let combination: [Int32]
        let calibrated: Bool
        var raw: [Double]
        var weight: [Double]
        var count: [Int]
        var byCombination: [Double]
        var seen: [Bool]

        init(tables sizes: [Int], design: SurveyDesign) {
            self.sizes = sizes
            var offset: [Int] = [], at = 0
            for k in sizes { offset.append(at); at += k }
            self.offset = offset
            width = at
            psuCount = design.psuCount
            weights = design.weights
            psu = design.psu
            combination = design.raking?.combination ?? []
            calibrated = design.raking != nil
            raw = [Double](repeating: 0, count: design.psuCount * at)
            weight = [Double](repeating: 0, count: at)
            count = [Int](repeating: 0, count: at)
            byCombination = [Double](repeating: 0, count: (design.raking?.combinations ?? 0) * at)
            seen = [Bool](repeating: false, count: design.psuCount * sizes.count)
        }

        /// Writes into the sums through `body`'s filler: `filler.add(i, cell:, table:)` says
        /// that respondent i falls in `cell` of table `table`.
        mutating func fill(_ body: (Filler) -> Void) {
            let (sizes, offset, width) = (sizes.count, offset, width)
            weights.withUnsafeBufferPointer { weights in
                psu.withUnsafeBufferPointer { psu in
                    combination.withUnsafeBufferPointer { combination in
                        raw.withUnsafeMutableBufferPointer { raw in
                            weight.withUnsafeMutableBufferPointer { weight in
                                count.withUnsafeMutableBufferPointer { count in
                                    byCombination.withUnsafeMutableBufferPointer { byCombination in
                                        seen.withUnsafeMutableBufferPointer { seen in
                                            body(Filler(tables: sizes, offset: offset, width: width, weights: weights, psu: psu,
                                                        combination: combination, calibrated: calibrated, raw: raw, weight: weight,
                                                        count: count, byCombination: byCombination, seen: seen))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        struct Filler {
            let tables: Int
            let offset: [Int]
            let width: Int
            let weights: UnsafeBufferPointer<Double>
            let psu: UnsafeBufferPointer<Int32>
            let combination: UnsafeBufferPointer<Int32>
            let calibrated: Bool
            let raw: UnsafeMutableBufferPointer<Double>
            let weight: UnsafeMutableBufferPointer<Double>
            let count: UnsafeMutableBufferPointer<Int>
            let byCombination: UnsafeMutableBufferPointer<Double>
            let seen: UnsafeMutableBufferPointer<Bool>

            @inline(__always) func add(_ i: Int, cell: Int, table: Int) {
                let w = weights[i]
                guard w != 0 else { return }
                let c = offset[table] + cell, p = Int(psu[i])
                raw[p * width + c] += w
                weight[c] += w
                count[c] += 1
                seen[p * tables + table] = true
                if calibrated { byCombination[Int(combination[i]) * width + c] += 1 }
            }
        }

        func totals(design: SurveyDesign) -> [CellTotals] {
            let k = width
            var swept = raw
            if let raking = design.raking {
                // Per margin, the sums per raking cell of w / w_k: w / w_k depends on the
                // respondent's combination of raking cells alone, so it is that combination's
                // ratio times its respondents in the cell.
                let margins = raking.margins.count
                let sums = raking.margins.indices.map { m -> [Double] in
                    var sums = [Double](repeating: 0, count: raking.margins[m].targets.count * k)
                    for j in 0..<raking.combinations {
                        let ratio = raking.stepRatios[m][j], at = Int(raking.combinationCells[j * margins + m]) * k
                        for c in 0..<k where byCombination[j * k + c] != 0 { sums[at + c] += ratio * byCombination[j * k + c] }
                    }
                    return sums
                }
                swept = design.sweptTotals(raw: raw, cellSums: sums, dimension: k)
            }
            return sizes.indices.map { t in
                let size = sizes[t], start = offset[t]
                var psuTotals = [Double](repeating: 0, count: psuCount * size)
                for p in 0..<psuCount { for c in 0..<size { psuTotals[p * size + c] = swept[p * k + start + c] } }
                let seenPSUs = (0..<psuCount).map { seen[$0 * sizes.count + t] }
                return CellTotals(cells: size, weight: Array(weight[start..<start + size]), count: Array(count[start..<start + size]),
                                  psuTotals: psuTotals, degreesOfFreedom: design.degreesOfFreedom(seenPSUs: seenPSUs))
            }
        }
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
