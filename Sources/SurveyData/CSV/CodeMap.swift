/// Maps a cell's bytes to an option index without making a String. Codes of up to seven bytes
/// are packed with their length into one integer and found in a flat open-addressing table
/// (no hashing library, no allocation per lookup); longer codes use a dictionary.
final class CodeMap: @unchecked Sendable {
    static let missing: Int16 = -1
    static let unknown: Int16 = -3

    let keys: UnsafeMutablePointer<UInt64>
    let values: UnsafeMutablePointer<Int16>
    let mask: Int
    /// Direct tables for the commonest codes: one byte (256 slots) and two bytes (65,536 slots,
    /// made only when some code has two bytes). No probing, few mispredicted branches.
    let oneByte: UnsafeMutablePointer<Int16>
    let twoBytes: UnsafeMutablePointer<Int16>?
    private var long: [String: Int16] = [:]
    let hasLongCodes: Bool

    /// Option codes map to their index; missing codes map to `CodeMap.missing`.
    init(options: [String], missing: [String]) {
        var capacity = 16
        while capacity < (options.count + missing.count) * 4 { capacity *= 2 }
        mask = capacity - 1
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: 0, count: capacity)
        values = .allocate(capacity: capacity)
        values.initialize(repeating: Self.unknown, count: capacity)
        var long: [String: Int16] = [:]
        let entries = missing.map { ($0, Self.missing) } + options.enumerated().map { ($1, Int16($0)) }
        oneByte = .allocate(capacity: 256)
        oneByte.initialize(repeating: Self.unknown, count: 256)
        twoBytes = entries.contains { $0.0.utf8.count == 2 } ? .allocate(capacity: 65536) : nil
        twoBytes?.initialize(repeating: Self.unknown, count: 65536)
        for (code, value) in entries {
            let utf8 = Array(code.utf8)
            if utf8.count == 1 { oneByte[Int(utf8[0])] = value }
            if utf8.count == 2 { twoBytes![Int(utf8[0]) << 8 | Int(utf8[1])] = value }
            if let key = utf8.withUnsafeBufferPointer({ Self.pack($0.baseAddress!, 0, $0.count) }) {
                var slot = Self.slot(key, mask)
                while keys[slot] != 0 && keys[slot] != key { slot = (slot + 1) & mask }
                keys[slot] = key
                values[slot] = value
            } else {
                long[code] = value
            }
        }
        self.long = long
        hasLongCodes = !long.isEmpty
    }

    deinit {
        keys.deallocate()
        values.deallocate()
        oneByte.deallocate()
        twoBytes?.deallocate()
    }

    /// The bytes `start..<end` packed with their length; nil when longer than seven bytes.
    @inline(__always)
    static func pack(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt64? {
        let length = end - start
        guard length <= 7 else { return nil }
        var key = UInt64(length) << 56
        var shift: UInt64 = 0
        var i = start
        while i < end {
            key |= UInt64(bytes[i]) << shift
            shift &+= 8
            i &+= 1
        }
        return key
    }

    @inline(__always)
    static func slot(_ key: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// The index for the bytes `start..<end`, `missing` for a missing code, `unknown` otherwise.
    @inline(__always)
    func lookup(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int16 {
        if end - start == 1 { return oneByte[Int(bytes[start])] }
        if end - start == 2, let twoBytes { return twoBytes[Int(bytes[start]) << 8 | Int(bytes[start + 1])] }
        if end - start == 2 { return Self.unknown }
        guard let key = Self.pack(bytes, start, end) else {
            return long[String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)] ?? Self.unknown
        }
        var slot = Self.slot(key, mask)
        while true {
            let k = keys[slot]
            if k == key { return values[slot] }
            if k == 0 { return Self.unknown }
            slot = (slot + 1) & mask
        }
    }

    func lookup(_ text: String) -> Int16 {
        var utf8 = Array(text.utf8)
        utf8.append(0)
        return utf8.withUnsafeBufferPointer { lookup($0.baseAddress!, 0, $0.count - 1) }
    }
}
