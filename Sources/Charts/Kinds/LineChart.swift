import Formats
import Words
/// A count over time (such as collaboration projects per year): a line with a dot and a label
/// at every point.
public struct LineChart: Chart {
    public var dataTable: DataTable {
        DataTable(columns: ["Year", "Value"], rows: points.map { [String($0.x), SVGNumber.format($0.y)] })
    }

    public var id: String
    public var title: String
    /// The words of the description and the data table (the page's language files).
    public var words = Words.none
    public var points: [(x: Int, y: Double)]
    public var width: Double = 640
    public var height: Double = 260

    public init(id: String, title: String, points: [(x: Int, y: Double)], width: Double = 640) {
        self.id = id
        self.title = title
        self.points = points
        self.width = width
    }


    public func svg() -> String {
        let left = 48.0, right = 20.0, bottom = height - 28, top = ChartStyle.top + 10
        let xs = points.map { Double($0.x) }
        let x = LinearScale(domain: (xs.min() ?? 0, max((xs.max() ?? 1), (xs.min() ?? 0) + 1)), range: (left, width - right))
        let y = LinearScale(domain: (0, max(1, points.map(\.y).max() ?? 1)), range: (bottom, top)).niced(count: 4)
        var marks: [SVGElement] = []
        for t in y.ticks(count: 4) {
            let py = SVGNumber.format(y(t))
            marks.append(SVGElement("line", [("class", "grid"), ("x1", SVGNumber.format(left)), ("x2", SVGNumber.format(width - right)),
                                             ("y1", py), ("y2", py), ("stroke", ChartStyle.grid)]))
            marks.append(SVGElement("text", [("class", "tick-label"), ("x", SVGNumber.format(left - 6)), ("y", SVGNumber.format(y(t) + 4)),
                                             ("text-anchor", "end"), ("font-size", SVGNumber.format(ChartStyle.tickFont)),
                                             ("fill", ChartStyle.muted)], text: NumberFormat.count(Int(t))))
        }
        let path = points.enumerated().map { i, p in (i == 0 ? "M" : "L") + SVGNumber.format(x(Double(p.x))) + " " + SVGNumber.format(y(p.y)) }.joined()
        marks.append(SVGElement("path", [("class", "line"), ("d", path), ("fill", "none"), ("stroke", ChartStyle.bar), ("stroke-width", "2.5")]))
        for p in points {
            let px = x(Double(p.x)), py = y(p.y)
            marks.append(SVGElement("circle", [("class", "dot"), ("cx", SVGNumber.format(px)), ("cy", SVGNumber.format(py)), ("r", "4"),
                                               ("fill", ChartStyle.bar)]))
            marks.append(SVGElement("text", [("class", "value-label"), ("x", SVGNumber.format(px)), ("y", SVGNumber.format(py - 9)),
                                             ("text-anchor", "middle"), ("font-size", SVGNumber.format(ChartStyle.tickFont)),
                                             ("fill", ChartStyle.text)], text: SVGNumber.format(p.y)))
            marks.append(SVGElement("text", [("class", "tick-label"), ("x", SVGNumber.format(px)), ("y", SVGNumber.format(bottom + 18)),
                                             ("text-anchor", "middle"), ("font-size", SVGNumber.format(ChartStyle.tickFont)),
                                             ("fill", ChartStyle.muted)], text: String(p.x)))
        }
        return ChartRoot.svg(id: id, kind: "line", title: title, description: description, width: width, height: height, marks: marks)
    }
}
