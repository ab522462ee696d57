import SurveyData

/// Every categorical question crossed with every breakdown, tested, with BH over the family.
public enum CrossTabulation {
    /// - Parameter breakdowns: question ids (single or likert), in the order `site.yaml` lists them.
    public static func all(_ survey: Survey, breakdowns: [String]) -> [CrossTab] {
        let codebook = survey.codebook
        var tables: [CrossTab] = []
        let breakdownIndices = breakdowns.compactMap { codebook.index(of: $0) }
        for (q, question) in codebook.questions.enumerated() where question.type.isCategorical {
            let ownRank = breakdownIndices.firstIndex(of: q)
            for (rank, b) in breakdownIndices.enumerated() where b != q {
                // Two breakdowns are crossed once, the one listed first as the row.
                if let ownRank, ownRank > rank { continue }
                tables += crossTabs(survey, row: q, column: b)
            }
        }
        let adjusted = MultipleTesting.benjaminiHochberg(tables.map { $0.test?.pValue })
        for i in tables.indices { tables[i].pAdjusted = adjusted[i] }
        return tables
    }

    static func crossTabs(_ survey: Survey, row q: Int, column b: Int) -> [CrossTab] {
        let codebook = survey.codebook
        let rowQuestion = codebook.questions[q]
        let columnQuestion = codebook.questions[b]
        guard case .categorical(let columnCodes) = survey.columns[b] else { return [] }
        let nc = columnQuestion.options.count
        let weights = survey.weights
        switch survey.columns[q] {
        case .categorical(let rowCodes):
            let nr = rowQuestion.options.count
            var counts = [[Int]](repeating: [Int](repeating: 0, count: nc), count: nr)
            var w = [[Double]](repeating: [Double](repeating: 0, count: nc), count: nr)
            for i in 0..<survey.respondentCount {
                let r = rowCodes[i], c = columnCodes[i]
                if r >= 0 && c >= 0 {
                    counts[Int(r)][Int(c)] += 1
                    if let weights { w[Int(r)][Int(c)] += weights[i] }
                }
            }
            return [make(row: rowQuestion.id, column: columnQuestion.id, option: nil, counts: counts,
                         weighted: weights == nil ? nil : w,
                         rowCodes: rowQuestion.options.map(\.code), columnCodes: columnQuestion.options.map(\.code))]
        case .multi(let masks):
            let no = rowQuestion.options.count
            var yes = [[Int]](repeating: [Int](repeating: 0, count: nc), count: no)
            var yesW = [[Double]](repeating: [Double](repeating: 0, count: nc), count: no)
            var total = [Int](repeating: 0, count: nc)
            var totalW = [Double](repeating: 0, count: nc)
            for i in 0..<survey.respondentCount {
                let m = masks[i], c = columnCodes[i]
                guard c >= 0, m != Column.missingMask, m != Column.notAskedMask else { continue }
                let ci = Int(c)
                total[ci] += 1
                let wi = weights?[i] ?? 0
                totalW[ci] += wi
                var bits = m
                while bits != 0 {
                    let o = bits.trailingZeroBitCount
                    yes[o][ci] += 1
                    yesW[o][ci] += wi
                    bits &= bits - 1
                }
            }
            return rowQuestion.options.enumerated().map { o, option in
                let counts = [yes[o], zip(total, yes[o]).map { $0 - $1 }]
                let weighted = [yesW[o], zip(totalW, yesW[o]).map { $0 - $1 }]
                return make(row: rowQuestion.id, column: columnQuestion.id, option: option.code, counts: counts,
                            weighted: weights == nil ? nil : weighted,
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
        var shares: [[Double?]]?
        if let weighted {
            let w = keepRows.map { i in keepColumns.map { j in weighted[i][j] } }
            let columnTotals = keepColumns.indices.map { j in w.reduce(0) { $0 + $1[j] } }
            shares = w.map { row in row.indices.map { j in columnTotals[j] > 0 ? row[j] / columnTotals[j] : nil } }
        }
        return CrossTab(row: row, column: column, option: option,
                        n: counts.reduce(0) { $0 + $1.reduce(0, +) }, counts: counts,
                        rowCodes: keepRows.map { rowCodes[$0] }, columnCodes: keepColumns.map { columnCodes[$0] },
                        test: ChiSquareTest.compute(counts), pAdjusted: nil, weightedColumnShares: shares)
    }
}
