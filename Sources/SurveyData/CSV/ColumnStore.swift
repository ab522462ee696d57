#if canImport(Glibc)
import Glibc
#endif

/// Column buffers written row by row on the hot path, without reference counting. Two readers
/// may share one store, each writing its own range of rows. At the end each buffer is handed
/// over, uncopied, to the `Column` values of a `Survey`.
final class ColumnStore: @unchecked Sendable {
    enum Kind: UInt8 { case categorical, multi, numeric, text }

    let kinds: [Kind]
    private(set) var capacity: Int
    /// Set once a second reader writes into this store: from then on the buffers may not move.
    var shared = false
    var codes: UnsafeMutablePointer<UnsafeMutablePointer<Int16>>
    var masks: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>
    var numbers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    var status: UnsafeMutablePointer<UnsafeMutablePointer<ResponseStatus>>

    init(kinds: [Kind], capacity: Int) {
        self.kinds = kinds
        self.capacity = max(16, capacity)
        let n = max(1, kinds.count)
        codes = .allocate(capacity: n)
        masks = .allocate(capacity: n)
        numbers = .allocate(capacity: n)
        status = .allocate(capacity: n)
        for (q, kind) in kinds.enumerated() {
            // Every slot gets a buffer of the size its kind needs (others one element, unused).
            // Large buffers are only reserved: pages no row reaches cost no memory.
            codes[q] = LargeBuffer.allocate(capacity: kind == .categorical ? self.capacity : 1)
            masks[q] = LargeBuffer.allocate(capacity: kind == .multi ? self.capacity : 1)
            numbers[q] = LargeBuffer.allocate(capacity: kind == .numeric ? self.capacity : 1)
            status[q] = LargeBuffer.allocate(capacity: kind == .numeric || kind == .text ? self.capacity : 1)
        }
    }

    deinit {
        for q in kinds.indices { release(q) }
        codes.deallocate()
        masks.deallocate()
        numbers.deallocate()
        status.deallocate()
    }

    /// Doubles every buffer, keeping the first `rows` rows. Never while shared.
    func grow(rows: Int) {
        precondition(!shared, "a shared column store is sized for all its rows")
        let newCapacity = capacity * 2
        func moved<T>(_ old: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
            let new: UnsafeMutablePointer<T> = LargeBuffer.allocate(capacity: newCapacity)
            new.moveInitialize(from: old, count: rows)
            old.deallocate()
            return new
        }
        for (q, kind) in kinds.enumerated() {
            switch kind {
            case .categorical: codes[q] = moved(codes[q])
            case .multi: masks[q] = moved(masks[q])
            case .numeric:
                numbers[q] = moved(numbers[q])
                status[q] = moved(status[q])
            case .text: status[q] = moved(status[q])
            }
        }
        capacity = newCapacity
    }

    /// Moves `count` rows starting at `from` down to `to` in every column: closes the gap left
    /// when the first of two readers read fewer rows than its half had line ends.
    func moveRows(from: Int, count: Int, to: Int) {
        guard from != to, count > 0 else { return }
        for (q, kind) in kinds.enumerated() {
            switch kind {
            case .categorical: (codes[q] + to).update(from: codes[q] + from, count: count)
            case .multi: (masks[q] + to).update(from: masks[q] + from, count: count)
            case .numeric:
                (numbers[q] + to).update(from: numbers[q] + from, count: count)
                (status[q] + to).update(from: status[q] + from, count: count)
            case .text: (status[q] + to).update(from: status[q] + from, count: count)
            }
        }
    }

    /// The column as a `Column` value. Its buffer is handed over, not copied; the store keeps
    /// an empty one in its place.
    func takeColumn(_ q: Int, rows: Int, texts: [String]?) -> Column {
        func take<T>(_ slot: UnsafeMutablePointer<UnsafeMutablePointer<T>>) -> ColumnValues<T> {
            let values = ColumnValues(adopting: slot[q], count: rows)
            slot[q] = .allocate(capacity: 1)
            return values
        }
        switch kinds[q] {
        case .categorical: return .categorical(take(codes))
        case .multi: return .multi(take(masks))
        case .numeric:
            let values = take(numbers)
            return .numeric(values: values, status: take(status))
        case .text: return .text(status: take(status), values: texts)
        }
    }

    private func release(_ q: Int) {
        codes[q].deallocate()
        masks[q].deallocate()
        numbers[q].deallocate()
        status[q].deallocate()
    }
}

/// Per question, a bit for each option some respondent chose (for the unused-option warning).
/// Each reader keeps its own, so two halves never write the same memory.
final class OptionsUsed: @unchecked Sendable {
    let bits: UnsafeMutablePointer<UInt64>
    let count: Int

    init(questions: Int) {
        count = max(1, questions)
        bits = .allocate(capacity: count)
        bits.initialize(repeating: 0, count: count)
    }

    deinit { bits.deallocate() }

    func merge(_ other: OptionsUsed) {
        for q in 0..<min(count, other.count) { bits[q] |= other.bits[q] }
    }
}

/// Column buffers of millions of rows: on Linux they are aligned to 2 MiB and marked for huge
/// pages, so the kernel fills them 2 MiB at a time instead of 4 KiB (a tenth of the reader's
/// time went to page faults). They are freed with `deallocate()` like any other pointer.
enum LargeBuffer {
    static func allocate<T>(capacity: Int) -> UnsafeMutablePointer<T> {
        let bytes = capacity * MemoryLayout<T>.stride
        #if canImport(Glibc)
        if bytes >= 1 << 22 {
            var raw: UnsafeMutableRawPointer?
            if posix_memalign(&raw, 1 << 21, bytes) == 0, let raw {
                _ = madvise(raw, bytes, Int32(MADV_HUGEPAGE))
                return raw.bindMemory(to: T.self, capacity: capacity)
            }
        }
        #endif
        return .allocate(capacity: capacity)
    }
}
