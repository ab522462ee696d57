import Foundation
import Diagnostics

/// Reading the file: UTF-8 checked just ahead of the parser, the header, and row after row, either
/// whole or as one of two halves read at once.
extension RowReader {
    /// Checks UTF-8 a slice at a time just ahead of the parser, so the file is read once and its
    /// pages can be released behind the parser.
    mutating func validate(through target: Int) -> Bool {
        while validated < min(target, bytes.count) {
            var end = min(bytes.count, validated + Self.window)
            // Do not cut a multi-byte character in two.
            while end < bytes.count && bytes[end] & 0xC0 == 0x80 { end += 1 }
            if let bad = UTF8Validation.firstInvalidByte(in: UnsafeBufferPointer(rebasing: bytes[validated..<end])) {
                reportInvalidUTF8(at: validated + bad)
                return false
            }
            validated = end
        }
        return true
    }

    mutating func reportInvalidUTF8(at offset: Int) {
        diagnostics.append(UTF8Validation.diagnostic(at: offset, in: bytes, source: source))
    }

    /// Checks the file is not empty and reads the header. False when nothing more can be read.
    mutating func readHeaderRecord() -> Bool {
        if diagnostics.hasErrors { return false }
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        if bytes.count == start || bytes[start...].allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            diagnostics.error(at: .start(of: source), "the file is empty", hint: "it needs a header row and one row per respondent")
            return false
        }
        guard validate(through: 1 << 23) else { return false }
        var scanner = CSVScanner(bytes: bytes, startingAt: start)
        var fields: [CSVField] = []
        do throws(CSVScanner.Failure) {
            guard try scanner.nextRecord(into: &fields) else { return false }
        } catch {
            report(error)
            return false
        }
        readHeader(fields)
        dataStart = scanner.offset
        dataStartLine = scanner.line
        plan = makePlan()
        return !diagnostics.hasErrors
    }

    /// Takes the header's findings from the reader that read it.
    mutating func adoptHeader(from other: borrowing RowReader, validatedFrom offset: Int) {
        roles = other.roles
        roleQuestion = other.roleQuestion
        questionColumn = other.questionColumn
        idColumn = other.idColumn
        weightColumn = other.weightColumn
        dataStart = other.dataStart
        dataStartLine = other.dataStartLine
        validated = offset
        plan = makePlan()
    }

    mutating func readHeader(_ fields: [CSVField]) {
        let known = codebook.questions.map(\.id) + [codebook.idColumn] + (codebook.weightColumn.map { [$0] } ?? [])
        // The design's columns are read by DesignColumns, after the answers.
        let ignored = Set(codebook.ignoreColumns + (codebook.design?.columns ?? []))
        var seen: [String: Int] = [:]
        // Each field's column, counted on from the one before it on the same line: counting
        // from the line's start for every field made a header of 100,000 columns take 20 s.
        var counted = (lineStart: -1, offset: 0, column: 1)
        func column(_ field: CSVField) -> Int {
            if counted.lineStart != field.lineStart || counted.offset > field.fieldStart {
                counted = (field.lineStart, field.lineStart, 1)
            }
            var i = counted.offset, c = counted.column
            while i < field.fieldStart {
                if bytes[i] & 0xC0 != 0x80 { c += 1 }
                i += 1
            }
            counted = (field.lineStart, field.fieldStart, c)
            return c
        }
        for field in fields {
            let name = CSVScanner.text(of: field, in: bytes).trimmingSpacesAndTabs
            var role = ColumnRole.ignored
            var question = -1
            let at = SourceLocation(file: source, line: field.line, column: column(field))
            if let first = seen[name] {
                diagnostics.error(at: at, "duplicate column \"\(name)\"", hint: "first at column \(first)")
            } else {
                seen[name] = at.column
                if name == codebook.idColumn {
                    idColumn = roles.count
                    role = .id
                } else if let w = codebook.weightColumn, name == w {
                    weightColumn = roles.count
                    role = .weight
                } else if let q = codebook.index(of: name) {
                    questionColumn[q] = roles.count
                    question = q
                    switch codebook.questions[q].type {
                    case .single, .likert: role = .categorical
                    case .multi: role = .multi
                    case .numeric: role = .numeric
                    case .text: role = .text
                    }
                } else if !ignored.contains(name) {
                    // Past the cap the error is only counted: no suggestion is worked out for it.
                    let hint = diagnostics.isFull ? nil : Suggestion.hint(for: name, in: known)
                    diagnostics.error(at: at, "unknown column \"\(name)\": no codebook question has this id",
                                      hint: hint ?? "add it to the codebook or to survey.ignore_columns")
                }
            }
            roles.append(role)
            roleQuestion.append(question)
        }
        if idColumn < 0 {
            diagnostics.error(at: .start(of: source), "no id column \"\(codebook.idColumn)\" in the header",
                              hint: "set survey.id_column in the codebook")
        }
        if let w = codebook.weightColumn, weightColumn < 0 {
            diagnostics.error(at: .start(of: source), "no weight column \"\(w)\" in the header")
        }
        for name in codebook.design?.columns ?? [] where seen[name] == nil {
            diagnostics.error(at: .start(of: source), "no design column \"\(name)\" in the header",
                              hint: "the codebook's survey.design names it")
        }
        for (q, question) in codebook.questions.enumerated() where questionColumn[q] < 0 {
            diagnostics.error(at: question.location, "question \"\(question.id)\" has no column in \(source)",
                              hint: Suggestion.hint(for: question.id, in: seen.keys.sorted()))
        }
    }

    /// Makes the store hold `rows` rows without moving, so a second reader can write into it.
    /// False when that is more than a store is made for at once.
    mutating func prepareToShare(rows needed: Int) -> Bool {
        guard needed <= Self.largestStore else { return false }
        while store.capacity < needed { store.grow(rows: rows) }
        store.shared = true
        plan = makePlan()
        return true
    }

    /// Reads the rows from `start` (a record's first byte, on `line`) up to `end`; returns where
    /// it stopped (at `end` unless a record ran past it or reading had to stop).
    mutating func readRows(from start: Int, line startLine: Int, to end: Int) -> Int {
        var scanner = CSVScanner(bytes: bytes, startingAt: start)
        var fields: [CSVField] = []
        fields.reserveCapacity(64)
        var offset = start
        var line = startLine
        var released = start
        do throws(CSVScanner.Failure) {
            // Past the cap, errors are only counted, so the report can say how many more there are.
            while offset < end {
                if offset + Self.window / 2 > validated && !validate(through: offset + Self.window) { return offset }
                if fastPath, let next = fastRow(at: offset, line: line) {
                    offset = next
                    line += 1
                } else {
                    // The careful path: exact fields and positions, every problem reported.
                    scanner.seek(to: offset, line: line)
                    guard try scanner.nextRecord(into: &fields) else { break }
                    readRow(fields)
                    offset = scanner.offset
                    line = scanner.line
                }
                if let consumed, offset - released > Self.window {
                    consumed(released..<offset)
                    released = offset
                }
            }
        } catch {
            report(error)
            return bytes.count
        }
        return offset
    }

    mutating func report(_ error: CSVScanner.Failure) {
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
    }

    /// Takes in what the second half found: its problems, and whether ids may repeat across halves.
    mutating func absorb(_ second: borrowing RowReader) {
        var incoming = second.diagnostics
        for (q, found) in second.labelCells {
            guard var mine = labelCells[q] else {
                labelCells[q] = found
                continue
            }
            mine.count += found.count
            labelCells[q] = mine
            // The second half's first label cell told its own error: the column's error says it.
            incoming.remove(at: found.at)
        }
        diagnostics.merge(incoming)
        used.merge(second.used)
        let ascending: Bool
        if idsAscending && second.idsAscending, let last = lastID, let first = second.firstID {
            ascending = precedes(last, first)
        } else {
            ascending = idsAscending && second.idsAscending
        }
        if !ascending { reportDuplicateIDs() }
    }

    /// The cell's content range: trimmed of spaces and tabs when unquoted, verbatim when quoted.
    @inline(__always)
    func contentRange(_ field: CSVField) -> (Int, Int) {
        if field.quoted { return (field.start, field.end) }
        var s = field.start, e = field.end
        while s < e && (base[s] == 0x20 || base[s] == 0x09) { s &+= 1 }
        while e > s && (base[e &- 1] == 0x20 || base[e &- 1] == 0x09) { e &-= 1 }
        return (s, e)
    }

    mutating func readRow(_ fields: [CSVField]) {
        // A blank line between records is not a respondent.
        if fields.count == 1 && roles.count > 1 && !fields[0].quoted {
            let (s, e) = contentRange(fields[0])
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
        if rowBase + rows == store.capacity {
            store.grow(rows: rowBase + rows)
            plan = makePlan()
        }
        let row = rowBase + rows
        let errorsBefore = diagnostics.errorCount
        let roles = self.roles, roleQuestion = self.roleQuestion
        for c in 0..<fields.count {
            let field = fields[c]
            let q = roleQuestion[c]
            switch roles[c] {
            case .categorical:
                let (s, e) = contentRange(field)
                var code: Int16
                if field.hasEscapedQuotes {
                    let text = CSVScanner.text(of: field, in: bytes)
                    code = text.isEmpty ? CodeMap.missing : maps[q].lookup(text)
                } else {
                    code = s == e ? CodeMap.missing : views[q].lookup(base, s, e)
                }
                if code == CodeMap.unknown {
                    badCode(field, q)
                    code = Column.missingCode
                }
                store.setCode(q, row, code)
                if code >= 0 && code < 64 { used.bits[q] |= UInt64(1) << UInt64(code) }
            case .multi:
                let mask = readMulti(field, q)
                store.setMask(q, row, mask)
                if mask < Column.notAskedMask { used.bits[q] |= mask }
            case .numeric:
                readNumber(field, q, row: row)
            case .text:
                let (s, e) = contentRange(field)
                let isMissing = s == e || (!field.hasEscapedQuotes && views[q].lookup(base, s, e) == CodeMap.missing)
                store.status[q][row] = isMissing ? ResponseStatus.missing : ResponseStatus.valid
                if texts[q] != nil { texts[q]!.append(isMissing ? "" : CSVScanner.text(of: field, in: bytes)) }
            case .id:
                readID(field)
            case .weight:
                readWeight(field)
            case .ignored:
                break
            }
        }
        if !skipQuestions.isEmpty { applySkipLogic(fields, row: row, rowHadErrors: diagnostics.errorCount > errorsBefore) }
        rows += 1
    }

    /// Marks skipped questions as not asked, and reports answers where the skip logic says none belongs.
    mutating func applySkipLogic(_ fields: [CSVField], row: Int, rowHadErrors: Bool) {
        for (k, q) in skipQuestions.enumerated() {
            let asked = PlainRow.askedState(plan.skips + k, plan.conditions, row)
            if asked == .asked { continue }
            let answered = PlainRow.status(plan.skips + k, row) == .valid
            // Answered anyway where the controlling answer is missing or not asked: the answer counts.
            if asked == .undetermined && answered { continue }
            // An answer controlled by a cell already reported bad gets no second error.
            let controlledByBadCell = rowHadErrors && skipConditions[k].contains { badRow[$0.target] == row }
            if !controlledByBadCell && answered {
                let question = codebook.questions[q]
                let rule = question.askedIf.map { "\($0.question) in [\($0.codes.joined(separator: ", "))]" }.joined(separator: " and ")
                diagnostics.error(at: location(of: fields[questionColumn[q]]),
                                  "answer to \"\(question.id)\" where it was not asked",
                                  hint: "asked_if: \(rule)")
            }
            PlainRow.setNotAsked(plan.skips + k, row)
            if texts[q] != nil { texts[q]![row - rowBase] = "" }
        }
    }
}
