import Foundation

/// One field of a CSV record: where its bytes are and where it starts in the file.
struct CSVField {
    /// Byte range of the content (inside the quotes, for a quoted field).
    var start: Int
    var end: Int
    var quoted: Bool
    /// True when a quoted field contains doubled quotes that must be undone.
    var hasEscapedQuotes: Bool
    /// 1-based physical line where the field starts, and the byte offset of that line's start.
    var line: Int
    var lineStart: Int
    /// Offset of the field's first byte (its opening quote, if quoted).
    var fieldStart: Int
}

/// An RFC 4180 scanner over UTF-8 bytes: comma separator, double-quote quoting with doubled
/// quotes inside, CR LF or LF line ends, newlines inside quotes. It never makes a String.
struct CSVScanner {
    enum Failure: Error {
        /// A quote opened at this field and never closed.
        case unterminatedQuote(CSVField)
        /// Text after a closing quote, before the separator (`"ab"c`).
        case textAfterQuote(CSVField, line: Int, lineStart: Int, offset: Int)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var offset: Int
    private(set) var line = 1
    private(set) var lineStart: Int

    init(bytes: UnsafeBufferPointer<UInt8>, startingAt offset: Int) {
        self.bytes = bytes
        self.offset = offset
        self.lineStart = offset
    }

    var atEnd: Bool { offset >= bytes.count }

    /// Moves to the start of a record whose first line is `line` (after a fast reader's run).
    mutating func seek(to offset: Int, line: Int) {
        self.offset = offset
        self.line = line
        self.lineStart = offset
    }

    /// Reads one record into `fields` (cleared first). Returns false at the end of input.
    mutating func nextRecord(into fields: inout [CSVField]) throws(Failure) -> Bool {
        fields.removeAll(keepingCapacity: true)
        let n = bytes.count
        guard offset < n else { return false }
        let base = bytes.baseAddress!
        while true {
            let fieldStart = offset
            if offset < n && base[offset] == UInt8(ascii: "\"") {
                var field = CSVField(start: offset + 1, end: offset + 1, quoted: true, hasEscapedQuotes: false,
                                     line: line, lineStart: lineStart, fieldStart: fieldStart)
                var i = offset + 1
                while true {
                    // Find the next quote, counting newlines on the way.
                    while i < n && base[i] != UInt8(ascii: "\"") {
                        if base[i] == UInt8(ascii: "\n") {
                            line += 1
                            lineStart = i + 1
                        }
                        i += 1
                    }
                    if i >= n { throw .unterminatedQuote(field) }
                    if i + 1 < n && base[i + 1] == UInt8(ascii: "\"") {
                        field.hasEscapedQuotes = true
                        i += 2
                        continue
                    }
                    break
                }
                field.end = i
                offset = i + 1
                fields.append(field)
                if offset >= n { return true }
                let c = base[offset]
                if c == UInt8(ascii: ",") { offset += 1; continue }
                if c == UInt8(ascii: "\n") { newline(at: offset); return true }
                if c == UInt8(ascii: "\r") && offset + 1 < n && base[offset + 1] == UInt8(ascii: "\n") {
                    newline(at: offset + 1)
                    return true
                }
                throw .textAfterQuote(field, line: line, lineStart: lineStart, offset: offset)
            }
            // Unquoted field: up to a comma or a line end.
            var i = offset
            while i < n {
                let c = base[i]
                if c == UInt8(ascii: ",") || c == UInt8(ascii: "\n") { break }
                i += 1
            }
            var end = i
            if i < n && base[i] == UInt8(ascii: "\n") && end > offset && base[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            if i == n && end > offset && base[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            fields.append(CSVField(start: offset, end: end, quoted: false, hasEscapedQuotes: false,
                                   line: line, lineStart: lineStart, fieldStart: fieldStart))
            if i >= n { offset = n; return true }
            if base[i] == UInt8(ascii: ",") { offset = i + 1; continue }
            newline(at: i)
            return true
        }
    }

    private mutating func newline(at index: Int) {
        offset = index + 1
        line += 1
        lineStart = offset
    }

    /// 1-based character column of a byte offset on a line that starts at `lineStart`.
    static func column(of offset: Int, lineStart: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var column = 1
        var i = lineStart
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }

    /// The field's text: trimmed when unquoted, verbatim (with doubled quotes undone) when quoted.
    static func text(of field: CSVField, in bytes: UnsafeBufferPointer<UInt8>, trim: Bool = true) -> String {
        var (s, e) = (field.start, field.end)
        if !field.quoted && trim { (s, e) = trimmed(s, e, in: bytes) }
        let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[s..<e]), as: UTF8.self)
        return field.hasEscapedQuotes ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    }

    /// Range without spaces and tabs at either end.
    @inline(__always)
    static func trimmed(_ start: Int, _ end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        var s = start, e = end
        while s < e && (bytes[s] == 0x20 || bytes[s] == 0x09) { s += 1 }
        while e > s && (bytes[e - 1] == 0x20 || bytes[e - 1] == 0x09) { e -= 1 }
        return (s, e)
    }
}
