import Diagnostics

/// Counting line ends sixteen bytes at a time (for sizing the store and for splitting a file in
/// two).
extension RowReader {
    /// The line ends in `range`, counted a window at a time, each window handed back to
    /// `consumed` once counted (the readers fault its pages in again as they reach them).
    static func countLineEnds(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                              consumed: ((Range<Int>) -> Void)?) -> Int {
        var count = 0
        var start = range.lowerBound
        while start < range.upperBound {
            let end = min(range.upperBound, start + window)
            count += countLineEnds(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            consumed?(start..<end)
            start = end
        }
        return count
    }

    static func countLineEnds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        var count = 0
        var i = 0
        let n = bytes.count
        // Sixteen bytes at a time: each lane adds 1 where its byte is a line end, into byte
        // counters that are summed before they can overflow (255 rounds).
        let newline = SIMD16<UInt8>(repeating: 0x0A), one = SIMD16<UInt8>(repeating: 1)
        while i + 16 <= n {
            var lanes = SIMD16<UInt8>(repeating: 0)
            let end = min(n - 15, i + 255 * 16)
            while i < end {
                let chunk = UnsafeRawPointer(base + i).loadUnaligned(as: SIMD16<UInt8>.self)
                lanes &+= one & SIMD16<UInt8>(truncatingIfNeeded: SIMD16<Int8>(repeating: 0).replacing(with: -1, where: chunk .== newline))
                i &+= 16
            }
            count &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
        }
        while i < n {
            if base[i] == 0x0A { count += 1 }
            i += 1
        }
        return count
    }
}
