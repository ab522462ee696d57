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
public struct BarChart: Sendable {
    /// Used to derive every id inside the SVG, so charts on one page never clash.
    public var id: String
    public var title: String
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

    static let labelFont = 14.0
    static let valueFont = 13.0
    static let tickFont = 12.0
    static let titleFont = 16.0

    /// The text description screen readers hear, naming the largest category first.
    public var description: String {
        let shown = bars.filter { $0.value != nil }.sorted { ($0.value!, $1.label) > ($1.value!, $0.label) }
        guard let first = shown.first else { return "\(title): no data to show." }
        var text = "Bar chart of \(bars.count) categories. \(first.label) ranks first at \(first.valueLabel)"
        let rest = shown.dropFirst().prefix(2)
        if !rest.isEmpty {
            text += ", followed by " + rest.map { "\($0.label) at \($0.valueLabel)" }.joined(separator: " and ")
        }
        text += "."
        if let last = shown.last, shown.count > 3 { text += " \(last.label) is lowest at \(last.valueLabel)." }
        let suppressed = bars.count - shown.count
        if suppressed > 0 { text += " \(suppressed) value(s) withheld because the count is too small to publish." }
        return text
    }

    public func svg() -> String {
        let layout = Layout(chart: self)
        var marks: [SVGElement] = []
        marks.append(SVGElement("text", [("class", "chart-title"), ("x", "0"), ("y", SVGNumber.format(Self.titleFont)),
                                         ("font-size", SVGNumber.format(Self.titleFont)), ("font-weight", "600"),
                                         ("fill", "#1a1a1a")], text: title))
        marks.append(layout.axis())
        for (i, bar) in bars.enumerated() { marks += layout.row(i, bar) }
        let root = SVGElement("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("id", id), ("class", "chart"), ("data-kind", "bar"), ("role", "img"),
            ("aria-labelledby", "\(id)-title \(id)-desc"),
            ("viewBox", "0 0 \(SVGNumber.format(width)) \(SVGNumber.format(layout.height))"),
            ("width", SVGNumber.format(width)), ("height", SVGNumber.format(layout.height)),
            ("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif"),
        ], children: [
            SVGElement("title", [("id", "\(id)-title")], text: title),
            SVGElement("desc", [("id", "\(id)-desc")], text: description),
        ] + marks)
        return root.render()
    }

    /// Where everything goes, from measured labels.
    struct Layout {
        let chart: BarChart
        let labelLines: [[String]]
        let left: Double
        let right: Double
        let top: Double
        let rowHeight: Double
        let x: LinearScale
        let y: BandScale
        let height: Double

        init(chart: BarChart) {
            self.chart = chart
            let maxLabel = chart.width * 0.38
            labelLines = chart.bars.map { TextMeasure.wrap($0.label, fontSize: BarChart.labelFont, maxWidth: maxLabel) }
            let widest = labelLines.flatMap { $0 }.map { TextMeasure.width($0, fontSize: BarChart.labelFont) }.max() ?? 0
            left = min(maxLabel, widest) + 12
            let widestValue = chart.bars.map { TextMeasure.width($0.valueLabel, fontSize: BarChart.valueFont) }.max() ?? 0
            right = widestValue + 12
            top = BarChart.titleFont + 16
            let lines = Double(labelLines.map(\.count).max() ?? 1)
            rowHeight = max(30, lines * 17 + 12)
            let maxValue = chart.bars.map { max($0.upper ?? 0, $0.value ?? 0) }.max() ?? 0
            let domainMax = maxValue > 0.75 ? 1 : max(0.05, maxValue)
            x = LinearScale(domain: (0, domainMax), range: (left, chart.width - right)).niced(count: 5)
            let plotHeight = rowHeight * Double(chart.bars.count)
            y = BandScale(domain: chart.bars.map(\.label), range: (top, top + plotHeight), padding: 0.3)
            height = top + plotHeight + 28
        }

        func percent(_ v: Double) -> String {
            let p = v * 100
            return (p == p.rounded() ? String(Int(p.rounded())) : String(format2: p)) + "%"
        }

        func axis() -> SVGElement {
            let bottom = y.range.1
            var ticks: [SVGElement] = []
            for t in x.ticks(count: 5) {
                let px = SVGNumber.format(x(t))
                ticks.append(SVGElement("line", [("class", "grid"), ("x1", px), ("x2", px),
                                                 ("y1", SVGNumber.format(y.range.0 - 4)), ("y2", SVGNumber.format(bottom)),
                                                 ("stroke", "#d0d0d0"), ("stroke-width", "1")]))
                ticks.append(SVGElement("text", [("class", "tick-label"), ("x", px), ("y", SVGNumber.format(bottom + 18)),
                                                 ("text-anchor", "middle"), ("font-size", SVGNumber.format(BarChart.tickFont)),
                                                 ("fill", "#555555")], text: percent(t)))
            }
            return SVGElement("g", [("class", "axis x-axis"), ("aria-hidden", "true")], children: ticks)
        }

        func row(_ i: Int, _ bar: BarDatum) -> [SVGElement] {
            let lines = labelLines[i]
            let center = y.center(i)
            var out: [SVGElement] = []
            let firstBaseline = center - Double(lines.count - 1) * 8.5 + 5
            let label = SVGElement("text", [("class", "label"), ("x", SVGNumber.format(left - 10)),
                                            ("y", SVGNumber.format(firstBaseline)), ("text-anchor", "end"),
                                            ("font-size", SVGNumber.format(BarChart.labelFont)), ("fill", "#1a1a1a")],
                                   children: lines.enumerated().map { k, line in
                                       SVGElement("tspan", [("x", SVGNumber.format(left - 10)),
                                                            ("dy", k == 0 ? "0" : "17")], text: line)
                                   })
            out.append(label)
            guard let value = bar.value else {
                out.append(SVGElement("rect", [("class", "suppressed"), ("x", SVGNumber.format(left)),
                                               ("y", SVGNumber.format(y.start(i))), ("width", "24"),
                                               ("height", SVGNumber.format(y.bandwidth)), ("fill", "none"),
                                               ("stroke", "#767676"), ("stroke-dasharray", "3 3")]))
                out.append(valueText(bar.valueLabel + " (withheld)", at: left + 30, center: center))
                return out
            }
            let x0 = x(0)
            out.append(SVGElement("rect", [("class", "bar"), ("x", SVGNumber.format(x0)), ("y", SVGNumber.format(y.start(i))),
                                           ("width", SVGNumber.format(max(0, x(value) - x0))),
                                           ("height", SVGNumber.format(y.bandwidth)), ("fill", "#2f6db5")]))
            var labelX = x(value)
            if let lo = bar.lower, let hi = bar.upper {
                let (a, b) = (SVGNumber.format(x(lo)), SVGNumber.format(x(hi)))
                let c = SVGNumber.format(center)
                let capTop = SVGNumber.format(center - 5), capBottom = SVGNumber.format(center + 5)
                out.append(SVGElement("path", [("class", "whisker"),
                                               ("d", "M\(a) \(c)H\(b)M\(a) \(capTop)V\(capBottom)M\(b) \(capTop)V\(capBottom)"),
                                               ("stroke", "#1a1a1a"), ("stroke-width", "1.5"), ("fill", "none")]))
                labelX = max(labelX, x(hi))
            }
            out.append(valueText(bar.valueLabel, at: labelX + 6, center: center))
            return out
        }

        func valueText(_ text: String, at px: Double, center: Double) -> SVGElement {
            SVGElement("text", [("class", "value-label"), ("x", SVGNumber.format(px)), ("y", SVGNumber.format(center + 4.5)),
                                ("font-size", SVGNumber.format(BarChart.valueFont)), ("fill", "#1a1a1a")], text: text)
        }
    }
}
