import Foundation
import SurveyData

/// The design-based Rao–Scott test of a cross-tabulation (R's `svychisq(~row + col, sub,
/// statistic = "F")`).
public struct RaoScott: Sendable, Hashable {
    public var f: Double
    public var ndf: Double
    public var ddf: Double
    public var pValue: Double
}

/// One row's share in two columns of a cross-tabulation, compared (R's `svyby(~ind, ~col, sub,
/// svymean, covmat = TRUE)` then `svycontrast(a − b)`).
public struct ColumnPair: Sendable, Hashable {
    public var rowCode: String
    public var a: String
    public var b: String
    public var difference: Double
    public var standardError: Double
    public var pValue: Double
    /// Benjamini–Hochberg within the table.
    public var pAdjusted: Double
}

/// Column comparisons and the Rao–Scott test for cross-tabulations, on a declared design (or,
/// for comparisons without one, on `svydesign(ids = ~1, weights = ~weight or ~1)`).
enum DesignTables {
    /// Each respondent's cell of `table`, row + rows · column (−1 outside the table's domain).
    static func cells(_ table: CrossTab, survey: Survey) -> [Int32] {
        let codebook = survey.codebook
        let n = survey.respondentCount
        var cells = [Int32](repeating: -1, count: n)
        guard let q = codebook.index(of: table.row), let b = codebook.index(of: table.column),
              case .categorical(let columnCodes) = survey.columns[b] else { return cells }
        let nr = Int32(table.rowCodes.count)
        // Per breakdown code, its column's first cell (−1: not a column of the table).
        let columnStart = codebook.questions[b].options.map { option in
            table.columnCodes.firstIndex(of: option.code).map { Int32($0) * nr } ?? -1
        }
        let rowOptions = codebook.questions[q].options.map(\.code)
        cells.withUnsafeMutableBufferPointer { out in
            columnCodes.withUnsafeBufferPointer { c in
                switch survey.columns[q] {
                case .categorical(let codes):
                    let rowPosition = rowOptions.map { Int32(table.rowCodes.firstIndex(of: $0) ?? -1) }
                    codes.withUnsafeBufferPointer { r in
                        for i in 0..<n where Column.isAnswer(c[i]) && Column.isAnswer(r[i]) {
                            let row = rowPosition[Int(r[i])], start = columnStart[Int(c[i])]
                            if row >= 0 && start >= 0 { out[i] = start + row }
                        }
                    }
                case .multi(let masks):
                    guard let option = table.option, let o = rowOptions.firstIndex(of: option) else { return }
                    let yes = Int32(table.rowCodes.firstIndex(of: "yes") ?? -1), no = Int32(table.rowCodes.firstIndex(of: "no") ?? -1)
                    let bit = UInt64(1) << UInt64(o)
                    masks.withUnsafeBufferPointer { m in
                        for i in 0..<n where Column.isAnswer(c[i]) && Column.isAnswer(m[i]) {
                            let row = m[i] & bit != 0 ? yes : no, start = columnStart[Int(c[i])]
                            if row >= 0 && start >= 0 { out[i] = start + row }
                        }
                    }
                default: break
                }
            }
        }
        return cells
    }

    /// The cell totals of several tables of one multi question's options against one
    /// breakdown, in one pass over the respondents.
    static func optionTotals(_ tables: [CrossTab], survey: Survey, design: SurveyDesign) -> [CellTotals]? {
        let codebook = survey.codebook
        guard let first = tables.first, let q = codebook.index(of: first.row), let b = codebook.index(of: first.column),
              case .multi(let masks) = survey.columns[q], case .categorical(let columnCodes) = survey.columns[b] else { return nil }
        let rowOptions = codebook.questions[q].options.map(\.code)
        var bits: [UInt64] = [], yes: [Int32] = [], no: [Int32] = [], columnStart: [[Int32]] = []
        for table in tables {
            guard let option = table.option, let o = rowOptions.firstIndex(of: option), table.row == first.row, table.column == first.column else { return nil }
            bits.append(UInt64(1) << UInt64(o))
            yes.append(Int32(table.rowCodes.firstIndex(of: "yes") ?? -1))
            no.append(Int32(table.rowCodes.firstIndex(of: "no") ?? -1))
            let nr = Int32(table.rowCodes.count)
            columnStart.append(codebook.questions[b].options.map { option in table.columnCodes.firstIndex(of: option.code).map { Int32($0) * nr } ?? -1 })
        }
        var sums = CellTotals.Accumulator(tables: tables.map { $0.rowCodes.count * $0.columnCodes.count }, design: design)
        let codes = codebook.questions[b].options.count, starts = columnStart.flatMap { $0 }
        sums.fill { filler in
            columnCodes.withUnsafeBufferPointer { c in
                masks.withUnsafeBufferPointer { m in
                    for i in 0..<survey.respondentCount where Column.isAnswer(c[i]) && Column.isAnswer(m[i]) {
                        for t in tables.indices {
                            let row = m[i] & bits[t] != 0 ? yes[t] : no[t], start = starts[t * codes + Int(c[i])]
                            if row >= 0 && start >= 0 { filler.add(i, cell: Int(start + row), table: t) }
                        }
                    }
                }
            }
        }
        return sums.totals(design: design)
    }

