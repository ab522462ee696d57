import Diagnostics

/// `provinces.csv`: the provincial-level regions with their codes, names, economic region and
/// tile-map position.
///
/// Columns: `code` (GB/T 2260, unique), `iso`, `name_en` and a `name_LANG` for each other language, `type`, `region` (a code of the
/// codebook's region question), `population`, `row`, `col` (0-based tile position, unique).
public struct ProvinceTable: Sendable {
    public struct Province: Sendable, Hashable {
        public var code: String
        public var iso: String
        /// The region's name by language tag (`name_en` → "en", `name_zh` → "zh").
        public var names: [String: String]
        public var type: String
        public var region: String
        public var population: Int
        public var row: Int
        public var col: Int

        /// The short key shown on a tile ("BJ" for CN-BJ).
        public var abbreviation: String { iso.split(separator: "-").last.map(String.init) ?? code }

        /// The name in `language`, or the English one where the table has none.
        public func name(in language: String) -> String {
            names[language].flatMap { $0.isEmpty ? nil : $0 } ?? names["en"] ?? code
        }
    }

    public var provinces: [Province]

    public func province(_ code: String) -> Province? { provinces.first { $0.code == code } }

    static let columns = ["code", "iso", "name_en", "type", "region", "population", "row", "col"]

    public static func read(_ bytes: [UInt8], source: String) throws(DiagnosticsError) -> ProvinceTable {
        let table = try CSVTable.read(bytes, source: source)
        var diagnostics = DiagnosticCollector()
        let index = table.columns(columns, prefixes: ["name_"], diagnostics: &diagnostics)
        try diagnostics.throwIfErrors()
        let nameColumns = table.header.indices.compactMap { k -> (String, Int)? in
            let name = table.header[k].text.trimmingSpacesAndTabs
            return name.hasPrefix("name_") && name.count > 5 ? (String(name.dropFirst(5)), k) : nil
        }
        var provinces: [Province] = []
        var codes: [String: Int] = [:]
        var tiles: [String: String] = [:]
        for row in table.rows {
            func cell(_ name: String) -> CSVTable.Cell { row[index[name]!] }
            func int(_ name: String, min: Int = 0) -> Int {
                let c = cell(name)
                guard let n = Int(c.text.trimmingSpacesAndTabs), n >= min else {
                    diagnostics.error(at: c.location, "`\(name)` must be a whole number of at least \(min), not \"\(c.text)\"")
                    return 0
                }
                return n
            }
            let code = cell("code").text.trimmingSpacesAndTabs
            if code.isEmpty { diagnostics.error(at: cell("code").location, "empty province code") }
            if let first = codes[code] {
                diagnostics.error(at: cell("code").location, "duplicate province code \"\(code)\"", hint: "first at line \(first)")
            }
            codes[code] = cell("code").location.line
            let province = Province(code: code, iso: cell("iso").text, names: Dictionary(nameColumns.map { ($0.0, row[$0.1].text) }) { first, _ in first },
                                    type: cell("type").text, region: cell("region").text.trimmingSpacesAndTabs,
                                    population: int("population"), row: int("row"), col: int("col"))
            let tile = "\(province.row),\(province.col)"
            if let other = tiles[tile] {
                diagnostics.error(at: cell("row").location, "tile \(tile) is already taken by \(other)")
            }
            tiles[tile] = code
            provinces.append(province)
        }
        try diagnostics.throwIfErrors()
        return ProvinceTable(provinces: provinces)
    }
}
