import SurveyData

/// A sampling design as R's `survey` package holds it after
/// `svydesign(ids = ~cluster or ~1, strata = ~stratum, weights = ~w, fpc = ~fpc, nest = TRUE)`:
/// each respondent's weight, stratum and primary sampling unit (PSU), and each stratum's
/// population size when a finite population correction is given. One stage: PSUs are the
/// respondents' clusters (or the respondents themselves), nested within strata.
public struct SurveyDesign: Sendable {
    /// What a stratum with a single PSU contributes to a variance (R's `options(survey.lonely.psu)`).
    public enum LonelyPSU: String, Sendable, CaseIterable {
        /// Such a stratum is an error.
        case fail
        /// It contributes nothing (the PSU was sampled with certainty).
        case certainty
        /// Its PSU is compared with the overall mean instead of its stratum's.
        case adjust
        /// It contributes the average of the other strata's contributions.
        case average
    }

    /// The weights estimates use: the design weights, or after calibration the raked ones.
    public private(set) var weights: [Double]
    /// The raking the weights come from, when calibrated (variances then sweep the estimating
    /// functions by its margins, as R does).
    public private(set) var raking: Raking?
    private(set) var rakingLoads: RakingLoads?
    /// Per respondent: the stratum (0..<strataCount) and the PSU (0..<psuCount, unique across strata).
    public let stratum: [Int32]
    public let psu: [Int32]
    public let strataCount: Int
    public let psuCount: Int
    /// Per PSU, its stratum; per stratum, how many PSUs were sampled and (with an fpc) how many
    /// the population has.
    public let psuStratum: [Int32]
    public let psusInStratum: [Int]
    public let population: [Double]?
    public let lonelyPSU: LonelyPSU
    /// The interval every share estimated under this design reports, so that charts, tables
    /// and findings give one interval for one number.
    public var intervals: IntervalMethod = .logit

    /// A design problem, named by what it concerns (a stratum or PSU label).
    public enum Problem: Error, Equatable, Sendable {
        case lonelyPSU(stratum: String)
        case populationBelowSample(stratum: String, population: Double, sampled: Int)
        case populationVaries(stratum: String)
    }

    /// `strata` and `clusters` are each respondent's labels (nil: one stratum; every respondent
    /// its own PSU); `fpc` each respondent's stratum population size (PSUs when clustered).
    public init(weights: [Double], strata: [String]? = nil, clusters: [String]? = nil, fpc: [Double]? = nil,
                lonelyPSU: LonelyPSU = .fail) throws(Problem) {
        try self.init(weights: weights, strata: strata.map(LabelColumn.init), clusters: clusters.map(LabelColumn.init),
                      fpc: fpc, lonelyPSU: lonelyPSU)
    }

    /// The same, with the labels numbered (as the responses' design columns are read).
    public init(weights: [Double], strata: LabelColumn?, clusters: LabelColumn?, fpc: [Double]? = nil,
                lonelyPSU: LonelyPSU = .fail) throws(Problem) {
        let n = weights.count
        self.weights = weights
        self.lonelyPSU = lonelyPSU
        // Strata numbered in order of first appearance, as the labels are.
        let stratum = strata?.codes ?? [Int32](repeating: 0, count: n)
        let strataNames = strata?.names ?? [""]
        // nest = TRUE: a PSU is its cluster within its stratum, numbered in order of first appearance.
        var psuStratum: [Int32] = []
        var psu = [Int32](repeating: 0, count: n)
        if let clusters {
            let clusterCount = clusters.names.count
            var index: [Int64: Int32] = [:]
            var dense = strataNames.count * clusterCount <= 1 << 24
                ? [Int32](repeating: -1, count: strataNames.count * clusterCount) : []
            for i in 0..<n {
                let key = Int(stratum[i]) * clusterCount + Int(clusters.codes[i])
                if !dense.isEmpty {
                    if dense[key] >= 0 { psu[i] = dense[key]; continue }
                    dense[key] = Int32(psuStratum.count)
                } else {
                    if let p = index[Int64(key)] { psu[i] = p; continue }
                    index[Int64(key)] = Int32(psuStratum.count)
                }
                psu[i] = Int32(psuStratum.count)
                psuStratum.append(stratum[i])
            }
        } else {
            for i in 0..<n { psu[i] = Int32(i) }
            psuStratum = stratum
        }
        var counts = [Int](repeating: 0, count: strataNames.count)
        for s in psuStratum { counts[Int(s)] += 1 }
        var population: [Double]?
        if let fpc {
            var sizes = [Double](repeating: .nan, count: strataNames.count)
            for i in 0..<n {
                let h = Int(stratum[i])
                if sizes[h].isNaN { sizes[h] = fpc[i] } else if sizes[h] != fpc[i] {
                    throw .populationVaries(stratum: strataNames[h])
                }
            }
            for h in sizes.indices where sizes[h] < Double(counts[h]) {
                throw .populationBelowSample(stratum: strataNames[h], population: sizes[h], sampled: counts[h])
            }
            population = sizes
        }
        if lonelyPSU == .fail, let h = counts.firstIndex(of: 1) { throw .lonelyPSU(stratum: strataNames[h]) }
        self.stratum = stratum
        self.psu = psu
        strataCount = strataNames.count
        psuCount = psuStratum.count
        self.psuStratum = psuStratum
        psusInStratum = counts
        self.population = population
    }

