/// Remembers every respondent id seen, by a 64-bit hash of its bytes and where it stands in the
/// file, so a duplicate is found without a String per row. Equal hashes are confirmed by
/// comparing the bytes themselves.
struct IDSet: ~Copyable {
    private var hashes: UnsafeMutablePointer<UInt64>
    private var offsets: UnsafeMutablePointer<Int>
    private var lines: UnsafeMutablePointer<Int32>
    private var mask: Int
    private var count = 0

    init(expected: Int) {
        var capacity = 1024
        while capacity < expected * 2 { capacity *= 2 }
        mask = capacity - 1
        hashes = .allocate(capacity: capacity)
        hashes.initialize(repeating: 0, count: capacity)
        offsets = .allocate(capacity: capacity)
        lines = .allocate(capacity: capacity)
    }

    deinit {
        hashes.deallocate()
        offsets.deallocate()
        lines.deallocate()
    }

    @inline(__always)
    static func hash(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(end - start)
        var i = start
        while i + 8 <= end {
            let w = UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self)
            h = (h ^ w) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < end {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 31
        return h | 1 // never 0, which marks an empty slot
    }

    /// Inserts the id at `start..<end` found on `line`; returns the line of an earlier equal id, if any.
    @inline(__always)
    mutating func insert(_ bytes: UnsafePointer<UInt8>, _ start: Int, _ end: Int, line: Int, equal: (Int) -> Bool) -> Int? {
        if count * 2 >= mask { grow() }
        let h = Self.hash(bytes, start, end)
        var slot = Int(truncatingIfNeeded: h >> 20) & mask
        while hashes[slot] != 0 {
            if hashes[slot] == h && equal(offsets[slot]) { return Int(lines[slot]) }
            slot = (slot + 1) & mask
        }
        hashes[slot] = h
        offsets[slot] = start
        lines[slot] = Int32(truncatingIfNeeded: line)
        count += 1
        return nil
    }

    private mutating func grow() {
        let oldHashes = hashes, oldOffsets = offsets, oldLines = lines, oldCapacity = mask + 1
        let capacity = oldCapacity * 2
        mask = capacity - 1
        hashes = .allocate(capacity: capacity)
        hashes.initialize(repeating: 0, count: capacity)
        offsets = .allocate(capacity: capacity)
        lines = .allocate(capacity: capacity)
        for i in 0..<oldCapacity where oldHashes[i] != 0 {
            var slot = Int(truncatingIfNeeded: oldHashes[i] >> 20) & mask
            while hashes[slot] != 0 { slot = (slot + 1) & mask }
            hashes[slot] = oldHashes[i]
            offsets[slot] = oldOffsets[i]
            lines[slot] = oldLines[i]
        }
        oldHashes.deallocate()
        oldOffsets.deallocate()
        oldLines.deallocate()
    }
}
