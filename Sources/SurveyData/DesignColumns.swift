import Diagnostics

/// The columns of `responses.csv` that describe the sample rather than answer a question: a
/// design's strata, clusters and stratum population sizes. Read after the answers (which have
/// checked the file's structure), one cell per respondent in row order.
public struct DesignColumns: Sendable {
    /// Per column name, each respondent's cell (trimmed of spaces and tabs).
    public var values: [String: [String]] = [:]
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
            result.values[name] = []
            result.columnNumbers[name] = []
        }
        do throws(CSVScanner.Failure) {
            while try scanner.nextRecord(into: &fields) {
                if fields.count == 1 && width > 1 && !fields[0].quoted
                    && CSVScanner.text(of: fields[0], in: bytes).trimmingSpacesAndTabs.isEmpty { continue }
                guard fields.count == width else { continue } // reported by the answers' reader
                result.lines.append(fields[0].line)
                for (name, k) in wanted {
                    result.values[name]!.append(CSVScanner.text(of: fields[k], in: bytes).trimmingSpacesAndTabs)
                    result.columnNumbers[name]!.append(Int32(CSVScanner.column(of: fields[k].fieldStart, lineStart: fields[k].lineStart, in: bytes)))
                }
            }
        } catch {
            throw DiagnosticsError(.error(at: .start(of: source), "the file could not be read again for its design columns"))
        }
        return result
    }

    private init(source: String) { self.source = source }
}
