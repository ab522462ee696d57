/// Secondary suppression for a cross-tabulation whose margins are published (the question's and
/// the breakdown's own frequencies): wherever a row or a column holds exactly one withheld cell,
/// its value would follow from the total by subtraction, so the smallest other non-zero cell of
/// that line is withheld too, until no row or column holds exactly one. (The rule of the
/// standard cell-suppression procedure.) A zero is withheld only when a line has no other
/// cell to give: then it is the zero that keeps the withheld cell from equalling the total.
public enum ComplementarySuppression {
    public enum Cell: Equatable, Sendable {
        case published
        /// A count from 1 to min_cell − 1.
        case small
        /// Withheld so that a small count cannot be worked out from the totals.
        case complementary
    }

    /// - Parameter smallLines: withhold every cell of a row or column whose total is from 1 to
    ///   `minCell − 1`, zeros included, as a complement ("x", not "<m"): a group too small to
    ///   publish anything about, and a total that is itself withheld, which a split into cells
    ///   each at least 1 would bound from below.
    /// - Parameter forcedRows, forcedColumns: rows and columns withheld whole from the start,
    ///   because their totals are withheld where they are published (the linked tables).
    /// - Parameter avoid: cells (as `[row, column]`) chosen as complements only when nothing else will do.
    public static func pattern(_ counts: [[Int]], minCell: Int, smallLines: Bool = false,
                               forcedRows: Set<Int> = [], forcedColumns: Set<Int> = [], avoid: Set<[Int]> = []) -> [[Cell]] {
        var cells = counts.map { row in row.map { $0 > 0 && $0 < minCell ? Cell.small : .published } }
        guard let width = counts.first?.count, counts.allSatisfy({ $0.count == width }) else { return cells }
        for i in counts.indices {
            for j in 0..<width where forcedRows.contains(i) || forcedColumns.contains(j) {
                if cells[i][j] == .published { cells[i][j] = .complementary }
            }
        }
        if smallLines {
            for j in 0..<width {
                let total = counts.reduce(0) { $0 + $1[j] }
                guard total > 0 && total < minCell else { continue }
                for i in counts.indices { cells[i][j] = .complementary }
            }
            for i in counts.indices {
                let total = counts[i].reduce(0, +)
                guard total > 0 && total < minCell else { continue }
                for j in 0..<width { cells[i][j] = .complementary }
            }
        }
        let lines: [[(Int, Int)]] = counts.indices.map { i in (0..<width).map { (i, $0) } }
            + (0..<width).map { j in counts.indices.map { ($0, j) } }
        var changed = true
        while changed {
            changed = false
            for line in lines {
                let withheld = line.filter { cells[$0.0][$0.1] != .published }
                guard !withheld.isEmpty, !isProtected(withheld.map { (counts[$0.0][$0.1], cells[$0.0][$0.1]) }, minCell: minCell) else { continue }
                let open = line.filter { cells[$0.0][$0.1] == .published }
                let preferred = open.filter { !avoid.contains([$0.0, $0.1]) }
                let pool = preferred.contains { counts[$0.0][$0.1] > 0 } ? preferred : open
                let candidates = pool.contains { counts[$0.0][$0.1] > 0 } ? pool.filter { counts[$0.0][$0.1] > 0 } : pool
                guard let pick = candidates.min(by: { counts[$0.0][$0.1] < counts[$1.0][$1.1] }) else { continue }
                cells[pick.0][pick.1] = .complementary
                changed = true
            }
        }
        return cells
    }

    /// Whether a line's withheld cells keep each small one's every value from 1 to `minCell − 1`
    /// possible, given the line's published total: a small cell equals the withheld total less
    /// the others, each at least 1 if small and 0 otherwise, so the withheld total must reach
    /// `minCell − 1` plus one for each other small cell; and some withheld cell must be a
    /// complement, unbounded above, so that the small one can also be as low as 1.
    static func isProtected(_ withheld: [(count: Int, cell: Cell)], minCell: Int) -> Bool {
        let small = withheld.filter { $0.cell == .small }.count
        guard small > 0 else { return withheld.count != 1 }
        guard withheld.count > 1, withheld.contains(where: { $0.cell == .complementary }) else { return false }
        return withheld.reduce(0) { $0 + $1.count } >= minCell - 1 + small - 1
    }
}
