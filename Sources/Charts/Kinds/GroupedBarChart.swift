import Formats
import Words
/// Shares of each answer side by side for each group of a breakdown (grouped bars), with a
/// legend; each group also has its own shape so colour is not the only cue.
public struct GroupedBarChart: Chart {
    public var dataTable: DataTable { Self.table(categories: categories, groups: groups, values: values) }

    /// One row per answer, one column per group, shares as percentages.
    static func table(categories: [String], groups: [String], values: [[Double?]]) -> DataTable {
        DataTable(columns: ["Answer"] + groups, rows: categories.indices.map { [categories[$0]] + values[$0].map(TableText.percent) })
    }

    public var id: String
    public var title: String
    /// The words of the description and the data table (the page's language files).
    public var words = Words.none
    /// The answers (one band each) and the groups (one bar per band each).
    public var categories: [String]
    public var groups: [String]
    /// values[category][group]: shares 0…1 (nil: withheld).
    public var values: [[Double?]]
    public var width: Double = 640

    public init(id: String, title: String, categories: [String], groups: [String], values: [[Double?]], width: Double = 640) {
        self.id = id
        self.title = title
        self.categories = categories
        self.groups = groups
        self.values = values
        self.width = width
    }


    public func svg() -> String {
        let (legend, legendHeight) = Legend.items(groups.enumerated().map { g, name in
            (name, Palette.categorical(g).name, Palette.categorical(g).color, Legend.shape(g))
        }, x: 0, y: ChartStyle.top + 2, width: width)
        let layout = RowLayout(labels: categories, width: width, top: ChartStyle.top + legendHeight + 6, rightReserve: 44, padding: 0.2,
                               minRowHeight: max(30, Double(groups.count) * 13 + 10))
        let maxValue = values.flatMap { $0.compactMap { $0 } }.max() ?? 0
        let x = LinearScale(domain: (0, maxValue > 0.75 ? 1 : max(0.05, maxValue)), range: (layout.left, width - layout.right)).niced(count: 5)
        var marks: [SVGElement] = [legend, ValueAxis.bottom(x, top: layout.top, bottom: layout.plotBottom)]
        let barHeight = layout.y.bandwidth / Double(max(1, groups.count))
        for (c, _) in categories.enumerated() {
            marks.append(layout.label(c))
            for (g, _) in groups.enumerated() {
                let y0 = layout.y.start(c) + Double(g) * barHeight
                guard let v = values[c][g] else { continue }
                let color = Palette.categorical(g)
                marks.append(SVGElement("rect", [("class", "bar \(color.name)"), ("x", SVGNumber.format(x(0))), ("y", SVGNumber.format(y0)),
                                                 ("width", SVGNumber.format(max(0, x(v) - x(0)))), ("height", SVGNumber.format(barHeight - 1)),
                                                 ("fill", color.color)]))
                marks.append(Legend.mark(Legend.shape(g), x: x(v) + 7, y: y0 + barHeight / 2 - 0.5, size: 7, colorClass: color.name, color: color.color))
                if barHeight >= 12 {
                    marks.append(SVGElement("text", [("class", "value-label"), ("x", SVGNumber.format(x(v) + 14)),
                                                     ("y", SVGNumber.format(y0 + barHeight / 2 + 4)),
                                                     ("font-size", SVGNumber.format(ChartStyle.tickFont)), ("fill", ChartStyle.text)],
                                            text: NumberFormat.compactPercent(v.rounded(toPlaces: 2))))
                }
            }
        }
        return ChartRoot.svg(id: id, kind: "grouped-bar", title: title, description: description, width: width,
                             height: layout.plotBottom + 28, marks: marks)
    }
}
