/// The fast path of the reader: one pass over a row's bytes that decodes each cell as it is
/// scanned, with no field list and no String. It takes only rows that are plainly valid (no
/// quotes, the right number of fields, every code known, skip logic kept); anything else is
/// handed back, untouched, to the careful path, which reports the problems exactly.
///
/// Everything the loop needs is laid out in flat buffers (`PlainRowPlan`), so a row costs no
/// reference counting and no bounds checks beyond the file's own length.

/// One CSV column as the fast path sees it.
struct PlainColumn {
    var role: ColumnRole
    /// Text whose answers are kept for publishing: such rows take the careful path.
    var keepsText: Bool
    var view: MapView
    var maxChoices: Int
    /// The question's codes, masks or numbers, `width` bytes a row.
    var values: UnsafeMutableRawPointer
    var width: Int
    var status: UnsafeMutablePointer<ResponseStatus>
    var used: UnsafeMutablePointer<UInt64>
}

/// A question with skip logic: where its answers are, and its conditions in `PlainRowPlan.conditions`.
struct PlainSkip {
    var kind: ColumnStore.Kind
    var values: UnsafeMutableRawPointer
    var width: Int
    /// A code or mask as stored (`StoredValue.load`) is an answer when below `limit`.
    var limit: UInt64
    var status: UnsafeMutablePointer<ResponseStatus>
    var firstCondition: Int
    var endCondition: Int
}

/// An `asked_if` condition over the controlling question's column.
struct PlainCondition {
    var targetIsMulti: Bool
    var values: UnsafeMutableRawPointer
    var width: Int
    var limit: UInt64
    /// The options that ask the question, one bit each (see `CompiledCondition`).
    var words: UnsafeMutablePointer<UInt64>
    var wordCount: Int
}

/// The fast path's flat tables, rebuilt whenever the store's buffers move.
final class PlainRowPlan {
    let columns: UnsafeMutablePointer<PlainColumn>
    let columnCount: Int
    let skips: UnsafeMutablePointer<PlainSkip>
    let skipCount: Int
    let conditions: UnsafeMutablePointer<PlainCondition>
    /// Every condition's option bits, end to end.
    private let words: UnsafeMutablePointer<UInt64>
    /// The code map of columns that hold no question.
    private let noCodes = CodeMap(options: [], missing: [])

    init(roles: [ColumnRole], roleQuestion: [Int], views: [MapView], maxChoices: [Int], keepsText: [Bool],
         store: ColumnStore, used: OptionsUsed, skipQuestions: [Int], skipConditions: [[CompiledCondition]]) {
        columnCount = roles.count
        columns = .allocate(capacity: max(1, roles.count))
        let none = MapView(noCodes)
        for c in roles.indices {
            let q = roleQuestion[c]
            let column = q >= 0
                ? PlainColumn(role: roles[c], keepsText: keepsText[q], view: views[q], maxChoices: maxChoices[q],
                             values: store.values[q], width: store.widths[q],
                             status: store.status[q], used: used.bits + q)
                : PlainColumn(role: roles[c], keepsText: false, view: none, maxChoices: 0,
                             values: store.values[0], width: 0,
                             status: store.status[0], used: used.bits)
            (columns + c).initialize(to: column)
        }
        skipCount = skipQuestions.count
        skips = .allocate(capacity: max(1, skipCount))
        let total = skipConditions.reduce(0) { $0 + $1.count }
        conditions = .allocate(capacity: max(1, total))
        let wordTotal = skipConditions.joined().reduce(0) { $0 + $1.words.count }
        words = .allocate(capacity: max(1, wordTotal))
        var next = 0, nextWord = 0
        for (k, q) in skipQuestions.enumerated() {
            let first = next
            for condition in skipConditions[k] {
                (words + nextWord).initialize(from: condition.words, count: condition.words.count)
                (conditions + next).initialize(to: PlainCondition(
                    targetIsMulti: condition.targetIsMulti, values: store.values[condition.target],
                    width: store.widths[condition.target],
                    limit: StoredValue.answerLimit(store.kinds[condition.target], width: store.widths[condition.target]),
                    words: words + nextWord, wordCount: condition.words.count))
                nextWord += condition.words.count
                next += 1
            }
            (skips + k).initialize(to: PlainSkip(kind: store.kinds[q], values: store.values[q], width: store.widths[q],
                                                limit: StoredValue.answerLimit(store.kinds[q], width: store.widths[q]),
                                                status: store.status[q],
                                                firstCondition: first, endCondition: next))
        }
    }

    deinit {
        columns.deallocate()
        skips.deallocate()
        conditions.deallocate()
        words.deallocate()
    }
}

