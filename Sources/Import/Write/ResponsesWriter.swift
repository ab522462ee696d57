import Foundation

/// responses.csv as the data contract reads it: UTF-8, a header row, one row per respondent,
/// fields quoted only when they must be.
enum ResponsesWriter {
    static func bytes(of columns: [ResponseColumn]) -> [UInt8] {
        let rows = columns.map(\.rowCount).max() ?? 0
        var out: [UInt8] = []
        out.reserveCapacity(rows * (columns.count * 3 + 1) + 1024)
        for (i, column) in columns.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendField(column.header, to: &out)
        }
        out.append(0x0A)
        for row in 0..<rows {
            for (i, column) in columns.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendCell(column.cells, row: row, to: &out)
            }
            out.append(0x0A)
        }
        return out
    }

    @inline(__always)
    static func appendCell(_ cells: ResponseColumn.Cells, row: Int, to out: inout [UInt8]) {
        switch cells {
        case .numbers(let values, let tags):
            let x = values[row]
            if x.isNaN {
                if let tag = tags[row] {
                    out.append(UInt8(ascii: "."))
                    out.append(contentsOf: String(tag).utf8)
                }
            } else {
                CodeText.append(x, to: &out)
            }
        case .strings(let values):
            appendField(values[row].trimmedCell, to: &out)
        case .coded(let values, let codes):
            let text = values[row].trimmedCell
            appendField(codes[text] ?? text, to: &out)
        case .joinedLabels(let values, let separator, let codes):
            let parts = values[row].components(separatedBy: separator)
                .map { MultiGroups.choiceLabel($0) }.filter { !$0.isEmpty }
            appendField(parts.map { codes[$0] ?? $0 }.joined(separator: ";"), to: &out)
        case .dichotomies(let columns, let codes, let counted):
            var first = true
            for (k, column) in columns.enumerated() where MultiGroups.isChosen(column, row: row, counted: counted) {
                if !first { out.append(UInt8(ascii: ";")) }
                out.append(contentsOf: codes[k].utf8)
                first = false
            }
        case .rowNumbers:
            CodeText.append(Double(row + 1), to: &out)
        }
    }

    static func appendField(_ text: String, to out: inout [UInt8]) {
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) else {
            out.append(contentsOf: utf8)
            return
        }
        out.append(UInt8(ascii: "\""))
        for byte in utf8 {
            if byte == UInt8(ascii: "\"") { out.append(byte) }
            out.append(byte)
        }
        out.append(UInt8(ascii: "\""))
    }
}
