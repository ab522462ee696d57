import Concurrency
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
            // Unweighted: one histogram over every code, "not asked" and "missing" included.
            let histogram = codes.visit(CodeHistogram(options: question.options.count))
            summary.notAsked = histogram[StoredCodes<Int16>.notAskedSlot]
            summary.missing = histogram[StoredCodes<Int16>.missingSlot]
            for i in counts.indices { counts[i] = histogram[StoredCodes<Int16>.slot(Int16(i))] }
            summary.valid = counts.reduce(0, +)
        case .categorical(let codes):
            for (row, c) in codes.enumerated() {
                if Column.isAnswer(c) {
                    counts[Int(c)] += 1
                    if let w = weights?[row] {
                        weighted[Int(c)] += w
                        sumW += w
                        sumW2 += w * w
                    }
                } else if Column.isMissing(c) {
                    summary.missing += 1
                } else {
                    summary.notAsked += 1
                }
            }
            summary.valid = counts.reduce(0, +)
        case .multi(let masks) where weights == nil:
            let tally = masks.visit(OptionTally(options: question.options.count))
            counts = tally.counts
            (summary.missing, summary.notAsked) = (tally.missing, tally.notAsked)
            summary.valid = masks.count - tally.missing - tally.notAsked
        case .multi(let masks):
            for (row, m) in masks.enumerated() {
                guard Column.isAnswer(m) else {
                    if Column.isMissing(m) { summary.missing += 1 } else { summary.notAsked += 1 }
                    continue
                }
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
        for (row, c) in codes.enumerated() where Column.isAnswer(c) {
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

/// Counts of every code of a single or Likert column, "not asked" and "missing" in their slots.
/// Four interleaved histograms, so runs of equal codes do not wait on each other's increments.
struct CodeHistogram: StoredCodesVisitor {
    let options: Int

    func visit<C: FixedWidthInteger & SignedInteger>(_ c: StoredCodes<C>) -> [Int] {
        let slots = StoredCodes<C>.slotCount(options: options)
        var parts = [Int](repeating: 0, count: 4 * slots)
        parts.withUnsafeMutableBufferPointer { h in
            let n = c.count
            var i = 0
            while i + 4 <= n {
                h[StoredCodes.slot(c[i])] &+= 1
                h[slots &+ StoredCodes.slot(c[i &+ 1])] &+= 1
                h[2 &* slots &+ StoredCodes.slot(c[i &+ 2])] &+= 1
                h[3 &* slots &+ StoredCodes.slot(c[i &+ 3])] &+= 1
                i &+= 4
            }
            while i < n {
                h[StoredCodes.slot(c[i])] &+= 1
                i &+= 1
            }
        }
        return (0..<slots).map { parts[$0] + parts[slots + $0] + parts[2 * slots + $0] + parts[3 * slots + $0] }
    }
}

/// How often each option of a multi-select column was chosen, and how many rows were missing
/// or not asked.
struct OptionTally: StoredMasksVisitor {
    let options: Int

    func visit<M: FixedWidthInteger & UnsignedInteger>(_ m: StoredMasks<M>) -> (counts: [Int], missing: Int, notAsked: Int) {
        var counts = [Int](repeating: 0, count: options)
        var missing = 0, notAsked = 0
        counts.withUnsafeMutableBufferPointer { k in
            for i in 0..<m.count {
                var bits = m[i]
                guard StoredMasks.isAnswer(bits) else {
                    if StoredMasks.isMissing(bits) { missing &+= 1 } else { notAsked &+= 1 }
                    continue
                }
                while bits != 0 {
                    k[bits.trailingZeroBitCount] &+= 1
                    bits &= bits &- 1
                }
            }
        }
        return (counts, missing, notAsked)
    }
}
