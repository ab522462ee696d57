import SurveyData

/// Computes named findings from a survey.
public struct FindingCalculator {
    public let survey: Survey
    /// The declared design every share, mean and difference is estimated under, when there is one.
    public let design: SurveyDesign?

    public init(survey: Survey, design: SurveyDesign? = nil) {
        self.survey = survey
        self.design = design
    }

    public func compute(_ specs: [FindingSpec]) -> [FindingValue] {
        var done: [String: FindingValue] = [:]
        var out: [FindingValue] = []
        for spec in specs {
            let value = compute(spec, earlier: done)
            done[spec.name] = value
            out.append(value)
        }
        return out
    }

    /// Rows that pass the filter.
    func rows(_ filter: [String: [String]]) -> [Bool] {
        var keep = [Bool](repeating: true, count: survey.respondentCount)
        for (id, codes) in filter {
            guard let q = survey.codebook.index(of: id) else { continue }
            let question = survey.codebook.questions[q]
            let wanted = codes.compactMap { question.optionIndex(of: $0) }
            switch survey.columns[q] {
            case .categorical(let values):
                let set = Set(wanted.map(Int16.init))
                for i in keep.indices where keep[i] && !set.contains(values[i]) { keep[i] = false }
            case .multi(let masks):
                let mask = wanted.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
                for i in keep.indices where keep[i] && (!Column.isAnswer(masks[i]) || masks[i] & mask == 0) { keep[i] = false }
            default:
                break
            }
        }
        return keep
    }

    /// Per row: nil when not valid, else whether the answer is one of `codes`.
    func answers(_ question: String, codes: [String]) -> [Bool?] {
        guard let (cell, _, selected) = cells(question, codes: codes) else { return [] }
        return cell.map { $0 < 0 ? nil : selected[Int($0)] == 1 }
    }

    /// Each respondent's cell of a question as its summary counts them under a design — its
    /// answer's option (single, likert) or yes/no for the options asked about (multi) — with −1
    /// for no answer, and which cells are the share's.
    func cells(_ question: String, codes: [String]) -> (cell: [Int32], cells: Int, selected: [Double])? {
        guard let q = survey.codebook.index(of: question) else { return nil }
        let spec = survey.codebook.questions[q]
        let indices = codes.isEmpty ? Array(spec.options.indices) : codes.compactMap { spec.optionIndex(of: $0) }
        switch survey.columns[q] {
        case .categorical(let values):
            let set = Set(indices)
            return (values.map { Column.isAnswer($0) ? Int32($0) : -1 }, spec.options.count, spec.options.indices.map { set.contains($0) ? 1 : 0 })
        case .multi(let masks):
            let mask = indices.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
            return (masks.map { Column.isAnswer($0) ? ($0 & mask != 0 ? 0 : 1) : -1 }, 2, [1, 0])
        default:
            return nil
        }
    }

    /// The codes a share counts by default: the top box of a likert question, else none (must be given).
    public static func defaultCodes(_ question: Question) -> [String] {
        question.type == .likert ? question.topBox : []
    }

    /// The share of `answers` that are yes among the kept rows that answered: weighted (with
    /// Wilson's interval on Kish's effective n of those rows) when the survey has weights, as
    /// the frequencies are, so a finding and the chart of the same answer show one number.
    func tally(_ question: String, codes: [String], keep: [Bool]) -> Share {
        // Each kept respondent's cell of the question (−1: no answer, or not kept).
        guard let question = cells(question, codes: codes) else { return Share(count: 0, n: 0) }
        var cell = question.cell
        let (k, selected) = (question.cells, question.selected)
        for i in cell.indices where !keep[i] { cell[i] = -1 }
        guard let weights = design?.weights ?? survey.weights else {
            var x = 0, n = 0
            for c in cell where c >= 0 { n += 1; if selected[Int(c)] == 1 { x += 1 } }
            return Share(count: x, n: n)
        }
        var x = 0, n = 0
        var sumYes = 0.0, sum = 0.0, sumSquares = 0.0
        for i in cell.indices where cell[i] >= 0 {
            let w = weights[i]
            n += 1
            sum += w
            sumSquares += w * w
            if selected[Int(cell[i])] == 1 { x += 1; sumYes += w }
        }
        var share = Share(count: x, n: n, weightedCount: sumYes, weightedN: sum,
                          effectiveN: Descriptive.kishEffectiveN(sumWeights: sum, sumSquaredWeights: sumSquares))
        if let design, let m = CellTotals(cell: cell, cells: k, design: design).mean(of: selected, design: design) {
            // Under a design: the share of the domain (kept and answered), as svymean gives it,
            // with the interval the design reports; the counts beside it unweighted. Computed
            // from the question's own cells, as its chart's shares are, so the two agree to the bit.
            share.estimate(m, intervals: design.intervals)
        }
        return share
    }

