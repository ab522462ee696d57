import Formats
import Words
/// 100% stacked bars: one bar per group, split into the shares of each answer, in order.
/// A diverging layout centres the bars on the neutral answer of a Likert scale.
public struct StackedBarChart: Chart {
    public var dataTable: DataTable {
        DataTable(columns: ["Group"] + categories, rows: rows.map { [$0.label] + $0.shares.map(TableText.percent) })
    }

    public struct Row: Sendable, Hashable {
        public var label: String
        /// One share per category, in category order (nil: withheld).
        public var shares: [Double?]

        public init(label: String, shares: [Double?]) {
            self.label = label
            self.shares = shares
        }
    }

    public var id: String
    public var title: String
    /// The words of the description and the data table (the page's language files).
    public var words = Words.none
    public var categories: [String]
    public var rows: [Row]
    /// For a diverging chart: the index of the neutral category (split half each side), or the
    /// index of the first positive category when the scale has no neutral middle.
    public var neutral: Int?
    public var diverging: Bool
    public var width: Double = 640

    public init(id: String, title: String, categories: [String], rows: [Row], diverging: Bool = false, neutral: Int? = nil,
                width: Double = 640) {
        self.id = id
        self.title = title
        self.categories = categories
        self.rows = rows
        self.diverging = diverging
        self.neutral = neutral
        self.width = width
    }


    /// A palette that runs from one hue through grey to another for ordered (Likert) answers.
    func colors() -> [(name: String, color: String)] {
        guard diverging else { return categories.indices.map { Palette.categorical($0) } }
        let n = categories.count
        return (0..<n).map { i in
            let t = n == 1 ? 0 : Double(i) / Double(n - 1) * 2 - 1
            let isNeutral = neutral == i && n % 2 == 1
            return ("s\(i + 1)", isNeutral ? "#BDBDBD" : Palette.diverging(-t * 0.85))
        }
    }

    public func svg() -> String {
        let palette = colors()
        let (legend, legendHeight) = Legend.items(categories.enumerated().map { i, c in (c, palette[i].name, palette[i].color, .square) },
                                                  x: 0, y: ChartStyle.top + 2, width: width)
        let layout = RowLayout(labels: rows.map(\.label), width: width, top: ChartStyle.top + legendHeight + 6, rightReserve: 12)
        var marks: [SVGElement] = [legend]
        // Diverging: the scale runs from −max left share to +max right share, centred at 0.
        var (lo, hi) = (0.0, 1.0)
        if diverging, let n = neutral {
            func sides(_ r: Row) -> (Double, Double) {
                var left = 0.0, right = 0.0
                for (i, s) in r.shares.enumerated() {
                    let v = s ?? 0
                    if i < n { left += v } else if i > n || categories.count % 2 == 0 { right += v } else { left += v / 2; right += v / 2 }
                }
                return (left, right)
            }
            let extent = rows.map(sides).map { max($0.0, $0.1) }.max() ?? 0.5
            lo = -max(0.5, extent)
            hi = max(0.5, extent)
        }
        let x = LinearScale(domain: (lo, hi), range: (layout.left, width - layout.right)).niced(count: 4)
        marks.append(ValueAxis.bottom(x, top: layout.top, bottom: layout.plotBottom, format: { NumberFormat.compactPercent(abs($0)) }))
        for (i, row) in rows.enumerated() {
            marks.append(layout.label(i))
            var start = 0.0
            if diverging, let n = neutral {
                var left = row.shares.prefix(n).reduce(0) { $0 + ($1 ?? 0) }
                if categories.count % 2 == 1 { left += (row.shares[n] ?? 0) / 2 }
                start = -left
            }
            for (k, share) in row.shares.enumerated() {
                guard let share, share > 0 else { continue }
                let x0 = x(start), x1 = x(start + share)
                marks.append(SVGElement("rect", [("class", "segment \(palette[k].name)"), ("x", SVGNumber.format(x0)),
                                                 ("y", SVGNumber.format(layout.y.start(i))), ("width", SVGNumber.format(max(0, x1 - x0))),
                                                 ("height", SVGNumber.format(layout.y.bandwidth)), ("fill", palette[k].color),
                                                 ("stroke", "#ffffff"), ("stroke-width", "1")],
                                        children: [SVGElement("title", text: "\(row.label), \(categories[k]): \(NumberFormat.compactPercent(share.rounded(toPlaces: 3)))")]))
                let label = NumberFormat.compactPercent(share.rounded(toPlaces: 2))
                if TextMeasure.width(label, fontSize: ChartStyle.tickFont) + 6 < x1 - x0 {
                    marks.append(SVGElement("text", [("class", "segment-label"), ("x", SVGNumber.format((x0 + x1) / 2)),
                                                     ("y", SVGNumber.format(layout.y.center(i) + 4)), ("text-anchor", "middle"),
                                                     ("font-size", SVGNumber.format(ChartStyle.tickFont)),
                                                     ("fill", Palette.textOn(palette[k].color))], text: label))
                }
                start += share
            }
        }
        if diverging {
            let zero = SVGNumber.format(x(0))
            marks.append(SVGElement("line", [("class", "zero"), ("x1", zero), ("x2", zero), ("y1", SVGNumber.format(layout.top - 4)),
                                             ("y2", SVGNumber.format(layout.plotBottom)), ("stroke", ChartStyle.text), ("stroke-width", "1")]))
        }
        return ChartRoot.svg(id: id, kind: diverging ? "diverging" : "stacked", title: title, description: description, width: width,
                             height: layout.plotBottom + 28, marks: marks)
    }
}
