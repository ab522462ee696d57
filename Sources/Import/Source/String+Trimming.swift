import Foundation

extension String {
    /// The text without white space around it; the string itself (no copy, no Foundation scan)
    /// in the common case of a cell with none, which a million-row import meets millions of times.
    var trimmedCell: String {
        guard let first = utf8.first, let last = utf8.last else { return self }
        if !Self.isSpaceByte(first) && !Self.isSpaceByte(last) && first < 0x80 && last < 0x80 { return self }
        return trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @inline(__always)
    static func isSpaceByte(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    /// True when the text holds a byte of a non-ASCII character, a cheap test before searching
    /// for one (Wenjuanxing's `┋`).
    var hasNonASCII: Bool { utf8.contains { $0 >= 0x80 } }
}