    var weighted: Bool { survey.weights != nil }

    /// The interval a design reports, named as R names it; and the suffix of its method key.
    static func designInterval(_ design: SurveyDesign) -> String {
        switch design.intervals {
        case .logit: "95% logit interval (svyciprop xlogit)"
        case .beta: "95% Korn-Graubard interval (svyciprop beta)"
        case .wilson: "Wilson 95% interval on Kish's effective n"
        }
    }

    static func designIntervalSuffix(_ design: SurveyDesign) -> String {
        design.intervals == .logit ? "" : "_" + design.intervals.rawValue
    }

    func compute(_ spec: FindingSpec, earlier: [String: FindingValue]) -> FindingValue {
        var result = FindingValue(spec: spec, value: nil, lower: nil, upper: nil, count: nil, n: nil, optionCode: nil,
                                  optionLabel: nil, method: "", claimHolds: nil, pValue: nil)
        let keep = rows(spec.filter)
        let interval = weighted ? "Wilson 95% interval on Kish's effective n" : "Wilson 95% interval"
        switch spec.kind {
        case .share(let question, let codes):
            let share = tally(question, codes: codes, keep: keep)
            (result.value, result.lower, result.upper, result.count, result.n) = (share.proportion, share.lower, share.upper, share.count, share.n)
            result.method = (weighted ? "weighted share of valid answers, " : "share of valid answers, ") + interval
            result.methodKey = weighted ? "method_share_weighted" : "method_share"
            if let design {
                result.method = "design-based share of valid answers (svymean), " + Self.designInterval(design)
                result.methodKey = "method_share_design" + Self.designIntervalSuffix(design)
            }
        case .count(let question, let codes):
            let a = answers(question, codes: codes)
            var x = 0, n = 0
            for i in a.indices where keep[i] { if let yes = a[i] { n += 1; if yes { x += 1 } } }
            (result.value, result.count, result.n) = (Double(x), x, n)
            result.method = weighted ? "count of respondents (unweighted)" : "count of respondents"
            result.methodKey = weighted ? "method_count_weighted" : "method_count"
        case .mean(let question):
            guard let q = survey.codebook.index(of: question) else { break }
            var values: [Double] = [], weights: [Double] = []
            func take(_ i: Int, _ x: Double) {
                values.append(x)
                if let w = survey.weights?[i] { weights.append(w) }
            }
            switch survey.columns[q] {
            case .categorical(let codes):
                let scores = survey.codebook.questions[q].options.map { Double($0.code) ?? .nan }
                for i in codes.indices where keep[i] && codes[i] >= 0 { take(i, scores[Int(codes[i])]) }
            case .numeric(let v, let status):
                for i in v.indices where keep[i] && status[i] == .valid { take(i, v[i]) }
            default: break
            }
            result.n = values.count
            if let design {
                var domain = [Bool](repeating: false, count: survey.respondentCount)
                var x = [Double](repeating: 0, count: survey.respondentCount)
                switch survey.columns[q] {
                case .categorical(let codes):
                    let scores = survey.codebook.questions[q].options.map { Double($0.code) ?? .nan }
                    for i in codes.indices where keep[i] && codes[i] >= 0 { domain[i] = true; x[i] = scores[Int(codes[i])] }
                case .numeric(let v, let status):
                    for i in v.indices where keep[i] && status[i] == .valid { domain[i] = true; x[i] = v[i] }
                default: break
                }
                if let m = DesignMean(x, in: domain, design: design) {
                    (result.value, result.lower, result.upper) = (m.estimate, m.normalInterval.lower, m.normalInterval.upper)
                }
                result.method = "design-based mean of valid answers (svymean), normal 95% interval"
                result.methodKey = "method_mean_design"
            } else if weighted {
                (result.value, result.lower, result.upper) = Self.weightedMean(values, weights: weights)
                result.method = "weighted mean of valid answers, normal 95% interval on Kish's effective n"
                result.methodKey = "method_mean_weighted"
            } else {
                result.value = Descriptive.mean(values)
                if let sd = Descriptive.sd(values), let m = result.value {
                    let se = sd / Double(values.count).squareRoot()
                    result.lower = m - Wilson.z * se
                    result.upper = m + Wilson.z * se
                }
                result.method = "mean of valid answers, normal 95% interval"
                result.methodKey = "method_mean"
            }
        case .rank(let question, let position):
            guard let q = survey.codebook.index(of: question) else { break }
            let options = survey.codebook.questions[q].options
            let shares = options.map { option -> (String, Share) in
                (option.code, tally(question, codes: [option.code], keep: keep))
            }
            // By the share the charts show (weighted when weights exist), ties in codebook order.
            let ranked = shares.enumerated().sorted {
                ($0.element.1.proportion ?? -1, -$0.offset) > ($1.element.1.proportion ?? -1, -$1.offset)
            }.map(\.element)
            guard position >= 1, position <= ranked.count else { break }
            let (code, share) = ranked[position - 1]
            result.optionCode = code
            result.optionLabel = options.first { $0.code == code }?.label.text(in: "en")
            (result.value, result.lower, result.upper, result.count, result.n) = (share.proportion, share.lower, share.upper, share.count, share.n)
            result.method = "option ranked \(position) of \(ranked.count) by \(weighted ? "weighted " : "")share, " + interval
            result.methodKey = weighted ? "method_rank_weighted" : "method_rank"
            if let design {
                result.method = "option ranked \(position) of \(ranked.count) by design-based share, " + Self.designInterval(design)
                result.methodKey = "method_rank_design" + Self.designIntervalSuffix(design)
            }
            result.methodValues = ["position": String(position), "of": String(ranked.count)]
        case .difference(let first, let second):
            guard let a = earlier[first], let b = earlier[second],
                  case .share(let qa, let ca) = a.spec.kind, case .share(let qb, let cb) = b.spec.kind else { break }
            if let design {
                designDifference(design, a, b, qa, ca, qb, cb, into: &result)
            } else if a.spec.filter == b.spec.filter {
                // The same respondents: a paired difference over those valid on both questions.
                let keepBoth = rows(a.spec.filter)
                let xa = answers(qa, codes: ca), xb = answers(qb, codes: cb)
                var cells = [Double](repeating: 0, count: 4), raw = [Int](repeating: 0, count: 4)
                var sum = 0.0, sumSquares = 0.0
                for i in keepBoth.indices where keepBoth[i] {
                    guard let ya = xa[i], let yb = xb[i] else { continue }
                    let cell = ya ? (yb ? 0 : 1) : (yb ? 2 : 3)
                    let w = survey.weights?[i] ?? 1
                    raw[cell] += 1
                    cells[cell] += w
                    sum += w
                    sumSquares += w * w
                }
                let n = raw.reduce(0, +)
                // Weighted: cell shares of Σw, on Kish's effective n; unweighted this is the counts.
                let nEffective = weighted ? Descriptive.kishEffectiveN(sumWeights: sum, sumSquaredWeights: sumSquares) : Double(n)
                let scaled = cells.map { sum > 0 ? $0 / sum * nEffective : 0 }
                if let d = Newcombe.paired(both: scaled[0], firstOnly: scaled[1], secondOnly: scaled[2], neither: scaled[3]) {
                    (result.value, result.lower, result.upper) = (d.difference, d.lower, d.upper)
                }
                result.n = n
                result.pValue = Self.mcNemar(firstOnly: scaled[1], secondOnly: scaled[2])
                result.methodKey = weighted ? "method_paired_difference_weighted" : "method_paired_difference"
                result.method = weighted
                    ? "weighted paired difference among respondents who answered both, Newcombe's 95% score interval and McNemar's test on Kish's effective n"
                    : "paired difference among respondents who answered both, Newcombe's 95% score interval, McNemar's test"
            } else {
                // Independent groups: each share recomputed as its finding was, with its n.
                let sa = tally(qa, codes: ca, keep: rows(a.spec.filter))
                let sb = tally(qb, codes: cb, keep: rows(b.spec.filter))
                if let pa = sa.proportion, let la = sa.lower, let ua = sa.upper,
                   let pb = sb.proportion, let lb = sb.lower, let ub = sb.upper {
                    // Newcombe's method 10 from the two shares' own Wilson intervals: the
                    // difference is exactly the two findings' values apart.
                    let d = Newcombe.independent(p1: pa, interval1: (la, ua), p2: pb, interval2: (lb, ub))
                    (result.value, result.lower, result.upper) = (d.difference, d.lower, d.upper)
                    // Pearson's test on counts (weighted: shares of Kish's effective n).
                    let e1 = sa.effectiveN ?? Double(sa.n), e2 = sb.effectiveN ?? Double(sb.n)
                    result.pValue = Self.pearson(x1: pa * e1, n1: e1, x2: pb * e2, n2: e2)
                }
                result.n = sa.n + sb.n
                result.methodKey = weighted ? "method_independent_difference_weighted" : "method_independent_difference"
                result.method = weighted
                    ? "difference of independent weighted shares, Newcombe's 95% score interval, Pearson's chi-square test on Kish's effective n"
                    : "difference of independent shares, Newcombe's 95% score interval, Pearson's chi-square test"
            }
        }
        if let claim = spec.claim { result.claimHolds = Self.check(claim, result) }
        return result
    }

