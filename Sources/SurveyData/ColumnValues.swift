/// One column's values in one buffer that copies share. The reader writes a column straight
/// into such a buffer and hands it over, so a million-row survey is never copied after reading.
public struct ColumnValues<Element: BitwiseCopyable & Sendable>: RandomAccessCollection, Sendable {
    @usableFromInline
    final class Storage: @unchecked Sendable {
        @usableFromInline let base: UnsafeMutablePointer<Element>
        @usableFromInline let count: Int
        /// Takes ownership of `base` (allocated with `UnsafeMutablePointer.allocate`).
        init(adopting base: UnsafeMutablePointer<Element>, count: Int) {
            self.base = base
            self.count = count
        }
        deinit { base.deallocate() }
    }

    @usableFromInline let storage: Storage

    /// Takes ownership of a buffer whose first `count` elements are initialized.
    init(adopting base: UnsafeMutablePointer<Element>, count: Int) {
        storage = Storage(adopting: base, count: count)
    }

    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        let array = Array(elements)
        let base = UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(1, array.count))
        array.withUnsafeBufferPointer { if let source = $0.baseAddress { base.initialize(from: source, count: array.count) } }
        storage = Storage(adopting: base, count: array.count)
    }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storage.count }

    @inlinable @inline(__always)
    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < storage.count, "row out of range")
        return storage.base[position]
    }

    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }
}

extension ColumnValues: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension ColumnValues: Equatable where Element: Equatable {
    public static func == (a: Self, b: Self) -> Bool { a.elementsEqual(b) }
}

extension ColumnValues: CustomStringConvertible {
    public var description: String { Array(self).description }
}
