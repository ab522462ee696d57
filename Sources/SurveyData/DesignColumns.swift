import Diagnostics

/// The columns of `responses.csv` that describe the sample rather than answer a question: a
/// design's strata, clusters and stratum population sizes. Read after the answers (which have
/// checked the file's structure), one cell per respondent in row order.
public struct DesignColumns: Sendable {
    /// Per column name, each respondent's cell (trimmed of spaces and tabs), as label numbers.
    public var values: [String: LabelColumn] = [:]
    /// Per column name, where each respondent's cell stands (for errors about a cell).
    private var lines: [Int] = []
    private var columnNumbers: [String: [Int32]] = [:]
    public let source: String

    public func location(of column: String, row: Int) -> SourceLocation {
        SourceLocation(file: source, line: lines[row], column: Int(columnNumbers[column]?[row] ?? 1))
    }

    public static func read(bytes: UnsafeBufferPointer<UInt8>, source: String, names: [String]) throws(DiagnosticsError) -> DesignColumns {
        var result = DesignColumns(source: source)
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        var scanner = CSVScanner(bytes: bytes, startingAt: start)
        var fields: [CSVField] = []
        var wanted: [(name: String, index: Int)] = []
        var width = 0
        let header: Bool
        do throws(CSVScanner.Failure) { header = try scanner.nextRecord(into: &fields) } catch {
            throw DiagnosticsError(.error(at: .start(of: source), "the file could not be read again for its design columns"))
        }
        guard header else { return result }
        width = fields.count
        for name in names {
            guard let k = fields.firstIndex(where: { CSVScanner.text(of: $0, in: bytes).trimmingSpacesAndTabs == name }) else {
                throw DiagnosticsError(.error(at: .start(of: source), "no design column \"\(name)\" in the header"))
            }
            wanted.append((name, k))
        }
        var interners = [ByteInterner](repeating: ByteInterner(), count: wanted.count)
        var codes = [[Int32]](repeating: [], count: wanted.count), columns = codes
        do throws(CSVScanner.Failure) {
            while try scanner.nextRecord(into: &fields) {
                if fields.count == 1 && width > 1 && !fields[0].quoted
                    && CSVScanner.text(of: fields[0], in: bytes).trimmingSpacesAndTabs.isEmpty { continue }
                guard fields.count == width else { continue } // reported by the answers' reader
                result.lines.append(fields[0].line)
                for (w, (_, k)) in wanted.enumerated() {
                    let field = fields[k]
                    var (s, e) = (field.start, field.end)
                    if !field.quoted { (s, e) = CSVScanner.trimmed(s, e, in: bytes) }
                    let known = interners[w].names.count
                    let code = interners[w].number(s, e, in: bytes)
                    // A quoted label with doubled quotes is numbered by its bytes and named by its text.
                    if field.hasEscapedQuotes && Int(code) == known { interners[w].rename(code, CSVScanner.text(of: field, in: bytes)) }
                    codes[w].append(code)
                    columns[w].append(Int32(CSVScanner.column(of: field.fieldStart, lineStart: field.lineStart, in: bytes)))
                }
            }
        } catch {
            throw DiagnosticsError(.error(at: .start(of: source), "the file could not be read again for its design columns"))
        }
        for (w, (name, _)) in wanted.enumerated() {
            result.values[name] = LabelColumn(codes: codes[w], names: interners[w].names)
            result.columnNumbers[name] = columns[w]
        }
        return result
    }

    private init(source: String) { self.source = source }
}
