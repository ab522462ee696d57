import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import Charts

/// One example of every chart kind, as golden SVG files reviewed by eye when they change.
enum Examples {
    static let tiers = ["Primary or other", "Secondary", "Tertiary"]

    static let dotInterval = english(DotIntervalChart(id: "fig-engagement-tier", title: "Engagement in AI R&D by hospital tier", rows: [
        BarDatum(label: "Primary or other", value: 0.06, lower: 0.04, upper: 0.09, valueLabel: "6%"),
        BarDatum(label: "Secondary", value: 0.13, lower: 0.11, upper: 0.15, valueLabel: "13%"),
        BarDatum(label: "Tertiary", value: 0.26, lower: 0.24, upper: 0.28, valueLabel: "26%"),
    ]))

    static let dumbbell = english(DumbbellChart(id: "fig-gap", title: "Interest and engagement by group", series: ("Interested", "Engaged"), rows: [
        .init(label: "Clinicians", first: 0.75, second: 0.2, firstLabel: "75%", secondLabel: "20%"),
        .init(label: "Institution professionals", first: 0.85, second: 0.41, firstLabel: "85%", secondLabel: "41%"),
        .init(label: "Industry representatives", first: 0.9, second: 0.55, firstLabel: "90%", secondLabel: "55%"),
    ]))

    static let stacked = english(StackedBarChart(id: "fig-tier-group", title: "AI familiarity by group",
                                         categories: ["None", "Basic", "Intermediate", "Advanced"], rows: [
        .init(label: "Clinicians", shares: [0.09, 0.41, 0.38, 0.12]),
        .init(label: "Institutions", shares: [0.02, 0.18, 0.45, 0.35]),
        .init(label: "Industry", shares: [0.02, 0.18, 0.45, nil]),
    ]))

    static let diverging = english(StackedBarChart(id: "fig-willing", title: "Willingness to share data",
                                           categories: ["Very unwilling", "Unwilling", "Neutral", "Willing", "Very willing"], rows: [
        .init(label: "Clinicians", shares: [0.03, 0.09, 0.2, 0.43, 0.25]),
        .init(label: "Institutions", shares: [0.02, 0.06, 0.15, 0.45, 0.32]),
        .init(label: "Industry", shares: [0.01, 0.04, 0.1, 0.4, 0.45]),
    ], diverging: true, neutral: 2))

    static let grouped = english(GroupedBarChart(id: "fig-barriers-group", title: "Barriers by group",
                                         categories: ["Data privacy and security", "No industry standards", "Unclear legal guidelines"],
                                         groups: ["Clinicians", "Institutions", "Industry"],
                                         values: [[0.67, 0.62, 0.55], [0.56, 0.62, 0.66], [0.51, 0.58, nil]]))

    static let heatmap = english(HeatmapChart(id: "fig-heat", title: "Engagement by tier and familiarity", rows: tiers,
                                      columns: ["None", "Basic", "Intermediate", "Advanced"],
                                      values: [[0.01, 0.03, 0.08, 0.12], [0.02, 0.06, 0.15, 0.22], [0.03, 0.1, 0.28, nil]]))

    static let residuals = english(HeatmapChart(id: "fig-resid", title: "Standardised residuals", rows: tiers, columns: ["Yes", "No"],
                                        values: [[-2.5, 2.5], [-0.4, 0.4], [3.1, -3.1]], diverging: true))

    static let tileMap = english(TileMapChart(id: "fig-map", title: "Respondents by region", tiles: [
        .init(code: "110000", abbreviation: "BJ", name: "Beijing", row: 1, col: 4, value: 90, valueLabel: "90"),
        .init(code: "120000", abbreviation: "TJ", name: "Tianjin", row: 2, col: 5, value: 57, valueLabel: "57"),
        .init(code: "130000", abbreviation: "HE", name: "Hebei", row: 2, col: 4, value: 306, valueLabel: "306"),
        .init(code: "230000", abbreviation: "HL", name: "Heilongjiang", row: 0, col: 6, value: 133, valueLabel: "133"),
        .init(code: "540000", abbreviation: "XZ", name: "Tibet", row: 4, col: 0, value: nil, valueLabel: "<5"),
    ], legendTitle: "Respondents"))

