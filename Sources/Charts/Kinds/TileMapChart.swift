import Formats
import Words
/// The provincial-level regions as a grid of equal tiles, placed roughly where each lies on the
/// map, shaded by a value and labelled with their abbreviation and value.
public struct TileMapChart: Chart {
    public var dataTable: DataTable {
        DataTable(columns: ["Code", "Region", legendTitle], rows: tiles.map { [$0.code, $0.name, $0.valueLabel] })
    }

    public struct Tile: Sendable, Hashable {
        public var code: String
        public var abbreviation: String
        public var name: String
        public var row: Int
        public var col: Int
        public var value: Double?
        public var valueLabel: String

        public init(code: String, abbreviation: String, name: String, row: Int, col: Int, value: Double?, valueLabel: String) {
            self.code = code
            self.abbreviation = abbreviation
            self.name = name
            self.row = row
            self.col = col
            self.value = value
            self.valueLabel = valueLabel
        }
    }

    public var id: String
    public var title: String
    /// The words of the description and the data table (the page's language files).
    public var words = Words.none
    public var tiles: [Tile]
    /// What the colour measures, for the legend ("Respondents").
    public var legendTitle: String
    public var width: Double = 640

    public init(id: String, title: String, tiles: [Tile], legendTitle: String, width: Double = 640) {
        self.id = id
        self.title = title
        self.tiles = tiles
        self.legendTitle = legendTitle
        self.width = width
    }


    public func svg() -> String {
        let rows = (tiles.map(\.row).max() ?? 0) + 1, cols = (tiles.map(\.col).max() ?? 0) + 1
        let top = ChartStyle.top + 4
        let size = min(72, (width - 8) / Double(cols))
        let values = tiles.compactMap(\.value)
        let (lo, hi) = (values.min() ?? 0, values.max() ?? 1)
        var marks: [SVGElement] = []
        for tile in tiles {
            let x = Double(tile.col) * size + 2, y = top + Double(tile.row) * size + 2
            let fill = tile.value.map { Palette.sequential(hi > lo ? ($0 - lo) / (hi - lo) * 0.9 + 0.1 : 0.5) } ?? "#F5F5F5"
            let text = Palette.textOn(fill)
            marks.append(SVGElement("g", [("class", "tile"), ("data-code", tile.code)], children: [
                SVGElement("title", text: "\(tile.name): \(tile.valueLabel)"),
                SVGElement("rect", [("x", SVGNumber.format(x)), ("y", SVGNumber.format(y)), ("width", SVGNumber.format(size - 4)),
                                    ("height", SVGNumber.format(size - 4)), ("rx", "3"), ("fill", fill)]
                           + (tile.value == nil ? [("stroke", "#767676"), ("stroke-dasharray", "3 3")] : [])),
                SVGElement("text", [("x", SVGNumber.format(x + (size - 4) / 2)), ("y", SVGNumber.format(y + size * 0.42)),
                                    ("text-anchor", "middle"), ("font-size", SVGNumber.format(ChartStyle.valueFont)),
                                    ("font-weight", "600"), ("fill", text)], text: tile.abbreviation),
                SVGElement("text", [("x", SVGNumber.format(x + (size - 4) / 2)), ("y", SVGNumber.format(y + size * 0.72)),
                                    ("text-anchor", "middle"), ("font-size", SVGNumber.format(ChartStyle.tickFont)), ("fill", text)],
                           text: tile.valueLabel),
            ]))
        }
        // A legend: the colour ramp from the lowest to the highest value.
        let legendY = top + Double(rows) * size + 14
        var ramp: [SVGElement] = [SVGElement("text", [("class", "legend-label"), ("x", "0"), ("y", SVGNumber.format(legendY + 11)),
                                                      ("font-size", SVGNumber.format(ChartStyle.tickFont)), ("fill", ChartStyle.text)],
                                             text: legendTitle)]
        let rampX = TextMeasure.width(legendTitle, fontSize: ChartStyle.tickFont) + 12
        for k in 0..<5 {
            ramp.append(SVGElement("rect", [("x", SVGNumber.format(rampX + Double(k) * 28)), ("y", SVGNumber.format(legendY)),
                                            ("width", "28"), ("height", "14"), ("fill", Palette.sequential(0.1 + Double(k) * 0.2))]))
        }
        func edge(_ v: Double) -> String { v == v.rounded() ? NumberFormat.count(Int(v)) : NumberFormat.fixed(v, decimals: 2) }
        ramp.append(SVGElement("text", [("class", "tick-label"), ("x", SVGNumber.format(rampX)), ("y", SVGNumber.format(legendY + 30)),
                                        ("font-size", SVGNumber.format(ChartStyle.tickFont)), ("fill", ChartStyle.muted)], text: edge(lo)))
        ramp.append(SVGElement("text", [("class", "tick-label"), ("x", SVGNumber.format(rampX + 140)), ("y", SVGNumber.format(legendY + 30)), ("text-anchor", "end"),
                                        ("font-size", SVGNumber.format(ChartStyle.tickFont)), ("fill", ChartStyle.muted)], text: edge(hi)))
        marks.append(SVGElement("g", [("class", "legend")], children: ramp))
        return ChartRoot.svg(id: id, kind: "tile-map", title: title, description: description,
                             width: max(width, Double(cols) * size + 4), height: legendY + 40, marks: marks)
    }
}

/// Counts with thousands separators, without Foundation's locale.