/// What the fast path found besides the coded cells.
/// What the skip logic says of one question for one row.
enum AskedState {
    case asked
    /// A controlling answer that is present says the question was not asked.
    case notAsked
    /// No present controlling answer rules it out, but one is missing or not asked: an answer
    /// given anyway counts.
    case undetermined
}

struct PlainRowExtras {
    var idStart = 0
    var idEnd = 0
    var weight = 0.0
}

enum PlainRow {
    /// Decodes the row at `offset` into row `row` of the plan's buffers. Returns the offset after
    /// the row, or -1 when the row needs the careful path (its cells may be partly written).
    @inline(__always)
    static func decode(_ base: UnsafePointer<UInt8>, _ n: Int, _ offset: Int, _ plan: PlainRowPlan, _ row: Int,
                       _ extras: inout PlainRowExtras) -> Int {
        let columns = plan.columns
        let count = plan.columnCount
        var p = offset
        var c = 0
        while c < count {
            let column = columns + c
            let separator: UInt8 = c == count &- 1 ? 0x0A : 0x2C
            // The commonest cells first: one byte then the separator, or a list of short codes.
            // Anything these do not recognise (spaces, quotes, unknown codes) goes the general way.
            if column.pointee.role == .categorical && p &+ 1 < n && base[p &+ 1] == separator {
                let code = column.pointee.view.oneByte[Int(base[p])]
                if code != CodeMap.unknown {
                    CodeWidth.store(code, column.pointee.values, row, width: column.pointee.width)
                    if code >= 0 && code < 64 { column.pointee.used.pointee |= UInt64(1) &<< UInt64(code) }
                    p &+= 2
                    c &+= 1
                    continue
                }
            } else if column.pointee.role == .multi {
                let (mask, next) = multi(base, n, p, separator, column)
                if mask != 0 {
                    MaskWidth.store(mask, column.pointee.values, row, width: column.pointee.width)
                    if mask < Column.notAskedMask { column.pointee.used.pointee |= mask }
                    p = next
                    c &+= 1
                    continue
                }
            } else if column.pointee.role == .text && !column.pointee.keepsText && p < n && base[p] == 0x22 {
                // A quoted answer that is only counted, not kept.
                guard let (status, next) = quotedText(base, n, p, separator, column) else { return -1 }
                column.pointee.status[row] = status
                p = next
                c &+= 1
                continue
            }
            // Scan the cell: up to a comma, or (for the last cell) the line end.
            let start = p
            if start < n && base[start] == 0x22 { return -1 }
            var end = start
            while end < n {
                let b = base[end]
                if b == 0x2C || b == 0x0A { break }
                end &+= 1
            }
            if c == count &- 1 {
                if end < n && base[end] == 0x2C { return -1 }
                p = end < n ? end &+ 1 : n
                if end > start && base[end &- 1] == 0x0D { end &-= 1 }
            } else {
                if end >= n || base[end] != 0x2C { return -1 }
                p = end &+ 1
            }
            var s = start, e = end
            while s < e && (base[s] == 0x20 || base[s] == 0x09) { s &+= 1 }
            while e > s && (base[e &- 1] == 0x20 || base[e &- 1] == 0x09) { e &-= 1 }
            switch column.pointee.role {
            case .categorical:
                if s == e {
                    CodeWidth.store(CodeMap.missing, column.pointee.values, row, width: column.pointee.width)
                } else {
                    let code = column.pointee.view.lookup(base, s, e)
                    if code == CodeMap.unknown { return -1 }
                    CodeWidth.store(code, column.pointee.values, row, width: column.pointee.width)
                    if code >= 0 && code < 64 { column.pointee.used.pointee |= UInt64(1) &<< UInt64(code) }
                }
            case .multi:
                return -1
            case .numeric:
                if s == e || column.pointee.view.lookup(base, s, e) == CodeMap.missing {
                    column.pointee.values.assumingMemoryBound(to: Double.self)[row] = .nan
                    column.pointee.status[row] = .missing
                } else {
                    guard let value = NumberSyntax.parse(base, s, e), NumberSyntax.inRange(value) else { return -1 }
                    column.pointee.values.assumingMemoryBound(to: Double.self)[row] = value
                    column.pointee.status[row] = .valid
                }
            case .text:
                if column.pointee.keepsText { return -1 }
                let isMissing = s == e || column.pointee.view.lookup(base, s, e) == CodeMap.missing
                column.pointee.status[row] = isMissing ? .missing : .valid
            case .id:
                if s == e { return -1 }
                extras.idStart = s
                extras.idEnd = e
            case .weight:
                guard s < e, let w = NumberSyntax.parse(base, s, e), NumberSyntax.inRange(w), w >= 0 else { return -1 }
                extras.weight = w
            case .ignored:
                break
            }
            c &+= 1
        }
        return p
    }

