import Formats
import Foundation

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

    /// A `<g>` holding `children`, with the attributes they all share moved onto the group
    /// (smaller files; the same drawing). Only attributes a group passes on may be shared:
    /// presentation attributes (fill, stroke, font-size, text-anchor) and classes for CSS.
    public static func group(_ children: [SVGElement], _ attributes: [(String, String)] = [], sharing keys: [String]) -> SVGElement {
        var shared: [(String, String)] = []
        var stripped = children
        let inheritable: Set<String> = ["fill", "stroke", "stroke-width", "stroke-dasharray", "font-size", "font-weight",
                                        "text-anchor", "class", "fill-opacity", "stroke-opacity"]
        for key in keys where inheritable.contains(key) && !attributes.contains(where: { $0.0 == key }) {
            let values = children.map { child in child.attributes.first { $0.0 == key }?.1 }
            guard let first = values.first, let value = first, values.allSatisfy({ $0 == value }) else { continue }
            shared.append((key, value))
            for i in stripped.indices { stripped[i].attributes.removeAll { $0.0 == key } }
        }
        return SVGElement("g", attributes + shared, children: stripped)
    }

    public func render() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(8192)
        render(into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Writes bytes rather than appending Strings: the charts' hot path.
    func render(into out: inout [UInt8]) {
        out.append(0x3C)
        out.append(contentsOf: name.utf8)
        for (key, value) in attributes {
            out.append(0x20)
            out.append(contentsOf: key.utf8)
            out.append(0x3D)
            out.append(0x22)
            HTMLEscaping.escapeXML(value, into: &out)
            out.append(0x22)
        }
        if children.isEmpty && text == nil {
            out.append(0x2F)
            out.append(0x3E)
            return
        }
        out.append(0x3E)
        if let text { HTMLEscaping.escapeXML(text, into: &out) }
        for child in children { child.render(into: &out) }
        out.append(0x3C)
        out.append(0x2F)
        out.append(contentsOf: name.utf8)
        out.append(0x3E)
    }
}

/// Numbers in SVG: at most two decimals, no trailing zeros, no "-0".
public enum SVGNumber {
    public static func format(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        var rounded = (value * 100).rounded() / 100
        if rounded == 0 { rounded = 0 }
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        var s = NumberFormat.fixed(rounded, decimals: 2)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
