/// A value a column holds, and how it is read back from a narrower stored form. The reader stores
/// each column in the fewest bytes its codebook allows (a question with 31 options needs one byte
/// per answer, not two), and a `ColumnValues` widens each value as it is read.
public protocol ColumnElement: BitwiseCopyable, Sendable {
    /// The value at `index` of a buffer whose elements are `width` bytes wide.
    static func widened(_ raw: UnsafeRawPointer, _ index: Int, width: Int) -> Self
    /// Widens `count` values of `width` bytes into `wide`, which is uninitialized.
    static func widen(_ raw: UnsafeRawPointer, count: Int, width: Int, into wide: UnsafeMutablePointer<Self>)
}

extension ColumnElement {
    @inlinable @inline(__always)
    public static func widened(_ raw: UnsafeRawPointer, _ index: Int, width: Int) -> Self {
        raw.assumingMemoryBound(to: Self.self)[index]
    }

    @inlinable
    public static func widen(_ raw: UnsafeRawPointer, count: Int, width: Int, into wide: UnsafeMutablePointer<Self>) {
        for i in 0..<count { (wide + i).initialize(to: widened(raw, i, width: width)) }
    }
}

extension Double: ColumnElement {}
extension ResponseStatus: ColumnElement {}

/// Codes: a one-byte code is sign-extended, so `missingCode` and `notAskedCode` survive.
extension Int16: ColumnElement {
    @inlinable @inline(__always)
    public static func widened(_ raw: UnsafeRawPointer, _ index: Int, width: Int) -> Int16 {
        width == 1 ? Int16(raw.assumingMemoryBound(to: Int8.self)[index]) : raw.assumingMemoryBound(to: Int16.self)[index]
    }

    @inlinable
    public static func widen(_ raw: UnsafeRawPointer, count: Int, width: Int, into wide: UnsafeMutablePointer<Int16>) {
        guard width == 1 else { return wide.initialize(from: raw.assumingMemoryBound(to: Int16.self), count: count) }
        let narrow = raw.assumingMemoryBound(to: Int8.self)
        for i in 0..<count { wide[i] = Int16(narrow[i]) }
    }
}

/// Masks: the two largest values of a narrow mask stand for `missingMask` and `notAskedMask`.
extension UInt64: ColumnElement {
    @inlinable @inline(__always)
    public static func widened(_ raw: UnsafeRawPointer, _ index: Int, width: Int) -> UInt64 {
        switch width {
        case 1: return MaskWidth.widen(UInt64(raw.assumingMemoryBound(to: UInt8.self)[index]), width: 1)
        case 2: return MaskWidth.widen(UInt64(raw.assumingMemoryBound(to: UInt16.self)[index]), width: 2)
        case 4: return MaskWidth.widen(UInt64(raw.assumingMemoryBound(to: UInt32.self)[index]), width: 4)
        default: return raw.assumingMemoryBound(to: UInt64.self)[index]
        }
    }

    @inlinable
    public static func widen(_ raw: UnsafeRawPointer, count: Int, width: Int, into wide: UnsafeMutablePointer<UInt64>) {
        @inline(__always) func from<T: FixedWidthInteger & UnsignedInteger>(_: T.Type) {
            let narrow = raw.assumingMemoryBound(to: T.self)
            for i in 0..<count { wide[i] = MaskWidth.widen(UInt64(narrow[i]), width: MemoryLayout<T>.size) }
        }
        switch width {
        case 1: from(UInt8.self)
        case 2: from(UInt16.self)
        case 4: from(UInt32.self)
        default: wide.initialize(from: raw.assumingMemoryBound(to: UInt64.self), count: count)
        }
    }
}

/// How many bytes a code or a mask is stored in.
public enum MaskWidth {
    /// The fewest bytes for a multi question's masks: a mask of `width` bytes holds up to
    /// 8 × width − 1 options, and its two largest values stay free for the sentinels.
    public static func bytes(forOptions options: Int) -> Int {
        options <= 7 ? 1 : options <= 15 ? 2 : options <= 31 ? 4 : 8
    }

    @inlinable @inline(__always)
    static func widen(_ value: UInt64, width: Int) -> UInt64 {
        let top = UInt64.max >> UInt64(64 - 8 * width)
        return value >= top - 1 ? UInt64.max - (top - value) : value
    }

