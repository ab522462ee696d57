import Words
/// One share across groups (tiers, regions): a dot at the estimate with its 95% interval, so
/// readers compare positions, not lengths (forest-plot style).
public struct DotIntervalChart: Chart {
    public var dataTable: DataTable {
        DataTable(columns: ["Group", "Share", "95% CI lower", "95% CI upper"], rows: rows.map { b in
            [b.label, b.value == nil ? b.valueLabel : TableText.percent(b.value), b.lower.map { TableText.percent($0) } ?? "",
             b.upper.map { TableText.percent($0) } ?? ""]
        })
    }

    public var id: String
    public var title: String
    /// The words of the description and the data table (the page's language files).
    public var words = Words.none
    public var rows: [BarDatum]
    public var width: Double = 640

    public init(id: String, title: String, rows: [BarDatum], width: Double = 640) {
        self.id = id
        self.title = title
        self.rows = rows
        self.width = width
    }


    public func svg() -> String {
        let widestValue = rows.map { TextMeasure.width($0.valueLabel, fontSize: ChartStyle.valueFont) }.max() ?? 0
        let layout = RowLayout(labels: rows.map(\.label), width: width, rightReserve: widestValue + 14, padding: 0)
        let maxValue = rows.map { max($0.upper ?? 0, $0.value ?? 0) }.max() ?? 0
        let x = LinearScale(domain: (0, maxValue > 0.75 ? 1 : max(0.05, maxValue)), range: (layout.left, width - layout.right)).niced(count: 5)
        var marks: [SVGElement] = [ValueAxis.bottom(x, top: layout.top, bottom: layout.plotBottom)]
        for (i, row) in rows.enumerated() {
            marks.append(layout.label(i))
            let center = layout.y.center(i)
            guard let value = row.value else {
                marks.append(BarChart.valueText(row.valueLabel + " (" + words["table_withheld"] + ")", at: layout.left + 6, center: center))
                continue
            }
            var labelX = x(value) + 8
            if let lo = row.lower, let hi = row.upper {
                marks.append(Whisker.horizontal(from: x(lo), to: x(hi), at: center, cap: 4))
                labelX = x(hi) + 6
            }
            marks.append(SVGElement("circle", [("class", "dot"), ("cx", SVGNumber.format(x(value))), ("cy", SVGNumber.format(center)),
                                               ("r", "5.5"), ("fill", ChartStyle.bar)]))
            marks.append(BarChart.valueText(row.valueLabel, at: labelX, center: center))
        }
        return ChartRoot.svg(id: id, kind: "dot-interval", title: title, description: description, width: width,
                             height: layout.plotBottom + 28, marks: marks)
    }
}
