/// Maps a cell's bytes to an option index without making a String: codes of up to seven bytes
/// are packed into one integer key.
struct CodeTable {
    static let missing: Int16 = -1
    private var packed: [UInt64: Int16] = [:]
    private var long: [String: Int16] = [:]

    /// Option codes map to their index; missing codes map to `CodeTable.missing`.
    init(options: [String], missing: [String]) {
        for code in missing { insert(code, Self.missing) }
        for (i, code) in options.enumerated() { insert(code, Int16(i)) }
    }

    private mutating func insert(_ code: String, _ value: Int16) {
        let utf8 = Array(code.utf8)
        if let key = Self.key(utf8.withUnsafeBufferPointer { $0 }, 0, utf8.count) {
            packed[key] = value
        } else {
            long[code] = value
        }
    }

    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt64? {
        let length = end - start
        guard length <= 7 else { return nil }
        var key = UInt64(length) << 56
        var i = start
        var shift: UInt64 = 0
        while i < end {
            key |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        return key
    }

    /// The index for the bytes `start..<end`, `missing` for a missing code, nil when unknown.
    @inline(__always)
    func lookup(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int16? {
        if let key = Self.key(bytes, start, end) { return packed[key] }
        return long[String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)]
    }

    func lookup(_ text: String) -> Int16? {
        let utf8 = Array(text.utf8)
        return utf8.withUnsafeBufferPointer { lookup($0, 0, $0.count) }
    }
}
