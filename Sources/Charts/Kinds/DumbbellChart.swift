import Words
/// Two shares per group joined by a line, such as interest in AI research against actual
/// engagement: the length of the line is the gap.
public struct DumbbellChart: Chart {
    public var dataTable: DataTable {
        DataTable(columns: ["Group", series.0, series.1], rows: rows.map { [$0.label, TableText.percent($0.first), TableText.percent($0.second)] })
    }

    public struct Row: Sendable, Hashable {
        public var label: String
        public var first: Double?
        public var second: Double?
        public var firstLabel: String
        public var secondLabel: String

        public init(label: String, first: Double?, second: Double?, firstLabel: String, secondLabel: String) {
            self.label = label
            self.first = first
            self.second = second
            self.firstLabel = firstLabel
            self.secondLabel = secondLabel
        }
    }

    public var id: String
    public var title: String
    /// The words of the description and the data table (the page's language files).
    public var words = Words.none
    /// The names of the two series, shown in the legend.
    public var series: (String, String)
    public var rows: [Row]
    public var width: Double = 640

    public init(id: String, title: String, series: (String, String), rows: [Row], width: Double = 640) {
        self.id = id
        self.title = title
        self.series = series
        self.rows = rows
        self.width = width
    }


    public func svg() -> String {
        let colors = [Palette.categorical(0), Palette.categorical(1)]
        let (legend, legendHeight) = Legend.items([
            (series.0, colors[0].name, colors[0].color, .circle), (series.1, colors[1].name, colors[1].color, .square),
        ], x: 0, y: ChartStyle.top + 2, width: width)
        let widest = rows.flatMap { [$0.firstLabel, $0.secondLabel] }.map { TextMeasure.width($0, fontSize: ChartStyle.valueFont) }.max() ?? 0
        let layout = RowLayout(labels: rows.map(\.label), width: width, top: ChartStyle.top + legendHeight + 6,
                               rightReserve: widest + 14, padding: 0, minRowHeight: 36)
        let x = LinearScale(domain: (0, 1), range: (layout.left, width - layout.right))
        var marks: [SVGElement] = [legend, ValueAxis.bottom(x, top: layout.top, bottom: layout.plotBottom)]
        for (i, row) in rows.enumerated() {
            marks.append(layout.label(i))
            let cy = layout.y.center(i)
            guard let a = row.first, let b = row.second else {
                marks.append(BarChart.valueText(words["table_withheld"], at: layout.left + 6, center: cy))
                continue
            }
            marks.append(SVGElement("line", [("class", "connector"), ("x1", SVGNumber.format(x(min(a, b)))), ("x2", SVGNumber.format(x(max(a, b)))),
                                             ("y1", SVGNumber.format(cy)), ("y2", SVGNumber.format(cy)),
                                             ("stroke", ChartStyle.muted), ("stroke-width", "3")]))
            marks.append(Legend.mark(.circle, x: x(a), y: cy, size: 12, colorClass: colors[0].name, color: colors[0].color))
            marks.append(Legend.mark(.square, x: x(b), y: cy, size: 11, colorClass: colors[1].name, color: colors[1].color))
            // Labels outside the ends, so they never sit on the line.
            let (lowX, highX) = (x(min(a, b)), x(max(a, b)))
            let (lowLabel, highLabel) = a < b ? (row.firstLabel, row.secondLabel) : (row.secondLabel, row.firstLabel)
            let lowWidth = TextMeasure.width(lowLabel, fontSize: ChartStyle.valueFont)
            if lowX - 10 - lowWidth >= layout.left {
                marks.append(SVGElement("text", [("class", "value-label"), ("x", SVGNumber.format(lowX - 10)), ("y", SVGNumber.format(cy + 4.5)),
                                                 ("text-anchor", "end"), ("font-size", SVGNumber.format(ChartStyle.valueFont)),
                                                 ("fill", ChartStyle.text)], text: lowLabel))
                marks.append(BarChart.valueText(highLabel, at: highX + 10, center: cy))
            } else {
                marks.append(BarChart.valueText(lowLabel + " · " + highLabel, at: highX + 10, center: cy))
            }
        }
        return ChartRoot.svg(id: id, kind: "dumbbell", title: title, description: description, width: width,
                             height: layout.plotBottom + 28, marks: marks)
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (self * scale).rounded() / scale
    }
}
