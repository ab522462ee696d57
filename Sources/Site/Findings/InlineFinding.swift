import Formats
import Analysis
import Diagnostics
import Markdown
import Words

/// An inline code span that starts with `=` cites a finding: `` `=clinician_interest` `` or with a
/// form, `` `=clinician_interest.pct` ``.
struct InlineFinding {
    enum Form: String, CaseIterable {
        case full = "", pct, n, ci, label, count, p
    }

    var name: String
    var form: Form

    /// Parses the span's text; nil when it is not a citation at all.
    static func parse(_ code: String) -> (name: String, form: String)? {
        guard code.hasPrefix("=") else { return nil }
        let body = code.dropFirst()
        if let dot = body.lastIndex(of: ".") {
            return (String(body[..<dot]), String(body[body.index(after: dot)...]))
        }
        return (String(body), "")
    }

    /// The text a reader sees for this citation. A count (or a share of one) below the
    /// disclosure threshold is shown as the marker, never as its number.
    static func text(_ value: FindingValue, form: Form, disclosure: Disclosure, withheld: Bool, words: Words) -> String? {
        if withheld {
            switch form {
            case .label: break
            case .n: return baseText(value, withheld: true, disclosure: disclosure)
            case .count: return disclosure.marker
            default: return disclosure.marker + " (" + words["finding_withheld"] + ")"
            }
        }
        return text(value, form: form, words: words)
    }

    static func text(_ value: FindingValue, form: Form, words: Words = TemplateSet.englishWords) -> String? {
        let isShare: Bool
        switch value.spec.kind {
        case .share, .rank, .difference: isShare = true
        case .mean, .count: isShare = false
        }
        func number(_ x: Double) -> String {
            if case .difference = value.spec.kind { return NumberFormat.fixed(x * 100, decimals: 1) }
            return isShare ? NumberFormat.fixed(x * 100, decimals: 1) : NumberFormat.fixed(x, decimals: 1)
        }
        let unit: String = {
            if case .difference = value.spec.kind { return words["percentage_points"] }
            return isShare ? "%" : ""
        }()
        switch form {
        case .full:
            guard let v = value.value else { return words["not_available"] }
            if case .count = value.spec.kind { return NumberFormat.count(Int(v)) }
            var text = number(v) + unit
            if let lo = value.lower, let hi = value.upper {
                text += " (" + words["ci_label"] + " " + number(lo) + "–" + number(hi) + (isShare && unit == "%" ? "" : "") + ")"
            }
            return text
        case .pct:
            guard isShare, let v = value.value else { return nil }
            return number(v) + unit
        case .ci:
            guard let lo = value.lower, let hi = value.upper else { return nil }
            return number(lo) + "–" + number(hi) + unit
        case .n:
            return value.n.map(NumberFormat.count)
        case .count:
            return value.count.map(NumberFormat.count)
        case .label:
            return value.optionLabel
        case .p:
            guard let p = value.pValue else { return nil }
            return p < 0.001 ? "p < 0.001" : "p = " + NumberFormat.fixed(p, decimals: 3)
        }
    }

    /// The tooltip and screen-reader text: what the number is and how it was computed.
    /// A finding's base as published: never for a withheld finding (it can be the size of a
    /// group that other figures withhold), and the marker when it is small.
    static func baseText(_ value: FindingValue, withheld: Bool, disclosure: Disclosure) -> String? {
        guard let n = value.n else { return nil }
        if withheld { return Disclosure.complementaryMarker }
        return disclosure.isSmall(n) ? disclosure.marker : NumberFormat.count(n)
    }

    static func explanation(_ value: FindingValue, withheld: Bool = false, words: Words) -> String {
        var parts: [String] = []
        if let d = value.spec.description { parts.append(d) }
        if let n = value.n, !withheld { parts.append("n = \(NumberFormat.count(n))") }
        parts.append(method(value, words: words))
        return parts.joined(separator: words["list_semicolon"])
    }

    /// How the finding was computed, in `words` (findings.json keeps the English of the analysis).
    static func method(_ value: FindingValue, words: Words) -> String {
        words.has(value.methodKey) ? words.phrase(value.methodKey, value.methodValues) : value.method
    }
}
