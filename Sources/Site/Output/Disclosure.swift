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

    public func isSmall(_ n: Int) -> Bool { n > 0 && n < minCell }

    public func apply(to value: JSONValue) -> JSONValue {
        switch value {
        case .object(let pairs):
            let suppressDerived = pairs.contains { key, v in
                if key == "count" || key == "n", case .int(let n) = v { return isSmall(n) }
                return false
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
