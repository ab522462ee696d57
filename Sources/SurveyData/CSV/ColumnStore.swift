/// Growable column buffers written row by row on the hot path, without reference counting.
/// At the end each buffer is copied once into the `Column` values of a `Survey`.
final class ColumnStore {
    enum Kind: UInt8 { case categorical, multi, numeric, text }

    let kinds: [Kind]
    private(set) var capacity: Int
    var codes: UnsafeMutablePointer<UnsafeMutablePointer<Int16>>
    var masks: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>
    var numbers: UnsafeMutablePointer<UnsafeMutablePointer<Double>>
    var status: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>>

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
            codes[q] = .allocate(capacity: kind == .categorical ? self.capacity : 1)
            masks[q] = .allocate(capacity: kind == .multi ? self.capacity : 1)
            numbers[q] = .allocate(capacity: kind == .numeric ? self.capacity : 1)
            status[q] = .allocate(capacity: kind == .numeric || kind == .text ? self.capacity : 1)
        }
    }

    deinit {
        for q in kinds.indices {
            codes[q].deallocate()
            masks[q].deallocate()
            numbers[q].deallocate()
            status[q].deallocate()
        }
        codes.deallocate()
        masks.deallocate()
        numbers.deallocate()
        status.deallocate()
    }

    /// Doubles every buffer, keeping the first `rows` rows.
    func grow(rows: Int) {
        let newCapacity = capacity * 2
        func moved<T>(_ old: UnsafeMutablePointer<T>) -> UnsafeMutablePointer<T> {
            let new = UnsafeMutablePointer<T>.allocate(capacity: newCapacity)
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

    /// One column of two stores, this one's rows first, copied once; both buffers are released.
    func takeColumn(_ q: Int, rows: Int, joining other: ColumnStore, otherRows: Int, texts: [String]?) -> Column {
        func join<T>(_ a: UnsafeMutablePointer<T>, _ b: UnsafeMutablePointer<T>) -> [T] {
            Array(unsafeUninitializedCapacity: rows + otherRows) { buffer, count in
                buffer.baseAddress!.initialize(from: a, count: rows)
                (buffer.baseAddress! + rows).initialize(from: b, count: otherRows)
                count = rows + otherRows
            }
        }
        let column: Column
        switch kinds[q] {
        case .categorical: column = .categorical(join(codes[q], other.codes[q]))
        case .multi: column = .multi(join(masks[q], other.masks[q]))
        case .numeric:
            column = .numeric(values: join(numbers[q], other.numbers[q]), status: join(status[q], other.status[q]).map { ResponseStatus(rawValue: $0)! })
        case .text:
            column = .text(status: join(status[q], other.status[q]).map { ResponseStatus(rawValue: $0)! }, values: texts)
        }
        release(q)
        other.release(q)
        return column
    }

    private func release(_ q: Int) {
        codes[q].deallocate(); codes[q] = .allocate(capacity: 1)
        masks[q].deallocate(); masks[q] = .allocate(capacity: 1)
        numbers[q].deallocate(); numbers[q] = .allocate(capacity: 1)
        status[q].deallocate(); status[q] = .allocate(capacity: 1)
    }

    /// The column as a `Column` value; its buffers are released (later reads see nothing).
    func takeColumn(_ q: Int, rows: Int, texts: [String]?) -> Column {
        let column = self.column(q, rows: rows, texts: texts)
        codes[q].deallocate(); codes[q] = .allocate(capacity: 1)
        masks[q].deallocate(); masks[q] = .allocate(capacity: 1)
        numbers[q].deallocate(); numbers[q] = .allocate(capacity: 1)
        status[q].deallocate(); status[q] = .allocate(capacity: 1)
        return column
    }

    func column(_ q: Int, rows: Int, texts: [String]?) -> Column {
        switch kinds[q] {
        case .categorical: return .categorical(Array(UnsafeBufferPointer(start: codes[q], count: rows)))
        case .multi: return .multi(Array(UnsafeBufferPointer(start: masks[q], count: rows)))
        case .numeric:
            return .numeric(values: Array(UnsafeBufferPointer(start: numbers[q], count: rows)),
                            status: UnsafeBufferPointer(start: status[q], count: rows).map { ResponseStatus(rawValue: $0)! })
        case .text:
            return .text(status: UnsafeBufferPointer(start: status[q], count: rows).map { ResponseStatus(rawValue: $0)! }, values: texts)
        }
    }
}
