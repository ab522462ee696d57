/// Answers as the store keeps them, for loops that read millions of rows: a single or Likert
/// question's codes in one or two bytes, a multi-select question's masks in one to eight. A
/// visitor is handed the column at its stored width, so statistics read narrow values without
/// widening them and without knowing the widths or the sentinels that mark "missing" and "not
/// asked" — they ask `isAnswer`, `isMissing`, `isNotAsked`.

/// Codes of a single or Likert question at their stored width: an option's index, or a sentinel.
public struct StoredCodes<C: FixedWidthInteger & SignedInteger> {
    public let codes: UnsafeBufferPointer<C>

    @inlinable public init(_ codes: UnsafeBufferPointer<C>) { self.codes = codes }
    @inlinable public var count: Int { codes.count }
    @inlinable @inline(__always) public subscript(row: Int) -> C { codes[row] }
    /// Whether `code` is an answer (then it is the option's index).
    @inlinable @inline(__always) public static func isAnswer(_ code: C) -> Bool { code >= 0 }
    @inlinable @inline(__always) public static func isMissing(_ code: C) -> Bool { code == C(Column.missingCode) }
    @inlinable @inline(__always) public static func isNotAsked(_ code: C) -> Bool { code == C(Column.notAskedCode) }

    /// Slots of a histogram over every code: `slotCount(options:)` of them, `slot(code)` for
    /// each — slot 0 holds "not asked", slot 1 "missing", slot `k + 2` option `k`.
    @inlinable public static func slotCount(options: Int) -> Int { options + 2 }
    @inlinable @inline(__always) public static func slot(_ code: C) -> Int { Int(code) &- Int(Column.notAskedCode) }
    public static var notAskedSlot: Int { 0 }
    public static var missingSlot: Int { 1 }
}

/// Masks of a multi-select question at their stored width: a bit per chosen option, or a sentinel.
public struct StoredMasks<M: FixedWidthInteger & UnsignedInteger> {
    public let masks: UnsafeBufferPointer<M>

    @inlinable public init(_ masks: UnsafeBufferPointer<M>) { self.masks = masks }
    @inlinable public var count: Int { masks.count }
    @inlinable @inline(__always) public subscript(row: Int) -> M { masks[row] }
    /// Whether `mask` is an answer (then its set bits are the chosen options).
    @inlinable @inline(__always) public static func isAnswer(_ mask: M) -> Bool { mask < M.max &- 1 }
    @inlinable @inline(__always) public static func isMissing(_ mask: M) -> Bool { mask == M.max }
    @inlinable @inline(__always) public static func isNotAsked(_ mask: M) -> Bool { mask == M.max &- 1 }
}

public protocol StoredCodesVisitor {
    associatedtype Result
    func visit<C: FixedWidthInteger & SignedInteger>(_ codes: StoredCodes<C>) -> Result
}

public protocol StoredMasksVisitor {
    associatedtype Result
    func visit<M: FixedWidthInteger & UnsignedInteger>(_ masks: StoredMasks<M>) -> Result
}

extension ColumnValues where Element == Int16 {
    /// `visitor` over the codes at their stored width.
    @inlinable
    public func visit<V: StoredCodesVisitor>(_ visitor: V) -> V.Result {
        storedWidth == 1
            ? withStoredBuffer(as: Int8.self) { visitor.visit(StoredCodes($0)) }
            : withStoredBuffer(as: Int16.self) { visitor.visit(StoredCodes($0)) }
    }
}

extension ColumnValues where Element == UInt64 {
    /// `visitor` over the masks at their stored width.
    @inlinable
    public func visit<V: StoredMasksVisitor>(_ visitor: V) -> V.Result {
        switch storedWidth {
        case 1: withStoredBuffer(as: UInt8.self) { visitor.visit(StoredMasks($0)) }
        case 2: withStoredBuffer(as: UInt16.self) { visitor.visit(StoredMasks($0)) }
        case 4: withStoredBuffer(as: UInt32.self) { visitor.visit(StoredMasks($0)) }
        default: withStoredBuffer(as: UInt64.self) { visitor.visit(StoredMasks($0)) }
        }
    }
}

extension Column {
    /// Whether a widened code or mask is an answer.
    @inlinable @inline(__always) public static func isAnswer(_ code: Int16) -> Bool { code >= 0 }
    @inlinable @inline(__always) public static func isAnswer(_ mask: UInt64) -> Bool { mask < notAskedMask }
    @inlinable @inline(__always) public static func isMissing(_ code: Int16) -> Bool { code == missingCode }
    @inlinable @inline(__always) public static func isMissing(_ mask: UInt64) -> Bool { mask == missingMask }
}
