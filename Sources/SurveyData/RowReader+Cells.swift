import Foundation
import Diagnostics

/// One cell at a time, on the careful path: codes, numbers, multi-select lists and weights, each
/// problem reported at its cell.
extension RowReader {
    mutating func badCode(_ field: CSVField, _ q: Int, code: String? = nil) {
        let question = codebook.questions[q]
        let written = code ?? CSVScanner.text(of: field, in: bytes)
        let codes = question.options.map(\.code)
        let shown = codes.count <= 12 ? codes.joined(separator: ", ") : codes.prefix(12).joined(separator: ", ") + ", …"
        badRow[q] = rowBase + rows
        // An export with labels where codes belong (Wenjuanxing's "text" download) fails every
        // cell of the column the same way: one error for the column, said once at the end.
        if let option = question.options.first(where: { $0.label.byLanguage.values.contains(written) }) {
            if labelCells[q] == nil { labelCells[q] = (location(of: field), written, option.code, 0) }
            labelCells[q]!.count += 1
            if labelCells[q]!.count > 1 { return }
        }
        diagnostics.error(at: location(of: field), "\"\(written)\" is not an option of \"\(question.id)\"",
                          hint: "allowed codes: \(shown)")
    }

    /// The column-wide error for each column that holds option labels in more than one cell,
    /// in place of the first cell's own.
    mutating func reportLabelColumns() {
        for (q, found) in labelCells.sorted(by: { $0.key < $1.key }) where found.count > 1 {
            let question = codebook.questions[q]
            let codes = question.options.map(\.code)
            let range = codes.count > 2 ? "\(codes.first!)–\(codes.last!)" : codes.joined(separator: ", ")
            diagnostics.replace(at: found.at, with: .error(at: found.at,
                "column \"\(question.id)\" holds option labels instead of codes in \(found.count) cells, such as \"\(found.label)\" (code \(found.code))",
                hint: "codes are \(range); export the codes, or map each label to its code"))
        }
    }

    mutating func cellError(_ field: CSVField, _ q: Int, _ message: String, hint: String? = nil) {
        diagnostics.error(at: location(of: field), message, hint: hint)
        badRow[q] = rowBase + rows
    }

    mutating func readNumber(_ field: CSVField, _ q: Int, row: Int) {
        let (s, e) = contentRange(field)
        let code = s == e ? CodeMap.missing : views[q].lookup(base, s, e)
        if code == CodeMap.missing {
            store.setNumber(q, row, .nan)
            store.status[q][row] = ResponseStatus.missing
            return
        }
        guard let value = NumberSyntax.parse(base, s, e) else {
            cellError(field, q, "\"\(CSVScanner.text(of: field, in: bytes))\" is not a number (question \"\(codebook.questions[q].id)\")",
                      hint: "write digits with an optional sign, decimal point and exponent")
            store.setNumber(q, row, .nan)
            store.status[q][row] = ResponseStatus.missing
            return
        }
        guard NumberSyntax.inRange(value) else {
            cellError(field, q, "\"\(CSVScanner.text(of: field, in: bytes))\" is out of range (question \"\(codebook.questions[q].id)\")",
                      hint: "a numeric answer lies between -1e15 and 1e15")
            store.setNumber(q, row, .nan)
            store.status[q][row] = ResponseStatus.missing
            return
        }
        store.setNumber(q, row, value)
        store.status[q][row] = ResponseStatus.valid
    }

    mutating func readMulti(_ field: CSVField, _ q: Int) -> UInt64 {
        if field.hasEscapedQuotes {
            var text = Array(CSVScanner.text(of: field, in: bytes).utf8)
            if text.isEmpty { return Column.missingMask }
            text.append(0)
            return text.withUnsafeBufferPointer { readMultiCell($0.baseAddress!, 0, $0.count - 1, field, q) }
        }
        let (s, e) = contentRange(field)
        if s == e { return Column.missingMask }
        return readMultiCell(base, s, e, field, q)
    }

    @inline(__always)
    mutating func readMultiCell(_ cell: UnsafePointer<UInt8>, _ s0: Int, _ e0: Int, _ field: CSVField, _ q: Int) -> UInt64 {
        var mask: UInt64 = 0
        var sawMissing = false
        var sawAnswer = false
        var start = s0
        var chosen = 0
        let view = views[q]
        while start <= e0 {
            var end = start
            while end < e0 && cell[end] != 0x3B { end &+= 1 }
            var s = start, e = end
            while s < e && (cell[s] == 0x20 || cell[s] == 0x09) { s &+= 1 }
            while e > s && (cell[e &- 1] == 0x20 || cell[e &- 1] == 0x09) { e &-= 1 }
            if s == e {
                let whole = String(decoding: UnsafeBufferPointer(start: cell + s0, count: e0 - s0), as: UTF8.self)
                cellError(field, q, "empty choice in multi-select cell \"\(whole)\" (question \"\(codebook.questions[q].id)\")",
                          hint: "separate codes with single \";\"")
                return Column.missingMask
            }
            let index = view.lookup(cell, s, e)
            if index == CodeMap.unknown {
                badCode(field, q, code: String(decoding: UnsafeBufferPointer(start: cell + s, count: e - s), as: UTF8.self))
                return Column.missingMask
            }
            if index == CodeMap.missing {
                sawMissing = true
            } else {
                sawAnswer = true
                let bit = UInt64(1) << UInt64(index)
                if mask & bit != 0 {
                    let question = codebook.questions[q]
                    cellError(field, q, "code \"\(question.options[Int(index)].code)\" is repeated in a multi-select cell (question \"\(question.id)\")")
                    return Column.missingMask
                }
                mask |= bit
                chosen &+= 1
            }
            start = end &+ 1
        }
        if sawMissing && sawAnswer {
            cellError(field, q, "a missing code is mixed with answers (question \"\(codebook.questions[q].id)\")",
                      hint: "a cell is either missing or a list of chosen codes")
            return Column.missingMask
        }
        if sawMissing { return Column.missingMask }
        if chosen > maxChoices[q] {
            cellError(field, q, "\(chosen) choices where \"\(codebook.questions[q].id)\" allows at most \(maxChoices[q])")
        }
        return mask
    }

    mutating func readWeight(_ field: CSVField) {
        let (s, e) = contentRange(field)
        guard s < e, let w = NumberSyntax.parse(base, s, e), NumberSyntax.inRange(w), w >= 0 else {
            let text = CSVScanner.text(of: field, in: bytes)
            diagnostics.error(at: location(of: field), text.isEmpty ? "missing weight" : "weight \"\(text)\" is not a number ≥ 0",
                              hint: "every respondent needs a finite weight of at least 0")
            weights.append(0)
            return
        }
        weights.append(w)
    }
}