    /// Each respondent's row and column position in `table` (−1 outside the table's domain).
    static func positions(_ table: CrossTab, survey: Survey) -> (rows: [Int32], columns: [Int32]) {
        let nr = Int32(table.rowCodes.count)
        let cells = cells(table, survey: survey)
        return (cells.map { $0 >= 0 ? $0 % nr : -1 }, cells.map { $0 >= 0 ? $0 / nr : -1 })
    }

    /// Column comparisons from per-stratum sums, in one pass over the respondents: a domain
    /// mean's linearised value is w (y − p) / W for the respondents of its column, so a pair's
    /// PSU totals, and their sum and sum of squares per stratum, follow from each cell's Σw (and
    /// Σw², when every respondent is a PSU of its own, where no two respondents share a total).
    static func columnPairs(_ table: CrossTab, rows: [Int32], columns: [Int32], design: SurveyDesign) -> [ColumnPair] {
        let nr = table.rowCodes.count, nc = table.columnCodes.count, cells = nr * nc
        let w = design.weights
        let ownPSUs = design.psuCount == w.count
        let groups = ownPSUs ? design.strataCount : design.psuCount
        // Per group (stratum, or PSU): Σw per cell and per column, and (own PSUs) Σw² likewise.
        var cellW = [Double](repeating: 0, count: groups * cells), cellW2 = cellW
        var columnW = [Double](repeating: 0, count: groups * nc), columnW2 = columnW
        var totalCell = [Double](repeating: 0, count: cells), totalColumn = [Double](repeating: 0, count: nc)
        for i in rows.indices {
            let r = Int(rows[i]), c = Int(columns[i])
            guard r >= 0, w[i] != 0 else { continue }
            let g = ownPSUs ? Int(design.stratum[i]) : Int(design.psu[i])
            let cell = r + nr * c, wi = w[i]
            cellW[g * cells + cell] += wi
            columnW[g * nc + c] += wi
            if ownPSUs {
                cellW2[g * cells + cell] += wi * wi
                columnW2[g * nc + c] += wi * wi
            }
            totalCell[cell] += wi
            totalColumn[c] += wi
        }
        let sums = Sums(cells: cells, columns: nc, groups: groups, ownPSUs: ownPSUs, cellW: cellW, cellW2: cellW2, columnW: columnW,
                        columnW2: columnW2, totalCell: totalCell, totalColumn: totalColumn)
        return pairs(table, sums, strata: design.strataCount, stratumOf: { Int(design.psuStratum[$0]) }) {
            design.variance(stratumSums: $0, squares: $1)
        }
    }

