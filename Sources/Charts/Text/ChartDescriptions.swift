import Formats
import Words

/// The descriptions screen readers hear, in the chart's words (`chart_*` keys of the language
/// files). Each names what matters most: the extremes, the runner-up, what is withheld.
extension BarChart {
    public var description: String {
        let shown = bars.filter { $0.value != nil }.sorted { ($0.value!, $1.label) > ($1.value!, $0.label) }
        guard let first = shown.first else { return words.phrase("chart_no_data", ["title": title]) }
        var text = words.phrase("chart_bar", ["count": String(bars.count), "label": first.label, "value": first.valueLabel])
        let rest = shown.dropFirst().prefix(2)
        if !rest.isEmpty {
            let items = rest.map { words.phrase("chart_bar_item", ["label": $0.label, "value": $0.valueLabel]) }
            text += words.phrase("chart_bar_next", ["items": items.joined(separator: words["list_and"])])
        }
        text += words["full_stop"]
        if let last = shown.last, shown.count > 3 { text += words.phrase("chart_bar_lowest", ["label": last.label, "value": last.valueLabel]) }
        let withheld = bars.count - shown.count
        if withheld > 0 { text += words.phrase("chart_bar_withheld", ["count": String(withheld)]) }
        return text
    }
}

extension DotIntervalChart {
    public var description: String {
        let shown = rows.filter { $0.value != nil }.sorted { ($0.value!, $1.label) > ($1.value!, $0.label) }
        guard let high = shown.first, let low = shown.last else { return words.phrase("chart_no_data", ["title": title]) }
        var text = words.phrase("chart_dot", ["count": String(rows.count), "label": high.label, "value": high.valueLabel])
        if shown.count > 1 { text += words.phrase("chart_dot_lowest", ["label": low.label, "value": low.valueLabel]) }
        return text + words["full_stop"]
    }
}

extension DumbbellChart {
    public var description: String {
        let gaps = rows.compactMap { r -> (String, Double)? in
            guard let a = r.first, let b = r.second else { return nil }
            return (r.label, a - b)
        }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        var text = words.phrase("chart_dumbbell", ["first": series.0, "second": series.1, "count": String(rows.count)])
        if let widest = gaps.first {
            text += words.phrase("chart_dumbbell_widest", ["label": widest.0] + Self.gap(widest.1))
            if let narrowest = gaps.last, gaps.count > 1 {
                text += words.phrase("chart_dumbbell_narrowest", ["label": narrowest.0] + Self.gap(narrowest.1))
            }
            text += words["full_stop"]
        }
        return text
    }

    /// A gap as "{gap}" (with its per cent sign) and "{points}" (without).
    static func gap(_ d: Double) -> [String: String] {
        let text = NumberFormat.compactPercent(d.rounded(toPlaces: 2))
        return ["gap": text, "points": String(text.dropLast())]
    }
}

extension StackedBarChart {
    public var description: String {
        var text = words.phrase(diverging ? "chart_diverging" : "chart_stacked",
                                ["answers": String(categories.count), "groups": String(rows.count)])
        if let last = categories.indices.last {
            let top = rows.compactMap { r in r.shares[last].map { (r.label, $0) } }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            if let first = top.first {
                text += words.phrase("chart_stacked_top", ["label": first.0, "answer": categories[last],
                                                           "value": NumberFormat.compactPercent(first.1.rounded(toPlaces: 2))])
            }
        }
        return text
    }
}

extension GroupedBarChart {
    public var description: String { describe(as: "chart_grouped") }

    /// The description under `key` ("chart_grouped", "chart_small_multiples"): each group's first answer.
    func describe(as key: String) -> String {
        var parts: [String] = []
        for (g, group) in groups.enumerated() {
            let best = categories.indices.compactMap { c in values[c][g].map { (categories[c], $0) } }.max { $0.1 < $1.1 }
            if let best {
                parts.append(words.phrase("chart_grouped_first", ["group": group, "answer": best.0,
                                                                  "value": NumberFormat.compactPercent(best.1.rounded(toPlaces: 2))]))
            }
        }
        return words.phrase(key, ["answers": String(categories.count), "groups": String(groups.count)])
            + parts.joined(separator: words["list_semicolon"]) + words["full_stop"]
    }
}

