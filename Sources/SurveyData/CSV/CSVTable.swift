import Diagnostics

/// A small CSV file read whole into text cells that remember where they stand: for the side
/// tables (provinces, collaborations), where clarity matters more than speed.
public struct CSVTable: Sendable {
    public struct Cell: Sendable, Hashable {
        public var text: String
        public var location: SourceLocation
    }

    public var source: String
    public var header: [Cell]
    public var rows: [[Cell]]

    /// Reads the file; structural problems (encoding, quotes, field counts) are errors.
    public static func read(_ bytes: [UInt8], source: String) throws(DiagnosticsError) -> CSVTable {
        var diagnostics = DiagnosticCollector()
        var table = CSVTable(source: source, header: [], rows: [])
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            if buffer.count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
            if buffer.count == start {
                diagnostics.error(at: .start(of: source), "the file is empty")
                return
            }
            if let bad = UTF8Validation.firstInvalidByte(in: buffer) {
                var line = 1, lineStart = 0
                for i in 0..<bad where buffer[i] == 0x0A { line += 1; lineStart = i + 1 }
                diagnostics.error(at: SourceLocation(file: source, line: line, column: bad - lineStart + 1), "invalid UTF-8",
                                  hint: "save the file as UTF-8")
                return
            }
            var scanner = CSVScanner(bytes: buffer, startingAt: start)
            var fields: [CSVField] = []
            func cells(_ fields: [CSVField]) -> [Cell] {
                fields.map { f in
                    Cell(text: CSVScanner.text(of: f, in: buffer),
                         location: SourceLocation(file: source, line: f.line,
                                                  column: CSVScanner.column(of: f.fieldStart, lineStart: f.lineStart, in: buffer)))
                }
            }
            do throws(CSVScanner.Failure) {
                guard try scanner.nextRecord(into: &fields) else { return }
                table.header = cells(fields)
                while !diagnostics.isFull, try scanner.nextRecord(into: &fields) {
                    let row = cells(fields)
                    if row.count == 1 && row[0].text.isEmpty && table.header.count > 1 { continue }
                    if row.count != table.header.count {
                        diagnostics.error(at: row[min(row.count, table.header.count) - (row.count > table.header.count ? 0 : 1)].location,
                                          "this row has \(row.count) fields, the header has \(table.header.count)")
                        continue
                    }
                    table.rows.append(row)
                }
            } catch {
                switch error {
                case .unterminatedQuote(let f), .textAfterQuote(let f, _, _, _):
                    diagnostics.error(at: SourceLocation(file: source, line: f.line,
                                                         column: CSVScanner.column(of: f.fieldStart, lineStart: f.lineStart, in: buffer)),
                                      "unterminated quote")
                }
            }
        }
        try diagnostics.throwIfErrors()
        return table
    }

    /// The index of each required column; missing ones are errors at the header.
    /// Where each known column is; `prefixes` admits a family of columns (`name_` for `name_zh`).
    public func columns(_ required: [String], optional: [String] = [], prefixes: [String] = [],
                        diagnostics: inout DiagnosticCollector) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, cell) in header.enumerated() {
            let name = cell.text.trimmingSpacesAndTabs
            if required.contains(name) || optional.contains(name) || prefixes.contains(where: { name.hasPrefix($0) && name.count > $0.count }) {
                index[name] = i
            } else {
                diagnostics.error(at: cell.location, "unknown column \"\(name)\"",
                                  hint: Suggestion.hint(for: name, in: required + optional) ?? "expected \((required + optional).joined(separator: ", "))")
            }
        }
        for name in required where index[name] == nil {
            diagnostics.error(at: .start(of: source), "missing column \"\(name)\"")
        }
        return index
    }
}
