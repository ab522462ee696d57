import Formats

/// Charts with one row per category (bars, dots, dumbbells, stacks) share this layout: labels
/// measured and wrapped into a left column, equal row bands, a value axis along the bottom.
struct RowLayout {
    let labels: [[String]]
    let left: Double
    let right: Double
    let top: Double
    let rowHeight: Double
    let y: BandScale
    let plotBottom: Double

    init(labels: [String], width: Double, top: Double = ChartStyle.top, rightReserve: Double, padding: Double = 0.3,
         minRowHeight: Double = 30) {
        let maxLabel = width * 0.38
        self.labels = labels.map { TextMeasure.wrap($0, fontSize: ChartStyle.labelFont, maxWidth: maxLabel) }
        let widest = self.labels.flatMap { $0 }.map { TextMeasure.width($0, fontSize: ChartStyle.labelFont) }.max() ?? 0
        left = min(maxLabel, widest) + 12
        right = rightReserve
        self.top = top
        let lines = Double(self.labels.map(\.count).max() ?? 1)
        rowHeight = max(minRowHeight, lines * 17 + 12)
        plotBottom = top + rowHeight * Double(labels.count)
        y = BandScale(domain: labels, range: (top, plotBottom), padding: padding)
    }

    /// The row's label, right-aligned against the plot, one `<tspan>` per wrapped line.
    func label(_ i: Int) -> SVGElement {
        let lines = labels[i]
        let x = SVGNumber.format(left - 10)
        let baseline = y.center(i) - Double(lines.count - 1) * 8.5 + 5
        // Size and colour come from the root <svg>.
        return SVGElement("text", [("class", "label"), ("x", x), ("y", SVGNumber.format(baseline)), ("text-anchor", "end")],
                          children: lines.enumerated().map { k, line in
                              SVGElement("tspan", [("x", x), ("dy", k == 0 ? "0" : "17")], text: line)
                          })
    }
}

/// A value axis along the bottom of a plot: grid lines and tick labels derived from the scale.
enum ValueAxis {
    /// About one tick per 70 pixels, so labels never crowd on a phone.
    static func tickCount(_ x: LinearScale) -> Int {
        max(2, min(5, Int(abs(x.range.1 - x.range.0) / 70)))
    }

    static func bottom(_ x: LinearScale, top: Double, bottom: Double, format: (Double) -> String = NumberFormat.compactPercent) -> SVGElement {
        var ticks: [SVGElement] = []
        for t in x.ticks(count: tickCount(x)) {
            let px = SVGNumber.format(x(t))
            ticks.append(SVGElement("line", [("class", "grid"), ("x1", px), ("x2", px),
                                             ("y1", SVGNumber.format(top - 4)), ("y2", SVGNumber.format(bottom)),
                                             ("stroke", ChartStyle.grid), ("stroke-width", "1")]))
            ticks.append(SVGElement("text", [("class", "tick-label"), ("x", px), ("y", SVGNumber.format(bottom + 18)),
                                             ("text-anchor", x(t) < 12 ? "start" : (x.range.1 - x(t) < 12 ? "end" : "middle")), ("font-size", SVGNumber.format(ChartStyle.tickFont)),
                                             ("fill", ChartStyle.muted)], text: format(t)))
        }
        let lines = ticks.filter { $0.name == "line" }, labels = ticks.filter { $0.name == "text" }
        return SVGElement("g", [("class", "axis x-axis"), ("aria-hidden", "true")], children: [
            SVGElement.group(lines, sharing: ["stroke", "stroke-width", "class"]),
            SVGElement.group(labels, sharing: ["font-size", "fill", "class"]),
        ])
    }
}

/// A legend of swatches (with a shape, so colour never carries the meaning alone) and labels,
/// laid out left to right and wrapped onto further lines.
enum Legend {
    enum Shape { case square, circle, diamond }

    static func shape(_ index: Int) -> Shape { [Shape.square, .circle, .diamond][index % 3] }

    /// The legend and its height.
    static func items(_ entries: [(label: String, colorClass: String, color: String, shape: Shape)], x: Double, y: Double,
                      width: Double) -> (SVGElement, Double) {
        var children: [SVGElement] = []
        var cx = x, cy = y
        for entry in entries {
            let w = 18 + TextMeasure.width(entry.label, fontSize: ChartStyle.valueFont) + 16
            if cx + w > x + width && cx > x {
                cx = x
                cy += 22
            }
            children.append(mark(entry.shape, x: cx + 6, y: cy - 4, size: 10, colorClass: entry.colorClass, color: entry.color))
            children.append(SVGElement("text", [("class", "legend-label"), ("x", SVGNumber.format(cx + 16)), ("y", SVGNumber.format(cy)),
                                                ("font-size", SVGNumber.format(ChartStyle.valueFont)), ("fill", ChartStyle.text)],
                                       text: entry.label))
            cx += w
        }
        return (SVGElement("g", [("class", "legend")], children: children), cy - y + 22)
    }

    /// A point mark of a shape, centred on (x, y).
    static func mark(_ shape: Shape, x: Double, y: Double, size: Double, colorClass: String, color: String) -> SVGElement {
        let h = size / 2
        switch shape {
        case .square:
            return SVGElement("rect", [("class", "swatch \(colorClass)"), ("x", SVGNumber.format(x - h)), ("y", SVGNumber.format(y - h)),
                                       ("width", SVGNumber.format(size)), ("height", SVGNumber.format(size)), ("fill", color)])
        case .circle:
            return SVGElement("circle", [("class", "swatch \(colorClass)"), ("cx", SVGNumber.format(x)), ("cy", SVGNumber.format(y)),
                                         ("r", SVGNumber.format(h)), ("fill", color)])
        case .diamond:
            let d = "M\(SVGNumber.format(x)) \(SVGNumber.format(y - h - 1))L\(SVGNumber.format(x + h + 1)) \(SVGNumber.format(y))"
                + "L\(SVGNumber.format(x)) \(SVGNumber.format(y + h + 1))L\(SVGNumber.format(x - h - 1)) \(SVGNumber.format(y))Z"
            return SVGElement("path", [("class", "swatch \(colorClass)"), ("d", d), ("fill", color)])
        }
    }
}
