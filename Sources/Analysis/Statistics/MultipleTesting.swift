/// Adjusted p-values for a family of tests.
public enum MultipleTesting {
    /// Benjamini–Hochberg, as R's `p.adjust(p, "BH")`; nil entries are left out of the family.
    public static func benjaminiHochberg(_ p: [Double?]) -> [Double?] {
        let present = p.enumerated().compactMap { i, v in v.map { (i, $0) } }
        let n = present.count
        guard n > 0 else { return p.map { _ in nil } }
        // Decreasing p; ties keep their original order, as R's order() does.
        let order = present.indices.sorted { a, b in
            present[a].1 != present[b].1 ? present[a].1 > present[b].1 : a < b
        }
        var adjusted = [Double](repeating: 0, count: n)
        var running = Double.infinity
        for (rank, k) in order.enumerated() {
            let i = n - rank
            running = min(running, Double(n) / Double(i) * present[k].1)
            adjusted[k] = min(1, running)
        }
        var out = [Double?](repeating: nil, count: p.count)
        for (k, (original, _)) in present.enumerated() { out[original] = adjusted[k] }
        return out
    }
}
