import Words
/// One bar: a share with its interval. A nil value is a suppressed cell, drawn as a marked gap.
public struct BarDatum: Sendable, Hashable {
    public var label: String
    public var value: Double?
    public var lower: Double?
    public var upper: Double?
    /// The text printed beside the bar, such as "62%" or "<5".
    public var valueLabel: String

    public init(label: String, value: Double?, lower: Double? = nil, upper: Double? = nil, valueLabel: String) {
        self.label = label
        self.value = value
        self.lower = lower
        self.upper = upper
        self.valueLabel = valueLabel
    }
}

/// Horizontal bars of shares with 95% interval whiskers and direct value labels.
public struct BarChart: Chart {
    public var dataTable: DataTable {
        DataTable(columns: ["Answer", "Share", "95% CI lower", "95% CI upper"], rows: bars.map { b in
            [b.label, b.value == nil ? b.valueLabel : TableText.percent(b.value), b.lower.map { TableText.percent($0) } ?? "",
             b.upper.map { TableText.percent($0) } ?? ""]
        })
    }

    /// Used to derive every id inside the SVG, so charts on one page never clash.
    public var id: String
    public var title: String
    /// The words of the description and the data table (the page's language files).
    public var words = Words.none
    public var bars: [BarDatum]
    /// Designed width in pixels; the SVG scales to its container through its viewBox.
    public var width: Double = 640
    /// What a share of 1 means in words, for the description ("of respondents").
    public var unitPhrase: String = ""

    public init(id: String, title: String, bars: [BarDatum], width: Double = 640) {
        self.id = id
        self.title = title
        self.bars = bars
        self.width = width
    }

    /// The text description screen readers hear, naming the largest category first.

    public func svg() -> String {
        width < 480 ? narrowSVG() : wideSVG()
    }

    /// On a phone: each label above its bar, so bars get the full width and labels need no cut.
    func narrowSVG() -> String {
        let widestValue = bars.map { TextMeasure.width($0.valueLabel, fontSize: ChartStyle.valueFont) }.max() ?? 0
        let maxValue = bars.map { max($0.upper ?? 0, $0.value ?? 0) }.max() ?? 0
        let x = LinearScale(domain: (0, maxValue > 0.75 ? 1 : max(0.05, maxValue)), range: (0, width - widestValue - 14)).niced(count: 3)
        var marks: [SVGElement] = []
        var y = ChartStyle.top
        let barHeight = 16.0
        var rows: [(labelY: Double, barY: Double)] = []
        for bar in bars {
            let lines = TextMeasure.wrap(bar.label, fontSize: ChartStyle.labelFont, maxWidth: width, maxLines: 3)
            rows.append((y + 14, y + Double(lines.count) * 17 + 2))
            marks.append(SVGElement("text", [("class", "label"), ("x", "0"), ("y", SVGNumber.format(y + 14))],
                                    children: lines.enumerated().map { k, line in
                                        SVGElement("tspan", [("x", "0"), ("dy", k == 0 ? "0" : "17")], text: line)
                                    }))
            y += Double(lines.count) * 17 + barHeight + 14
        }
        let plotTop = ChartStyle.top, plotBottom = y
        marks.insert(ValueAxis.bottom(x, top: plotTop, bottom: plotBottom), at: 0)
        for (i, bar) in bars.enumerated() {
            let center = rows[i].barY + barHeight / 2
            guard let value = bar.value else {
                marks.append(SVGElement("rect", [("class", "suppressed"), ("x", "0"), ("y", SVGNumber.format(rows[i].barY)), ("width", "24"),
                                                 ("height", SVGNumber.format(barHeight)), ("fill", "none"), ("stroke", "#767676"),
                                                 ("stroke-dasharray", "3 3")]))
                marks.append(Self.valueText(bar.valueLabel + " (" + words["table_withheld"] + ")", at: 30, center: center))
                continue
            }
            marks.append(SVGElement("rect", [("class", "bar"), ("x", "0"), ("y", SVGNumber.format(rows[i].barY)),
                                             ("width", SVGNumber.format(max(0, x(value)))), ("height", SVGNumber.format(barHeight)),
                                             ("fill", ChartStyle.bar)]))
            var labelX = x(value)
            if let lo = bar.lower, let hi = bar.upper {
                marks.append(Whisker.horizontal(from: x(lo), to: x(hi), at: center, cap: 4))
                labelX = max(labelX, x(hi))
            }
            marks.append(Self.valueText(bar.valueLabel, at: labelX + 6, center: center))
        }
        return ChartRoot.svg(id: id, kind: "bar", title: title, description: description, width: width, height: plotBottom + 28, marks: marks)
    }

