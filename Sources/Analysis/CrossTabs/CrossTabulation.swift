import Concurrency
import SurveyData

/// Every categorical question crossed with every breakdown, tested, with BH over the family.
public enum CrossTabulation {
    /// - Parameter breakdowns: question ids (single or likert), in the order `site.yaml` lists them.
    public static func all(_ survey: Survey, breakdowns: [String]) -> [CrossTab] {
        let codebook = survey.codebook
        let breakdownIndices = breakdowns.compactMap { codebook.index(of: $0) }
        var pairs: [(row: Int, column: Int)] = []
        for (q, question) in codebook.questions.enumerated() where question.type.isCategorical {
            let ownRank = breakdownIndices.firstIndex(of: q)
            for (rank, b) in breakdownIndices.enumerated() where b != q {
                // Two breakdowns are crossed once, the one listed first as the row.
                if let ownRank, ownRank > rank { continue }
                pairs.append((q, b))
            }
        }
        var tables: [CrossTab]
        if let keys = BreakdownKeys(survey, breakdowns: breakdownIndices) {
            // One pass per question against every breakdown at once; questions on every core.
            let work = pairs
            let rows = work.map(\.row).reduce(into: [Int]()) { if $0.last != $1 { $0.append($1) } }
            tables = Parallel.map(rows.count) { k in
                let q = rows[k]
                return crossTabs(survey, row: q, columns: work.filter { $0.row == q }.map(\.column), keys: keys)
            }.flatMap { $0 }
        } else {
            // Too many breakdown combinations to count jointly: one pass per table.
            let work = pairs
            tables = Parallel.map(work.count) { k in crossTabs(survey, row: work[k].row, column: work[k].column) }.flatMap { $0 }
        }
        let adjusted = MultipleTesting.benjaminiHochberg(tables.map { $0.test?.pValue })
        for i in tables.indices { tables[i].pAdjusted = adjusted[i] }
        return tables
    }

    /// Question `q` crossed with each breakdown in `columns`, summed out of one joint count.
    static func crossTabs(_ survey: Survey, row q: Int, columns: [Int], keys: BreakdownKeys) -> [CrossTab] {
        guard let joint = keys.joint(survey, question: q) else { return [] }
        let codebook = survey.codebook
        let rowQuestion = codebook.questions[q]
        let isMulti = rowQuestion.type == .multi
        var tables: [CrossTab] = []
        for b in columns {
            guard let j = keys.questions.firstIndex(of: b) else { continue }
            let columnQuestion = codebook.questions[b]
            let columnCodes = columnQuestion.options.map(\.code)
            let byRow = rowQuestion.options.indices.map { keys.marginal(keys.row(joint.counts, $0), breakdown: j) }
            let weightedByRow = joint.weighted.map { w in rowQuestion.options.indices.map { keys.marginal(keys.row(w, $0), breakdown: j) } }
            if !isMulti {
                tables.append(make(row: rowQuestion.id, column: columnQuestion.id, option: nil, counts: byRow,
                                   weighted: weightedByRow, rowCodes: rowQuestion.options.map(\.code), columnCodes: columnCodes))
                continue
            }
            let total = keys.marginal(joint.valid[...], breakdown: j)
            let totalW = joint.validWeighted.map { keys.marginal($0[...], breakdown: j) }
            for (o, option) in rowQuestion.options.enumerated() {
                let y = byRow[o]
                tables.append(make(row: rowQuestion.id, column: columnQuestion.id, option: option.code,
                                   counts: [y, zip(total, y).map { $0 - $1 }],
                                   weighted: weightedByRow.map { yw in [yw[o], zip(totalW!, yw[o]).map { $0 - $1 }] },
                                   rowCodes: ["yes", "no"], columnCodes: columnCodes))
            }
        }
        return tables
    }

