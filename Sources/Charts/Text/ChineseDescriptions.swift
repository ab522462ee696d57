/// The descriptions screen readers hear, in the chart's language: English, or Chinese written for
/// Chinese readers. Each names what matters most, as the English one does.
extension BarChart {
    public var description: String {
        guard language == "zh" else { return englishDescription }
        let shown = bars.filter { $0.value != nil }.sorted { ($0.value!, $1.label) > ($1.value!, $0.label) }
        guard let first = shown.first else { return "\(title)：暂无可显示的数据。" }
        var text = "条形图，共\(bars.count)项。\(first.label)居首，为\(first.valueLabel)"
        let rest = shown.dropFirst().prefix(2)
        if !rest.isEmpty { text += "，其次是" + rest.map { "\($0.label)（\($0.valueLabel)）" }.joined(separator: "和") }
        text += "。"
        if let last = shown.last, shown.count > 3 { text += "\(last.label)最低，为\(last.valueLabel)。" }
        let withheld = bars.count - shown.count
        if withheld > 0 { text += "另有\(withheld)项因人数过少未予公布。" }
        return text
    }
}

extension DotIntervalChart {
    public var description: String {
        guard language == "zh" else { return englishDescription }
        let shown = rows.filter { $0.value != nil }.sorted { ($0.value!, $1.label) > ($1.value!, $0.label) }
        guard let high = shown.first, let low = shown.last else { return "\(title)：暂无可显示的数据。" }
        return "点图，共\(rows.count)组，含95%置信区间。\(high.label)最高，为\(high.valueLabel)" + (shown.count > 1 ? "；\(low.label)最低，为\(low.valueLabel)。" : "。")
    }
}

extension DumbbellChart {
    public var description: String {
        guard language == "zh" else { return englishDescription }
        let gaps = rows.compactMap { r -> (String, Double)? in
            guard let a = r.first, let b = r.second else { return nil }
            return (r.label, a - b)
        }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
        var text = "哑铃图：各组的\(series.0)与\(series.1)，共\(rows.count)组。"
        if let widest = gaps.first {
            text += "\(widest.0)差距最大（\(ChartStyle.percent(widest.1.rounded(toPlaces: 2)))个百分点）"
            if let narrowest = gaps.last, gaps.count > 1 { text += "，\(narrowest.0)差距最小（\(ChartStyle.percent(narrowest.1.rounded(toPlaces: 2)))个百分点）" }
            text += "。"
        }
        return text.replacingOccurrences(of: "%个百分点", with: "个百分点")
    }
}

extension StackedBarChart {
    public var description: String {
        guard language == "zh" else { return englishDescription }
        var text = (diverging ? "发散堆积条形图" : "百分比堆积条形图") + "，\(rows.count)组，每组\(categories.count)个选项。"
        if let last = categories.indices.last {
            let top = rows.compactMap { r in r.shares[last].map { (r.label, $0) } }.sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            if let first = top.first { text += "选择“\(categories[last])”比例最高的是\(first.0)（\(ChartStyle.percent(first.1.rounded(toPlaces: 2)))）。" }
        }
        return text
    }
}

extension GroupedBarChart {
    public var description: String {
        guard language == "zh" else { return englishDescription }
        var parts: [String] = []
        for (g, group) in groups.enumerated() {
            let best = categories.indices.compactMap { c in values[c][g].map { (categories[c], $0) } }.max { $0.1 < $1.1 }
            if let best { parts.append("\(group)：\(best.0)居首（\(ChartStyle.percent(best.1.rounded(toPlaces: 2)))）") }
        }
        return "分组条形图，\(categories.count)个选项、\(groups.count)组。" + parts.joined(separator: "；") + "。"
    }
}

extension SmallMultiplesChart {
    public var description: String {
        guard language == "zh" else { return englishDescription }
        var grouped = GroupedBarChart(id: id, title: title, categories: categories, groups: groups, values: values)
        grouped.language = "zh"
        return grouped.description.replacingOccurrences(of: "分组条形图", with: "小多图")
    }
}

extension HeatmapChart {
    public var description: String {
        guard language == "zh" else { return englishDescription }
        var best: (String, String, Double)?
        for (r, row) in rows.enumerated() {
            for (c, column) in columns.enumerated() {
                if let v = values[r][c], best == nil || abs(v) > abs(best!.2) { best = (row, column, v) }
            }
        }
        guard let best else { return "\(title)：暂无可显示的数据。" }
        return "热图，\(rows.count)行×\(columns.count)列。最突出的是\(best.0)在\(best.1)中，为\(label(best.2))。"
    }
}

extension TileMapChart {
    public var description: String {
        guard language == "zh" else { return englishDescription }
        let ranked = tiles.filter { $0.value != nil }.sorted { ($0.value!, $1.name) > ($1.value!, $0.name) }
        guard let top = ranked.first else { return "\(title)：暂无可显示的数据。" }
        var text = "方块地图，共\(tiles.count)个地区。\(top.name)最高，为\(top.valueLabel)"
        if ranked.count > 2 { text += "，其次是\(ranked[1].name)（\(ranked[1].valueLabel)）和\(ranked[2].name)（\(ranked[2].valueLabel)）" }
        if let low = ranked.last, ranked.count > 3 { text += "；\(low.name)最低，为\(low.valueLabel)" }
        return text + "。"
    }
}

extension HistogramChart {
    public var description: String {
        guard language == "zh" else { return englishDescription }
        let b = bins
        guard let peak = b.max(by: { $0.count < $1.count }) else { return "\(title)：暂无可显示的数据。" }
        return "直方图，共\(NumberText.count(values.count))个回答、\(b.count)个区间；最常见的区间是\(SVGNumber.format(peak.lower))至\(SVGNumber.format(peak.upper))（\(NumberText.count(peak.count))个回答）。"
    }
}

extension LineChart {
    public var description: String {
        guard language == "zh" else { return englishDescription }
        guard let first = points.first, let last = points.last else { return "\(title)：暂无可显示的数据。" }
        let peak = points.max { $0.y < $1.y }!
        return "折线图，\(first.x)年至\(last.x)年：\(first.x)年为\(SVGNumber.format(first.y))，\(last.x)年为\(SVGNumber.format(last.y))；\(peak.x)年最高，为\(SVGNumber.format(peak.y))。"
    }
}

extension NetworkChart {
    public var description: String {
        guard language == "zh" else { return englishDescription }
        var text = "合作网络：\(nodes.count)个机构，\(edges.count)对合作关系。"
        if let hub = nodes.max(by: { ($0.degree, $1.id) < ($1.degree, $0.id) }) {
            text += "联系最广的是\(hub.id)（\(groups[hub.group])），有\(hub.degree)个合作方。"
        }
        return text + "图中显示各类机构中联系最广的\(perColumn)个。"
    }
}

import Foundation
