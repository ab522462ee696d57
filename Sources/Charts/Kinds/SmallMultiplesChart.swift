import Formats
import Words
/// The same bar chart once per group of a breakdown, side by side on one scale, so readers
/// compare each group's profile at a glance.
public struct SmallMultiplesChart: Chart {
    public var id: String
    public var title: String
    /// The words of the description and the data table (the page's language files).
    public var words = Words.none
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

    /// The same table as the grouped bars: the data are the same.
    public var dataTable: DataTable { GroupedBarChart.table(categories: categories, groups: groups, values: values) }


    public func svg() -> String {
        // Panels side by side when they fit at 180 px each, else stacked in rows.
        let perRow = max(1, min(groups.count, Int((width - 150) / 180)))
        let layout = RowLayout(labels: categories, width: width, top: ChartStyle.top + 22, rightReserve: 0, padding: 0.25, minRowHeight: 24)
        let panelWidth = (width - layout.left) / Double(perRow)
        let maxValue = values.flatMap { $0.compactMap { $0 } }.max() ?? 0
        let domain = maxValue > 0.75 ? 1 : max(0.05, maxValue)
        var marks: [SVGElement] = []
        let panelRows = (groups.count + perRow - 1) / perRow
        let blockHeight = layout.plotBottom - ChartStyle.top + 30
        for (g, group) in groups.enumerated() {
            let dy = Double(g / perRow) * blockHeight
            let x0 = layout.left + panelWidth * Double(g % perRow)
            let x = LinearScale(domain: (0, domain), range: (x0 + 4, x0 + panelWidth - 40)).niced(count: 2)
            var panel: [SVGElement] = [
                SVGElement("text", [("class", "column-label"), ("x", SVGNumber.format(x0 + 4)), ("y", SVGNumber.format(ChartStyle.top + 10)),
                                    ("font-size", SVGNumber.format(ChartStyle.valueFont)), ("font-weight", "600")],
                           text: TextMeasure.truncate(group, fontSize: ChartStyle.valueFont * 1.1, maxWidth: panelWidth - 8)),
                ValueAxis.bottom(x, top: layout.top, bottom: layout.plotBottom),
            ]
            var bars: [SVGElement] = [], labels: [SVGElement] = []
            for c in categories.indices {
                guard let v = values[c][g] else {
                    labels.append(BarChart.valueText(words["table_withheld"], at: x(0) + 2, center: layout.y.center(c)))
                    continue
                }
                bars.append(SVGElement("rect", [("class", "bar"), ("x", SVGNumber.format(x(0))), ("y", SVGNumber.format(layout.y.start(c))),
                                                ("width", SVGNumber.format(max(0, x(v) - x(0)))),
                                                ("height", SVGNumber.format(layout.y.bandwidth)), ("fill", ChartStyle.bar)]))
                labels.append(BarChart.valueText(NumberFormat.compactPercent(v.rounded(toPlaces: 3)), at: x(v) + 4, center: layout.y.center(c)))
            }
            panel.append(SVGElement.group(bars, [("class", "bars")], sharing: ["fill", "class"]))
            panel.append(SVGElement.group(labels, [("class", "value-labels")], sharing: ["font-size", "class"]))
            if g % perRow == 0 {
                panel += categories.indices.map { layout.label($0) }
            }
            marks.append(SVGElement("g", dy == 0 ? [("class", "panel")] : [("class", "panel"), ("transform", "translate(0 \(SVGNumber.format(dy)))")],
                                    children: panel))
        }
        return ChartRoot.svg(id: id, kind: "small-multiples", title: title, description: description, width: width,
                             height: ChartStyle.top + blockHeight * Double(panelRows), marks: marks)
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

import Foundation