    /// The same design with its weights raked to population margins.
    public func calibrated(by raking: Raking) -> SurveyDesign {
        var copy = self
        copy.weights = raking.weights
        copy.raking = raking
        copy.rakingLoads = RakingLoads(raking, psu: psu, psuCount: psuCount)
        return copy
    }

    /// R's `degf(design)`: PSUs minus strata.
    public var degreesOfFreedom: Int { psuCount - strataCount }

    /// `degf` of the design restricted to `domain` (R's `degf(subset(design, domain))`): the PSUs
    /// and strata that hold a respondent of the domain with a weight above zero.
    public func degreesOfFreedom(in domain: [Bool]) -> Int {
        var seen = [Bool](repeating: false, count: psuCount)
        for i in weights.indices where domain[i] && weights[i] != 0 { seen[Int(psu[i])] = true }
        return degreesOfFreedom(seenPSUs: seen)
    }

    /// `degf` of a domain from the PSUs that hold one of its respondents: those PSUs less their strata.
    func degreesOfFreedom(seenPSUs seen: [Bool]) -> Int {
        var strata = [Bool](repeating: false, count: strataCount)
        var psus = 0
        for p in seen.indices where seen[p] { psus += 1; strata[Int(psuStratum[p])] = true }
        return psus - strata.filter { $0 }.count
    }

    /// The variance of a total whose linearised value for respondent i is `z[i]` (R's
    /// `svyrecvar` for one stage): per stratum, (1 − f) n/(n − 1) times the sum of squared
    /// deviations of the PSU totals from their mean, with lonely PSUs as `lonelyPSU` says.
    public func variance(ofTotal z: [Double]) -> Double {
        variance(ofPSUTotals: psuTotals(of: z))
    }

    /// The variance of a total from its PSU totals (of linearised values already swept, when calibrated).
    public func variance(ofPSUTotals totals: [Double]) -> Double {
        var sums = [Double](repeating: 0, count: strataCount)
        for p in 0..<psuCount { sums[Int(psuStratum[p])] += totals[p] }
        var contribution = [Double](repeating: 0, count: strataCount)
        for p in 0..<psuCount {
            let h = Int(psuStratum[p])
            let n = psusInStratum[h]
            let deviation: Double
            if n > 1 || lonelyPSU != .adjust {
                deviation = totals[p] - sums[h] / Double(n)
            } else {
                deviation = totals[p]   // adjust: from the overall mean, which z is centred on
            }
            contribution[h] += deviation * deviation
        }
        let (scales, rescale) = stratumScales()
        var total = 0.0
        for h in 0..<strataCount { if let scale = scales[h] { total += contribution[h] * scale } }
        return total * rescale
    }

