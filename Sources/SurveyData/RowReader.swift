import Foundation
import Diagnostics

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
    var plan: PlainRowPlan
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
        plan = PlainRowPlan(roles: [], roleQuestion: [], views: [], maxChoices: [], keepsText: [], store: store, used: used,
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

    func location(_ line: Int, _ lineStart: Int, _ offset: Int) -> SourceLocation {
        SourceLocation(file: source, line: line, column: CSVScanner.column(of: offset, lineStart: lineStart, in: bytes))
    }

    func location(of field: CSVField) -> SourceLocation {
        location(field.line, field.lineStart, field.fieldStart)
    }

    /// The collected problems, as the error to throw.
    var failure: DiagnosticsError { DiagnosticsError(diagnostics: diagnostics.sorted, dropped: diagnostics.droppedErrors) }

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