    /// Column comparisons under a declared design, from the table's cell totals: a column's
    /// domain mean of a row has PSU totals (u_rc − p Σ_r u_rc) / W_c, and a pair's difference
    /// the difference of two such totals (swept, when calibrated, since the sweep is linear).
    static func columnPairs(_ table: CrossTab, totals t: CellTotals, design: SurveyDesign) -> [ColumnPair] {
        let nr = table.rowCodes.count, nc = table.columnCodes.count, k = nr * nc
        var columnW = [Double](repeating: 0, count: nc)
        for c in 0..<nc { for r in 0..<nr { columnW[c] += t.weight[r + nr * c] } }
        var columnTotals = [Double](repeating: 0, count: design.psuCount * nc)
        for q in 0..<design.psuCount { for c in 0..<nc { for r in 0..<nr { columnTotals[q * nc + c] += t.psuTotals[q * k + r + nr * c] } } }
        var pairs: [ColumnPair] = []
        var difference = [Double](repeating: 0, count: design.psuCount)
        for (r, rowCode) in table.rowCodes.enumerated() where table.option == nil || rowCode == "yes" {
            for a in 0..<nc {
                for b in 0..<nc where a < b && columnW[a] > 0 && columnW[b] > 0 {
                    let pa = t.weight[r + nr * a] / columnW[a], pb = t.weight[r + nr * b] / columnW[b]
                    for q in 0..<design.psuCount {
                        difference[q] = (t.psuTotals[q * k + r + nr * a] - pa * columnTotals[q * nc + a]) / columnW[a]
                            - (t.psuTotals[q * k + r + nr * b] - pb * columnTotals[q * nc + b]) / columnW[b]
                    }
                    let d = pa - pb, se = design.variance(ofPSUTotals: difference).squareRoot()
                    pairs.append(ColumnPair(rowCode: rowCode, a: table.columnCodes[a], b: table.columnCodes[b], difference: d,
                                            standardError: se, pValue: erfc(abs(d / se) / 2.0.squareRoot()), pAdjusted: .nan))
                }
            }
        }
        let adjusted = MultipleTesting.benjaminiHochberg(pairs.map(\.pValue))
        for k in pairs.indices { pairs[k].pAdjusted = adjusted[k] ?? .nan }
        return pairs
    }

    /// Column comparisons of an unweighted survey without a design, from the table's counts
    /// alone (every respondent a PSU of its own, one stratum of `respondents`): Σw and Σw² of a
    /// cell are both its count.
    static func columnPairs(fromCounts table: CrossTab, respondents: Int) -> [ColumnPair] {
        let nr = table.rowCodes.count, nc = table.columnCodes.count
        var cellW = [Double](repeating: 0, count: nr * nc), columnW = [Double](repeating: 0, count: nc)
        for r in 0..<nr { for c in 0..<nc { cellW[r + nr * c] = Double(table.counts[r][c]); columnW[c] += Double(table.counts[r][c]) } }
        let sums = Sums(cells: nr * nc, columns: nc, groups: 1, ownPSUs: true, cellW: cellW, cellW2: cellW, columnW: columnW,
                        columnW2: columnW, totalCell: cellW, totalColumn: columnW)
        let n = Double(respondents)
        return pairs(table, sums, strata: 1, stratumOf: { _ in 0 }) { sums, squares in
            n > 1 ? (squares[0] - sums[0] * sums[0] / n) * n / (n - 1) : 0
        }
    }

    /// Per group (a stratum when every respondent is a PSU of its own, else a PSU): Σw per cell
    /// and per column, and with own PSUs Σw² likewise; and the totals.
    struct Sums {
        var cells, columns, groups: Int
        var ownPSUs: Bool
        var cellW, cellW2, columnW, columnW2, totalCell, totalColumn: [Double]
    }