    /// A multi-select cell of codes separated by ";" read straight from `p`, with where the next
    /// cell starts. The mask is 0 (never a valid mask: an answered cell has a bit, an empty one
    /// is `missingMask`) when the cell needs the general way: spaces, quotes, unknown or repeated
    /// codes, a missing code among answers, or more choices than allowed.
    @inline(__always)
    static func multi(_ base: UnsafePointer<UInt8>, _ n: Int, _ p0: Int, _ separator: UInt8,
                      _ column: UnsafeMutablePointer<PlainColumn>) -> (UInt64, Int) {
        var p = p0
        if p < n && base[p] == separator { return (Column.missingMask, p &+ 1) }
        var mask: UInt64 = 0
        var chosen = 0
        var sawMissing = false
        while true {
            let start = p
            let index: Int16
            if p &+ 1 < n && (base[p &+ 1] == 0x3B || base[p &+ 1] == separator) && base[p] > 0x2C {
                // The commonest code: one byte, then the next code or the cell's end.
                index = column.pointee.view.oneByte[Int(base[p])]
                p &+= 1
            } else {
                while p < n {
                    let b = base[p]
                    if b == 0x3B || b == 0x2C || b == 0x0A || b == 0x0D { break }
                    p &+= 1
                }
                if p == start { return (0, p0) }
                index = column.pointee.view.lookup(base, start, p)
            }
            if index == CodeMap.unknown { return (0, p0) }
            if index == CodeMap.missing {
                sawMissing = true
            } else {
                let bit = UInt64(1) &<< UInt64(index)
                if mask & bit != 0 { return (0, p0) }
                mask |= bit
                chosen &+= 1
            }
            guard p < n, base[p] == 0x3B else { break }
            p &+= 1
        }
        // The cell must end at its own separator (a line end, for the last cell).
        guard p < n else { return (0, p0) }
        var next = p &+ 1
        if base[p] != separator {
            guard separator == 0x0A, base[p] == 0x0D, p &+ 1 < n, base[p &+ 1] == 0x0A else { return (0, p0) }
            next = p &+ 2
        }
        if sawMissing { return chosen == 0 ? (Column.missingMask, next) : (0, p0) }
        if chosen > column.pointee.maxChoices { return (0, p0) }
        return (mask, next)
    }

    /// A quoted text cell with no line end inside: its status and where the next cell starts.
    /// Nil when the cell needs the careful path (a line end inside, or text after the quote).
    @inline(__always)
    static func quotedText(_ base: UnsafePointer<UInt8>, _ n: Int, _ p0: Int, _ separator: UInt8,
                           _ column: UnsafeMutablePointer<PlainColumn>) -> (ResponseStatus, Int)? {
        var p = p0 &+ 1
        var escaped = false
        while true {
            while p < n && base[p] != 0x22 {
                if base[p] == 0x0A { return nil }
                p &+= 1
            }
            if p >= n { return nil }
            if p &+ 1 < n && base[p &+ 1] == 0x22 {
                escaped = true
                p &+= 2
                continue
            }
            break
        }
        let s = p0 &+ 1, e = p
        p &+= 1
        if separator == 0x2C {
            guard p < n, base[p] == 0x2C else { return nil }
            p &+= 1
        } else if p < n {
            if base[p] == 0x0D && p &+ 1 < n && base[p &+ 1] == 0x0A { p &+= 2 }
            else if base[p] == 0x0A { p &+= 1 }
            else { return nil }
        }
        let isMissing = s == e || (!escaped && column.pointee.view.lookup(base, s, e) == CodeMap.missing)
        return (isMissing ? .missing : .valid, p)
    }

    /// Skip logic without reporting: false when an answer stands where a present controlling
    /// answer says it was not asked; otherwise every question not asked of the row is marked so.
    /// A question whose controlling answer is itself missing or not asked keeps an answer given
    /// anyway (DATA.md), and is not asked when it has none.
    @inline(__always)
    static func skipLogic(_ plan: PlainRowPlan, row: Int) -> Bool {
        let skips = plan.skips
        var notAsked: UInt64 = 0
        for k in 0..<plan.skipCount {
            let asked = askedState(skips + k, plan.conditions, row)
            if asked == .asked { continue }
            let answered = status(skips + k, row) == .valid
            if answered && asked == .notAsked { return false }
            if answered { continue }
            if k < 64 { notAsked |= UInt64(1) << UInt64(k) }
        }
        for k in 0..<plan.skipCount {
            let skip = k < 64 ? notAsked & (UInt64(1) << UInt64(k)) != 0
                : askedState(skips + k, plan.conditions, row) != .asked && status(skips + k, row) != .valid
            if skip { setNotAsked(skips + k, row) }
        }
        return true
    }