    /// Per PSU, the total of the linearised values `z` (swept by the raking margins when
    /// calibrated, as R's `sweep` does, but from sums: see `sweptTotals`).
    public func psuTotals(of z: [Double]) -> [Double] {
        var totals = [Double](repeating: 0, count: psuCount)
        for i in z.indices { totals[Int(psu[i])] += z[i] }
        guard let raking else { return totals }
        var sums = raking.margins.map { [Double](repeating: 0, count: $0.targets.count) }
        for k in raking.margins.indices {
            let cell = raking.margins[k].cell, inverse = raking.inverseStepWeights[k]
            for i in z.indices where z[i] != 0 { sums[k][Int(cell[i])] += z[i] * inverse[i] }
        }
        return sweptTotals(raw: totals, cellSums: sums, dimension: 1)
    }

    /// The PSU totals of `d` vectors swept by the raking margins, from their raw PSU totals
    /// (`raw`, PSU-major, d per PSU) and their sums per cell of each margin of z / w_k: the raw
    /// totals less, per PSU, its Σ w_k over each raking cell times that cell's accumulated mean.
    func sweptTotals(raw: [Double], cellSums: [[Double]], dimension d: Int) -> [Double] {
        guard let raking, let loads = rakingLoads else { return raw }
        let means = raking.sweepMeans(cellSums: cellSums, dimension: d)
        var totals = raw
        for p in 0..<psuCount {
            let base = p * d
            for e in loads.start[p]..<loads.start[p + 1] {
                let value = loads.value[e], mean = means[Int(loads.margin[e])]
                let at = Int(loads.cell[e]) * d
                for j in 0..<d { totals[base + j] -= value * mean[at + j] }
            }
        }
        return totals
    }

    /// Per PSU, the raking cells its respondents fall in and their Σ w_k there (the weights
    /// after margin k's step in the last pass): what the sweep subtracts from the PSU's totals.
    struct RakingLoads: Sendable {
        var start: [Int]
        var margin: [Int32]
        var cell: [Int32]
        var value: [Double]

        init(_ raking: Raking, psu: [Int32], psuCount: Int) {
            // The respondents in PSU order (a counting sort), then each PSU's cells per margin.
            var start = [Int](repeating: 0, count: psuCount + 1)
            for p in psu { start[Int(p) + 1] += 1 }
            for p in 0..<psuCount { start[p + 1] += start[p] }
            var order = [Int](repeating: 0, count: psu.count), next = start
            for i in psu.indices { order[next[Int(psu[i])]] = i; next[Int(psu[i])] += 1 }
            var scratch = raking.margins.map { [Double](repeating: 0, count: $0.targets.count) }
            var touched: [Int32] = []
            var loads = (start: [0], margin: [Int32](), cell: [Int32](), value: [Double]())
            for p in 0..<psuCount {
                for (k, m) in raking.margins.enumerated() {
                    for at in start[p]..<start[p + 1] {
                        let i = order[at], c = Int(m.cell[i])
                        if scratch[k][c] == 0 { touched.append(Int32(c)) }
                        scratch[k][c] += raking.stepWeights[k][i]
                    }
                    for c in touched {
                        loads.margin.append(Int32(k)); loads.cell.append(c); loads.value.append(scratch[k][Int(c)])
                        scratch[k][Int(c)] = 0
                    }
                    touched.removeAll(keepingCapacity: true)
                }
                loads.start.append(loads.value.count)
            }
            self.start = loads.start
            margin = loads.margin
            cell = loads.cell
            value = loads.value
        }
    }

    /// Each stratum's factor on its sum of squared PSU deviations — (1 − f) n/(n − 1), or (1 − f)
    /// for a lonely PSU — nil for a stratum that contributes nothing (a census, or a lonely PSU
    /// under `average`), and the factor on the whole for `average` (strata over strata kept).
    func stratumScales() -> (scales: [Double?], rescale: Double) {
        var lonely = 0
        let scales = (0..<strataCount).map { h -> Double? in
            let n = psusInStratum[h]
            let f = population.map { $0[h].isInfinite ? 1 : ($0[h] - Double(n)) / $0[h] } ?? 1
            if f < 1e-7 { return nil }
            if n == 1 && lonelyPSU == .average { lonely += 1; return nil }
            return n > 1 ? f * Double(n) / Double(n - 1) : f
        }
        let rescale = lonely > 0 && lonely < strataCount ? Double(strataCount) / Double(strataCount - lonely) : 1
        return (scales, rescale)
    }