    private static func pairs(_ table: CrossTab, _ s: Sums, strata: Int, stratumOf: (Int) -> Int,
                              variance: ([Double], [Double]) -> Double) -> [ColumnPair] {
        let nr = table.rowCodes.count, nc = s.columns, cells = s.cells
        var pairs: [ColumnPair] = []
        var sums = [Double](repeating: 0, count: strata), squares = sums
        for (r, rowCode) in table.rowCodes.enumerated() where table.option == nil || rowCode == "yes" {
            for a in 0..<nc {
                for b in 0..<nc where a < b {
                    let wa = s.totalColumn[a], wb = s.totalColumn[b]
                    guard wa > 0, wb > 0 else { continue }
                    let pa = s.totalCell[r + nr * a] / wa, pb = s.totalCell[r + nr * b] / wb
                    for h in sums.indices { sums[h] = 0; squares[h] = 0 }
                    for g in 0..<s.groups {
                        let ta = (s.cellW[g * cells + r + nr * a] - pa * s.columnW[g * nc + a]) / wa
                        let tb = (s.cellW[g * cells + r + nr * b] - pb * s.columnW[g * nc + b]) / wb
                        if s.ownPSUs {
                            sums[g] += ta - tb
                            squares[g] += (s.cellW2[g * cells + r + nr * a] * (1 - 2 * pa) + pa * pa * s.columnW2[g * nc + a]) / (wa * wa)
                                + (s.cellW2[g * cells + r + nr * b] * (1 - 2 * pb) + pb * pb * s.columnW2[g * nc + b]) / (wb * wb)
                        } else {
                            let h = stratumOf(g), t = ta - tb
                            sums[h] += t
                            squares[h] += t * t
                        }
                    }
                    let d = pa - pb
                    let se = variance(sums, squares).squareRoot()
                    pairs.append(ColumnPair(rowCode: rowCode, a: table.columnCodes[a], b: table.columnCodes[b], difference: d,
                                            standardError: se, pValue: erfc(abs(d / se) / 2.0.squareRoot()), pAdjusted: .nan))
                }
            }
        }
        let adjusted = MultipleTesting.benjaminiHochberg(pairs.map(\.pValue))
        for k in pairs.indices { pairs[k].pAdjusted = adjusted[k] ?? .nan }
        return pairs
    }

    static func raoScott(_ table: CrossTab, totals cellTotals: CellTotals, design: SurveyDesign) -> RaoScott? {
        let nr = table.rowCodes.count, nc = table.columnCodes.count, k = nr * nc
        guard nr > 1, nc > 1 else { return nil }
        // Cell proportions over the domain (the respondents in the table), and each PSU's totals
        // of the linearised cell indicators: (u_cell − p Σ u) / Σw.
        let sumW = cellTotals.sumOfWeights, count = cellTotals.respondents
        guard sumW > 0 else { return nil }
        let p = cellTotals.weight.map { $0 / sumW }
        var totals = [Double](repeating: 0, count: design.psuCount * k)
        for q in 0..<design.psuCount {
            var all = 0.0
            for cell in 0..<k { all += cellTotals.psuTotals[q * k + cell] }
            for cell in 0..<k { totals[q * k + cell] = (cellTotals.psuTotals[q * k + cell] - p[cell] * all) / sumW }
        }
        let v = design.covariance(psuTotals: totals, dimension: k)
        // The contrasts of independence: interaction columns made orthogonal to the main effects.
        var x1: [[Double]] = [], x12: [[Double]] = []
        for cell in 0..<k {
            let r = cell % nr, c = cell / nr
            x1.append([1] + (1..<nr).map { r == $0 ? 1 : 0 } + (1..<nc).map { c == $0 ? 1 : 0 })
            var interactions: [Double] = []
            for cj in 1..<nc { for ri in 1..<nr { interactions.append(r == ri && c == cj ? 1 : 0) } }
            x12.append(interactions)
        }
        let cmat = Matrix.residuals(of: x12, on: x1)
        let total = Double(count)
        let inverse = p.map { $0 == 0 ? 0 : 1 / $0 }
        let m = cmat[0].count
        var denom = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for a in 0..<m { for b in 0..<m {
            var s = 0.0
            for cell in 0..<k { s += cmat[cell][a] * inverse[cell] * cmat[cell][b] }
            denom[a][b] = s / total
        } }
        // (iD C)ᵀ V (iD C), as V (iD C) first: k²m + km² products instead of k²m².
        var scaled = [Double](repeating: 0, count: k * m)   // iD C, cell-major
        for cell in 0..<k { for a in 0..<m { scaled[cell * m + a] = cmat[cell][a] * inverse[cell] } }
        var vs = [Double](repeating: 0, count: k * m)
        for i in 0..<k {
            for j in 0..<k {
                let vij = v[i * k + j]
                if vij == 0 { continue }
                for b in 0..<m { vs[i * m + b] += vij * scaled[j * m + b] }
            }
        }
        var numerator = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        for a in 0..<m { for b in 0..<m {
            var s = 0.0
            for i in 0..<k { s += scaled[i * m + a] * vs[i * m + b] }
            numerator[a][b] = s
        } }
        // R's solve() refuses a matrix whose reciprocal condition number is below the machine
        // epsilon (a table of two nested variables, say): then there is no test, as in R.
        guard Matrix.reciprocalCondition(denom) >= Double.ulpOfOne, let delta = Matrix.solve(denom, numerator) else { return nil }
        var trace = 0.0, traceSquare = 0.0
        for a in 0..<m { trace += delta[a][a]; for b in 0..<m { traceSquare += delta[a][b] * delta[b][a] } }
        // Pearson's X² on the weighted table scaled to the domain's size.
        var x2 = 0.0
        for r in 0..<nr {
            for c in 0..<nc {
                let rowShare = (0..<nc).reduce(0.0) { $0 + p[r + nr * $1] }, columnShare = (0..<nr).reduce(0.0) { $0 + p[$1 + nr * c] }
                let expected = total * rowShare * columnShare
                if expected > 0 { x2 += pow(total * p[r + nr * c] - expected, 2) / expected }
            }
        }
        let d0 = trace * trace / traceSquare
        let f = x2 / trace
        let nu = Double(cellTotals.degreesOfFreedom)
        let ddf = d0 * nu
        return RaoScott(f: f, ndf: d0, ddf: ddf, pValue: FDistribution.upperTail(f, d0, ddf))
    }
}

