/// A question (or one multi-select option as yes/no) crossed with a breakdown, with its test.
public struct CrossTab: Sendable, Hashable {
    public var row: String
    public var column: String
    /// For a multi-select row question, the option this table is about.
    public var option: String?
    public var n: Int
    /// counts[r][c], after dropping all-zero rows and columns.
    public var counts: [[Int]]
    public var rowCodes: [String]
    public var columnCodes: [String]
    public var test: ChiSquareTest?
    /// BH-adjusted p across every testable table of the build.
    public var pAdjusted: Double?
    /// Weighted column shares (Σw per cell / Σw per column) when weights exist.
    public var weightedColumnShares: [[Double?]]?
    /// Σw per cell (rows and columns as `counts`), when weights exist.
    public var weightedCells: [[Double]]?

    /// Under a declared design, the Rao–Scott test (and `pAdjusted` is BH over those).
    public var raoScott: RaoScott?
    /// Each row's shares in every two columns compared, design-based (`svyby` + `svycontrast`).
    public var columnPairs: [ColumnPair] = []

    public var testable: Bool { test != nil || raoScott != nil }

    /// The same table with rows and columns swapped (Pearson's test is symmetric).
    public func transposed() -> CrossTab {
        func flip<T>(_ m: [[T]]) -> [[T]] {
            guard let width = m.first?.count else { return [] }
            return (0..<width).map { j in m.map { $0[j] } }
        }
        var t = self
        (t.row, t.column, t.rowCodes, t.columnCodes) = (column, row, columnCodes, rowCodes)
        t.counts = flip(counts)
        t.columnPairs = []   // comparisons are of a table's columns: not defined the other way round
        t.weightedCells = weightedCells.map(flip)
        t.weightedColumnShares = t.weightedCells.map(CrossTab.columnShares)
        return t
    }

    /// The table with these rows and columns present (as zeros where they were dropped for
    /// being empty), in the given order after the existing ones. Tests are not recomputed.
    public func including(rows extraRows: [String], columns extraColumns: [String]) -> CrossTab {
        var t = self
        for code in extraColumns where !t.columnCodes.contains(code) {
            t.columnCodes.append(code)
            for i in t.counts.indices { t.counts[i].append(0) }
            if t.weightedCells != nil { for i in t.weightedCells!.indices { t.weightedCells![i].append(0) } }
        }
        for code in extraRows where !t.rowCodes.contains(code) {
            t.rowCodes.append(code)
            t.counts.append([Int](repeating: 0, count: t.columnCodes.count))
            t.weightedCells?.append([Double](repeating: 0, count: t.columnCodes.count))
        }
        t.weightedColumnShares = t.weightedCells.map(CrossTab.columnShares)
        return t
    }

    /// Each cell's share of its column's total (nil for an empty column).
    static func columnShares(_ cells: [[Double]]) -> [[Double?]] {
        let width = cells.first?.count ?? 0
        let totals = (0..<width).map { j in cells.reduce(0) { $0 + $1[j] } }
        return cells.map { row in row.indices.map { j in totals[j] > 0 ? row[j] / totals[j] : nil } }
    }
}

/// Pearson's chi-square test of independence without continuity correction.
public struct ChiSquareTest: Sendable, Hashable {
    public var chiSquare: Double
    public var df: Int
    public var pValue: Double
    public var cramersV: Double
    /// True when any expected count is below 5.
    public var lowExpected: Bool

    /// R: `chisq.test(t, correct = FALSE)`. Nil for tables smaller than 2×2.
    public static func compute(_ counts: [[Int]]) -> ChiSquareTest? {
        let r = counts.count
        guard r >= 2, let c = counts.first?.count, c >= 2 else { return nil }
        let rowSums = counts.map { Double($0.reduce(0, +)) }
        var colSums = [Double](repeating: 0, count: c)
        for row in counts { for j in 0..<c { colSums[j] += Double(row[j]) } }
        let n = rowSums.reduce(0, +)
        guard n > 0 else { return nil }
        var statistic = 0.0
        var low = false
        for i in 0..<r {
            for j in 0..<c {
                let e = rowSums[i] * colSums[j] / n
                if e < 5 { low = true }
                let d = Double(counts[i][j]) - e
                statistic += d * d / e
            }
        }
        let df = (r - 1) * (c - 1)
        return ChiSquareTest(chiSquare: statistic, df: df,
                             pValue: ChiSquareDistribution.upperTail(statistic, df: Double(df)),
                             cramersV: (statistic / (n * Double(min(r, c) - 1))).squareRoot(),
                             lowExpected: low)
    }
}