    /// Σwx/Σw with a normal interval: the weighted sd over Kish's effective n.
    static func weightedMean(_ x: [Double], weights w: [Double]) -> (Double?, Double?, Double?) {
        guard let m = Descriptive.weightedMean(x, weights: w) else { return (nil, nil, nil) }
        var sum = 0.0, sumSquares = 0.0, spread = 0.0
        for (xi, wi) in zip(x, w) {
            sum += wi
            sumSquares += wi * wi
            spread += wi * (xi - m) * (xi - m)
        }
        let n = Descriptive.kishEffectiveN(sumWeights: sum, sumSquaredWeights: sumSquares)
        guard n > 1, sum > 0 else { return (m, nil, nil) }
        let sd = (spread / sum * n / (n - 1)).squareRoot()
        let se = sd / n.squareRoot()
        return (m, m - Wilson.z * se, m + Wilson.z * se)
    }

    /// Pearson's chi-square test of a 2×2 table of two shares, without continuity correction
    /// (R: `chisq.test(matrix(c(x1, n1 - x1, x2, n2 - x2), 2), correct = FALSE)` for whole counts).
    static func pearson(x1: Double, n1: Double, x2: Double, n2: Double) -> Double? {
        let n = n1 + n2, yes = x1 + x2, no = n - yes
        guard n1 > 0, n2 > 0, yes > 0, no > 0 else { return nil }
        var statistic = 0.0
        for (observed, row, column) in [(x1, n1, yes), (n1 - x1, n1, no), (x2, n2, yes), (n2 - x2, n2, no)] {
            let expected = row * column / n
            statistic += (observed - expected) * (observed - expected) / expected
        }
        return ChiSquareDistribution.upperTail(statistic, df: 1)
    }

    /// McNemar's test without continuity correction (R: `mcnemar.test(t, correct = FALSE)`).
    public static func mcNemar(firstOnly b: Double, secondOnly c: Double) -> Double? {
        guard b + c > 0 else { return nil }
        let d = b - c
        return ChiSquareDistribution.upperTail(d * d / (b + c), df: 1)
    }

    static func check(_ claim: FindingSpec.Claim, _ value: FindingValue) -> Bool {
        switch claim {
        case .isOption(let code):
            return value.optionCode == code
        case .compare(let bound, let op, let threshold):
            let x: Double?
            switch bound {
            case .value: x = value.value
            case .lower: x = value.lower
            case .upper: x = value.upper
            }
            guard let x else { return false }
            switch op {
            case ">": return x > threshold
            case ">=": return x >= threshold
            case "<": return x < threshold
            case "<=": return x <= threshold
            default: return false
            }
        }
    }
}
