/// Primary suppression for everything published: every count from 1 to `minCell − 1` becomes a
/// marker such as "<5", and the share, interval and value derived from it are withheld.
public struct Disclosure: Sendable {
    public var minCell: Int

    public init(minCell: Int) {
        self.minCell = minCell
    }

    static let countKeys: Set<String> = ["count", "valid", "missing", "not_asked", "n"]
    static let derivedKeys: Set<String> = ["proportion", "ci95", "weighted_count", "value", "lower", "upper", "mean", "sd"]

    public var marker: String { "<\(minCell)" }
    /// What stands in a cross-tabulation's cell withheld by complementary suppression.
    public static let complementaryMarker = "x"

    /// Which cells of a cross-tabulation are published, small, or withheld to protect a small one.
    public func pattern(_ counts: [[Int]]) -> [[ComplementarySuppression.Cell]] {
        minCell <= 1 ? counts.map { $0.map { _ in .published } } : ComplementarySuppression.pattern(counts, minCell: minCell)
    }

    /// Which answers of a question are published: for answers that exclude one another (single
    /// choice, Likert), whose counts add up to the published number who answered, one withheld
    /// count would follow by subtraction, so the smallest other is withheld with it.
    public func categoryPattern(_ counts: [Int], exclusive: Bool) -> [ComplementarySuppression.Cell] {
        exclusive ? pattern([counts])[0] : counts.map { isSmall($0) ? .small : .published }
    }

    /// A cell's count as published.
    public func cellText(_ n: Int, _ cell: ComplementarySuppression.Cell, format: (Int) -> String) -> String {
        switch cell {
        case .published: format(n)
        case .small: marker
        case .complementary: Self.complementaryMarker
        }
    }

    public func isSmall(_ n: Int) -> Bool { n > 0 && n < minCell }

    public func apply(to value: JSONValue) -> JSONValue {
        switch value {
        case .object(let pairs):
            let suppressDerived = pairs.contains { key, v in
                if key == "count" || key == "n", case .int(let n) = v { return isSmall(n) }
                return false
            }
            // A cross-tabulation: small cells and their complements, in the counts and in any shares.
            if let counts = pairs.first(where: { $0.0 == "counts" })?.1.intMatrix {
                let pattern = self.pattern(counts)
                return .object(pairs.map { key, v in
                    switch key {
                    case "counts":
                        return (key, .array(counts.indices.map { i in .array(counts[i].indices.map { j in
                            pattern[i][j] == .published ? .int(counts[i][j]) : .string(cellText(counts[i][j], pattern[i][j], format: String.init))
                        }) }))
                    case "weighted_column_shares":
                        guard case .array(let rows) = v else { return (key, v) }
                        return (key, .array(rows.enumerated().map { i, row in
                            guard case .array(let items) = row else { return row }
                            return .array(items.enumerated().map { j, item in
                                i < pattern.count && j < pattern[i].count && pattern[i][j] != .published ? .null : item })
                        }))
                    default:
                        if Self.countKeys.contains(key), case .int(let n) = v, isSmall(n) { return (key, .string(marker)) }
                        return (key, apply(to: v))
                    }
                })
            }
            // A question's answers that exclude one another: complementary suppression across them.
            if let type = pairs.first(where: { $0.0 == "type" })?.1, type == .string("single") || type == .string("likert"),
               case .array(let categories)? = pairs.first(where: { $0.0 == "categories" })?.1 {
                let counts = categories.map { category -> Int in
                    guard case .object(let fields) = category, case .int(let n)? = fields.first(where: { $0.0 == "count" })?.1 else { return 0 }
                    return n
                }
                let cells = categoryPattern(counts, exclusive: true)
                return .object(pairs.map { key, v in
                    if Self.countKeys.contains(key), case .int(let n) = v, isSmall(n) { return (key, .string(marker)) }
                    guard key == "categories" else { return (key, apply(to: v)) }
                    return (key, .array(categories.enumerated().map { k, category in
                        guard cells[k] == .complementary, case .object(let fields) = category else { return apply(to: category) }
                        return .object(fields.map { field, value in
                            field == "count" ? (field, .string(Self.complementaryMarker)) : Self.derivedKeys.contains(field) ? (field, .null) : (field, value)
                        })
                    }))
                })
            }
            return .object(pairs.map { key, v in
                if Self.countKeys.contains(key), case .int(let n) = v, isSmall(n) { return (key, .string(marker)) }
                if suppressDerived && Self.derivedKeys.contains(key) { return (key, .null) }
                if key == "counts" { return (key, suppressCells(v)) }
                return (key, apply(to: v))
            })
        case .array(let items):
            return .array(items.map(apply))
        default:
            return value
        }
    }

    private func suppressCells(_ value: JSONValue) -> JSONValue {
        switch value {
        case .int(let n) where isSmall(n): return .string(marker)
        case .array(let items): return .array(items.map(suppressCells))
        default: return value
        }
    }
}

extension JSONValue {
    /// The value as a matrix of integers, when it is one.
    var intMatrix: [[Int]]? {
        guard case .array(let rows) = self else { return nil }
        var out: [[Int]] = []
        for row in rows {
            guard case .array(let items) = row else { return nil }
            var values: [Int] = []
            for item in items {
                guard case .int(let n) = item else { return nil }
                values.append(n)
            }
            out.append(values)
        }
        return out
    }
}
