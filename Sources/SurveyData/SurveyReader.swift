import Diagnostics

/// Reads `responses.csv` against a codebook into a validated, columnar `Survey`, reporting every
/// bad cell (up to the cap) at its line and column.
public enum SurveyReader {
    public struct Result: Sendable {
        public var survey: Survey
        public var warnings: [Diagnostic]
    }

    public static func read(csv: [UInt8], source: String, codebook: Codebook) throws(DiagnosticsError) -> Result {
        var outcome: Swift.Result<Result, DiagnosticsError>!
        csv.withUnsafeBufferPointer { buffer in
            do throws(DiagnosticsError) {
                outcome = .success(try read(bytes: buffer, source: source, codebook: codebook))
            } catch {
                outcome = .failure(error)
            }
        }
        return try outcome.get()
    }

    public static func read(bytes: UnsafeBufferPointer<UInt8>, source: String, codebook: Codebook) throws(DiagnosticsError) -> Result {
        var reader = RowReader(bytes: bytes, source: source, codebook: codebook)
        reader.readAll()
        try reader.diagnostics.throwIfErrors()
        return Result(survey: reader.makeSurvey(), warnings: reader.unusedOptionWarnings())
    }
}

/// What a CSV column holds.
enum ColumnRole {
    case question(Int)
    case id
    case weight
    case ignored
}

struct RowReader {
    let bytes: UnsafeBufferPointer<UInt8>
    let source: String
    let codebook: Codebook
    var diagnostics = DiagnosticCollector()

    var roles: [ColumnRole] = []
    /// For each question, the CSV column that holds it.
    var questionColumn: [Int] = []
    var idColumn = -1
    var weightColumn = -1
    var tables: [CodeTable] = []

    var categorical: [[Int16]] = []
    var multi: [[UInt64]] = []
    var numericValues: [[Double]] = []
    var status: [[ResponseStatus]] = []
    var texts: [[String]?] = []
    var weights: [Double] = []
    var rows = 0
    var seenIDs: [String: Int] = [:]
    /// Questions whose cell in the current row was reported bad, so skip logic does not add a second error.
    var badInRow: [Bool] = []

    init(bytes: UnsafeBufferPointer<UInt8>, source: String, codebook: Codebook) {
        self.bytes = bytes
        self.source = source
        self.codebook = codebook
        let questions = codebook.questions
        tables = questions.map { CodeTable(options: $0.options.map(\.code), missing: codebook.missing + $0.missing) }
        categorical = Array(repeating: [], count: questions.count)
        multi = Array(repeating: [], count: questions.count)
        numericValues = Array(repeating: [], count: questions.count)
        status = Array(repeating: [], count: questions.count)
        texts = questions.map { $0.type == .text && $0.publish ? [] : nil }
        questionColumn = Array(repeating: -1, count: questions.count)
        badInRow = Array(repeating: false, count: questions.count)
        for (q, question) in questions.enumerated() where question.type == .multi && question.options.count > Column.maxMultiOptions {
            diagnostics.error(at: question.location, "multi question \"\(question.id)\" has \(question.options.count) options; at most \(Column.maxMultiOptions) are supported")
            _ = q
        }
    }

    func location(_ line: Int, _ lineStart: Int, _ offset: Int) -> SourceLocation {
        SourceLocation(file: source, line: line, column: CSVScanner.column(of: offset, lineStart: lineStart, in: bytes))
    }

    func location(of field: CSVField) -> SourceLocation {
        location(field.line, field.lineStart, field.fieldStart)
    }

    // MARK: Reading