    /// The covariance matrix of totals whose linearised values are summed per PSU in `psuTotals`
    /// (PSU-major, `dimension` values each): the matrix form of `variance(ofTotal:)`.
    public func covariance(psuTotals t: [Double], dimension k: Int) -> [Double] {
        var means = [Double](repeating: 0, count: strataCount * k)
        for p in 0..<psuCount {
            let h = Int(psuStratum[p])
            for a in 0..<k { means[h * k + a] += t[p * k + a] }
        }
        for h in 0..<strataCount { for a in 0..<k { means[h * k + a] /= Double(psusInStratum[h]) } }
        var out = [Double](repeating: 0, count: k * k)
        let (scales, rescale) = stratumScales()
        var deviation = [Double](repeating: 0, count: k)
        for p in 0..<psuCount {
            let h = Int(psuStratum[p])
            guard let s = scales[h] else { continue }
            let centred = psusInStratum[h] > 1 || lonelyPSU != .adjust
            for a in 0..<k { deviation[a] = t[p * k + a] - (centred ? means[h * k + a] : 0) }
            for a in 0..<k where deviation[a] != 0 {
                let da = deviation[a] * s
                for b in a..<k { out[a * k + b] += da * deviation[b] }
            }
        }
        // The upper triangle, mirrored.
        for a in 0..<k { for b in 0..<a { out[a * k + b] = out[b * k + a] } }
        if rescale != 1 { for i in out.indices { out[i] *= rescale } }
        return out
    }

    /// The variance of a total from, per stratum, the sum of its PSU totals and the sum of their
    /// squares: what `variance(ofTotal:)` computes, for callers that have these sums already.
    public func variance(stratumSums sums: [Double], squares: [Double]) -> Double {
        let (scales, rescale) = stratumScales()
        var total = 0.0
        for h in 0..<strataCount {
            guard let scale = scales[h] else { continue }
            let centred = psusInStratum[h] > 1 || lonelyPSU != .adjust
            total += (squares[h] - (centred ? sums[h] * sums[h] / Double(psusInStratum[h]) : 0)) * scale
        }
        return total * rescale
    }
}

/// Raking to population margins (R's `rake(design, margins, population totals, control =
/// list(maxit = 1000, epsilon = 1e-10))`): each pass post-stratifies to every margin in turn;
/// passes stop when no cell of the joint table of the margins changes by more than
/// 1e-10 × Σw. What variances need afterwards: each margin's cell of every respondent and the
/// weights after that margin's step in the last pass, to sweep the estimating functions.
public struct Raking: Sendable {
    /// Per margin, each respondent's cell (0..<cells) and the target total of each cell.
    public struct Margin: Sendable {
        public var cell: [Int32]
        public var targets: [Double]
        /// The question and each cell's code, for the report.
        public var question: String
        public var codes: [String]
        public init(cell: [Int32], targets: [Double], question: String = "", codes: [String] = []) {
            self.cell = cell
            self.targets = targets
            self.question = question
            self.codes = codes
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        case emptyCell(margin: Int, cell: Int)
        case noConvergence(passes: Int)
    }

    public let margins: [Margin]
    /// The raked weights, and per margin the weights right after its step in the last pass.
    public let weights: [Double]
    let stepWeights: [[Double]]
    public let passes: Int

