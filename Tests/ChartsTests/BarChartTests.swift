import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import Charts

@Suite("Horizontal bar chart")
struct BarChartTests {
    static let bars = [
        BarDatum(label: "Lesion screening", value: 0.71, lower: 0.69, upper: 0.73, valueLabel: "71%"),
        BarDatum(label: "Disease diagnosis", value: 0.64, lower: 0.62, upper: 0.66, valueLabel: "64%"),
        BarDatum(label: "Clinical workflow", value: 0.49, lower: 0.47, upper: 0.51, valueLabel: "49%"),
        BarDatum(label: "Quantification and structured reporting of findings", value: 0.30, lower: 0.28, upper: 0.32, valueLabel: "30%"),
        BarDatum(label: "病灶筛查", value: 0.1, lower: 0.08, upper: 0.12, valueLabel: "10%"),
        BarDatum(label: "Teaching", value: nil, valueLabel: "<5"),
    ]
    let chart = english(BarChart(id: "fig-priorities", title: "Research priorities", bars: BarChartTests.bars))

    /// Every element of the SVG with its attributes, from a real XML parser.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append((name, attributes))
        }
    }

    func parse(_ svg: String) -> Collector? {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        return parser.parse() ? collector : nil
    }

    @Test("The SVG parses as XML and names itself for screen readers")
    func accessibleXML() throws {
        let svg = chart.svg()
        let parsed = try #require(parse(svg))
        let root = try #require(parsed.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["data-kind"] == "bar")
        #expect(root.attributes["aria-labelledby"] == "fig-priorities-title fig-priorities-desc")
        #expect(svg.contains("<title id=\"fig-priorities-title\">Research priorities</title>"))
    }

    @Test("Bar lengths are proportional to the values")
    func proportionalBars() throws {
        let parsed = try #require(parse(chart.svg()))
        let bars = parsed.elements.filter { $0.attributes["class"] == "bar" }
        #expect(bars.count == 5)
        let widths = bars.compactMap { Double($0.attributes["width"] ?? "") }
        let values = Self.bars.compactMap(\.value)
        let pixelsPerUnit = widths[0] / values[0]
        for (w, v) in zip(widths, values) { #expect(abs(w - v * pixelsPerUnit) <= 0.5) }
    }

    @Test("A suppressed value is a marked gap, not a bar")
    func suppressed() throws {
        let parsed = try #require(parse(chart.svg()))
        #expect(parsed.elements.filter { $0.attributes["class"] == "suppressed" }.count == 1)
        #expect(chart.svg().contains("&lt;5 (withheld)"))
    }

    @Test("The description names the largest category first")
    func description() {
        #expect(chart.description.hasPrefix("Bar chart of 6 categories. Lesion screening ranks first at 71%, followed by Disease diagnosis at 64% and Clinical workflow at 49%."))
    }

    @Test("Ticks are nice numbers")
    func niceTicks() {
        let scale = LinearScale(domain: (0, 0.73), range: (0, 100)).niced(count: 5)
        #expect(scale.ticks(count: 5) == [0, 0.2, 0.4, 0.6, 0.8])
        #expect(LinearScale(domain: (0, 1234), range: (0, 1)).ticks(count: 5) == [0, 200, 400, 600, 800, 1000, 1200])
    }

    @Test("Long labels wrap onto two lines and stay inside the chart")
    func labelsFit() {
        let lines = TextMeasure.wrap("Quantification and structured reporting of findings", fontSize: 14, maxWidth: 243)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { TextMeasure.width($0, fontSize: 14) <= 243 })
        #expect(TextMeasure.width("病灶筛查", fontSize: 10) > TextMeasure.width("abcd", fontSize: 10))
    }

    @Test("Chinese labels wrap between characters and fit, like English ones")
    func chineseLabels() {
        let label = "定量分析与结构化报告的研发方向"
        let lines = TextMeasure.wrap(label, fontSize: 14, maxWidth: 100)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { TextMeasure.width($0, fontSize: 14) <= 100 })
        #expect(lines.joined().hasPrefix("定量分析"))
        let chart = BarChart(id: "zh", title: "研发优先方向", bars: [BarDatum(label: label, value: 0.3, valueLabel: "30%")], width: 360)
        let layout = TextBoxes.of(chart.svg())
        #expect(layout.boxes.allSatisfy { $0.x0 >= -1 && $0.x1 <= layout.viewWidth + 1 })
    }

    @Test("Same data, same bytes: golden SVG")
    func golden() {
        #expect(chart.svg() == chart.svg())
        assertSnapshot(chart.svg(), named: "bar-priorities", ext: "svg")
    }
}
