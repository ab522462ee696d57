import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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

    /// Reads `bytes`. `consumed`, when given, is told which bytes the reader is done with, so a
    /// caller that mapped the file can let the kernel drop those pages.
    public static func read(bytes: UnsafeBufferPointer<UInt8>, source: String, codebook: Codebook,
                            consumed: ((Range<Int>) -> Void)? = nil) throws(DiagnosticsError) -> Result {
        try read(bytes: bytes, source: source, codebook: codebook, consumed: consumed, parallelFrom: 1 << 23)
    }

    /// - Parameters:
    ///   - parallelFrom: files with at least this many bytes of rows are read in two halves.
    ///   - fastPath: false reads every row the careful way (tests compare the two).
    static func read(bytes: UnsafeBufferPointer<UInt8>, source: String, codebook: Codebook,
                     consumed: ((Range<Int>) -> Void)?, parallelFrom: Int, fastPath: Bool = true) throws(DiagnosticsError) -> Result {
        let lead = ReaderBox(RowReader(bytes: bytes, source: source, codebook: codebook))
        lead.reader.fastPath = fastPath
        lead.reader.consumed = consumed
        guard lead.reader.readHeaderRecord() else { throw lead.reader.failure }
        let start = lead.reader.dataStart, line = lead.reader.dataStartLine, n = bytes.count
        if let split = parallelSplit(bytes, from: start, minimum: parallelFrom),
           case let firstLineEnds = RowReader.countLineEnds(bytes, start..<split, consumed: consumed),
           lead.reader.prepareToShare(rows: firstLineEnds + RowReader.rowBound(bytes: n - split, questions: codebook.questions.count)) {
            // Two halves on two cores. The halves meet at a line end; if a quoted cell spans it,
            // the first half runs past it and the file is read again in one piece.
            // Both halves write into one store: the second from the first half's line count (an
            // upper bound on the first half's rows), so nothing is copied when they meet.
            let secondLine = line + firstLineEnds
            let second = ReaderBox(RowReader(bytes: bytes, source: source, codebook: codebook,
                                             sharing: lead.reader.store, rowBase: firstLineEnds))
            second.reader.adoptHeader(from: lead.reader, validatedFrom: split)
            second.reader.consumed = consumed
            second.reader.fastPath = fastPath
            lead.reader.deferIDs = true
            second.reader.deferIDs = true
            let ends = Parallel.map(2) { half in
                half == 0 ? lead.reader.readRows(from: start, line: line, to: split)
                    : second.reader.readRows(from: split, line: secondLine, to: n)
            }
            if ends[0] == split {
                lead.reader.absorb(second.reader)
                try lead.reader.finish()
                return Result(survey: lead.reader.makeSurvey(joining: second.reader), warnings: lead.reader.unusedOptionWarnings())
            }
            let again = ReaderBox(RowReader(bytes: bytes, source: source, codebook: codebook))
            again.reader.consumed = consumed
            again.reader.fastPath = fastPath
            guard again.reader.readHeaderRecord() else { throw again.reader.failure }
            _ = again.reader.readRows(from: start, line: line, to: n)
            try again.reader.finish()
            return Result(survey: again.reader.makeSurvey(), warnings: again.reader.unusedOptionWarnings())
        }
        _ = lead.reader.readRows(from: start, line: line, to: n)
        try lead.reader.finish()
        return Result(survey: lead.reader.makeSurvey(), warnings: lead.reader.unusedOptionWarnings())
    }

    /// Where to split a file for two cores: at the line end nearest the middle, for files large
    /// enough to be worth it on a machine with two or more cores.
    static func parallelSplit(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, minimum: Int) -> Int? {
        guard bytes.count - start >= minimum, ProcessInfo.processInfo.activeProcessorCount > 1 else { return nil }
        var split = start + (bytes.count - start) / 2
        while split < bytes.count && bytes[split] != 0x0A { split += 1 }
        split += 1
        return split < bytes.count ? split : nil
    }
}

/// A reader that two tasks may work on at once (each on its own box).
final class ReaderBox: @unchecked Sendable {
    var reader: RowReader
    init(_ reader: consuming RowReader) { self.reader = reader }
}


/// What a CSV column holds, as plain numbers for the hot loop.
enum ColumnRole: UInt8 {
    case categorical, multi, numeric, text, id, weight, ignored
}

