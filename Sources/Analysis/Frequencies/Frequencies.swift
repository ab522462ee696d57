import SurveyData

/// Frequencies, intervals and descriptive statistics for every question of a survey.
public enum Frequencies {
    /// Every question, counted on every core; the order is the codebook's.
    public static func summarize(_ survey: Survey) -> [QuestionSummary] {
        Parallel.map(survey.codebook.questions.count) { summarize(survey, question: $0) }
    }

    public static func summarize(_ survey: Survey, question q: Int) -> QuestionSummary {
        let question = survey.codebook.questions[q]
        let column = survey.columns[q]
        let weights = survey.weights
        var summary = QuestionSummary(id: question.id, type: question.type, valid: 0, missing: 0, notAsked: 0,
                                      categories: [], mean: nil, sd: nil, topBox: nil, numeric: nil)
        var counts = [Int](repeating: 0, count: question.options.count)
        var weighted = [Double](repeating: 0, count: question.options.count)
        var sumW = 0.0, sumW2 = 0.0
        switch column {
        case .categorical(let codes) where weights == nil:
            // Unweighted: one histogram over codes -2 (not asked), -1 (missing) and the options.
            let histogram = Self.histogram(codes, options: question.options.count)
            summary.notAsked = histogram[0]
            summary.missing = histogram[1]
            for i in counts.indices { counts[i] = histogram[i + 2] }
            summary.valid = counts.reduce(0, +)
        case .categorical(let codes):
            for (row, c) in codes.enumerated() {
                if c >= 0 {
                    counts[Int(c)] += 1
                    if let w = weights?[row] {
                        weighted[Int(c)] += w
                        sumW += w
                        sumW2 += w * w
                    }
                } else if c == Column.missingCode {
                    summary.missing += 1
                } else {
                    summary.notAsked += 1
                }
            }
            summary.valid = counts.reduce(0, +)
        case .multi(let masks) where weights == nil:
            // Masks as stored (one to eight bytes), read without widening.
            func count<M: FixedWidthInteger & UnsignedInteger>(_ m: UnsafeBufferPointer<M>) {
                let notAskedMask = M.max &- 1
                counts.withUnsafeMutableBufferPointer { k in
                    var missing = 0, notAsked = 0
                    for i in 0..<m.count {
                        var bits = m[i]
                        if bits >= notAskedMask {
                            if bits == M.max { missing &+= 1 } else { notAsked &+= 1 }
                            continue
                        }
                        while bits != 0 {
                            k[bits.trailingZeroBitCount] &+= 1
                            bits &= bits &- 1
                        }
                    }
                    summary.missing = missing
                    summary.notAsked = notAsked
                    summary.valid = m.count - missing - notAsked
                }
            }
            switch masks.storedWidth {
            case 1: masks.withStoredBuffer(as: UInt8.self) { count($0) }
            case 2: masks.withStoredBuffer(as: UInt16.self) { count($0) }
            case 4: masks.withStoredBuffer(as: UInt32.self) { count($0) }
            default: masks.withStoredBuffer(as: UInt64.self) { count($0) }
            }
        case .multi(let masks):
            for (row, m) in masks.enumerated() {
                if m == Column.missingMask { summary.missing += 1; continue }
                if m == Column.notAskedMask { summary.notAsked += 1; continue }
                summary.valid += 1
                let w = weights?[row] ?? 0
                sumW += w
                sumW2 += w * w
                var bits = m
                while bits != 0 {
                    let i = bits.trailingZeroBitCount
                    counts[i] += 1
                    weighted[i] += w
                    bits &= bits - 1
                }
            }
        case .numeric(let values, let status):
            var valid: [Double] = []
            var validWeights: [Double] = []
            for (row, s) in status.enumerated() {
                switch s {
                case .valid:
                    valid.append(values[row])
                    if let w = weights?[row] { validWeights.append(w) }
                case .missing: summary.missing += 1
                case .notAsked: summary.notAsked += 1
                }
            }
            summary.valid = valid.count
            summary.numeric = numericSummary(valid, weights: weights == nil ? nil : validWeights)
            return summary
        case .text(let status, _):
            for s in status {
                switch s {
                case .valid: summary.valid += 1
                case .missing: summary.missing += 1
                case .notAsked: summary.notAsked += 1
                }
            }
            return summary
        }
        let effectiveN = Descriptive.kishEffectiveN(sumWeights: sumW, sumSquaredWeights: sumW2)
        func share(_ count: Int, _ w: Double) -> Share {
            weights == nil ? Share(count: count, n: summary.valid)
                : Share(count: count, n: summary.valid, weightedCount: w, weightedN: sumW, effectiveN: effectiveN)
        }
        summary.categories = question.options.enumerated().map { i, option in
            CategoryFrequency(code: option.code, label: option.label, share: share(counts[i], weighted[i]))
        }
        if question.type == .likert {
            let top = question.topBox.compactMap { question.optionIndex(of: $0) }
            summary.topBox = share(top.reduce(0) { $0 + counts[$1] }, top.reduce(0) { $0 + weighted[$1] })
            likertMoments(question, column: column, weights: weights, into: &summary)
        }
        return summary
    }