    static let histogram = english(HistogramChart(id: "fig-years", title: "Years of experience",
                                          values: (0..<500).map { Double(($0 * 37) % 29 + ($0 % 7)) }, unit: "years"))

    static let line = english(LineChart(id: "fig-years-line", title: "Projects per year",
                                points: [(2018, 12), (2019, 20), (2020, 31), (2021, 45), (2022, 52), (2023, 70)]))

    static let network = english(NetworkChart(id: "fig-net", title: "Who works with whom", groups: ["Hospitals", "Institutes", "Companies"],
                                      nodes: [.init(id: "H1", group: 0, degree: 6), .init(id: "H2", group: 0, degree: 3),
                                              .init(id: "R1", group: 1, degree: 4), .init(id: "C1", group: 2, degree: 5),
                                              .init(id: "C2", group: 2, degree: 2)],
                                      edges: [.init(a: "H1", b: "R1", weight: 3), .init(a: "H1", b: "C1", weight: 5),
                                              .init(a: "H2", b: "C1", weight: 1), .init(a: "H1", b: "H2", weight: 2),
                                              .init(a: "R1", b: "C2", weight: 1)]))

    static let smallMultiples = english(SmallMultiplesChart(id: "fig-sm", title: "Barriers by group", categories: grouped.categories,
                                                    groups: grouped.groups, values: grouped.values))

    static var all: [(name: String, kind: String, svg: String, description: String)] {
        [
            ("small-multiples", "small-multiples", smallMultiples.svg(), smallMultiples.description),
            ("small-multiples-narrow", "small-multiples", smallMultiples.narrow(), smallMultiples.description),
            ("bar-narrow", "bar", english(BarChart(id: "fig-bar", title: "Research priorities", bars: BarChartTests.bars)).narrow(), ""),
            ("dumbbell-narrow", "dumbbell", dumbbell.narrow(), dumbbell.description),
            ("dot-interval-narrow", "dot-interval", dotInterval.narrow(), dotInterval.description),
            ("stacked-narrow", "stacked", stacked.narrow(), stacked.description),
            ("diverging-narrow", "diverging", diverging.narrow(), diverging.description),
            ("grouped-bar-narrow", "grouped-bar", grouped.narrow(), grouped.description),
            ("heatmap-narrow", "heatmap", heatmap.narrow(), heatmap.description),
            ("tile-map-narrow", "tile-map", tileMap.narrow(), tileMap.description),
            ("histogram-narrow", "histogram", histogram.narrow(), histogram.description),
            ("line-narrow", "line", line.narrow(), line.description),
            ("network-narrow", "network", network.narrow(), network.description),
            ("dot-interval", "dot-interval", dotInterval.svg(), dotInterval.description),
            ("dumbbell", "dumbbell", dumbbell.svg(), dumbbell.description),
            ("stacked", "stacked", stacked.svg(), stacked.description),
            ("diverging", "diverging", diverging.svg(), diverging.description),
            ("grouped-bar", "grouped-bar", grouped.svg(), grouped.description),
            ("heatmap", "heatmap", heatmap.svg(), heatmap.description),
            ("heatmap-residuals", "heatmap", residuals.svg(), residuals.description),
            ("tile-map", "tile-map", tileMap.svg(), tileMap.description),
            ("histogram", "histogram", histogram.svg(), histogram.description),
            ("line", "line", line.svg(), line.description),
            ("network", "network", network.svg(), network.description),
        ]
    }
}