/// A code map's storage, copied out of its class so the hot loop does no reference counting.
struct MapView {
    let keys: UnsafeMutablePointer<UInt64>
    let values: UnsafeMutablePointer<Int16>
    let mask: Int
    let map: Unmanaged<CodeMap>
    let hasLongCodes: Bool
    let oneByte: UnsafeMutablePointer<Int16>
    let twoBytes: UnsafeMutablePointer<Int16>?

    init(_ map: CodeMap) {
        oneByte = map.oneByte
        twoBytes = map.twoBytes
        keys = map.keys
        values = map.values
        mask = map.mask
        self.map = Unmanaged.passUnretained(map)
        hasLongCodes = map.hasLongCodes
    }

    @inline(__always)
    func lookup(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int16 {
        let length = end &- start
        if length == 1 { return oneByte[Int(bytes[start])] }
        if length == 2 {
            guard let twoBytes else { return CodeMap.unknown }
            return twoBytes[Int(bytes[start]) << 8 | Int(bytes[start &+ 1])]
        }
        guard let key = CodeMap.pack(bytes, start, end) else {
            return hasLongCodes ? map.takeUnretainedValue().lookup(bytes, start, end) : CodeMap.unknown
        }
        var slot = CodeMap.slot(key, mask)
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k == 0 { return CodeMap.unknown }
            slot = (slot + 1) & mask
        }
    }
}

/// One `asked_if` condition compiled to option bits of the controlling question: bit i of word
/// i / 64 is set when option i asks the question (a single question may have hundreds of options).
struct CompiledCondition {
    var target: Int
    var targetIsMulti: Bool
    var words: [UInt64]
}

struct RowReader: ~Copyable {
    let bytes: UnsafeBufferPointer<UInt8>
    let base: UnsafePointer<UInt8>
    let source: String
    let codebook: Codebook
    var diagnostics = DiagnosticCollector()
    var consumed: ((Range<Int>) -> Void)?
    /// Whether plainly valid rows may take the fast path.
    var fastPath = true
    /// How far UTF-8 has been checked.
    var validated = 0
    /// When two halves are read at once, each only notes whether its ids ascend; repeats across
    /// the halves are found after both are done.
    var deferIDs = false
    var firstID: (start: Int, end: Int)?

    /// Per CSV column: its role and the question it holds (or -1).
    var roles: [ColumnRole] = []
    var roleQuestion: [Int] = []
    /// For each question, the CSV column that holds it.
    var questionColumn: [Int] = []
    var idColumn = -1
    var weightColumn = -1
    let maps: [CodeMap]
    let views: [MapView]
    let maxChoices: [Int]
    /// Questions with skip logic, and their compiled conditions.
    var skipQuestions: [Int] = []
    var skipConditions: [[CompiledCondition]] = []

    let store: ColumnStore
    /// The store's row where this reader's first row goes (nonzero for the second of two halves).
    let rowBase: Int
    var plan: FastPlan
    let used: OptionsUsed
    var texts: [[String]?] = []
    var weights: [Double] = []
    var rows = 0
    var ids: IDSet
    /// While every id is greater than the one before (the usual export order), no id can repeat
    /// and none needs hashing or keeping: only the last one is remembered. The first id out of
    /// order rereads the ids so far into the hash set.
    var idsAscending = true
    var lastID: (start: Int, end: Int)?
    /// Where the first data row starts, for rereading ids.
    var dataStart = 0
    var dataStartLine = 2
    /// The row in which each question's cell was last reported bad.
    var badRow: [Int] = []
    /// Per question, cells that hold an option's label instead of its code: the first, and how many.
    var labelCells: [Int: (at: SourceLocation, label: String, code: String, count: Int)] = [:]

    /// At most this many rows fit in `bytes` bytes: once the header is read, every question and
    /// the id have a column, so each row has at least one comma per question.
    static func rowBound(bytes: Int, questions: Int) -> Int {
        bytes / max(1, questions) + 16
    }

    /// How far ahead of the parser UTF-8 is checked, and how many bytes behind it are handed back
    /// at a time: small, so that little of a mapped file is resident at once.
    static let window = 1 << 18

    /// The most rows a store is made for at once; larger files grow it as they are read.
    static let largestStore = 1 << 27

