/// Escaping for text and attribute values (HTML, and XML for SVG), and cmark's rule for unsafe
/// link targets. The one place markup is escaped.
public enum HTMLEscaping {
    /// Escapes `&`, `<`, `>`, `"` and `'`: safe in text and in quoted attributes. Control
    /// characters other than tab and line breaks (NUL among them), which HTML forbids, are dropped.
    public static func escape(_ text: String) -> String {
        guard needsEscaping(text) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        escape(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `escape(_:)`, appended to UTF-8 bytes: runs of plain text are copied whole.
    public static func escape(_ text: String, into out: inout [UInt8]) {
        escape(text, table: escapedBytes, into: &out)
    }

    /// XML text for SVG: `&`, `<`, `>` and `"` escaped (an apostrophe is left as it is), and the
    /// control characters XML 1.0 forbids (all below 0x20 but tab and line feed) dropped.
    public static func escapeXML(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        escapeXML(text, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    public static func escapeXML(_ text: String, into out: inout [UInt8]) {
        escape(text, table: xmlEscapedBytes, into: &out)
    }

    private static func escape(_ text: String, table: [Bool], into out: inout [UInt8]) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { escape(bytes: $0, table: table, into: &out) }
        if done == nil { escape(bytes: Array(text.utf8)[...], table: table, into: &out) }
    }

    @inline(__always)
    static func needsEscaping(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
            || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D) || byte == 0x7F
    }

    /// Whether any byte of `text` needs escaping: over its contiguous bytes by table, as most
    /// strings a page escapes (titles, names, the citation) need none and are returned as they are.
    static func needsEscaping(_ text: String) -> Bool {
        let found: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            escapedBytes.withUnsafeBufferPointer { table in bytes.contains { table[Int($0)] } }
        }
        return found ?? text.utf8.contains(where: needsEscaping)
    }

    /// `needsEscaping` for every byte value, looked up once per byte of text.
    private static let escapedBytes: [Bool] = (0...255).map { needsEscaping(UInt8($0)) }
    /// The same for XML text.
    private static let xmlEscapedBytes: [Bool] = (0...255).map { byte in
        let b = UInt8(byte)
        return b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || (b < 0x20 && b != 0x09 && b != 0x0A)
    }
    /// The bytes `escapeURL` keeps as they are.
    private static let urlBytes: [Bool] = (0...255).map { byte in
        let b = UInt8(byte)
        return (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b)
            || "-_.+!*'(),%#@?=;:/,+&$~".utf8.contains(b)
    }

    private static func escape<C: RandomAccessCollection>(bytes: C, table: [Bool], into out: inout [UInt8])
        where C.Element == UInt8, C.Index == Int {
        table.withUnsafeBufferPointer { table in
            var runStart = bytes.startIndex
            var i = bytes.startIndex
            while i < bytes.endIndex {
                let byte = bytes[i]
                if table[Int(byte)] {
                    if runStart < i { out.append(contentsOf: bytes[runStart..<i]) }
                    switch byte {
                    case 0x26: out.append(contentsOf: "&amp;".utf8)
                    case 0x3C: out.append(contentsOf: "&lt;".utf8)
                    case 0x3E: out.append(contentsOf: "&gt;".utf8)
                    case 0x22: out.append(contentsOf: "&quot;".utf8)
                    case 0x27: out.append(contentsOf: "&#39;".utf8)
                    default: break // a control character: dropped
                    }
                    runStart = i + 1
                }
                i += 1
            }
            if runStart < bytes.endIndex { out.append(contentsOf: bytes[runStart..<bytes.endIndex]) }
        }
    }

    /// Percent-encodes what may not stand in an href, then escapes for the attribute.
    public static func escapeURL(_ url: String) -> String {
        var out = ""
        for byte in url.utf8 {
            if urlBytes[Int(byte)] {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return escape(out)
    }

    /// cmark's safe mode: no `javascript:`, `vbscript:`, `file:` or `data:` targets, except
    /// `data:` images of png, gif, jpeg or webp.
    public static func isSafeURL(_ url: String) -> Bool {
        let lower = url.trimmingLeadingWhitespace.lowercased()
        for scheme in ["javascript:", "vbscript:", "file:"] where lower.hasPrefix(scheme) { return false }
        if lower.hasPrefix("data:") {
            return ["data:image/png", "data:image/gif", "data:image/jpeg", "data:image/webp"].contains { lower.hasPrefix($0) }
        }
        return true
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }

    var trimmingLeadingWhitespace: Substring {
        drop { $0.isWhitespace || $0.unicodeScalars.first!.value < 0x20 }
    }
}