@Suite("Every chart kind")
struct ChartKindsTests {
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            elements.append((name, attributes))
        }
    }

    @Test("Each kind parses as XML, names its kind and is labelled for screen readers", arguments: Examples.all.map(\.name))
    func accessibleXML(_ name: String) throws {
        let example = try #require(Examples.all.first { $0.name == name })
        let collector = Collector()
        let parser = XMLParser(data: Data(example.svg.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "\(name) parses")
        let root = try #require(collector.elements.first)
        #expect(root.attributes["data-kind"] == example.kind)
        #expect(root.attributes["role"] == "img")
        let id = try #require(root.attributes["id"])
        #expect(root.attributes["aria-labelledby"] == "\(id)-title \(id)-desc")
        #expect(example.svg.contains("<desc id=\"\(id)-desc\">"))
        #expect(!example.description.isEmpty || name.hasSuffix("-narrow"))
        // No text smaller than 12 px at the designed width.
        let sizes = collector.elements.compactMap { $0.attributes["font-size"].flatMap(Double.init) }
        #expect(sizes.allSatisfy { $0 >= 12 })
        // Same data, same bytes.
        #expect(example.svg == Examples.all.first { $0.name == name }!.svg)
    }

    @Test("Golden SVG files", arguments: Examples.all.map(\.name))
    func golden(_ name: String) throws {
        let example = try #require(Examples.all.first { $0.name == name })
        assertSnapshot(example.svg, named: name, ext: "svg")
    }

    @Test("Descriptions name what matters most")
    func descriptions() {
        #expect(Examples.dotInterval.description.contains("Tertiary is highest at 26%"))
        #expect(Examples.dumbbell.description.contains("widest for Clinicians"))
        #expect(Examples.tileMap.description.contains("Hebei is highest at 306"))
        #expect(Examples.network.description.contains("The best-connected is H1"))
        #expect(Examples.histogram.bins.reduce(0) { $0 + $1.count } == 500)
    }

    @Test("Descriptions follow the chart's language")
    func chineseDescriptions() {
        var bar = BarChart(id: "b", title: "研发重点", bars: [BarDatum(label: "病灶筛查", value: 0.7, valueLabel: "70%"),
                                                        BarDatum(label: "疾病诊断", value: 0.6, valueLabel: "60%")])
        bar.words = LanguageFile.words("zh")
        #expect(bar.description == "条形图，共2项。病灶筛查居首，为70%，其次是疾病诊断（60%）。")
        #expect(bar.svg().contains("<desc id=\"b-desc\">条形图"))
        var dumbbell = Examples.dumbbell
        dumbbell.words = LanguageFile.words("zh")
        #expect(dumbbell.description.contains("Clinicians差距最大（55个百分点）"))
        for example in [Examples.dotInterval as any Chart, Examples.stacked, Examples.grouped, Examples.heatmap, Examples.tileMap,
                        Examples.histogram, Examples.line, Examples.network, Examples.smallMultiples] {
            var chart = example
            chart.words = LanguageFile.words("zh")
            #expect(chart.description.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF }, "\(chart.description)")
            #expect(chart.description != example.description)
        }
    }

    @Test("Withheld values are marked gaps, never drawn at a size")
    func withheld() {
        #expect(Examples.heatmap.svg().contains("class=\"suppressed\""))
        #expect(Examples.tileMap.svg().contains("stroke-dasharray"))
        // The stacked row with a withheld share draws three segments, not four.
        let industry = Examples.stacked.svg().components(separatedBy: "Industry,").count - 1
        #expect(industry == 3)
    }

    @Test("Text on coloured fills keeps 4.5:1 contrast")
    func contrast() {
        func ratio(_ a: String, _ b: String) -> Double {
            let (l1, l2) = (Palette.relativeLuminance(a), Palette.relativeLuminance(b))
            return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
        }
        for t in stride(from: 0.0, through: 1.0, by: 0.05) {
            let fill = Palette.sequential(t)
            #expect(ratio(fill, Palette.textOn(fill)) >= 4.5, "\(fill)")
            let d = Palette.diverging(t * 2 - 1)
            #expect(ratio(d, Palette.textOn(d)) >= 4.5, "\(d)")
        }
    }
}

/// A chart with the built-in English words, as a page in English draws it.
func english<C: Chart>(_ chart: C) -> C {
    var chart = chart
    chart.words = LanguageFile.words("en")
    return chart
}
