import SurveyData

/// Computes named findings from a survey.
public struct FindingCalculator {
    public let survey: Survey

    public init(survey: Survey) {
        self.survey = survey
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
                for i in keep.indices where keep[i] && (masks[i] >= Column.notAskedMask || masks[i] & mask == 0) { keep[i] = false }
            default:
                break
            }
        }
        return keep
    }

    /// Per row: nil when not valid, else whether the answer is one of `codes`.
    func answers(_ question: String, codes: [String]) -> [Bool?] {
        guard let q = survey.codebook.index(of: question) else { return [] }
        let spec = survey.codebook.questions[q]
        let indices = codes.isEmpty ? Array(spec.options.indices) : codes.compactMap { spec.optionIndex(of: $0) }
        switch survey.columns[q] {
        case .categorical(let values):
            let set = Set(indices.map(Int16.init))
            return values.map { $0 >= 0 ? set.contains($0) : nil }
        case .multi(let masks):
            let mask = indices.reduce(UInt64(0)) { $0 | 1 << UInt64($1) }
            return masks.map { $0 < Column.notAskedMask ? ($0 & mask != 0) : nil }
        default:
            return []
        }
    }

    /// The codes a share counts by default: the top box of a likert question, else none (must be given).
    public static func defaultCodes(_ question: Question) -> [String] {
        question.type == .likert ? question.topBox : []
    }

    func compute(_ spec: FindingSpec, earlier: [String: FindingValue]) -> FindingValue {
        var result = FindingValue(spec: spec, value: nil, lower: nil, upper: nil, count: nil, n: nil, optionCode: nil,
                                  optionLabel: nil, method: "", claimHolds: nil, pValue: nil)
        let keep = rows(spec.filter)
        switch spec.kind {
        case .share(let question, let codes):
            let a = answers(question, codes: codes)
            var x = 0, n = 0
            for i in a.indices where keep[i] { if let yes = a[i] { n += 1; if yes { x += 1 } } }
            let share = Share(count: x, n: n)
            (result.value, result.lower, result.upper, result.count, result.n) = (share.proportion, share.lower, share.upper, x, n)
            result.method = "share of valid answers, Wilson 95% interval"
        case .count(let question, let codes):
            let a = answers(question, codes: codes)
            var x = 0, n = 0
            for i in a.indices where keep[i] { if let yes = a[i] { n += 1; if yes { x += 1 } } }
            (result.value, result.count, result.n) = (Double(x), x, n)
            result.method = "count of respondents"
        case .mean(let question):
            guard let q = survey.codebook.index(of: question) else { break }
            var values: [Double] = []
            switch survey.columns[q] {
            case .categorical(let codes):
                let scores = survey.codebook.questions[q].options.map { Double($0.code) ?? .nan }
                for i in codes.indices where keep[i] && codes[i] >= 0 { values.append(scores[Int(codes[i])]) }
            case .numeric(let v, let status):
                for i in v.indices where keep[i] && status[i] == .valid { values.append(v[i]) }
            default: break
            }
            result.value = Descriptive.mean(values)
            result.n = values.count
            if let sd = Descriptive.sd(values), let m = result.value {
                let se = sd / Double(values.count).squareRoot()
                result.lower = m - Wilson.z * se
                result.upper = m + Wilson.z * se
            }
            result.method = "mean of valid answers, normal 95% interval"
        case .rank(let question, let position):
            guard let q = survey.codebook.index(of: question) else { break }
            let options = survey.codebook.questions[q].options
            let shares = options.map { option -> (String, Share) in
                let a = answers(question, codes: [option.code])
                var x = 0, n = 0
                for i in a.indices where keep[i] { if let yes = a[i] { n += 1; if yes { x += 1 } } }
                return (option.code, Share(count: x, n: n))
            }
            let ranked = shares.enumerated().sorted { ($0.element.1.count, -$0.offset) > ($1.element.1.count, -$1.offset) }.map(\.element)
            guard position >= 1, position <= ranked.count else { break }
            let (code, share) = ranked[position - 1]
            result.optionCode = code
            result.optionLabel = options.first { $0.code == code }?.label.text(in: "en")
            (result.value, result.lower, result.upper, result.count, result.n) = (share.proportion, share.lower, share.upper, share.count, share.n)
            result.method = "option ranked \(position) of \(ranked.count) by share, Wilson 95% interval"
        case .difference(let first, let second):
            guard let a = earlier[first], let b = earlier[second],
                  case .share(let qa, let ca) = a.spec.kind, case .share(let qb, let cb) = b.spec.kind else { break }
            if a.spec.filter == b.spec.filter {
                // The same respondents: a paired difference over those valid on both questions.
                let keepBoth = rows(a.spec.filter)
                let xa = answers(qa, codes: ca), xb = answers(qb, codes: cb)
                var both = 0, onlyA = 0, onlyB = 0, neither = 0
                for i in keepBoth.indices where keepBoth[i] {
                    guard let ya = xa[i], let yb = xb[i] else { continue }
                    switch (ya, yb) {
                    case (true, true): both += 1
                    case (true, false): onlyA += 1
                    case (false, true): onlyB += 1
                    case (false, false): neither += 1
                    }
                }
                if let d = Newcombe.paired(both: both, firstOnly: onlyA, secondOnly: onlyB, neither: neither) {
                    (result.value, result.lower, result.upper) = (d.difference, d.lower, d.upper)
                }
                result.n = both + onlyA + onlyB + neither
                result.pValue = Self.mcNemar(firstOnly: onlyA, secondOnly: onlyB)
                result.method = "paired difference among respondents who answered both, Newcombe's 95% score interval, McNemar's test"
            } else if let x1 = a.count, let n1 = a.n, let x2 = b.count, let n2 = b.n,
                      let d = Newcombe.independent(x1: x1, n1: n1, x2: x2, n2: n2) {
                (result.value, result.lower, result.upper) = (d.difference, d.lower, d.upper)
                result.n = n1 + n2
                result.pValue = ChiSquareTest.compute([[x1, n1 - x1], [x2, n2 - x2]])?.pValue
                result.method = "difference of independent shares, Newcombe's 95% score interval, Pearson's chi-square test"
            }
        }
        if let claim = spec.claim { result.claimHolds = Self.check(claim, result) }
        return result
    }

    /// McNemar's test without continuity correction (R: `mcnemar.test(t, correct = FALSE)`).
    public static func mcNemar(firstOnly b: Int, secondOnly c: Int) -> Double? {
        guard b + c > 0 else { return nil }
        let d = Double(b - c)
        return ChiSquareDistribution.upperTail(d * d / Double(b + c), df: 1)
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
