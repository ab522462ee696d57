import Formats
import Words
/// A collaboration network laid out in three columns, one per sector, so the picture is the
/// same at every build: organisations as dots sized by their partners, joint projects as lines
/// whose width shows how many. The busiest organisations are labelled.
public struct NetworkChart: Chart {
    public var dataTable: DataTable {
        DataTable(columns: ["Organisation", "Sector", "Partners"], rows: nodes.sorted { ($0.degree, $1.id) > ($1.degree, $0.id) }.map {
            [$0.id, groups[$0.group], NumberFormat.count($0.degree)]
        })
    }

    public struct Node: Sendable, Hashable {
        public var id: String
        /// Column: 0, 1 or 2 (hospital, institute, company).
        public var group: Int
        public var degree: Int

        public init(id: String, group: Int, degree: Int) {
            self.id = id
            self.group = group
            self.degree = degree
        }
    }

    public struct Edge: Sendable, Hashable {
        public var a: String
        public var b: String
        public var weight: Int

        public init(a: String, b: String, weight: Int) {
            self.a = a
            self.b = b
            self.weight = weight
        }
    }

    public var id: String
    public var title: String
    /// The words of the description and the data table (the page's language files).
    public var words = Words.none
    public var groups: [String]
    public var nodes: [Node]
    public var edges: [Edge]
    /// How many of the busiest organisations per column are drawn (the rest are summarised).
    public var perColumn: Int
    public var width: Double = 640

    public init(id: String, title: String, groups: [String], nodes: [Node], edges: [Edge], perColumn: Int = 12, width: Double = 640) {
        self.id = id
        self.title = title
        self.groups = groups
        self.nodes = nodes
        self.edges = edges
        self.perColumn = perColumn
        self.width = width
    }

    var shown: [[Node]] {
        groups.indices.map { g in
            Array(nodes.filter { $0.group == g }.sorted { ($0.degree, $1.id) > ($1.degree, $0.id) }.prefix(perColumn))
        }
    }


    public func svg() -> String {
        let columns = shown
        let top = ChartStyle.top + 28, rowStep = 26.0
        let height = top + Double(max(1, columns.map(\.count).max() ?? 1)) * rowStep + 16
        let columnX = groups.indices.map { g in 96 + (width - 192) * Double(g) / Double(max(1, groups.count - 1)) }
        var position: [String: (Double, Double)] = [:]
        for (g, column) in columns.enumerated() {
            for (k, node) in column.enumerated() { position[node.id] = (columnX[g], top + Double(k) * rowStep + 10) }
        }
        var marks: [SVGElement] = []
        for (g, name) in groups.enumerated() {
            marks.append(SVGElement("text", [("class", "column-label"), ("x", SVGNumber.format(columnX[g])), ("y", SVGNumber.format(top - 12)),
                                             ("text-anchor", "middle"), ("font-size", SVGNumber.format(ChartStyle.valueFont)),
                                             ("font-weight", "600"), ("fill", ChartStyle.text)], text: name))
        }
        let maxWeight = Double(max(1, edges.map(\.weight).max() ?? 1))
        var lines: [SVGElement] = []
        for edge in edges.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) {
            guard let p = position[edge.a], let q = position[edge.b] else { continue }
            let w = 0.6 + 3.4 * Double(edge.weight) / maxWeight
            let d: String
            if p.0 == q.0 {
                // Same column: a curve out to the side, so it does not run through the other dots.
                let bend = 30 + abs(q.1 - p.1) * 0.2
                d = "M\(SVGNumber.format(p.0)) \(SVGNumber.format(p.1))Q\(SVGNumber.format(p.0 + bend)) \(SVGNumber.format((p.1 + q.1) / 2)) \(SVGNumber.format(q.0)) \(SVGNumber.format(q.1))"
            } else {
                d = "M\(SVGNumber.format(p.0)) \(SVGNumber.format(p.1))L\(SVGNumber.format(q.0)) \(SVGNumber.format(q.1))"
            }
            lines.append(SVGElement("path", [("class", "edge"), ("d", d), ("fill", "none"), ("stroke", "#8A8A8A"),
                                             ("stroke-opacity", "0.55"), ("stroke-width", SVGNumber.format(w))]))
        }
        marks.append(SVGElement("g", [("class", "edges"), ("aria-hidden", "true")], children: lines))
        let maxDegree = Double(max(1, nodes.map(\.degree).max() ?? 1))
        for (g, column) in columns.enumerated() {
            let color = Palette.categorical(g)
            for node in column {
                let (x, y) = position[node.id]!
                let r = 3.5 + 6 * (Double(node.degree) / maxDegree).squareRoot()
                marks.append(SVGElement("g", [("class", "node \(color.name)")], children: [
                    SVGElement("title", text: words.phrase("chart_network_node", ["label": node.id, "sector": groups[g].lowercased(), "count": String(node.degree)])),
                    Legend.mark(Legend.shape(g), x: x, y: y, size: r * 2, colorClass: color.name, color: color.color),
                    SVGElement("text", [("class", "label"), ("x", SVGNumber.format(g == groups.count - 1 ? x + r + 4 : x - r - 4)), ("y", SVGNumber.format(y + 4)),
                                        ("text-anchor", g == groups.count - 1 ? "start" : "end"),
                                        ("font-size", SVGNumber.format(ChartStyle.tickFont)), ("fill", ChartStyle.text)],
                               text: "\(node.id) · \(node.degree)"),
                ]))
            }
        }
        return ChartRoot.svg(id: id, kind: "network", title: title, description: description, width: width, height: height, marks: marks)
    }
}
