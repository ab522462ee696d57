import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Charts

/// Every text of a chart as a measured box, read from the SVG as a browser would lay it out
/// (inherited font sizes and anchors, group translations, one box per line).
final class TextBoxes: NSObject, XMLParserDelegate {
    struct Box: CustomStringConvertible {
        var text: String
        var x0: Double, x1: Double, y0: Double, y1: Double
        var description: String { "\"\(text)\" [\(Int(x0))…\(Int(x1)), \(Int(y0))…\(Int(y1))]" }
        func overlaps(_ o: Box) -> Bool { x0 < o.x1 - 0.5 && o.x0 < x1 - 0.5 && y0 < o.y1 - 0.5 && o.y0 < y1 - 0.5 }
    }

    var boxes: [Box] = []
    var viewWidth = 0.0
    private var stack: [[String: String]] = []
    private var offsets: [Double] = []
    private var current: (x: Double, y: Double, size: Double, anchor: String)?
    private var line = 0
    private var text = ""
    private var inTitle = false

    func inherited(_ key: String) -> String? { stack.reversed().lazy.compactMap { $0[key] }.first }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "svg", let box = attributes["viewBox"]?.split(separator: " "), box.count == 4 { viewWidth = Double(box[2]) ?? 0 }
        stack.append(attributes)
        var dy = 0.0
        if let t = attributes["transform"], t.hasPrefix("translate(0 ") { dy = Double(t.dropFirst(12).dropLast()) ?? 0 }
        offsets.append((offsets.last ?? 0) + dy)
        if name == "title" || name == "desc" { inTitle = true }
        if name == "text", (inherited("class") ?? "") != "chart-title" {
            let size = Double(inherited("font-size") ?? "14") ?? 14
            current = (Double(attributes["x"] ?? "0") ?? 0, (Double(attributes["y"] ?? "0") ?? 0) + (offsets.last ?? 0), size,
                       inherited("text-anchor") ?? "start")
            line = 0
            text = ""
        }
        if name == "tspan", var c = current {
            flush()
            if line > 0 { c.y += Double(attributes["dy"] ?? "0") ?? 0 }
            current = c
            line += 1
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !inTitle { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text" { flush(); current = nil }
        if name == "title" || name == "desc" { inTitle = false }
        stack.removeLast()
        offsets.removeLast()
    }

    private func flush() {
        guard let c = current, !text.isEmpty else { return }
        let w = TextMeasure.width(text, fontSize: c.size) / TextMeasure.safety * 1.1
        let x0 = c.anchor == "end" ? c.x - w : (c.anchor == "middle" ? c.x - w / 2 : c.x)
        boxes.append(Box(text: text, x0: x0, x1: x0 + w, y0: c.y - 0.75 * c.size, y1: c.y + 0.2 * c.size))
        text = ""
    }

    static func of(_ svg: String) -> TextBoxes {
        let collector = TextBoxes()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        _ = parser.parse()
        return collector
    }
}

@Suite("Labels never overlap or leave the chart")
struct LabelLayoutTests {
    static let charts: [(String, any Chart)] = [
        ("bar", BarChart(id: "b", title: "Priorities", bars: BarChartTests.bars)),
        ("dot-interval", Examples.dotInterval), ("dumbbell", Examples.dumbbell), ("grouped-bar", Examples.grouped),
        ("small-multiples", Examples.smallMultiples), ("stacked", Examples.stacked), ("diverging", Examples.diverging),
        ("heatmap", Examples.heatmap),
    ]

    @Test("At the designed width and on a phone", arguments: charts.map(\.0), [640.0, 360.0])
    func noOverlaps(_ name: String, _ width: Double) throws {
        var chart = try #require(Self.charts.first { $0.0 == name }).1
        chart.width = width
        let layout = TextBoxes.of(chart.svg())
        #expect(!layout.boxes.isEmpty)
        for box in layout.boxes {
            #expect(box.x0 >= -1 && box.x1 <= layout.viewWidth + 1, "\(name) at \(Int(width)): \(box) leaves the chart")
        }
        for i in layout.boxes.indices {
            for j in layout.boxes.indices where j > i && layout.boxes[i].overlaps(layout.boxes[j]) {
                Issue.record("\(name) at \(Int(width)): \(layout.boxes[i]) overlaps \(layout.boxes[j])")
            }
        }
    }

    @Test("The check bites: overlapping and outside labels are found")
    func bites() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 100\" font-size=\"14\"><g text-anchor=\"end\">"
            + "<text x=\"100\" y=\"20\">Data privacy</text><text x=\"110\" y=\"24\">Standards</text></g>"
            + "<text x=\"190\" y=\"60\">far too long a label</text></svg>"
        let layout = TextBoxes.of(svg)
        #expect(layout.boxes.count == 3)
        #expect(layout.boxes[0].overlaps(layout.boxes[1]))
        #expect(layout.boxes[2].x1 > layout.viewWidth)
        #expect(layout.boxes[0].x1 == 100)
    }
}
