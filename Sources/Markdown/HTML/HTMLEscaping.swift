/// Escaping for text and attribute values, and cmark's rule for unsafe link targets.
public enum HTMLEscaping {
    /// Escapes `&`, `<`, `>`, `"` and `'`: safe in text and in quoted attributes. Control
    /// characters other than tab and line breaks (NUL among them), which HTML forbids, are dropped.
    public static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27
                || ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for ch in text.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(ch)
            default:
                if ch.value < 0x20 || ch.value == 0x7F { continue }
                out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    /// Percent-encodes what may not stand in an href, then escapes for the attribute.
    public static func escapeURL(_ url: String) -> String {
        let allowed: Set<UInt8> = Set(Array("-_.+!*'(),%#@?=;:/,+&$~".utf8))
        var out = ""
        for byte in url.utf8 {
            let isAlnum = (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            if isAlnum || allowed.contains(byte) {
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