    mutating func readAll() {
        if diagnostics.hasErrors { return }
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        if bytes.count == start || bytes[start...].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            diagnostics.error(at: .start(of: source), "the file is empty", hint: "it needs a header row and one row per respondent")
            return
        }
        if let bad = UTF8Validation.firstInvalidByte(in: bytes) {
            reportInvalidUTF8(at: bad)
            return
        }
        var scanner = CSVScanner(bytes: bytes, startingAt: start)
        var fields: [CSVField] = []
        do {
            guard try scanner.nextRecord(into: &fields) else { return }
            readHeader(fields)
            if diagnostics.hasErrors { return }
            reserve(estimatedRows: max(16, bytes.count / max(1, scanner.offset - start)))
            while !diagnostics.isFull, try scanner.nextRecord(into: &fields) {
                readRow(fields)
            }
        } catch {
            switch error {
            case .unterminatedQuote(let field):
                diagnostics.error(at: location(of: field), "unterminated quote: this field's opening quote is never closed",
                                  hint: "a quote inside a quoted field is written twice (\"\")")
            case .textAfterQuote(let field, let line, let lineStart, let offset):
                if field.line < line {
                    // A quote that swallowed line ends and then met stray text almost always
                    // means the quote that opened the field was never meant to be closed there.
                    diagnostics.error(at: location(of: field), "unterminated quote: the quote opened here runs on to line \(line)",
                                      hint: "a quote inside a quoted field is written twice (\"\")")
                } else {
                    diagnostics.error(at: location(line, lineStart, offset), "text after a closing quote",
                                      hint: "quote the whole field and double any quote inside it")
                }
            }
            return
        }
        if rows == 0 && !diagnostics.hasErrors {
            diagnostics.error(at: .start(of: source), "the file has a header but no respondents")
        }
    }

    mutating func reportInvalidUTF8(at offset: Int) {
        var line = 1, lineStart = 0
        for i in 0..<offset where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        diagnostics.error(at: SourceLocation(file: source, line: line, column: offset - lineStart + 1),
                          "invalid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))",
                          hint: "save the file as UTF-8; exports from some survey platforms use GBK")
    }

    mutating func reserve(estimatedRows: Int) {
        for (q, question) in codebook.questions.enumerated() {
            switch question.type {
            case .single, .likert: categorical[q].reserveCapacity(estimatedRows)
            case .multi: multi[q].reserveCapacity(estimatedRows)
            case .numeric: numericValues[q].reserveCapacity(estimatedRows); status[q].reserveCapacity(estimatedRows)
            case .text: status[q].reserveCapacity(estimatedRows)
            }
        }
    }

    mutating func readHeader(_ fields: [CSVField]) {
        let known = codebook.questions.map(\.id) + [codebook.idColumn] + (codebook.weightColumn.map { [$0] } ?? [])
        var seen: [String: Int] = [:]
        for field in fields {
            let name = CSVScanner.text(of: field, in: bytes).trimmingSpacesAndTabs
            if let first = seen[name] {
                diagnostics.error(at: location(of: field), "duplicate column \"\(name)\"", hint: "first at column \(first)")
                roles.append(.ignored)
                continue
            }
            seen[name] = CSVScanner.column(of: field.fieldStart, lineStart: field.lineStart, in: bytes)
            if name == codebook.idColumn {
                idColumn = roles.count
                roles.append(.id)
            } else if let w = codebook.weightColumn, name == w {
                weightColumn = roles.count
                roles.append(.weight)
            } else if let q = codebook.index(of: name) {
                questionColumn[q] = roles.count
                roles.append(.question(q))
            } else if codebook.ignoreColumns.contains(name) {
                roles.append(.ignored)
            } else {
                diagnostics.error(at: location(of: field), "unknown column \"\(name)\": no codebook question has this id",
                                  hint: Suggestion.hint(for: name, in: known) ?? "add it to the codebook or to survey.ignore_columns")
                roles.append(.ignored)
            }
        }
        if idColumn < 0 {
            diagnostics.error(at: .start(of: source), "no id column \"\(codebook.idColumn)\" in the header",
                              hint: "set survey.id_column in the codebook")
        }
        if let w = codebook.weightColumn, weightColumn < 0 {
            diagnostics.error(at: .start(of: source), "no weight column \"\(w)\" in the header")
        }
        for (q, question) in codebook.questions.enumerated() where questionColumn[q] < 0 {
            diagnostics.error(at: question.location, "question \"\(question.id)\" has no column in \(source)",
                              hint: Suggestion.hint(for: question.id, in: seen.keys.sorted()))
        }
    }

    mutating func readRow(_ fields: [CSVField]) {
        // A blank line between records is not a respondent.
        if fields.count == 1 && roles.count > 1 && !fields[0].quoted {
            let (s, e) = CSVScanner.trimmed(fields[0].start, fields[0].end, in: bytes)
            if s == e { return }
        }
        guard fields.count == roles.count else {
            if fields.count > roles.count {
                diagnostics.error(at: location(of: fields[roles.count]),
                                  "too many fields: this row has \(fields.count), the header has \(roles.count)")
            } else {
                let last = fields[fields.count - 1]
                diagnostics.error(at: location(last.line, last.lineStart, last.end + (last.quoted ? 1 : 0)),
                                  "too few fields: this row has \(fields.count), the header has \(roles.count)")
            }
            return
        }
        let errorsBefore = diagnostics.errorCount
        for (c, role) in roles.enumerated() {
            switch role {
            case .question(let q): readCell(fields[c], question: q)
            case .id: readID(fields[c])
            case .weight: readWeight(fields[c])
            case .ignored: break
            }
        }
        let rowHadErrors = diagnostics.errorCount > errorsBefore
        applySkipLogic(fields, rowHadErrors: rowHadErrors)
        rows += 1
    }

    /// The cell's content range, trimmed when unquoted; nil when a quoted cell needs unescaping.
    @inline(__always)
    func contentRange(_ field: CSVField) -> (Int, Int) {
        field.quoted ? (field.start, field.end) : CSVScanner.trimmed(field.start, field.end, in: bytes)
    }

    func lookup(_ field: CSVField, _ q: Int) -> (found: Int16?, empty: Bool) {
        if field.hasEscapedQuotes {
            let text = CSVScanner.text(of: field, in: bytes)
            return (tables[q].lookup(text), text.isEmpty)
        }
        let (s, e) = contentRange(field)
        if s == e { return (nil, true) }
        return (tables[q].lookup(bytes, s, e), false)
    }

    mutating func readCell(_ field: CSVField, question q: Int) {
        let before = diagnostics.errorCount
        defer { badInRow[q] = diagnostics.errorCount > before }
        let question = codebook.questions[q]
        switch question.type {
        case .single, .likert:
            let (found, empty) = lookup(field, q)
            if empty { categorical[q].append(Column.missingCode); return }
            guard let index = found else {
                badCode(field, question)
                categorical[q].append(Column.missingCode)
                return
            }
            categorical[q].append(index)
        case .multi:
            multi[q].append(readMulti(field, question, q))
        case .numeric:
            let (found, empty) = lookup(field, q)
            if empty || found == CodeTable.missing {
                numericValues[q].append(.nan)
                status[q].append(.missing)
                return
            }
            let (s, e) = contentRange(field)
            guard let value = NumberSyntax.parse(bytes, s, e) else {
                diagnostics.error(at: location(of: field),
                                  "\"\(CSVScanner.text(of: field, in: bytes))\" is not a number (question \"\(question.id)\")",
                                  hint: "write digits with an optional sign, decimal point and exponent")
                numericValues[q].append(.nan)
                status[q].append(.missing)
                return
            }
            numericValues[q].append(value)
            status[q].append(.valid)
        case .text:
            let (found, empty) = lookup(field, q)
            let isMissing = empty || found == CodeTable.missing
            status[q].append(isMissing ? .missing : .valid)
            if texts[q] != nil { texts[q]!.append(isMissing ? "" : CSVScanner.text(of: field, in: bytes)) }
        }
    }

    mutating func badCode(_ field: CSVField, _ question: Question, code: String? = nil) {
        let written = code ?? CSVScanner.text(of: field, in: bytes)
        let codes = question.options.map(\.code)
        let shown = codes.count <= 12 ? codes.joined(separator: ", ") : codes.prefix(12).joined(separator: ", ") + ", …"
        diagnostics.error(at: location(of: field), "\"\(written)\" is not an option of \"\(question.id)\"",
                          hint: "allowed codes: \(shown)")
    }

    mutating func readMulti(_ field: CSVField, _ question: Question, _ q: Int) -> UInt64 {
        let text: [UInt8]
        if field.hasEscapedQuotes {
            text = Array(CSVScanner.text(of: field, in: bytes).utf8)
        } else {
            let (s, e) = contentRange(field)
            if s == e { return Column.missingMask }
            text = Array(bytes[s..<e])
        }
        return text.withUnsafeBufferPointer { cell -> UInt64 in
            var mask: UInt64 = 0
            var sawMissing = false
            var sawAnswer = false
            var start = 0
            var chosen = 0
            while start <= cell.count {
                var end = start
                while end < cell.count && cell[end] != UInt8(ascii: ";") { end += 1 }
                let (s, e) = CSVScanner.trimmed(start, end, in: cell)
                if s == e {
                    diagnostics.error(at: location(of: field), "empty choice in multi-select cell \"\(String(decoding: cell, as: UTF8.self))\" (question \"\(question.id)\")",
                                      hint: "separate codes with single \";\"")
                    return Column.missingMask
                }
                guard let index = tables[q].lookup(cell, s, e) else {
                    badCode(field, question, code: String(decoding: UnsafeBufferPointer(rebasing: cell[s..<e]), as: UTF8.self))
                    return Column.missingMask
                }
                if index == CodeTable.missing {
                    sawMissing = true
                } else {
                    sawAnswer = true
                    let bit = UInt64(1) << UInt64(index)
                    if mask & bit != 0 {
                        diagnostics.error(at: location(of: field), "code \"\(question.options[Int(index)].code)\" is repeated in a multi-select cell (question \"\(question.id)\")")
                        return Column.missingMask
                    }
                    mask |= bit
                    chosen += 1
                }
                start = end + 1
            }
            if sawMissing && sawAnswer {
                diagnostics.error(at: location(of: field), "a missing code is mixed with answers (question \"\(question.id)\")",
                                  hint: "a cell is either missing or a list of chosen codes")
                return Column.missingMask
            }
            if sawMissing { return Column.missingMask }
            if let max = question.maxChoices, chosen > max {
                diagnostics.error(at: location(of: field), "\(chosen) choices where \"\(question.id)\" allows at most \(max)")
            }
            return mask
        }
    }

    mutating func readID(_ field: CSVField) {
        let id = CSVScanner.text(of: field, in: bytes)
        if id.isEmpty {
            diagnostics.error(at: location(of: field), "empty respondent id")
            return
        }
        if let first = seenIDs[id] {
            diagnostics.error(at: location(of: field), "duplicate respondent id \"\(id)\"", hint: "first at line \(first)")
            return
        }
        seenIDs[id] = field.line
    }

    mutating func readWeight(_ field: CSVField) {
        let (s, e) = contentRange(field)
        guard let w = NumberSyntax.parse(bytes, s, e), w.isFinite, w >= 0 else {
            let text = CSVScanner.text(of: field, in: bytes)
            diagnostics.error(at: location(of: field), text.isEmpty ? "missing weight" : "weight \"\(text)\" is not a number ≥ 0",
                              hint: "every respondent needs a finite weight of at least 0")
            weights.append(0)
            return
        }
        weights.append(w)
    }

    /// Marks skipped questions as not asked, and reports answers where the skip logic says none belongs.
    mutating func applySkipLogic(_ fields: [CSVField], rowHadErrors: Bool) {
        let row = rows
        for (q, question) in codebook.questions.enumerated() where !question.askedIf.isEmpty {
            var asked = true
            var controlledByBadCell = false
            for condition in question.askedIf {
                guard let target = codebook.index(of: condition.question) else { continue }
                if rowHadErrors && badInRow[target] { controlledByBadCell = true }
                if !holds(condition, target: target, row: row) { asked = false; break }
            }
            if asked { continue }
            if controlledByBadCell {
                setNotAsked(q, row: row)
                continue
            }
            let status = currentStatus(q, row: row)
            if status == .valid {
                let rule = question.askedIf.map { "\($0.question) in [\($0.codes.joined(separator: ", "))]" }.joined(separator: " and ")
                diagnostics.error(at: location(of: fields[questionColumn[q]]),
                                  "answer to \"\(question.id)\" where it was not asked",
                                  hint: "asked_if: \(rule)")
            }
            setNotAsked(q, row: row)
        }
    }

    func holds(_ condition: SkipCondition, target: Int, row: Int) -> Bool {
        let question = codebook.questions[target]
        switch question.type {
        case .single, .likert:
            let code = categorical[target][row]
            guard code >= 0 else { return false }
            return condition.codes.contains(question.options[Int(code)].code)
        case .multi:
            let mask = multi[target][row]
            guard mask != Column.missingMask && mask != Column.notAskedMask else { return false }
            return condition.codes.contains { code in
                guard let i = question.optionIndex(of: code) else { return false }
                return mask & (UInt64(1) << UInt64(i)) != 0
            }
        case .numeric, .text:
            return false
        }
    }

    func currentStatus(_ q: Int, row: Int) -> ResponseStatus {
        switch codebook.questions[q].type {
        case .single, .likert: return categorical[q][row] >= 0 ? .valid : .missing
        case .multi:
            let m = multi[q][row]
            return m == Column.missingMask || m == Column.notAskedMask ? .missing : .valid
        case .numeric, .text: return status[q][row]
        }
    }

    mutating func setNotAsked(_ q: Int, row: Int) {
        switch codebook.questions[q].type {
        case .single, .likert: categorical[q][row] = Column.notAskedCode
        case .multi: multi[q][row] = Column.notAskedMask
        case .numeric:
            status[q][row] = .notAsked
            numericValues[q][row] = .nan
        case .text:
            status[q][row] = .notAsked
            if texts[q] != nil { texts[q]![row] = "" }
        }
    }

    // MARK: Result

    func makeSurvey() -> Survey {
        let columns: [Column] = codebook.questions.enumerated().map { q, question in
            switch question.type {
            case .single, .likert: return .categorical(categorical[q])
            case .multi: return .multi(multi[q])
            case .numeric: return .numeric(values: numericValues[q], status: status[q])
            case .text: return .text(status: status[q], values: texts[q])
            }
        }
        return Survey(codebook: codebook, respondentCount: rows, columns: columns,
                      weights: codebook.weightColumn == nil ? nil : weights)
    }

    /// A warning for each option that no respondent chose: often a typo in the codebook.
    func unusedOptionWarnings() -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for (q, question) in codebook.questions.enumerated() {
            var used = [Bool](repeating: false, count: question.options.count)
            switch question.type {
            case .single, .likert:
                for c in categorical[q] where c >= 0 { used[Int(c)] = true }
            case .multi:
                var all: UInt64 = 0
                for m in multi[q] where m != Column.missingMask && m != Column.notAskedMask { all |= m }
                for i in used.indices { used[i] = all & (UInt64(1) << UInt64(i)) != 0 }
            case .numeric, .text:
                continue
            }
            for (i, isUsed) in used.enumerated() where !isUsed {
                warnings.append(.warning(at: question.location,
                                         "option \"\(question.options[i].code)\" of \"\(question.id)\" was chosen by nobody"))
            }
        }
        return warnings
    }
}

/// `[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?`, ASCII digits only.
enum NumberSyntax {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        func digit(_ k: Int) -> Bool { k < end && bytes[k] >= 0x30 && bytes[k] <= 0x39 }
        if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
        var mantissaDigits = 0
        while digit(i) { i += 1; mantissaDigits += 1 }
        if i < end && bytes[i] == UInt8(ascii: ".") {
            i += 1
            while digit(i) { i += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return nil }
        if i < end && (bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")) {
            i += 1
            if i < end && (bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-")) { i += 1 }
            guard digit(i) else { return nil }
            while digit(i) { i += 1 }
        }
        guard i == end else { return nil }
        var text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        if text.hasPrefix("+") { text.removeFirst() }
        if text.hasPrefix(".") { text = "0" + text } else if text.hasPrefix("-.") { text = "-0" + text.dropFirst() }
        if text.hasSuffix(".") { text += "0" }
        return Double(text)
    }
}
