/// Measures text without a font library: advance widths of the site's sans-serif stack
/// (Helvetica/Arial metrics, in thousandths of an em) with CJK glyphs taken as one em.
public enum TextMeasure {
    /// Widths of ASCII 32…126 in 1/1000 em.
    static let ascii: [Int] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space … /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 … ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ … O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P … _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` … o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,      // p … ~
    ]

    /// Readers' system fonts (DejaVu Sans, Segoe UI, Noto Sans) run up to ~15% wider than
    /// Helvetica's metrics; layouts reserve that much so labels are never clipped.
    static let safety = 1.2

    /// The width in pixels of `text` at `fontSize` pixels, allowing for the widest font in the stack.
    public static func width(_ text: String, fontSize: Double) -> Double {
        var units = 0
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v >= 32 && v <= 126 {
                units += ascii[Int(v - 32)]
            } else if isWide(v) {
                units += 1000
            } else if v < 32 {
                continue
            } else {
                units += 600
            }
        }
        return Double(units) / 1000 * fontSize * safety
    }

    /// East Asian wide characters (CJK ideographs, kana, Hangul, full-width forms).
    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// Breaks `text` into lines no wider than `maxWidth`, at spaces (or between CJK characters),
    /// keeping at most `maxLines`; the last line ends in "…" only when the text does not fit.
    public static func wrap(_ text: String, fontSize: Double, maxWidth: Double, maxLines: Int = 2) -> [String] {
        if width(text, fontSize: fontSize) <= maxWidth { return [text] }
        var tokens: [String] = []
        var current = ""
        for ch in text {
            if ch == " " {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                tokens.append(" ")
            } else if let v = ch.unicodeScalars.first?.value, isWide(v) {
                if !current.isEmpty { tokens.append(current) }
                current = ""
                tokens.append(String(ch))
            } else {
                current.append(ch)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        var lines: [String] = []
        var line = ""
        for token in tokens {
            let candidate = line + token
            if width(candidate.trimmingTrailingSpaces, fontSize: fontSize) <= maxWidth || line.trimmingTrailingSpaces.isEmpty {
                line = candidate
            } else {
                lines.append(line.trimmingTrailingSpaces)
                line = token == " " ? "" : token
            }
        }
        if !line.trimmingTrailingSpaces.isEmpty { lines.append(line.trimmingTrailingSpaces) }
        guard lines.count > maxLines else { return lines.map { truncate($0, fontSize: fontSize, maxWidth: maxWidth) } }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = truncate(kept[maxLines - 1] + " " + lines[maxLines...].joined(separator: " "),
                                      fontSize: fontSize, maxWidth: maxWidth)
        return kept.map { truncate($0, fontSize: fontSize, maxWidth: maxWidth) }
    }

    /// Cuts `text` to fit `maxWidth`, ending in "…", only when it does not fit already.
    public static func truncate(_ text: String, fontSize: Double, maxWidth: Double) -> String {
        if width(text, fontSize: fontSize) <= maxWidth { return text }
        var chars = Array(text)
        while !chars.isEmpty && width(String(chars) + "…", fontSize: fontSize) > maxWidth { chars.removeLast() }
        return String(String(chars).trimmingTrailingSpaces) + "…"
    }
}

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
