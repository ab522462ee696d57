/// Stable heading anchors: lower-case letters, digits and CJK characters joined by hyphens.
enum Slug {
    static func make(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            let v = scalar.value
            let keep = (0x30...0x39).contains(v) || (0x61...0x7A).contains(v) || v >= 0x2E80 && scalar.properties.isAlphabetic
            if keep {
                if pendingHyphen && !out.isEmpty { out += "-" }
                out.unicodeScalars.append(scalar)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return out.isEmpty ? "section" : out
    }
}