    /// Counts of codes -2 (not asked), -1 (missing), 0, 1, … in slots 0, 1, 2, …. Four interleaved
    /// histograms, so runs of equal codes do not wait on each other's increments.
    static func histogram(_ codes: ColumnValues<Int16>, options: Int) -> [Int] {
        let slots = options + 2
        var parts = [Int](repeating: 0, count: 4 * slots)
        // Codes as stored (one byte or two), read without widening.
        func count<C: FixedWidthInteger & SignedInteger>(_ c: UnsafeBufferPointer<C>) {
            parts.withUnsafeMutableBufferPointer { h in
                let n = c.count
                var i = 0
                while i + 4 <= n {
                    h[Int(c[i]) &+ 2] &+= 1
                    h[slots &+ Int(c[i &+ 1]) &+ 2] &+= 1
                    h[2 &* slots &+ Int(c[i &+ 2]) &+ 2] &+= 1
                    h[3 &* slots &+ Int(c[i &+ 3]) &+ 2] &+= 1
                    i &+= 4
                }
                while i < n {
                    h[Int(c[i]) &+ 2] &+= 1
                    i &+= 1
                }
            }
        }
        if codes.storedWidth == 1 {
            codes.withStoredBuffer(as: Int8.self) { count($0) }
        } else {
            codes.withStoredBuffer(as: Int16.self) { count($0) }
        }
        return (0..<slots).map { parts[$0] + parts[slots + $0] + parts[2 * slots + $0] + parts[3 * slots + $0] }
    }

    /// Mean (weighted when weights exist) and unweighted sd of Likert codes, when every code is a number.
    static func likertMoments(_ question: Question, column: Column, weights: [Double]?, into summary: inout QuestionSummary) {
        let scores = question.options.map { Double($0.code) }
        guard scores.allSatisfy({ $0 != nil }), case .categorical(let codes) = column else { return }
        if weights == nil {
            // From the counts: every respondent with option i scores scores[i].
            let counts = summary.categories.map(\.share.count)
            summary.mean = Descriptive.mean(scores.map { $0! }, counts: counts)
            summary.sd = Descriptive.sd(scores.map { $0! }, counts: counts)
            return
        }
        var values: [Double] = []
        var w: [Double] = []
        values.reserveCapacity(summary.valid)
        for (row, c) in codes.enumerated() where c >= 0 {
            values.append(scores[Int(c)]!)
            if let weights { w.append(weights[row]) }
        }
        summary.mean = weights == nil ? Descriptive.mean(values) : Descriptive.weightedMean(values, weights: w)
        summary.sd = Descriptive.sd(values)
    }

    static func numericSummary(_ values: [Double], weights: [Double]?) -> NumericSummary {
        var work = values
        let quartiles = Descriptive.quantiles(selectingIn: &work, [0, 0.25, 0.5, 0.75, 1])
        return NumericSummary(
            mean: weights.map { Descriptive.weightedMean(values, weights: $0) } ?? Descriptive.mean(values),
            sd: Descriptive.sd(values),
            min: quartiles[0],
            q1: quartiles[1],
            median: quartiles[2],
            q3: quartiles[3],
            max: quartiles[4])
    }
}
