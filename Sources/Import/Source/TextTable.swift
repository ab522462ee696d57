import Diagnostics
import Foundation
import SurveyData

/// Rows of text (an xlsx sheet, a CSV file) as a source table: the first row names the
/// variables, and a column whose every filled cell is a number becomes numbers.
enum TextTable {
    static func table(rows: [[String]], path: String, format: SourceFormat) throws(ImportError) -> SourceTable {
        guard let header = rows.first, !header.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw ImportError(path, "the file has no header row", hint: "the first row must name the columns")
        }
        var body = Array(rows.dropFirst())
        while let last = body.last, last.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { body.removeLast() }
        guard !body.isEmpty else { throw ImportError(path, "the file has a header but no respondents") }
        var variables: [SourceVariable] = []
        var seen: [String: Int] = [:]
        for (c, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if name.isEmpty {
                if body.allSatisfy({ c >= $0.count || $0[c].trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
                throw ImportError(path, line: 1, column: c + 1, "column \(c + 1) has answers but no header")
            }
            if let first = seen[name] {
                throw ImportError(path, line: 1, column: c + 1, "two columns are headed \"\(name)\" (columns \(first + 1) and \(c + 1))")
            }
            seen[name] = c
            let texts = body.map { c < $0.count ? $0[c] : "" }
            var variable = SourceVariable(name: name, label: name, values: .strings(texts))
            if let numbers = ValueCoding.numbers(texts) { variable.values = .numbers(numbers, tags: [:]) }
            variables.append(variable)
        }
        return SourceTable(path: path, format: format, variables: variables, rowCount: body.count)
    }

    /// The rows of the CSV file at `file`.
    static func csvRows(file: (display: String, path: String), encoding: TextEncoding.Choice) throws(ImportError) -> (rows: [[String]], encoding: String) {
        let bytes: [UInt8]
        do { bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: file.path))) } catch {
            throw ImportError(file.display, "cannot read the file: \(error.localizedDescription)")
        }
        return try csvRows(bytes: bytes, path: file.display, encoding: encoding)
    }

    /// A delimited text file's rows, decoded from its encoding.
    static func csvRows(bytes: [UInt8], path: String, encoding: TextEncoding.Choice) throws(ImportError) -> (rows: [[String]], encoding: String) {
        guard !bytes.isEmpty else { throw ImportError(path, "the file is empty") }
        guard let (text, used) = TextEncoding.text(of: bytes, choice: encoding) else {
            throw ImportError(path, "cannot tell the file's text encoding", hint: "name it with --encoding gb18030, utf-8 or utf-16")
        }
        do {
            let table = try CSVTable.read(Array(text.utf8), source: path)
            return ([table.header.map(\.text)] + table.rows.map { $0.map(\.text) }, used)
        } catch {
            throw ImportError(error.diagnostics)
        }
    }
}
