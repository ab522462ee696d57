/// A column of labels stored once each: every row's label number (0..<names.count, in order of
/// first appearance) and the labels themselves.
public struct LabelColumn: Sendable, Equatable {
    public var codes: [Int32]
    public var names: [String]

    public init(codes: [Int32], names: [String]) {
        self.codes = codes
        self.names = names
    }

    /// The labels of `values`, numbered in order of first appearance.
    public init(_ values: [String]) {
        var index: [String: Int32] = [:]
        var names: [String] = []
        codes = values.map { value in
            if let k = index[value] { return k }
            let k = Int32(names.count)
            index[value] = k
            names.append(value)
            return k
        }
        self.names = names
    }

    public subscript(row: Int) -> String { names[Int(codes[row])] }
}

/// Numbers byte strings in order of first appearance, without making a String for each: an
/// open-addressing table of FNV-1a hashes over the bytes' offsets in the file.
struct ByteInterner {
    private var slots: [Int32]
    private var mask: Int
    private var starts: [Int] = [], ends: [Int] = [], hashes: [UInt64] = []
    private(set) var names: [String] = []

    init() {
        slots = [Int32](repeating: -1, count: 64)
        mask = 63
    }

    mutating func number(_ start: Int, _ end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        var hash: UInt64 = 0xcbf29ce484222325
        for k in start..<end { hash = (hash ^ UInt64(bytes[k])) &* 0x100000001b3 }
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let code = slots[slot]
            if code < 0 { break }
            let c = Int(code)
            if hashes[c] == hash && ends[c] - starts[c] == end - start
                && (0..<(end - start)).allSatisfy({ bytes[starts[c] + $0] == bytes[start + $0] }) {
                return code
            }
            slot = (slot + 1) & mask
        }
        let code = Int32(names.count)
        slots[slot] = code
        starts.append(start); ends.append(end); hashes.append(hash)
        names.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
        if names.count * 2 > mask { grow() }
        return code
    }

    mutating func rename(_ code: Int32, _ name: String) { names[Int(code)] = name }

    private mutating func grow() {
        mask = mask * 2 + 1
        slots = [Int32](repeating: -1, count: mask + 1)
        for c in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[c]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(c)
        }
    }
}
