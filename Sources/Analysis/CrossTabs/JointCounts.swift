import SurveyData

/// Every breakdown at once: each respondent's combination of breakdown answers as one key, so a
/// question is counted against all its breakdowns in a single pass over its column, and each
/// table is then summed out of that joint count.
struct BreakdownKeys: Sendable {
    /// The breakdown questions, and per breakdown its options plus one slot for "no valid answer".
    let questions: [Int]
    let slots: [Int]
    /// Number of distinct keys (the product of `slots`).
    let size: Int
    /// Per respondent, its key.
    let keys: [Int32]
    /// Per breakdown, per key: the breakdown's slot in that key.
    let slotOfKey: [[Int32]]

    /// Nil when a breakdown is not categorical or the combinations are too many to count jointly.
    init?(_ survey: Survey, breakdowns: [Int], largest: Int = 1 << 16) {
        var columns: [ColumnValues<Int16>] = []
        var slots: [Int] = []
        var size = 1
        for b in breakdowns {
            guard case .categorical(let codes) = survey.columns[b] else { return nil }
            columns.append(codes)
            slots.append(survey.codebook.questions[b].options.count + 1)
            size *= slots.last!
            if size > largest { return nil }
        }
        questions = breakdowns
        self.slots = slots
        self.size = size
        var strides = [Int](repeating: 1, count: slots.count)
        for j in slots.indices.dropLast().reversed() { strides[j] = strides[j + 1] * slots[j + 1] }
        let n = survey.respondentCount
        var keys = [Int32](repeating: 0, count: n)
        keys.withUnsafeMutableBufferPointer { k in
            for (j, column) in columns.enumerated() {
                let stride = Int32(strides[j]), invalid = Int16(slots[j] - 1)
                column.withUnsafeBufferPointer { c in
                    for i in 0..<n {
                        let code = c[i]
                        k[i] &+= Int32(Column.isAnswer(code) ? code : invalid) &* stride
                    }
                }
            }
        }
        self.keys = keys
        slotOfKey = slots.indices.map { j in (0..<size).map { Int32(($0 / strides[j]) % slots[j]) } }
    }

    /// Joint counts of a question's answers (or a multi question's options) by key.
    struct Joint {
        /// counts[r * size + key]: respondents with row category r and that key.
        var counts: [Int]
        var weighted: [Double]?
        /// For multi questions: respondents with a valid answer, by key.
        var valid: [Int]
        var validWeighted: [Double]?
    }

    /// One pass over question `q`'s column. Nil for questions that are not single, likert or multi.
    func joint(_ survey: Survey, question q: Int) -> Joint? {
        let options = survey.codebook.questions[q].options.count
        let size = self.size, n = survey.respondentCount
        let weights = survey.weights
        var counts = [Int](repeating: 0, count: options * size)
        var weighted: [Double]? = weights == nil ? nil : [Double](repeating: 0, count: options * size)
        var valid = [Int](repeating: 0, count: size)
        var validWeighted: [Double]? = weights == nil ? nil : [Double](repeating: 0, count: size)
        switch survey.columns[q] {
        case .categorical(let codes):
            (counts, weighted) = codes.visit(KeyedCodeCounts(keys: keys, size: size, options: options, weights: weights))
        case .multi(let masks):
            (counts, valid) = masks.visit(KeyedOptionCounts(keys: keys, size: size, options: options))
            if let weights {
                keys.withUnsafeBufferPointer { k in
                    masks.withUnsafeBufferPointer { m in
                        for i in 0..<n where Column.isAnswer(m[i]) {
                            let key = Int(k[i]), w = weights[i]
                            validWeighted![key] += w
                            var bits = m[i]
                            while bits != 0 {
                                weighted![bits.trailingZeroBitCount * size + key] += w
                                bits &= bits - 1
                            }
                        }
                    }
                }
            }
        default:
            return nil
        }
        return Joint(counts: counts, weighted: weighted, valid: valid, validWeighted: validWeighted)
    }

    /// Sums a joint count by key into the categories of breakdown `j` (its valid options only).
    func marginal<T: AdditiveArithmetic>(_ byKey: ArraySlice<T>, breakdown j: Int) -> [T] {
        var out = [T](repeating: .zero, count: slots[j] - 1)
        let slot = slotOfKey[j]
        var key = 0
        for value in byKey {
            let s = Int(slot[key])
            if s < out.count { out[s] += value }
            key += 1
        }
        return out
    }

    func row<T>(_ values: [T], _ r: Int) -> ArraySlice<T> { values[r * size..<(r + 1) * size] }
}

/// A single or Likert column's answers counted by breakdown key: counts[option * size + key]
/// (and the same summed over weights when the survey has them).
struct KeyedCodeCounts: StoredCodesVisitor {
    let keys: [Int32]
    let size: Int
    let options: Int
    let weights: [Double]?

    func visit<C: FixedWidthInteger & SignedInteger>(_ c: StoredCodes<C>) -> ([Int], [Double]?) {
        var counts = [Int](repeating: 0, count: options * size)
        var weighted: [Double]? = weights == nil ? nil : [Double](repeating: 0, count: options * size)
        let n = c.count
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { h in
                for i in 0..<n {
                    let code = c[i]
                    if StoredCodes.isAnswer(code) { h[Int(code) &* size &+ Int(k[i])] &+= 1 }
                }
            }
            if let weights {
                for i in 0..<n where StoredCodes.isAnswer(c[i]) { weighted![Int(c[i]) * size + Int(k[i])] += weights[i] }
            }
        }
        return (counts, weighted)
    }
}

/// A multi-select column's options counted by breakdown key, with the answering respondents per key.
struct KeyedOptionCounts: StoredMasksVisitor {
    let keys: [Int32]
    let size: Int
    let options: Int

    func visit<M: FixedWidthInteger & UnsignedInteger>(_ m: StoredMasks<M>) -> ([Int], [Int]) {
        var counts = [Int](repeating: 0, count: options * size)
        var valid = [Int](repeating: 0, count: size)
        let n = m.count
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { h in
                valid.withUnsafeMutableBufferPointer { t in
                    for i in 0..<n {
                        var bits = m[i]
                        guard StoredMasks.isAnswer(bits) else { continue }
                        let key = Int(k[i])
                        t[key] &+= 1
                        while bits != 0 {
                            h[bits.trailingZeroBitCount &* size &+ key] &+= 1
                            bits &= bits &- 1
                        }
                    }
                }
            }
        }
        return (counts, valid)
    }
}