    public init(weights start: [Double], margins: [Margin], maximumPasses: Int = 1000, epsilon: Double = 1e-10) throws(Problem) {
        self.margins = margins
        let tolerance = epsilon * start.reduce(0, +)
        // The joint table of the margins' cells: each respondent's combination of cells, numbered
        // densely in order of first appearance.
        var combination = [Int32](repeating: 0, count: start.count)
        var numbers: [[Int32]: Int32] = [:]
        var key = [Int32](repeating: 0, count: margins.count)
        for i in start.indices {
            for (k, m) in margins.enumerated() { key[k] = m.cell[i] }
            if let j = numbers[key] { combination[i] = j; continue }
            let j = Int32(numbers.count)
            numbers[key] = j
            combination[i] = j
        }
        let combinations = numbers.count
        func joint(_ w: [Double]) -> [Double] {
            var t = [Double](repeating: 0, count: combinations)
            for i in w.indices { t[Int(combination[i])] += w[i] }
            return t
        }
        var w = start
        var old = joint(w)
        var steps: [[Double]] = []
        var pass = 0
        var converged = false
        while pass < maximumPasses {
            steps = []
            for (k, m) in margins.enumerated() {
                var totals = [Double](repeating: 0, count: m.targets.count)
                for i in w.indices { totals[Int(m.cell[i])] += w[i] }
                if let empty = totals.firstIndex(of: 0) { throw .emptyCell(margin: k, cell: empty) }
                let factor = zip(m.targets, totals).map { $0 / $1 }
                for i in w.indices { w[i] *= factor[Int(m.cell[i])] }
                steps.append(w)
            }
            let new = joint(w)
            let delta = new.indices.reduce(0.0) { max($0, abs(new[$1] - old[$1])) }
            if delta < tolerance { converged = true; break }
            old = new
            pass += 1
        }
        if !converged { throw .noConvergence(passes: pass) }
        weights = w
        stepWeights = steps
        passes = pass + 1
        inverseStepWeights = steps.map { $0.map { 1 / $0 } }
        self.combination = combination
        self.combinations = combinations
        // w / w_k is the product of the steps after margin k in the last pass: a function of
        // the respondent's combination of cells alone (taken from its first respondent).
        var ratios = margins.map { _ in [Double](repeating: .nan, count: combinations) }
        var cells = [Int32](repeating: 0, count: combinations * margins.count)
        for i in w.indices where ratios[0][Int(combination[i])].isNaN {
            for k in margins.indices {
                ratios[k][Int(combination[i])] = w[i] / steps[k][i]
                cells[Int(combination[i]) * margins.count + k] = margins[k].cell[i]
            }
        }
        stepRatios = ratios
        combinationCells = cells
        cellCounts = margins.map { m in
            var counts = [Double](repeating: 0, count: m.targets.count)
            for c in m.cell { counts[Int(c)] += 1 }
            return counts
        }
        // gram[k][l][c · cells(l) + c′] = Σ over respondents in cell c of margin k and cell c′ of
        // margin l of w_l / w_k: how a step of margin l moves margin k's cell sums of z / w_k.
        gram = margins.indices.map { k in
            margins.indices.map { l in
                let cl = margins[l].targets.count
                var g = [Double](repeating: 0, count: margins[k].targets.count * cl)
                for i in w.indices {
                    g[Int(margins[k].cell[i]) * cl + Int(margins[l].cell[i])] += steps[l][i] / steps[k][i]
                }
                return g
            }
        }
    }

    let inverseStepWeights: [[Double]]
    /// Each respondent's combination of the margins' cells (0..<combinations), and per margin
    /// and combination the final weight over the weight after that margin's last step.
    let combination: [Int32]
    let combinations: Int
    let stepRatios: [[Double]]
    /// Per combination, its cell of each margin (combination-major).
    let combinationCells: [Int32]
    let cellCounts: [[Double]]
    let gram: [[[Double]]]

    /// The cell means of the ten sweeps R makes (`sweep`), accumulated per margin and cell, for
    /// `d` vectors at once, from each vector's sums per cell of each margin of z / w_k
    /// (`cellSums[k]`, cell-major, d per cell). Every step subtracts w_k times a cell mean, so a
    /// vector swept is z − Σ_k w_k · A_k[cell]; the means each step needs follow from the cell
    /// sums and the `gram` sums, whatever z is, so the ten passes run on the cells alone.
    func sweepMeans(cellSums: [[Double]], dimension d: Int) -> [[Double]] {
        let count = margins.count
        var accumulated = margins.map { [Double](repeating: 0, count: $0.targets.count * d) }
        var step = [Double](repeating: 0, count: d)
        for _ in 0..<10 {
            for k in 0..<count {
                for c in 0..<margins[k].targets.count {
                    for j in 0..<d { step[j] = cellSums[k][c * d + j] }
                    for l in 0..<count {
                        let cl = margins[l].targets.count
                        for c2 in 0..<cl {
                            let g = gram[k][l][c * cl + c2]
                            if g == 0 { continue }
                            for j in 0..<d { step[j] -= g * accumulated[l][c2 * d + j] }
                        }
                    }
                    let n = cellCounts[k][c]
                    for j in 0..<d { accumulated[k][c * d + j] += step[j] / n }
                }
            }
        }
        return accumulated
    }
}
