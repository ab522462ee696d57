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

    public let weights: [Double]
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
        let n = weights.count
        self.weights = weights
        self.lonelyPSU = lonelyPSU
        var strataIndex: [String: Int32] = [:]
        var strataNames: [String] = []
        var stratum = [Int32](repeating: 0, count: n)
        if let strata {
            for i in 0..<n {
                if let s = strataIndex[strata[i]] { stratum[i] = s; continue }
                let s = Int32(strataNames.count)
                strataIndex[strata[i]] = s
                strataNames.append(strata[i])
                stratum[i] = s
            }
        } else {
            strataNames = [""]
        }
        // nest = TRUE: a PSU is its label within its stratum.
        var psuIndex: [String: Int32] = [:]
        var psuStratum: [Int32] = []
        var psu = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            guard let clusters else {
                psu[i] = Int32(i)
                psuStratum.append(stratum[i])
                continue
            }
            let key = strataNames[Int(stratum[i])] + "\u{1}" + clusters[i]
            if let p = psuIndex[key] { psu[i] = p; continue }
            let p = Int32(psuStratum.count)
            psuIndex[key] = p
            psuStratum.append(stratum[i])
            psu[i] = p
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

    /// R's `degf(design)`: PSUs minus strata.
    public var degreesOfFreedom: Int { psuCount - strataCount }

    /// `degf` of the design restricted to `domain` (R's `degf(subset(design, domain))`): the PSUs
    /// and strata that hold a respondent of the domain with a weight above zero.
    public func degreesOfFreedom(in domain: [Bool]) -> Int {
        var psus = Set<Int32>(), strata = Set<Int32>()
        for i in weights.indices where domain[i] && weights[i] != 0 {
            psus.insert(psu[i])
            strata.insert(stratum[i])
        }
        return psus.count - strata.count
    }

    /// The variance of a total whose linearised value for respondent i is `z[i]` (R's
    /// `svyrecvar` for one stage): per stratum, (1 − f) n/(n − 1) times the sum of squared
    /// deviations of the PSU totals from their mean, with lonely PSUs as `lonelyPSU` says.
    public func variance(ofTotal z: [Double]) -> Double {
        var totals = [Double](repeating: 0, count: psuCount)
        for i in z.indices { totals[Int(psu[i])] += z[i] }
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
        var total = 0.0
        var lonely = 0
        for h in 0..<strataCount {
            let n = psusInStratum[h]
            let f = population.map { $0[h].isInfinite ? 1 : ($0[h] - Double(n)) / $0[h] } ?? 1
            if f < 1e-7 { continue }
            if n == 1 && lonelyPSU == .average { lonely += 1; continue }
            let scale = n > 1 ? f * Double(n) / Double(n - 1) : f
            total += contribution[h] * scale
        }
        if lonely > 0 && lonely < strataCount { total *= Double(strataCount) / Double(strataCount - lonely) }
        return total
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
        var lonely = 0
        var done = [Bool](repeating: false, count: strataCount)
        var scales = [Double](repeating: 0, count: strataCount)
        for h in 0..<strataCount {
            let n = psusInStratum[h]
            let f = population.map { $0[h].isInfinite ? 1 : ($0[h] - Double(n)) / $0[h] } ?? 1
            if f < 1e-7 { continue }
            if n == 1 && lonelyPSU == .average { lonely += 1; continue }
            scales[h] = n > 1 ? f * Double(n) / Double(n - 1) : f
            done[h] = true
        }
        var deviation = [Double](repeating: 0, count: k)
        for p in 0..<psuCount {
            let h = Int(psuStratum[p])
            guard done[h] else { continue }
            let centred = psusInStratum[h] > 1 || lonelyPSU != .adjust
            for a in 0..<k { deviation[a] = t[p * k + a] - (centred ? means[h * k + a] : 0) }
            let s = scales[h]
            for a in 0..<k where deviation[a] != 0 {
                let da = deviation[a] * s
                for b in 0..<k { out[a * k + b] += da * deviation[b] }
            }
        }
        if lonely > 0 && lonely < strataCount {
            let r = Double(strataCount) / Double(strataCount - lonely)
            for i in out.indices { out[i] *= r }
        }
        return out
    }

    /// The variance of a total from, per stratum, the sum of its PSU totals and the sum of their
    /// squares: what `variance(ofTotal:)` computes, for callers that have these sums already.
    public func variance(stratumSums sums: [Double], squares: [Double]) -> Double {
        var total = 0.0, lonely = 0
        for h in 0..<strataCount {
            let n = psusInStratum[h]
            let f = population.map { $0[h].isInfinite ? 1 : ($0[h] - Double(n)) / $0[h] } ?? 1
            if f < 1e-7 { continue }
            if n == 1 && lonelyPSU == .average { lonely += 1; continue }
            let centred = n > 1 || lonelyPSU != .adjust
            let spread = squares[h] - (centred ? sums[h] * sums[h] / Double(n) : 0)
            total += spread * (n > 1 ? f * Double(n) / Double(n - 1) : f)
        }
        if lonely > 0 && lonely < strataCount { total *= Double(strataCount) / Double(strataCount - lonely) }
        return total
    }
}