    func wideSVG() -> String {
        let widestValue = bars.map { TextMeasure.width($0.valueLabel, fontSize: ChartStyle.valueFont) }.max() ?? 0
        let layout = RowLayout(labels: bars.map(\.label), width: width, rightReserve: widestValue + 12)
        let maxValue = bars.map { max($0.upper ?? 0, $0.value ?? 0) }.max() ?? 0
        let x = LinearScale(domain: (0, maxValue > 0.75 ? 1 : max(0.05, maxValue)), range: (layout.left, width - layout.right)).niced(count: 5)
        var labels: [SVGElement] = []
        var drawn: [SVGElement] = []
        for (i, bar) in bars.enumerated() {
            labels.append(layout.label(i))
            drawn += self.bar(bar, row: i, layout: layout, x: x)
        }
        let marks = [ValueAxis.bottom(x, top: layout.top, bottom: layout.plotBottom),
                     SVGElement.group(labels, [("class", "labels")], sharing: ["text-anchor"])] + Self.grouped(drawn)
        return ChartRoot.svg(id: id, kind: "bar", title: title, description: description, width: width,
                             height: layout.plotBottom + 28, marks: marks)
    }

    /// Bars, whiskers and value labels each in a group that holds their shared attributes.
    static func grouped(_ marks: [SVGElement]) -> [SVGElement] {
        func of(_ cls: String) -> [SVGElement] { marks.filter { $0.attributes.first { $0.0 == "class" }?.1 == cls } }
        let others = marks.filter { m in !["bar", "whisker", "value-label"].contains(m.attributes.first { $0.0 == "class" }?.1 ?? "") }
        return [
            SVGElement.group(of("bar"), [("class", "bars")], sharing: ["fill"]),
            SVGElement.group(of("whisker"), [("class", "whiskers")], sharing: ["stroke", "stroke-width", "fill"]),
            SVGElement.group(of("value-label"), [("class", "value-labels")], sharing: ["font-size"]),
        ] + others
    }

    /// One bar with its whisker and direct label, or a marked gap when the value is withheld.
    func bar(_ bar: BarDatum, row i: Int, layout: RowLayout, x: LinearScale) -> [SVGElement] {
        let center = layout.y.center(i)
        guard let value = bar.value else {
            return [
                SVGElement("rect", [("class", "suppressed"), ("x", SVGNumber.format(layout.left)),
                                    ("y", SVGNumber.format(layout.y.start(i))), ("width", "24"),
                                    ("height", SVGNumber.format(layout.y.bandwidth)), ("fill", "none"),
                                    ("stroke", "#767676"), ("stroke-dasharray", "3 3")]),
                Self.valueText(bar.valueLabel + " (" + words["table_withheld"] + ")", at: layout.left + 30, center: center),
            ]
        }
        let x0 = x(0)
        var out = [SVGElement("rect", [("class", "bar"), ("x", SVGNumber.format(x0)), ("y", SVGNumber.format(layout.y.start(i))),
                                       ("width", SVGNumber.format(max(0, x(value) - x0))),
                                       ("height", SVGNumber.format(layout.y.bandwidth)), ("fill", ChartStyle.bar)])]
        var labelX = x(value)
        if let lo = bar.lower, let hi = bar.upper {
            out.append(Whisker.horizontal(from: x(lo), to: x(hi), at: center))
            labelX = max(labelX, x(hi))
        }
        out.append(Self.valueText(bar.valueLabel, at: labelX + 6, center: center))
        return out
    }

    static func valueText(_ text: String, at px: Double, center: Double) -> SVGElement {
        SVGElement("text", [("class", "value-label"), ("x", SVGNumber.format(px)), ("y", SVGNumber.format(center + 4.5)),
                            ("font-size", SVGNumber.format(ChartStyle.valueFont))], text: text)
    }
}

/// An interval drawn as a line with end caps.
enum Whisker {
    static func horizontal(from a: Double, to b: Double, at y: Double, cap: Double = 5) -> SVGElement {
        let (x1, x2, c) = (SVGNumber.format(a), SVGNumber.format(b), SVGNumber.format(y))
        let top = SVGNumber.format(y - cap), bottom = SVGNumber.format(y + cap)
        return SVGElement("path", [("class", "whisker"), ("d", "M\(x1) \(c)H\(x2)M\(x1) \(top)V\(bottom)M\(x2) \(top)V\(bottom)"),
                                   ("stroke", ChartStyle.text), ("stroke-width", "1.5"), ("fill", "none")])
    }
}