    /// Writes `mask` (whose sentinels are 64-bit) at `row` of a buffer of `width`-byte masks.
    @inline(__always)
    static func store(_ mask: UInt64, _ raw: UnsafeMutableRawPointer, _ row: Int, width: Int) {
        switch width {
        case 1: raw.assumingMemoryBound(to: UInt8.self)[row] = UInt8(truncatingIfNeeded: mask)
        case 2: raw.assumingMemoryBound(to: UInt16.self)[row] = UInt16(truncatingIfNeeded: mask)
        case 4: raw.assumingMemoryBound(to: UInt32.self)[row] = UInt32(truncatingIfNeeded: mask)
        default: raw.assumingMemoryBound(to: UInt64.self)[row] = mask
        }
    }
}

public enum CodeWidth {
    /// The fewest bytes for a single or Likert question's codes (option indexes, and -1 and -2).
    public static func bytes(forOptions options: Int) -> Int { options <= 127 ? 1 : 2 }

    @inline(__always)
    static func store(_ code: Int16, _ raw: UnsafeMutableRawPointer, _ row: Int, width: Int) {
        if width == 1 {
            raw.assumingMemoryBound(to: Int8.self)[row] = Int8(truncatingIfNeeded: code)
        } else {
            raw.assumingMemoryBound(to: Int16.self)[row] = code
        }
    }
}

/// One column's values in one buffer that copies share. The reader writes a column straight
/// into such a buffer, in as few bytes per value as its question needs, and hands it over, so a
/// million-row survey is never copied after reading.
public struct ColumnValues<Element: ColumnElement>: RandomAccessCollection, Sendable {
    @usableFromInline
    final class Storage: @unchecked Sendable {
        @usableFromInline let base: UnsafeMutableRawPointer
        @usableFromInline let count: Int
        /// Bytes per stored value: the element's own size, or fewer.
        @usableFromInline let width: Int
        /// Takes ownership of `base` (allocated with `UnsafeMutablePointer.allocate` or `posix_memalign`).
        init(adopting base: UnsafeMutableRawPointer, count: Int, width: Int) {
            self.base = base
            self.count = count
            self.width = width
        }
        deinit { base.deallocate() }
    }

    @usableFromInline let storage: Storage

    /// Takes ownership of a buffer whose first `count` values, `width` bytes each, are initialized.
    init(adopting base: UnsafeMutableRawPointer, count: Int, width: Int) {
        storage = Storage(adopting: base, count: count, width: width)
    }

    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        let array = Array(elements)
        let base = UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(1, array.count))
        array.withUnsafeBufferPointer { if let source = $0.baseAddress { base.initialize(from: source, count: array.count) } }
        storage = Storage(adopting: UnsafeMutableRawPointer(base), count: array.count, width: MemoryLayout<Element>.stride)
    }

    /// Bytes each value is stored in.
    @inlinable public var storedWidth: Int { storage.width }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storage.count }

    @inlinable @inline(__always)
    public subscript(position: Int) -> Element {
        precondition(position >= 0 && position < storage.count, "row out of range")
        return Element.widened(storage.base, position, width: storage.width)
    }

    /// The values as one buffer of `Element`: the stored buffer itself when it is full width,
    /// otherwise a widened copy that lives for the call.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        let count = storage.count
        if storage.width == MemoryLayout<Element>.stride {
            return try body(UnsafeBufferPointer(start: storage.base.assumingMemoryBound(to: Element.self), count: count))
        }
        let wide = UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(1, count))
        defer { wide.deallocate() }
        Element.widen(storage.base, count: count, width: storage.width, into: wide)
        return try body(UnsafeBufferPointer(start: wide, count: count))
    }
}

extension ColumnValues {
    /// The stored buffer itself, read as `T`, which must be as wide as the stored values (see
    /// `storedWidth`): for loops that read narrow codes or masks without widening them. A narrow
    /// mask's sentinels are `T.max` (missing) and `T.max - 1` (not asked).
    @inlinable
    public func withStoredBuffer<T, R>(as type: T.Type, _ body: (UnsafeBufferPointer<T>) throws -> R) rethrows -> R {
        precondition(MemoryLayout<T>.stride == storage.width, "stored values are \(storage.width) bytes wide")
        return try body(UnsafeBufferPointer(start: storage.base.assumingMemoryBound(to: T.self), count: storage.count))
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
