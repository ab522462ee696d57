/// The root every chart shares: an inline `<svg role="img">` named by its `<title>` and `<desc>`
/// (through `aria-labelledby`), its kind in `data-kind`, sized by its viewBox.
enum ChartRoot {
    static let fontFamily = "system-ui,'Segoe UI',Roboto,Arial,'Noto Sans CJK SC','PingFang SC','Microsoft YaHei',sans-serif"

    static func svg(id: String, kind: String, title: String, description: String, width: Double, height: Double,
                    marks: [SVGElement]) -> String {
        // A long title wraps; the chart below moves down by the extra lines.
        let lines = TextMeasure.wrap(title, fontSize: ChartStyle.titleFont * 1.2, maxWidth: width, maxLines: 3)
        let extra = Double(lines.count - 1) * 20
        let heading = SVGElement("text", [("class", "chart-title"), ("x", "0"), ("y", SVGNumber.format(ChartStyle.titleFont)),
                                          ("font-size", SVGNumber.format(ChartStyle.titleFont)), ("font-weight", "600"),
                                          ("fill", ChartStyle.text)],
                                 children: lines.count == 1 ? [] : lines.enumerated().map { k, line in
                                     SVGElement("tspan", [("x", "0"), ("dy", k == 0 ? "0" : "20")], text: line)
                                 }, text: lines.count == 1 ? title : nil)
        let body = extra == 0 ? marks : [SVGElement("g", [("transform", "translate(0 \(SVGNumber.format(extra)))")], children: marks)]
        let height = height + extra
        return SVGElement("svg", [
            ("xmlns", "http://www.w3.org/2000/svg"),
            ("id", id), ("class", "chart"), ("data-kind", kind), ("role", "img"),
            ("aria-labelledby", "\(id)-title \(id)-desc"),
            ("viewBox", "0 0 \(SVGNumber.format(width)) \(SVGNumber.format(height))"),
            ("width", SVGNumber.format(width)), ("height", SVGNumber.format(height)),
            ("font-family", fontFamily), ("font-size", SVGNumber.format(ChartStyle.labelFont)), ("fill", ChartStyle.text),
        ], children: [
            SVGElement("title", [("id", "\(id)-title")], text: title),
            SVGElement("desc", [("id", "\(id)-desc")], text: description),
            heading,
        ] + body).render()
    }
}

/// Sizes and default colours shared by every chart (the site's CSS may recolour them by class).
enum ChartStyle {
    static let labelFont = 14.0
    static let valueFont = 13.0
    static let tickFont = 12.0
    static let titleFont = 16.0
    static let text = "#1a1a1a"
    static let muted = "#555555"
    static let grid = "#d0d0d0"
    static let bar = "#2f6db5"
    /// Space below the title before the plot.
    static let top = titleFont + 16
}
