/// A JSON value whose objects keep their key order, printed the same way every time.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    public static func number(_ value: Double?) -> JSONValue { value.map { .double($0) } ?? .null }

    public func serialized(pretty: Bool = false) -> String {
        var out = ""
        write(into: &out, indent: pretty ? "" : nil)
        return out
    }

    private func write(into out: inout String, indent: String?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d):
            if !d.isFinite { out += "null" } else if d == d.rounded() && abs(d) < 1e15 { out += String(Int(d)) } else { out += "\(d)" }
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            let inner = indent.map { $0 + "  " }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if let inner { out += "\n" + inner }
                item.write(into: &out, indent: inner)
            }
            if let indent { out += "\n" + indent }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            let inner = indent.map { $0 + "  " }
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                if let inner { out += "\n" + inner }
                Self.writeString(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.write(into: &out, indent: inner)
            }
            if let indent { out += "\n" + indent }
            out += "}"
        }
    }

    /// A JSON string: runs of bytes that need no escape are copied whole (the search index's
    /// text is most of a site's JSON, and appending it a scalar at a time was a tenth of laying out).
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        let utf8 = s.utf8
        var run = utf8.startIndex
        var i = run
        while i < utf8.endIndex {
            let byte = utf8[i]
            let escape: String?
            switch byte {
            case UInt8(ascii: "\""): escape = "\\\""
            case UInt8(ascii: "\\"): escape = "\\\\"
            case UInt8(ascii: "\n"): escape = "\\n"
            case UInt8(ascii: "\r"): escape = "\\r"
            case UInt8(ascii: "\t"): escape = "\\t"
            case UInt8(ascii: "<"): escape = "\\u003c"
            case UInt8(ascii: ">"): escape = "\\u003e"
            case UInt8(ascii: "&"): escape = "\\u0026"
            case 0..<0x20: escape = "\\u00" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16)
            case 0xE2:
                // U+2028 and U+2029 (E2 80 A8/A9) end a line in JavaScript.
                let next = utf8.index(after: i)
                if next < utf8.endIndex, utf8[next] == 0x80, utf8.index(after: next) < utf8.endIndex,
                   case let last = utf8[utf8.index(after: next)], last == 0xA8 || last == 0xA9 {
                    escape = last == 0xA8 ? "\\u2028" : "\\u2029"
                } else {
                    escape = nil
                }
            default: escape = nil
            }
            guard let escape else {
                i = utf8.index(after: i)
                continue
            }
            out += s[run..<i]
            out += escape
            i = utf8.index(after: i)
            if byte == 0xE2 { i = utf8.index(i, offsetBy: 2) }
            run = i
        }
        out += s[run..<utf8.endIndex]
        out += "\""
    }
}
