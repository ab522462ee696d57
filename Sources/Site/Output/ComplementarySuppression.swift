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

    /// - Parameter smallColumns: withhold every cell of a column whose total is from 1 to
    ///   `minCell − 1` (a group too small to publish anything about, its zeros included).
    public static func pattern(_ counts: [[Int]], minCell: Int, smallColumns: Bool = false) -> [[Cell]] {
        var cells = counts.map { row in row.map { $0 > 0 && $0 < minCell ? Cell.small : .published } }
        guard let width = counts.first?.count, counts.allSatisfy({ $0.count == width }) else { return cells }
        if smallColumns {
            for j in 0..<width {
                let total = counts.reduce(0) { $0 + $1[j] }
                guard total > 0 && total < minCell else { continue }
                for i in counts.indices where cells[i][j] == .published { cells[i][j] = .complementary }
            }
        }
        let lines: [[(Int, Int)]] = counts.indices.map { i in (0..<width).map { (i, $0) } }
            + (0..<width).map { j in counts.indices.map { ($0, j) } }
        var changed = true
        while changed {
            changed = false
            for line in lines {
                let withheld = line.filter { cells[$0.0][$0.1] != .published }
                guard withheld.count == 1 else { continue }
                let open = line.filter { cells[$0.0][$0.1] == .published }
                let candidates = open.contains { counts[$0.0][$0.1] > 0 } ? open.filter { counts[$0.0][$0.1] > 0 } : open
                guard let pick = candidates.min(by: { counts[$0.0][$0.1] < counts[$1.0][$1.1] }) else { continue }
                cells[pick.0][pick.1] = .complementary
                changed = true
            }
        }
        return cells
    }
}