/// The F distribution's upper tail, P(F > f) with (d1, d2) degrees of freedom.
enum FDistribution {
    static func upperTail(_ f: Double, _ d1: Double, _ d2: Double) -> Double {
        guard f > 0 else { return 1 }
        let x = d2 / (d2 + d1 * f), y = d1 * f / (d2 + d1 * f)
        return IncompleteBeta.regularized(x: x, y: y, a: d2 / 2, b: d1 / 2)
    }
}

/// The few dense-matrix operations the Rao–Scott test needs (matrices of a table's cells).
enum Matrix {
    /// The residuals of each column of `y` after least squares on the columns of `x` (R's
    /// `qr.resid(qr(x), y)`), by the normal equations.
    static func residuals(of y: [[Double]], on x: [[Double]]) -> [[Double]] {
        let n = x.count, p = x[0].count, q = y[0].count
        var xtx = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        var xty = [[Double]](repeating: [Double](repeating: 0, count: q), count: p)
        for i in 0..<n {
            for a in 0..<p {
                for b in 0..<p { xtx[a][b] += x[i][a] * x[i][b] }
                for b in 0..<q { xty[a][b] += x[i][a] * y[i][b] }
            }
        }
        guard let beta = solve(xtx, xty) else { return y }
        return (0..<n).map { i in (0..<q).map { b in y[i][b] - (0..<p).reduce(0.0) { $0 + x[i][$1] * beta[$1][b] } } }
    }

    /// a⁻¹ b by Gaussian elimination with partial pivoting; nil when a is singular.
    /// 1 / (‖A‖₁ ‖A⁻¹‖₁), the reciprocal condition number R's solve() checks (LAPACK estimates
    /// it; here the inverse is computed, the matrices being small). 0 when A is singular.
    static func reciprocalCondition(_ a: [[Double]]) -> Double {
        let n = a.count
        let identity = (0..<n).map { i in (0..<n).map { $0 == i ? 1.0 : 0.0 } }
        guard let inverse = solve(a, identity) else { return 0 }
        func norm(_ m: [[Double]]) -> Double { (0..<n).map { j in (0..<n).reduce(0) { $0 + abs(m[$1][j]) } }.max() ?? 0 }
        let product = norm(a) * norm(inverse)
        return product.isFinite && product > 0 ? 1 / product : 0
    }

    static func solve(_ a: [[Double]], _ b: [[Double]]) -> [[Double]]? {
        var a = a, b = b
        let n = a.count
        for col in 0..<n {
            guard let pivot = (col..<n).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), abs(a[pivot][col]) > 1e-300 else { return nil }
            a.swapAt(col, pivot)
            b.swapAt(col, pivot)
            for row in 0..<n where row != col {
                let factor = a[row][col] / a[col][col]
                if factor == 0 { continue }
                for j in col..<n { a[row][j] -= factor * a[col][j] }
                for j in 0..<b[0].count { b[row][j] -= factor * b[col][j] }
            }
        }
        return (0..<n).map { i in b[i].map { $0 / a[i][i] } }
    }
}
