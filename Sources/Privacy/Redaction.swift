import Foundation

/// What is taken out of a free-text answer before it may be published: e-mail addresses, links,
/// Chinese resident identity numbers, telephone numbers and IP addresses, each replaced by a
/// bracketed note. The same patterns tell `findings import` which columns identify respondents.
public enum Redaction {
    /// (pattern, replacement), applied in this order: links first (they may hold an address or
    /// digits), identity numbers before telephone numbers (an ID holds a phone-like run).
    static let rules: [(NSRegularExpression, String)] = [
        (#"(?i)\b(?:https?://|ftp://|www\.)[^\s<>"'）)]+"#, "[link removed]"),
        (#"(?i)[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}"#, "[e-mail removed]"),
        // A bare domain (evil.org/secret): only with a known top-level domain, so "v2.1.0" stays.
        (#"(?i)(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|org|net|edu|gov|mil|int|info|biz|io|co|me|app|dev|ai|xyz|site|online|top|cn|hk|tw|mo|jp|kr|sg|uk|us|de|fr|nl|eu|ru|in|au|ca)(?![\w-])(?:/[^\s<>"'）)，。]*)?"#, "[link removed]"),
        (#"(?<![0-9A-Za-z])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])"#, "[ID number removed]"),
        (#"(?<![0-9])[1-9][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}(?![0-9])"#, "[ID number removed]"),
        (#"(?<![0-9])(?:\+?86[-\s]?)?1[3-9][0-9](?:[-\s]?[0-9]{4}){2}(?![0-9])"#, "[phone number removed]"),
        (#"(?<![0-9])(?:\(0[0-9]{2,3}\)\s?|0[0-9]{2,3}[-\s]?)[0-9]{3,4}[-\s]?[0-9]{4}(?![0-9])"#, "[phone number removed]"),
        (#"(?<![0-9])\+[0-9](?:[-\s]?[0-9]){7,14}(?![0-9])"#, "[phone number removed]"),
        (#"(?<![0-9.])(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(?![0-9]|\.[0-9])"#, "[IP address removed]"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    /// 18 characters of an identity number written in groups ("110105 19491231 002X",
    /// "1101 0519 4912 3100 2X"): found loosely, kept only if they are one without the spaces.
    static let groupedID = try! NSRegularExpression(pattern: #"(?<![0-9A-Za-z])[1-9](?:[ -]?[0-9]){16}[ -]?[0-9Xx](?![0-9A-Za-z])"#)
    static let strictID = try! NSRegularExpression(pattern: #"^[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]$"#)

    static func removeGroupedIDs(_ text: String) -> String {
        var out = text
        let matches = groupedID.matches(in: text, range: NSRange(text.startIndex..., in: text))
        for match in matches.reversed() {
            guard let range = Range(match.range, in: out) else { continue }
            let digits = out[range].filter { $0 != " " && $0 != "-" }
            guard strictID.firstMatch(in: digits, range: NSRange(digits.startIndex..., in: digits)) != nil else { continue }
            out.replaceSubrange(range, with: "[ID number removed]")
        }
        return out
    }

    /// What kind of direct identifier `text` holds, if any (links aside: a link names a place, not
    /// a person): "e-mail addresses", "resident identity numbers", "telephone numbers" or "IP
    /// addresses". `findings import` leaves out a column whose answers hold them.
    public static func identifierKind(in text: String) -> String? {
        let text = halfWidth(text)
        if removeGroupedIDs(text) != text { return "resident identity numbers" }
        let range = NSRange(text.startIndex..., in: text)
        for (pattern, replacement) in rules where pattern.firstMatch(in: text, range: range) != nil {
            switch replacement {
            case "[e-mail removed]": return "e-mail addresses"
            case "[ID number removed]": return "resident identity numbers"
            case "[phone number removed]": return "telephone numbers"
            case "[IP address removed]": return "IP addresses"
            default: continue
            }
        }
        return nil
    }

    public static func redact(_ text: String) -> String {
        var out = removeGroupedIDs(halfWidth(text))
        for (pattern, replacement) in rules {
            out = pattern.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out),
                                                   withTemplate: NSRegularExpression.escapedTemplate(for: replacement))
        }
        return out
    }

    /// Full-width letters, digits and the marks addresses are written with (＠ ． ＋ － ＿ ／ ：)
    /// as their ASCII forms, as NFKC has them, so "１３８１２３４５６７８" or "li＠example．org" is
    /// found; Chinese punctuation (，。（）) is left as written.
    static func halfWidth(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0xFF01...0xFF5E).contains($0.value) || $0.value == 0x3000 }) else { return text }
        let keep: Set<UInt32> = [0xFF01, 0xFF08, 0xFF09, 0xFF0C, 0xFF1B, 0xFF1F]
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if (0xFF01...0xFF5E).contains(scalar.value) && !keep.contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                out.append(ascii)
            } else if scalar.value == 0x3000 {
                out.append(" ")
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
