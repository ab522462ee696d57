import Foundation

/// What is taken out of a free-text answer before it may be published: e-mail addresses, links,
/// Chinese resident identity numbers and telephone numbers, each replaced by a bracketed note.
public enum Redaction {
    /// (pattern, replacement), applied in this order: links first (they may hold an address or
    /// digits), identity numbers before telephone numbers (an ID holds a phone-like run).
    static let rules: [(NSRegularExpression, String)] = [
        (#"(?i)\b(?:https?://|ftp://|www\.)[^\s<>"'）)]+"#, "[link removed]"),
        (#"(?i)[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}"#, "[e-mail removed]"),
        (#"(?<![0-9A-Za-z])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])"#, "[ID number removed]"),
        (#"(?<![0-9])[1-9][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}(?![0-9])"#, "[ID number removed]"),
        (#"(?<![0-9])(?:\+?86[-\s]?)?1[3-9][0-9](?:[-\s]?[0-9]{4}){2}(?![0-9])"#, "[phone number removed]"),
        (#"(?<![0-9])(?:\(0[0-9]{2,3}\)|0[0-9]{2,3})[-\s]?[0-9]{7,8}(?![0-9])"#, "[phone number removed]"),
        (#"(?<![0-9])\+[0-9](?:[-\s]?[0-9]){7,14}(?![0-9])"#, "[phone number removed]"),
    ].map { (try! NSRegularExpression(pattern: $0.0), $0.1) }

    public static func redact(_ text: String) -> String {
        var out = text
        for (pattern, replacement) in rules {
            out = pattern.stringByReplacingMatches(in: out, range: NSRange(out.startIndex..., in: out),
                                                   withTemplate: NSRegularExpression.escapedTemplate(for: replacement))
        }
        return out
    }
}
