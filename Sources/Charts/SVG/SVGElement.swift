/// A minimal SVG tree that always prints the same bytes for the same chart: attributes in the
/// order given, numbers rounded to 0.01, text escaped.
public struct SVGElement: Sendable {
    public var name: String
    public var attributes: [(String, String)]
    public var children: [SVGElement]
    public var text: String?

    public init(_ name: String, _ attributes: [(String, String)] = [], children: [SVGElement] = [], text: String? = nil) {
        self.name = name
        self.attributes = attributes
        self.children = children
        self.text = text
    }

    public func render() -> String {
        var out = ""
        render(into: &out)
        return out
    }

    func render(into out: inout String) {
        out += "<" + name
        for (key, value) in attributes {
            out += " " + key + "=\"" + SVGText.escape(value) + "\""
        }
        if children.isEmpty && text == nil {
            out += "/>"
            return
        }
        out += ">"
        if let text { out += SVGText.escape(text) }
        for child in children { child.render(into: &out) }
        out += "</" + name + ">"
    }
}

public enum SVGText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                // XML 1.0 forbids most control characters; drop them rather than emit broken SVG.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Numbers in SVG: at most two decimals, no trailing zeros, no "-0".
public enum SVGNumber {
    public static func format(_ value: Double) -> String {
        var rounded = (value * 100).rounded() / 100
        if rounded == 0 { rounded = 0 }
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        var s = String(format2: rounded)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}

extension String {
    /// Two decimals without Foundation's locale-dependent formatting.
    init(format2 value: Double) {
        let negative = value < 0
        let hundredths = Int((abs(value) * 100).rounded())
        let whole = hundredths / 100
        let fraction = hundredths % 100
        self = (negative ? "-" : "") + String(whole) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