extension SmallMultiplesChart {
    public var description: String {
        var grouped = GroupedBarChart(id: id, title: title, categories: categories, groups: groups, values: values)
        grouped.words = words
        return grouped.describe(as: "chart_small_multiples")
    }
}

extension HeatmapChart {
    public var description: String {
        var best: (String, String, Double)?
        for (r, row) in rows.enumerated() {
            for (c, column) in columns.enumerated() {
                if let v = values[r][c], best == nil || abs(v) > abs(best!.2) { best = (row, column, v) }
            }
        }
        guard let best else { return words.phrase("chart_no_data", ["title": title]) }
        return words.phrase("chart_heatmap", ["rows": String(rows.count), "columns": String(columns.count),
                                              "row": best.0, "column": best.1, "value": label(best.2)])
    }
}

extension TileMapChart {
    public var description: String {
        let ranked = tiles.filter { $0.value != nil }.sorted { ($0.value!, $1.name) > ($1.value!, $0.name) }
        guard let top = ranked.first else { return words.phrase("chart_no_data", ["title": title]) }
        var text = words.phrase("chart_tile_map", ["count": String(tiles.count), "label": top.name, "value": top.valueLabel])
        if ranked.count > 2 {
            text += words.phrase("chart_tile_map_next", ["second": ranked[1].name, "second_value": ranked[1].valueLabel,
                                                         "third": ranked[2].name, "third_value": ranked[2].valueLabel])
        }
        if let low = ranked.last, ranked.count > 3 { text += words.phrase("chart_tile_map_lowest", ["label": low.name, "value": low.valueLabel]) }
        return text + words["full_stop"]
    }
}

extension HistogramChart {
    public var description: String {
        let b = bins
        guard let peak = b.max(by: { $0.count < $1.count }) else { return words.phrase("chart_no_data", ["title": title]) }
        return words.phrase("chart_histogram", ["answers": NumberFormat.count(values.count), "bins": String(b.count),
                                                "from": SVGNumber.format(peak.lower), "to": SVGNumber.format(peak.upper),
                                                "unit": unit.isEmpty ? "" : " " + unit, "count": NumberFormat.count(peak.count)])
    }
}

extension LineChart {
    public var description: String {
        guard let first = points.first, let last = points.last else { return words.phrase("chart_no_data", ["title": title]) }
        let peak = points.max { $0.y < $1.y }!
        return words.phrase("chart_line", ["first": String(first.x), "last": String(last.x),
                                           "first_value": SVGNumber.format(first.y), "last_value": SVGNumber.format(last.y),
                                           "peak": String(peak.x), "peak_value": SVGNumber.format(peak.y)])
    }
}

extension NetworkChart {
    public var description: String {
        let counts = groups.indices.map { g in nodes.count(where: { $0.group == g }) }
        let sectors = zip(groups, counts).map { words.phrase("chart_network_sector", ["count": String($1), "sector": $0.lowercased()]) }
        var text = words.phrase("chart_network", ["count": String(nodes.count), "sectors": sectors.joined(separator: words["list_comma"]),
                                                  "edges": String(edges.count)])
        if let hub = nodes.max(by: { ($0.degree, $1.id) < ($1.degree, $0.id) }) {
            text += words.phrase("chart_network_hub", ["label": hub.id, "sector": groups[hub.group].lowercased(), "count": String(hub.degree)])
        }
        return text + words.phrase("chart_network_shown", ["count": String(perColumn)])
    }
}

extension Dictionary where Key == String, Value == String {
    static func + (a: Self, b: Self) -> Self { a.merging(b) { _, new in new } }
}
