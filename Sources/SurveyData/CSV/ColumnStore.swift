#if canImport(Glibc)
import Glibc
#endif

/// Column buffers written row by row on the hot path, without reference counting. Two readers
/// may share one store, each writing its own range of rows. At the end each buffer is handed
/// over, uncopied, to the `Column` values of a `Survey`.
///
/// Each question has one buffer of values (codes, masks or numbers) in as few bytes per row as
/// its options need (`widths`), and numeric and text questions a buffer of statuses.
final class ColumnStore: @unchecked Sendable {
    enum Kind: UInt8 { case categorical, multi, numeric, text }

    let kinds: [Kind]
    /// Bytes per row of each question's values (0 for text, which keeps none).
    let widths: [Int]
    private(set) var capacity: Int
    /// Set once a second reader writes into this store: from then on the buffers may not move.
    var shared = false
    var values: UnsafeMutablePointer<UnsafeMutableRawPointer>
    var status: UnsafeMutablePointer<UnsafeMutablePointer<ResponseStatus>>

    init(kinds: [Kind], widths: [Int], capacity: Int) {
        self.kinds = kinds
        self.widths = widths
        self.capacity = max(16, capacity)
        let n = max(1, kinds.count)
        values = .allocate(capacity: n)
        status = .allocate(capacity: n)
        for q in kinds.indices {
            // Large buffers are only reserved: pages no row reaches cost no memory.
            values[q] = LargeBuffer.allocate(bytes: max(1, widths[q] * self.capacity))
            status[q] = LargeBuffer.allocate(capacity: hasStatus(q) ? self.capacity : 1)
        }
    }

    deinit {
        for q in kinds.indices {
            values[q].deallocate()
            status[q].deallocate()
        }
        values.deallocate()
        status.deallocate()
    }

    func hasStatus(_ q: Int) -> Bool { kinds[q] == .numeric || kinds[q] == .text }

    /// Doubles every buffer, keeping the first `rows` rows. Never while shared.
    func grow(rows: Int) {
        precondition(!shared, "a shared column store is sized for all its rows")
        let newCapacity = capacity * 2
        for q in kinds.indices {
            if widths[q] > 0 {
                let new = LargeBuffer.allocate(bytes: widths[q] * newCapacity)
                new.copyMemory(from: values[q], byteCount: widths[q] * rows)
                values[q].deallocate()
                values[q] = new
            }
            if hasStatus(q) {
                let new: UnsafeMutablePointer<ResponseStatus> = LargeBuffer.allocate(capacity: newCapacity)
                new.moveInitialize(from: status[q], count: rows)
                status[q].deallocate()
                status[q] = new
            }
        }
        capacity = newCapacity
    }

    /// Moves `count` rows starting at `from` down to `to` in every column: closes the gap left
    /// when the first of two readers read fewer rows than its half had line ends.
    func moveRows(from: Int, count: Int, to: Int) {
        guard from != to, count > 0 else { return }
        for q in kinds.indices {
            let w = widths[q]
            if w > 0 { (values[q] + to * w).copyMemory(from: values[q] + from * w, byteCount: count * w) }
            if hasStatus(q) { (status[q] + to).update(from: status[q] + from, count: count) }
        }
    }

    /// Writes a code, mask or number at `row`, in the question's stored width.
    func setCode(_ q: Int, _ row: Int, _ code: Int16) { CodeWidth.store(code, values[q], row, width: widths[q]) }
    func setMask(_ q: Int, _ row: Int, _ mask: UInt64) { MaskWidth.store(mask, values[q], row, width: widths[q]) }
    func setNumber(_ q: Int, _ row: Int, _ value: Double) { values[q].assumingMemoryBound(to: Double.self)[row] = value }

    /// The column as a `Column` value. Its buffers are handed over, not copied; the store keeps
    /// empty ones in their place.
    func takeColumn(_ q: Int, rows: Int, texts: [String]?) -> Column {
        func takeValues<T>() -> ColumnValues<T> {
            let taken = ColumnValues<T>(adopting: values[q], count: rows, width: widths[q])
            values[q] = .allocate(byteCount: 8, alignment: 8)
            return taken
        }
        func takeStatus() -> ColumnValues<ResponseStatus> {
            let taken = ColumnValues<ResponseStatus>(adopting: UnsafeMutableRawPointer(status[q]), count: rows, width: 1)
            status[q] = .allocate(capacity: 1)
            return taken
        }
        switch kinds[q] {
        case .categorical: return .categorical(takeValues())
        case .multi: return .multi(takeValues())
        case .numeric:
            let numbers: ColumnValues<Double> = takeValues()
            return .numeric(values: numbers, status: takeStatus())
        case .text: return .text(status: takeStatus(), values: texts)
        }
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
        allocate(bytes: capacity * MemoryLayout<T>.stride).bindMemory(to: T.self, capacity: capacity)
    }

    static func allocate(bytes: Int) -> UnsafeMutableRawPointer {
        #if canImport(Glibc)
        if bytes >= 1 << 22 {
            var raw: UnsafeMutableRawPointer?
            if posix_memalign(&raw, 1 << 21, bytes) == 0, let raw {
                _ = madvise(raw, bytes, Int32(MADV_HUGEPAGE))
                return raw
            }
        }
        #endif
        return .allocate(byteCount: max(1, bytes), alignment: 16)
    }
}
