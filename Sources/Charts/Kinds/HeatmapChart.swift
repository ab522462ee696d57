import Formats
import Words
/// A cross-tabulation as a grid of shaded cells with their values written in: shares on a
/// sequential scale, or standardised residuals on a diverging one.
public struct HeatmapChart: Chart {
    public var dataTable: DataTable {
        // One decimal, as every other data table: the cells' whole-number labels are for the eye.
        DataTable(columns: [""] + columns, rows: rows.indices.map { r in
            [rows[r]] + values[r].map { v in v.map { diverging ? label($0) : TableText.percent($0) } ?? "withheld" }
        })
    }

    public var id: String
    public var title: String
    /// The words of the description and the data table (the page's language files).
    public var words = Words.none
    public var rows: [String]
    public var columns: [String]
    /// values[row][column] (nil: withheld).
    public var values: [[Double?]]
    /// Residuals use a diverging scale centred on 0 (clamped at ±`extent`).
    public var diverging: Bool
    public var extent: Double
    public var width: Double = 640

    public init(id: String, title: String, rows: [String], columns: [String], values: [[Double?]], diverging: Bool = false,
                extent: Double = 3, width: Double = 640) {
        self.id = id
        self.title = title
        self.rows = rows
        self.columns = columns
        self.values = values
        self.diverging = diverging
        self.extent = extent
        self.width = width
    }

    func label(_ v: Double) -> String {
        diverging ? (v >= 0 ? "+" : "−") + NumberFormat.fixed(abs(v), decimals: 2) : NumberFormat.compactPercent(v.rounded(toPlaces: 2))
    }


    public func svg() -> String {
        let columnWidths = columns.map { TextMeasure.width($0, fontSize: ChartStyle.tickFont) }
        let layout = RowLayout(labels: rows, width: width, top: ChartStyle.top + 24, rightReserve: 8, padding: 0.06, minRowHeight: 32)
        let plotWidth = width - layout.left - layout.right
        let cell = plotWidth / Double(max(1, columns.count))
        var marks: [SVGElement] = []
        for (c, column) in columns.enumerated() {
            let text = columnWidths[c] > cell - 4 ? TextMeasure.truncate(column, fontSize: ChartStyle.tickFont, maxWidth: cell - 4) : column
            marks.append(SVGElement("text", [("class", "column-label"), ("x", SVGNumber.format(layout.left + cell * (Double(c) + 0.5))),
                                             ("y", SVGNumber.format(layout.top - 8)), ("text-anchor", "middle"),
                                             ("font-size", SVGNumber.format(ChartStyle.tickFont)), ("fill", ChartStyle.text)], text: text))
        }
        let maxValue = max(1e-9, values.flatMap { $0.compactMap { $0 } }.max() ?? 1)
        for (r, _) in rows.enumerated() {
            marks.append(layout.label(r))
            for c in columns.indices {
                let x0 = layout.left + cell * Double(c) + 1
                guard let v = values[r][c] else {
                    marks.append(SVGElement("rect", [("class", "suppressed"), ("x", SVGNumber.format(x0)), ("y", SVGNumber.format(layout.y.start(r))),
                                                     ("width", SVGNumber.format(cell - 2)), ("height", SVGNumber.format(layout.y.bandwidth)),
                                                     ("fill", "none"), ("stroke", "#767676"), ("stroke-dasharray", "3 3")]))
                    continue
                }
                let fill = diverging ? Palette.diverging(v / extent) : Palette.sequential(v / maxValue)
                marks.append(SVGElement("rect", [("class", "cell"), ("x", SVGNumber.format(x0)), ("y", SVGNumber.format(layout.y.start(r))),
                                                 ("width", SVGNumber.format(cell - 2)), ("height", SVGNumber.format(layout.y.bandwidth)),
                                                 ("fill", fill)]))
                marks.append(SVGElement("text", [("class", "cell-label"), ("x", SVGNumber.format(x0 + (cell - 2) / 2)),
                                                 ("y", SVGNumber.format(layout.y.center(r) + 4)), ("text-anchor", "middle"),
                                                 ("font-size", SVGNumber.format(ChartStyle.tickFont)), ("fill", Palette.textOn(fill))],
                                        text: label(v)))
            }
        }
        return ChartRoot.svg(id: id, kind: "heatmap", title: title, description: description, width: width,
                             height: layout.plotBottom + 12, marks: marks)
    }
}