    static func crossTabs(_ survey: Survey, row q: Int, column b: Int) -> [CrossTab] {
        let codebook = survey.codebook
        let rowQuestion = codebook.questions[q]
        let columnQuestion = codebook.questions[b]
        guard case .categorical(let columnCodes) = survey.columns[b] else { return [] }
        let nc = columnQuestion.options.count
        let rowsCount = survey.respondentCount
        let weights = survey.weights
        // Flat counters, filled in one pass over raw buffers (no nested arrays in the loop).
        switch survey.columns[q] {
        case .categorical(let rowCodes):
            let nr = rowQuestion.options.count
            var counts = [Int](repeating: 0, count: nr * nc)
            var w = [Double](repeating: 0, count: weights == nil ? 0 : nr * nc)
            rowCodes.withUnsafeBufferPointer { r in
                columnCodes.withUnsafeBufferPointer { c in
                    counts.withUnsafeMutableBufferPointer { k in
                        for i in 0..<rowsCount {
                            let ri = r[i], ci = c[i]
                            if Column.isAnswer(ri) && Column.isAnswer(ci) { k[Int(ri) &* nc &+ Int(ci)] &+= 1 }
                        }
                    }
                    if let weights {
                        for i in 0..<rowsCount where Column.isAnswer(r[i]) && Column.isAnswer(c[i]) { w[Int(r[i]) * nc + Int(c[i])] += weights[i] }
                    }
                }
            }
            let grid = (0..<nr).map { Array(counts[$0 * nc..<($0 + 1) * nc]) }
            let weighted = weights == nil ? nil : (0..<nr).map { Array(w[$0 * nc..<($0 + 1) * nc]) }
            return [make(row: rowQuestion.id, column: columnQuestion.id, option: nil, counts: grid, weighted: weighted,
                         rowCodes: rowQuestion.options.map(\.code), columnCodes: columnQuestion.options.map(\.code))]
        case .multi(let masks):
            let no = rowQuestion.options.count
            var yes = [Int](repeating: 0, count: no * nc)
            var total = [Int](repeating: 0, count: nc)
            var yesW = [Double](repeating: 0, count: no * nc)
            var totalW = [Double](repeating: 0, count: nc)
            masks.withUnsafeBufferPointer { m in
                columnCodes.withUnsafeBufferPointer { c in
                    yes.withUnsafeMutableBufferPointer { y in
                        total.withUnsafeMutableBufferPointer { t in
                            for i in 0..<rowsCount {
                                let mi = m[i], ci = c[i]
                                guard Column.isAnswer(ci), Column.isAnswer(mi) else { continue }
                                let column = Int(ci)
                                t[column] &+= 1
                                var bits = mi
                                while bits != 0 {
                                    y[bits.trailingZeroBitCount &* nc &+ column] &+= 1
                                    bits &= bits &- 1
                                }
                            }
                        }
                    }
                    if let weights {
                        for i in 0..<rowsCount where Column.isAnswer(c[i]) && Column.isAnswer(m[i]) {
                            let column = Int(c[i])
                            totalW[column] += weights[i]
                            var bits = m[i]
                            while bits != 0 {
                                yesW[bits.trailingZeroBitCount * nc + column] += weights[i]
                                bits &= bits - 1
                            }
                        }
                    }
                }
            }
            return rowQuestion.options.enumerated().map { o, option in
                let y = Array(yes[o * nc..<(o + 1) * nc])
                let yw = Array(yesW.isEmpty ? [] : yesW[o * nc..<(o + 1) * nc])
                return make(row: rowQuestion.id, column: columnQuestion.id, option: option.code,
                            counts: [y, zip(total, y).map { $0 - $1 }],
                            weighted: weights == nil ? nil : [yw, zip(totalW, yw).map { $0 - $1 }],
                            rowCodes: ["yes", "no"], columnCodes: columnQuestion.options.map(\.code))
            }
        default:
            return []
        }
    }

    /// Drops all-zero rows and columns, then tests what is left.
    static func make(row: String, column: String, option: String?, counts full: [[Int]], weighted: [[Double]]?,
                     rowCodes: [String], columnCodes: [String]) -> CrossTab {
        let keepRows = full.indices.filter { full[$0].contains { $0 > 0 } }
        let nc = full.first?.count ?? 0
        let keepColumns = (0..<nc).filter { j in full.contains { $0[j] > 0 } }
        let counts = keepRows.map { i in keepColumns.map { j in full[i][j] } }
        let cells = weighted.map { weighted in keepRows.map { i in keepColumns.map { j in weighted[i][j] } } }
        return CrossTab(row: row, column: column, option: option,
                        n: counts.reduce(0) { $0 + $1.reduce(0, +) }, counts: counts,
                        rowCodes: keepRows.map { rowCodes[$0] }, columnCodes: keepColumns.map { columnCodes[$0] },
                        test: ChiSquareTest.compute(counts), pAdjusted: nil,
                        weightedColumnShares: cells.map(CrossTab.columnShares), weightedCells: cells)
    }
}