    /// Whether the skip logic asks a question of a row: `.notAsked` when a present controlling
    /// answer says so, `.undetermined` when none does but a controlling answer is missing or not asked.
    @inline(__always)
    static func askedState(_ skip: UnsafeMutablePointer<PlainSkip>, _ conditions: UnsafeMutablePointer<PlainCondition>,
                           _ row: Int) -> AskedState {
        var state = AskedState.asked
        var i = skip.pointee.firstCondition
        while i < skip.pointee.endCondition {
            let condition = conditions + i
            let value = StoredValue.load(condition.pointee.values, row, condition.pointee.width)
            i &+= 1
            if value >= condition.pointee.limit {
                state = .undetermined
                continue
            }
            let holds: Bool
            if condition.pointee.targetIsMulti {
                holds = value & condition.pointee.words[0] != 0
            } else {
                let word = Int(truncatingIfNeeded: value &>> 6)
                holds = word < condition.pointee.wordCount && (UInt64(1) &<< (value & 63)) & condition.pointee.words[word] != 0
            }
            if !holds { return .notAsked }
        }
        return state
    }

    @inline(__always)
    static func status(_ skip: UnsafeMutablePointer<PlainSkip>, _ row: Int) -> ResponseStatus {
        switch skip.pointee.kind {
        case .categorical, .multi:
            return StoredValue.load(skip.pointee.values, row, skip.pointee.width) < skip.pointee.limit ? .valid : .missing
        case .numeric, .text: return skip.pointee.status[row]
        }
    }

    @inline(__always)
    static func setNotAsked(_ skip: UnsafeMutablePointer<PlainSkip>, _ row: Int) {
        switch skip.pointee.kind {
        case .categorical: CodeWidth.store(Column.notAskedCode, skip.pointee.values, row, width: skip.pointee.width)
        case .multi: MaskWidth.store(Column.notAskedMask, skip.pointee.values, row, width: skip.pointee.width)
        case .numeric:
            skip.pointee.status[row] = .notAsked
            skip.pointee.values.assumingMemoryBound(to: Double.self)[row] = .nan
        case .text: skip.pointee.status[row] = .notAsked
        }
    }
}

extension RowReader {
    /// Reads the row starting at `rowStart` on the fast path; returns the offset after it, or nil
    /// to fall back to the careful path.
    @inline(__always)
    mutating func fastRow(at rowStart: Int, line: Int) -> Int? {
        if rowBase + rows == store.capacity {
            store.grow(rows: rowBase + rows)
            plan = makePlan()
        }
        let row = rowBase + rows
        var extras = PlainRowExtras()
        let next = PlainRow.decode(base, bytes.count, rowStart, plan, row, &extras)
        if next < 0 { return nil }
        if plan.skipCount > 0 && !PlainRow.skipLogic(plan, row: row) { return nil }
        // The id last, so that a row handed back has left no trace.
        if recordID(extras.idStart, extras.idEnd, line: line) != nil { return nil }
        if weightColumn >= 0 { weights.append(extras.weight) }
        rows += 1
        return next
    }

    func makePlan() -> PlainRowPlan {
        PlainRowPlan(roles: roles, roleQuestion: roleQuestion, views: views, maxChoices: maxChoices,
                 keepsText: texts.map { $0 != nil }, store: store, used: used,
                 skipQuestions: skipQuestions, skipConditions: skipConditions)
    }
}

/// Codes and masks read as stored (zero-extended), without mapping sentinels or signs.
enum StoredValue {
    /// The largest value `width` bytes hold.
    static func largest(_ width: Int) -> UInt64 {
        width >= 8 ? .max : (UInt64(1) << UInt64(8 * width)) - 1
    }

    /// Stored values below this are answers: a code below the sign bit, a mask below the two
    /// sentinels.
    static func answerLimit(_ kind: ColumnStore.Kind, width: Int) -> UInt64 {
        switch kind {
        case .categorical: UInt64(1) << UInt64(8 * width - 1)
        case .multi: largest(width) - 1
        case .numeric, .text: 0
        }
    }

    /// A load of the value's own width: the row's cells were just written, and a wider load
    /// would wait for those stores to reach the cache.
    @inline(__always)
    static func load(_ values: UnsafeMutableRawPointer, _ row: Int, _ width: Int) -> UInt64 {
        switch width {
        case 1: UInt64(values.assumingMemoryBound(to: UInt8.self)[row])
        case 2: UInt64(values.assumingMemoryBound(to: UInt16.self)[row])
        case 4: UInt64(values.assumingMemoryBound(to: UInt32.self)[row])
        default: values.assumingMemoryBound(to: UInt64.self)[row]
        }
    }
}