    init(bytes: UnsafeBufferPointer<UInt8>, source: String, codebook: Codebook,
         sharing shared: ColumnStore? = nil, rowBase: Int = 0) {
        self.bytes = bytes
        self.base = bytes.baseAddress ?? UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))
        self.source = source
        self.codebook = codebook
        let questions = codebook.questions
        maps = questions.map { CodeMap(options: $0.options.map(\.code), missing: codebook.missing + $0.missing) }
        views = maps.map(MapView.init)
        maxChoices = questions.map { $0.maxChoices ?? Int.max }
        let kinds: [ColumnStore.Kind] = questions.map {
            switch $0.type {
            case .single, .likert: .categorical
            case .multi: .multi
            case .numeric: .numeric
            case .text: .text
            }
        }
        // The buffers are only reserved: untouched pages cost no memory.
        let widths = zip(kinds, questions).map { kind, question in
            switch kind {
            case .categorical: CodeWidth.bytes(forOptions: question.options.count)
            case .multi: MaskWidth.bytes(forOptions: question.options.count)
            case .numeric: MemoryLayout<Double>.stride
            case .text: 0
            }
        }
        store = shared ?? ColumnStore(kinds: kinds, widths: widths, capacity: min(Self.rowBound(bytes: bytes.count, questions: questions.count),
                                                                   Self.largestStore))
        self.rowBase = rowBase
        ids = IDSet(expected: 1024) // grows; used only when ids are out of order
        texts = questions.map { $0.type == .text && $0.publish ? [] : nil }
        used = OptionsUsed(questions: questions.count)
        plan = FastPlan(roles: [], roleQuestion: [], views: [], maxChoices: [], keepsText: [], store: store, used: used,
                        skipQuestions: [], skipConditions: [])
        questionColumn = Array(repeating: -1, count: questions.count)
        badRow = Array(repeating: -1, count: questions.count)
        for question in questions where question.type == .multi && question.options.count > Column.maxMultiOptions {
            diagnostics.error(at: question.location, "multi question \"\(question.id)\" has \(question.options.count) options; at most \(Column.maxMultiOptions) are supported")
        }
        for (q, question) in questions.enumerated() where !question.askedIf.isEmpty {
            var compiled: [CompiledCondition] = []
            for condition in question.askedIf {
                guard let t = codebook.index(of: condition.question) else { continue }
                let target = questions[t]
                var words = [UInt64](repeating: 0, count: max(1, (target.options.count + 63) / 64))
                for code in condition.codes {
                    if let i = target.optionIndex(of: code) { words[i / 64] |= 1 << UInt64(i % 64) }
                }
                compiled.append(CompiledCondition(target: t, targetIsMulti: target.type == .multi, words: words))
            }
            skipQuestions.append(q)
            skipConditions.append(compiled)
        }
    }

    /// The line ends in `range`, counted a window at a time, each window handed back to
    /// `consumed` once counted (the readers fault its pages in again as they reach them).
    static func countLineEnds(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                              consumed: ((Range<Int>) -> Void)?) -> Int {
        var count = 0
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + window)
            count += countLineEnds(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            consumed?(start..<end)
            start = end
        }
        return count
    }

    static func countLineEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var i = 0
        let n = bytes.count
        // Sixteen bytes at a time: each lane adds 1 where its byte is a line end, into byte
        // counters that are summed before they can overflow (255 rounds).
        let newline = SIMD16<UInt8>(repeating: 0x0A), one = SIMD16<UInt8>(repeating: 1)
        while i + 16 <= n {
            var lanes = SIMD16<UInt8>(repeating: 0)
            let end = min(n - 15, i + 255 * 16)
            while i < end {
                let chunk = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                lanes &+= one & SIMD16<UInt8>(truncatingIfNeeded: SIMD16<Int8>(repeating: 0).replacing(with: -1, where: chunk .== newline))
                i &+= 16
            }
            count &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while i < n {
            if base[i] == 0x0A { count += 1 }
            i += 1
        }
        return count
    }

    func location(_ line: Int, _ lineStart: Int, _ offset: Int) -> SourceLocation {
        SourceLocation(file: source, line: line, column: CSVScanner.column(of: offset, lineStart: lineStart, in: bytes))
    }

    func location(of field: CSVField) -> SourceLocation {
        location(field.line, field.lineStart, field.fieldStart)
    }

    // MARK: Reading

    /// The collected problems, as the error to throw.
    var failure: DiagnosticsError { DiagnosticsError(diagnostics: diagnostics.sorted, dropped: diagnostics.droppedErrors) }

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
            let order = memcmp(base + last.start, base + first.start, min(last.end - last.start, first.end - first.start))
            ascending = order < 0 || (order == 0 && last.end - last.start < first.end - first.start)
        } else {
            ascending = idsAscending && second.idsAscending
        }
        if !ascending { reportDuplicateIDs() }
    }

    /// Rereads every id in file order and reports each repeat at its second occurrence.
    mutating func reportDuplicateIDs() {
        guard idColumn >= 0 else { return }
        var scanner = CSVScanner(bytes: bytes, startingAt: dataStart)
        scanner.seek(to: dataStart, line: dataStartLine)
        var fields: [CSVField] = []
        var set = IDSet(expected: 1024)
        while (try? scanner.nextRecord(into: &fields)) == true {
            guard fields.count == roles.count, !fields[idColumn].hasEscapedQuotes else { continue }
            let field = fields[idColumn]
            let (s, e) = contentRange(field)
            if s == e { continue }
            let length = e - s, base = self.base, count = bytes.count
            let first = set.insert(base, s, e, line: field.line) { offset in
                guard offset + length <= count, memcmp(base + offset, base + s, length) == 0 else { return false }
                if offset + length == count { return true }
                let next = base[offset + length]
                return next == 0x2C || next == 0x22 || next == 0x20 || next == 0x09 || next == 0x0D || next == 0x0A
            }
            if let first {
                let id = String(decoding: UnsafeBufferPointer(start: base + s, count: length), as: UTF8.self)
                diagnostics.error(at: location(of: field), "duplicate respondent id \"\(id)\"", hint: "first at line \(first)")
            }
        }
    }

    /// The end of reading: a file with a header but no rows is an error; so is any problem found.
    mutating func finish(extraRows: Int = 0) throws(DiagnosticsError) {
        reportLabelColumns()
        if deferIDs && !idsAscending && !diagnostics.hasErrors && extraRows == 0 {
            // Read in one piece after a failed split: ids were only watched, so check them now.
            reportDuplicateIDs()
        }
        if rows + extraRows == 0 && !diagnostics.hasErrors {
            diagnostics.error(at: .start(of: source), "the file has a header but no respondents")
        }
        try diagnostics.throwIfErrors()
    }

    mutating func reportInvalidUTF8(at offset: Int) {
        diagnostics.append(UTF8Validation.diagnostic(at: offset, in: bytes, source: source))
    }

    mutating func readHeader(_ fields: [CSVField]) {
        let known = codebook.questions.map(\.id) + [codebook.idColumn] + (codebook.weightColumn.map { [$0] } ?? [])
        let ignored = Set(codebook.ignoreColumns)
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
        for (q, question) in codebook.questions.enumerated() where questionColumn[q] < 0 {
            diagnostics.error(at: question.location, "question \"\(question.id)\" has no column in \(source)",
                              hint: Suggestion.hint(for: question.id, in: seen.keys.sorted()))
        }
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

    mutating func readID(_ field: CSVField) {
        if field.hasEscapedQuotes {
            // Rare: an id with a doubled quote inside. Hash its unescaped text.
            let id = CSVScanner.text(of: field, in: bytes)
            leaveAscendingIDs(before: field.fieldStart)
            var utf8 = Array(id.utf8)
            utf8.append(0)
            let first = utf8.withUnsafeBufferPointer { buffer in
                ids.insert(buffer.baseAddress!, 0, buffer.count - 1, line: field.line) { _ in true }
            }
            if let first { diagnostics.error(at: location(of: field), "duplicate respondent id \"\(id)\"", hint: "first at line \(first)") }
            return
        }
        let (s, e) = contentRange(field)
        if s == e {
            diagnostics.error(at: location(of: field), "empty respondent id")
            return
        }
        if let first = recordID(s, e, line: field.line) {
            let id = String(decoding: UnsafeBufferPointer(start: base + s, count: e - s), as: UTF8.self)
            diagnostics.error(at: location(of: field), "duplicate respondent id \"\(id)\"", hint: "first at line \(first)")
        }
    }

    /// Records the id at `s..<e` of the file; returns the line of an earlier equal id (and records
    /// nothing), or nil.
    @inline(__always)
    mutating func recordID(_ s: Int, _ e: Int, line: Int) -> Int? {
        if deferIDs {
            // Only watch the order; repeats are found once both halves are read.
            guard idsAscending else { return nil }
            if let last = lastID {
                let order = memcmp(base + last.start, base + s, min(last.end - last.start, e - s))
                if !(order < 0 || (order == 0 && last.end - last.start < e - s)) { idsAscending = false }
            } else {
                firstID = (s, e)
            }
            lastID = (s, e)
            return nil
        }
        if idsAscending {
            guard let last = lastID else {
                lastID = (s, e)
                return nil
            }
            let order = memcmp(base + last.start, base + s, min(last.end - last.start, e - s))
            if order < 0 || (order == 0 && last.end - last.start < e - s) {
                lastID = (s, e)
                return nil
            }
            leaveAscendingIDs(before: s)
        }
        let length = e - s
        let base = self.base, count = bytes.count
        return ids.insert(base, s, e, line: line) { offset in
            // Equal hashes: compare the bytes, and make sure the earlier id ends where this one does.
            guard offset + length <= count, memcmp(base + offset, base + s, length) == 0 else { return false }
            if offset + length == count { return true }
            let next = base[offset + length]
            return next == 0x2C || next == 0x22 || next == 0x20 || next == 0x09 || next == 0x0D || next == 0x0A
        }
    }

    /// The first id out of order: reread the ids of the rows before it into the hash set. They
    /// were ascending, so all distinct.
    mutating func leaveAscendingIDs(before offset: Int = Int.max) {
        guard idsAscending else { return }
        idsAscending = false
        guard idColumn >= 0 else { return }
        var scanner = CSVScanner(bytes: bytes, startingAt: dataStart)
        scanner.seek(to: dataStart, line: dataStartLine)
        var fields: [CSVField] = []
        while scanner.offset < min(offset, bytes.count) {
            guard (try? scanner.nextRecord(into: &fields)) == true else { break }
            guard fields.count == roles.count, !fields[idColumn].hasEscapedQuotes else { continue }
            let (s, e) = contentRange(fields[idColumn])
            if s == e || s >= offset { continue }
            _ = ids.insert(base, s, e, line: fields[idColumn].line) { _ in false }
        }
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

    /// Marks skipped questions as not asked, and reports answers where the skip logic says none belongs.
    mutating func applySkipLogic(_ fields: [CSVField], row: Int, rowHadErrors: Bool) {
        for (k, q) in skipQuestions.enumerated() {
            let asked = FastRow.askedState(plan.skips + k, plan.conditions, row)
            if asked == .asked { continue }
            let answered = FastRow.status(plan.skips + k, row) == .valid
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
            FastRow.setNotAsked(plan.skips + k, row)
            if texts[q] != nil { texts[q]![row - rowBase] = "" }
        }
    }

    // MARK: Result

    /// The survey of both halves: this reader's rows, then the second's, which were written
    /// from `second.rowBase` and move down if this half had fewer rows than line ends.
    func makeSurvey(joining second: borrowing RowReader) -> Survey {
        store.moveRows(from: second.rowBase, count: second.rows, to: rows)
        let total = rows + second.rows
        let columns = codebook.questions.indices.map { q -> Column in
            store.takeColumn(q, rows: total, texts: texts[q].map { $0 + (second.texts[q] ?? []) })
        }
        return Survey(codebook: codebook, respondentCount: total, columns: columns,
                      weights: codebook.weightColumn == nil ? nil : weights + second.weights)
    }

    func makeSurvey() -> Survey {
        let columns = codebook.questions.indices.map { store.takeColumn($0, rows: rows, texts: texts[$0]) }
        return Survey(codebook: codebook, respondentCount: rows, columns: columns,
                      weights: codebook.weightColumn == nil ? nil : weights)
    }

    /// A warning for each option that no respondent chose: often a typo in the codebook.
    func unusedOptionWarnings() -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        for (q, question) in codebook.questions.enumerated() {
            guard store.kinds[q] == .categorical || store.kinds[q] == .multi else { continue }
            let used = self.used.bits[q]
            for i in question.options.indices where i < 64 && used & (1 << UInt64(i)) == 0 {
                warnings.append(.warning(at: question.location,
                                         "option \"\(question.options[i].code)\" of \"\(question.id)\" was chosen by nobody"))
            }
        }
        return warnings
    }
}
