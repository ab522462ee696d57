import Words
import Charts
import Analysis
import SurveyData
import Foundation
/// Primary suppression for everything published: every count from 1 to `minCell − 1` becomes a
/// marker such as "<5", and the share, interval and value derived from it are withheld.
public struct Disclosure: Sendable {
    public var minCell: Int
    /// Whether a numeric question's minimum and maximum are published (off: each is one answer).
    public var extremes: Bool

    public init(minCell: Int, extremes: Bool = false) {
        self.minCell = minCell
        self.extremes = extremes
    }

    static let countKeys: Set<String> = ["count", "valid", "missing", "not_asked", "n"]
    static let derivedKeys: Set<String> = ["proportion", "ci95", "weighted_count", "value", "lower", "upper", "mean", "sd", "se", "deff"]

    public var marker: String { "<\(minCell)" }

    /// What the markers in a table mean, for its note, in `words` (the language file's
    /// `marker_small`, `marker_complement`, `marker_withheld`): said only for those that appear.
    public func legend(for table: DataTable, words: Words) -> String {
        let cells = table.rows.flatMap { $0.dropFirst() }
        let small = cells.contains { $0 == marker || $0.hasPrefix(marker + " ") }
        let complement = cells.contains { $0 == Self.complementaryMarker }
        // The table as the generator wrote it, before translation: "withheld" is its own word.
        let withheld = !small && !complement && cells.contains { $0 == "withheld" }
        func say(_ key: String) -> String { words.phrase(key, ["marker": marker, "n": String(minCell)]) }
        return [small ? say("marker_small") : nil, complement ? say("marker_complement") : nil, withheld ? say("marker_withheld") : nil]
            .compactMap { $0 }.joined(separator: words["sentence_gap"])
    }

    /// What stands in a cross-tabulation's cell withheld by complementary suppression.
    public static let complementaryMarker = "x"

    /// Which cells of a cross-tabulation are published, small, or withheld to protect a small one.
    /// In a cross-tabulation (answers by group), a group too small to publish has every cell
    /// withheld, and every withheld cell is shown as "x", small or not: a table's rows and
    /// columns add up to counts published elsewhere (the question's answers, the groups), and
    /// "<m" beside them would say each is at least 1, bounding its neighbours.
    public func pattern(_ counts: [[Int]]) -> [[ComplementarySuppression.Cell]] {
        guard minCell > 1 else { return counts.map { $0.map { _ in .published } } }
        let cells = ComplementarySuppression.pattern(counts, minCell: minCell, smallLines: counts.count > 1)
        guard counts.count > 1 else { return cells }
        return cells.map { $0.map { $0 == .published ? .published : .complementary } }
    }

    /// A cross-tabulation as it may be published: a row or column whose answer or group is
    /// withheld in its own figures is shown (withheld) even when it is empty, since its absence
    /// would say it is zero.
    public func release(_ t: CrossTab, releases: QuestionReleases) -> CrossTab {
        guard minCell > 1 else { return t }
        return t.including(rows: t.option == nil ? releases.withheldCodes(t.row) : [], columns: releases.withheldCodes(t.column))
    }

    /// Which cells of a cross-tabulation are published, as one of the linked tables: a row
    /// whose answer is withheld in the question's own figures, or a column whose group is
    /// withheld in the breakdown's, is withheld whole (its total would otherwise follow from
    /// the table), then complementary suppression runs over what is left.
    public func pattern(_ t: CrossTab, releases: QuestionReleases) -> [[ComplementarySuppression.Cell]] {
        guard minCell > 1 else { return t.counts.map { $0.map { _ in .published } } }
        let allRows = t.option.map { releases.isWithheld(t.row, code: $0) } ?? (releases[t.row].map { $0.answered != .published } ?? false)
        let rows = allRows ? Set(t.counts.indices)
            : Set(t.option == nil ? t.rowCodes.indices.filter { releases.isWithheld(t.row, code: t.rowCodes[$0]) } : [])
        let columns = Set(t.columnCodes.indices.filter { releases.isWithheld(t.column, code: t.columnCodes[$0]) })
        let cells = ComplementarySuppression.pattern(t.counts, minCell: minCell, smallLines: t.counts.count > 1,
                                                     forcedRows: rows, forcedColumns: columns)
        return cells.map { $0.map { $0 == .published ? .published : .complementary } }
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

    /// A p-value as published: "<0.001", else two significant digits (the exact value is
    /// one more equation an attacker could solve).
    static func roundedP(_ p: Double) -> JSONValue {
        guard p.isFinite else { return .null }
        if p < 0.001 { return .string("<0.001") }
        let digits = max(2, 1 - Int(log10(p).rounded(.down)))
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return .double((p * scale).rounded() / scale)
    }

    /// A question object of findings.json (`pairs`, as FindingsDocument writes it for the author),
    /// as its release allows.
    func releaseQuestion(_ pairs: [(String, JSONValue)], valid: Int, release: QuestionRelease) -> JSONValue {
        func int(_ key: String) -> Int {
            if case .int(let n)? = pairs.first(where: { $0.0 == key })?.1 { return n }
            return 0
        }
        var categories: [[(String, JSONValue)]] = []
        if case .array(let items)? = pairs.first(where: { $0.0 == "categories" })?.1 {
            categories = items.map { if case .object(let fields) = $0 { fields } else { [] } }
        }
        let counts = categories.map { fields -> Int in
            if case .int(let n)? = fields.first(where: { $0.0 == "count" })?.1 { return n }
            return 0
        }
        func count(_ n: Int, _ cell: ComplementarySuppression.Cell) -> JSONValue {
            cell == .published ? .int(n) : .string(cellText(n, cell, format: String.init))
        }
        return .object(pairs.map { key, v in
            switch key {
            case "valid": return (key, count(valid, release.answered))
            case "missing": return (key, count(int(key), release.missing))
            case "not_asked": return (key, count(int(key), release.notAsked))
            case "categories":
                return (key, .array(categories.enumerated().map { k, fields in
                    let cell = release.categories[k]
                    return .object(fields.map { field, value in
                        if field == "count" { return (field, count(counts[k], cell)) }
                        if cell != .published && Self.derivedKeys.contains(field) { return (field, .null) }
                        return (field, value)
                    })
                }))
            case "mean", "sd", "q1", "median", "q3", "mean_se", "mean_ci95": return (key, release.statistics ? v : .null)
            case "min", "max": return (key, release.extremes ? v : .null)
            case "top_box":
                guard case .object(let fields) = v else { return (key, v) }
                return (key, .object(fields.map { field, value in
                    if release.topBox || field == "codes" { return (field, value) }
                    return (field, field == "count" ? .string(Self.complementaryMarker) : .null)
                }))
            default: return (key, v)
            }
        })
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
