import Formats
import Analysis
import Charts
import SurveyData
import Words

/// Everything a chart may draw on, built once per build.
struct ChartContext {
    let survey: Survey
    let analysis: SurveyAnalysis
    let tables: SideTables
    let network: NetworkAnalysis?
    let disclosure: Disclosure
    /// The words of the page's language (templates/i18n/LANG.yaml): notes, legends, descriptions.
    var words: Words
    var language: String { words.language }
    /// What of each question may be published, decided once per build.
    let releases: QuestionReleases
}

/// Turns a chart directive into an SVG and the note under it (the base, the method).
struct ChartBuilder {
    let context: ChartContext

    func label(_ text: LocalizedText) -> String { text.text(in: context.language) }

    func valueLabel(_ count: Int, _ share: Double?) -> String {
        context.disclosure.isSmall(count) ? context.disclosure.marker : share.map { NumberFormat.percent($0, decimals: 0) } ?? "–"
    }

    func count(_ n: Int) -> String { context.disclosure.isSmall(n) ? context.disclosure.marker : NumberFormat.count(n) }

    func build(_ d: ChartDirective, id: String) -> (chart: (any Chart)?, note: String) {
        let title = d.title ?? d.question.map { label($0.text) } ?? context.words[d.data == "network" ? "title_network" : "title_projects"]
        switch d.kind {
        case .bar: return bar(d, id: id, title: title)
        case .groupedBar, .heatmap, .smallMultiples: return byGroup(d, id: id, title: title)
        case .stacked, .diverging: return stacked(d, id: id, title: title)
        case .dotInterval: return dotInterval(d, id: id, title: title)
        case .dumbbell: return dumbbell(d, id: id, title: title)
        case .tileMap: return tileMap(d, id: id, title: title)
        case .histogram: return histogram(d, id: id, title: title)
        case .line: return line(id: id, title: title)
        case .network: return network(id: id, title: title)
        }
    }

    /// "Share" or "Weighted share": every note says which the chart shows.
    var shareWord: String { context.words[context.analysis.weighted ? "share_weighted" : "share"] }
    var sharesWord: String { context.words[context.analysis.weighted ? "shares_weighted" : "shares"] }
    /// What the whiskers are: Wilson intervals, or under a declared design the intervals it reports.
    var intervalNote: String {
        guard let design = context.analysis.design else { return context.words["note_bar"] }
        guard let raking = design.raking else { return context.words.phrase("note_bar_design", ["interval": intervalMethod(design)]) }
        return context.words.phrase("note_bar_calibrated", ["margins": calibrationMargins(raking), "interval": intervalMethod(design)])
    }

    /// The design's interval method, in the page's language: "logit method".
    func intervalMethod(_ design: SurveyDesign) -> String { context.words["interval_" + design.intervals.rawValue] }

    /// The questions a calibrated design was raked to, in the page's language: "group and sex".
    func calibrationMargins(_ raking: Raking) -> String {
        let names = raking.margins.map { m in context.survey.codebook.question(m.question).map { label($0.name) } ?? m.question }
        return context.words.list(names)
    }

    /// The base of a question's chart, as the question's release rule publishes it.
    func base(_ summary: QuestionSummary, _ release: QuestionRelease) -> String {
        let d = context.disclosure
        var note = context.words.phrase("note_base", ["share": shareWord, "count": d.cellText(summary.valid, release.answered, format: NumberFormat.count)])
        if summary.notAsked > 0 {
            note += context.words.phrase("note_not_asked", ["count": d.cellText(summary.notAsked, release.notAsked, format: NumberFormat.count)])
        }
        return note
    }

    func bar(_ d: ChartDirective, id: String, title: String) -> ((any Chart)?, String) {
        guard let q = d.question, let summary = context.analysis.question(q.id) else { return (nil, "") }
        let categories = d.sortByValue
            ? summary.categories.enumerated().sorted { a, b in
                (a.element.share.proportion ?? 0, -a.offset) > (b.element.share.proportion ?? 0, -b.offset)
            }.map(\.element)
            : summary.categories
        // The question's one release rule (complementary suppression included): a withheld
        // answer has no bar, no interval and no label but its marker.
        let release = context.releases[summary.id]!
        let cellOf = Dictionary(uniqueKeysWithValues: summary.categories.indices.map { (summary.categories[$0].code, release.categories[$0]) })
        let bars = categories.map { c in
            let cell = cellOf[c.code] ?? .published
            return cell == .published
                ? BarDatum(label: label(c.label), value: c.share.proportion ?? 0, lower: c.share.lower, upper: c.share.upper,
                           valueLabel: valueLabel(c.share.count, c.share.proportion))
                : BarDatum(label: label(c.label), value: nil, lower: nil, upper: nil,
                           valueLabel: context.disclosure.cellText(c.share.count, cell, format: String.init))
        }
        var note = base(summary, release) + intervalNote
        if summary.type == .multi { note += context.words["note_multi"] }
        return (BarChart(id: id, title: title, bars: bars), note)
    }

    /// Column shares of a question's answers within each breakdown group, from the cross-tabs.
    func columnShares(_ q: Question, by b: Question) -> (categories: [String], groups: [String], values: [[Double?]], n: Int) {
        let groups = b.options.map { label($0.label) }
        var values = [[Double?]](repeating: [Double?](repeating: nil, count: b.options.count), count: q.options.count)
        var n = 0
        let tables = context.analysis.crosstabs(row: q.id, column: b.id)
        for computed in tables {
            let table = context.disclosure.release(computed, releases: context.releases)
            n = max(n, table.n)
            let columnTotals = table.columnCodes.indices.map { j in table.counts.reduce(0) { $0 + $1[j] } }
            // A share is drawn only where the cell is published (complementary suppression included).
            let pattern = context.disclosure.pattern(table, releases: context.releases)
            // Weighted column shares when the survey has weights, as every share on the site is.
            func shown(_ i: Int, _ j: Int) -> Double? {
                guard pattern[i][j] == .published else { return nil }
                if let weighted = table.weightedColumnShares { return weighted[i][j] }
                return Double(table.counts[i][j]) / Double(columnTotals[j])
            }
            for (j, code) in table.columnCodes.enumerated() {
                guard let g = b.optionIndex(of: code), columnTotals[j] > 0 else { continue }
                if let option = table.option {
                    // A multi option: the "yes" row's share of the column. No "yes" row means
                    // nobody chose it: a zero is a count, not a withheld cell.
                    guard let o = q.optionIndex(of: option) else { continue }
                    guard let yes = table.rowCodes.firstIndex(of: "yes") else {
                        values[o][g] = pattern.allSatisfy { $0[j] == .published } ? 0 : nil
                        continue
                    }
                    values[o][g] = shown(yes, j)
                } else {
                    for (i, rowCode) in table.rowCodes.enumerated() {
                        guard let o = q.optionIndex(of: rowCode) else { continue }
                        values[o][g] = shown(i, j)
                    }
                    for o in q.options.indices where values[o][g] == nil && !table.rowCodes.contains(q.options[o].code) {
                        values[o][g] = 0
                    }
                }
            }
        }
        return (q.options.map { label($0.label) }, groups, values, n)
    }

    func byGroup(_ d: ChartDirective, id: String, title: String) -> ((any Chart)?, String) {
        guard let q = d.question, let b = d.breakdown else { return (nil, "") }
        let (categories, groups, values, n) = columnShares(q, by: b)
        let note = context.words.phrase("note_by_group", ["shares": sharesWord, "count": count(n)])
        if d.kind == .heatmap {
            return (HeatmapChart(id: id, title: title, rows: categories, columns: groups, values: values), note)
        }
        if d.kind == .smallMultiples {
            return (SmallMultiplesChart(id: id, title: title, categories: categories, groups: groups, values: values), note)
        }
        return (GroupedBarChart(id: id, title: title, categories: categories, groups: groups, values: values), note)
    }

    func stacked(_ d: ChartDirective, id: String, title: String) -> ((any Chart)?, String) {
        guard let q = d.question, let b = d.breakdown else { return (nil, "") }
        let (categories, groups, values, n) = columnShares(q, by: b)
        let rows = groups.indices.map { g in StackedBarChart.Row(label: groups[g], shares: categories.indices.map { values[$0][g] }) }
        let neutral = d.kind == .diverging ? categories.count / 2 : nil
        let chart = StackedBarChart(id: id, title: title, categories: categories, rows: rows, diverging: d.kind == .diverging, neutral: neutral)
        return (chart, context.words.phrase("note_by_group", ["shares": sharesWord, "count": count(n)]))
    }

    func dotInterval(_ d: ChartDirective, id: String, title: String) -> ((any Chart)?, String) {
        guard let q = d.question, let b = d.breakdown else { return (nil, "") }
        let codes = d.codes.isEmpty ? FindingCalculator.defaultCodes(q) : d.codes
        var rows: [BarDatum] = []
        for option in b.options {
            let spec = FindingSpec(name: "group", kind: .share(question: q.id, codes: codes.isEmpty ? [q.options.first?.code ?? ""] : codes),
                                   filter: [b.id: [option.code]])
            let value = FindingCalculator(survey: context.survey, design: context.analysis.design).compute([spec])[0]
            rows.append(groupDatum(label(option.label), value))
        }
        let answers = (codes.isEmpty ? [q.options.first?.code ?? ""] : codes).compactMap { c in q.options.first { $0.code == c } }
            .map { label($0.label) }.joined(separator: context.words["list_or"])
        return (DotIntervalChart(id: id, title: title, rows: rows),
                context.words.phrase(context.analysis.design == nil ? "note_dot" : context.analysis.design?.raking == nil ? "note_dot_design" : "note_dot_calibrated",
                                     ["share": shareWord, "answers": answers, "margins": context.analysis.design?.raking.map(calibrationMargins) ?? "",
                                      "interval": context.analysis.design.map(intervalMethod) ?? ""]))
    }

    /// A group's share as drawn: nothing at all (no dot, no whisker, no n) when the group or the
    /// count is too small to publish, so its size cannot be read off an interval either.
    func groupDatum(_ name: String, _ value: FindingValue) -> BarDatum {
        let x = value.count ?? 0, n = value.n ?? 0
        if n == 0 { return BarDatum(label: name, value: nil, lower: nil, upper: nil, valueLabel: "–") }
        if !shows(value) { return BarDatum(label: name, value: nil, lower: nil, upper: nil, valueLabel: context.disclosure.marker) }
        return BarDatum(label: name, value: value.value, lower: value.lower, upper: value.upper, valueLabel: valueLabel(x, value.value))
    }

    /// Whether a group's share may be shown: its base, its count and the rest of the base are
    /// all publishable (a share of 98% of 100 would give away the 2 others).
    func shows(_ value: FindingValue) -> Bool {
        let x = value.count ?? 0, n = value.n ?? 0
        let d = context.disclosure
        return n > 0 && !d.isSmall(n) && !d.isSmall(x) && !d.isSmall(n - x)
    }

    /// The share of `codes` (a likert top box by default) among one group's respondents.
    func share(_ q: Question, codes: [String], group b: Question, option: AnswerOption) -> FindingValue {
        let list = codes.isEmpty ? FindingCalculator.defaultCodes(q) : codes
        let spec = FindingSpec(name: "group", kind: .share(question: q.id, codes: list.isEmpty ? [q.options.first?.code ?? ""] : list),
                               filter: [b.id: [option.code]])
        return FindingCalculator(survey: context.survey, design: context.analysis.design).compute([spec])[0]
    }

    func answers(_ q: Question, _ codes: [String]) -> String {
        let list = codes.isEmpty ? FindingCalculator.defaultCodes(q) : codes
        return (list.isEmpty ? [q.options.first?.code ?? ""] : list).compactMap { c in q.options.first { $0.code == c } }
            .map { label($0.label) }.joined(separator: context.words["list_or"])
    }

    func dumbbell(_ d: ChartDirective, id: String, title: String) -> ((any Chart)?, String) {
        guard let q = d.question, let v = d.versus, let b = d.breakdown else { return (nil, "") }
        let rows = b.options.map { option -> DumbbellChart.Row in
            let a = share(q, codes: d.codes, group: b, option: option)
            let c = share(v, codes: d.versusCodes, group: b, option: option)
            let marker = context.disclosure.marker
            return DumbbellChart.Row(label: label(option.label), first: shows(a) ? a.value : nil, second: shows(c) ? c.value : nil,
                                     firstLabel: shows(a) ? valueLabel(a.count ?? 0, a.value) : marker,
                                     secondLabel: shows(c) ? valueLabel(c.count ?? 0, c.value) : marker)
        }
        let names = d.series.count == 2 ? (d.series[0], d.series[1]) : (answers(q, d.codes), answers(v, d.versusCodes))
        let chart = DumbbellChart(id: id, title: title, series: names, rows: rows)
        return (chart, context.words.phrase("note_dumbbell", ["share": shareWord.lowercased(), "first": answers(q, d.codes),
                                                             "second": answers(v, d.versusCodes)]))
    }

    func tileMap(_ d: ChartDirective, id: String, title: String) -> ((any Chart)?, String) {
        guard let q = d.question, let summary = context.analysis.question(q.id), let provinces = context.tables.provinces else {
            return (nil, "")
        }
        // Regions are answers that exclude one another: the question's release rule, complements included.
        let release = context.releases[summary.id]!
        let tiles = provinces.provinces.map { p -> TileMapChart.Tile in
            let k = summary.categories.firstIndex { $0.code == p.code }
            let n = k.map { summary.categories[$0].share.count } ?? 0
            let cell = k.map { release.categories[$0] } ?? .published
            return TileMapChart.Tile(code: p.code, abbreviation: p.abbreviation, name: p.name(in: context.language),
                                     row: p.row, col: p.col, value: cell == .published ? Double(n) : nil,
                                     valueLabel: context.disclosure.cellText(n, cell, format: NumberFormat.count))
        }
        return (TileMapChart(id: id, title: title, tiles: tiles, legendTitle: context.words["tile_map_legend"]),
                context.words.phrase("note_tile_map", ["count": count(summary.valid)]))
    }

    func histogram(_ d: ChartDirective, id: String, title: String) -> ((any Chart)?, String) {
        guard let q = d.question, case .numeric(let values, let status)? = context.survey.column(q.id) else { return (nil, "") }
        let valid = values.indices.filter { status[$0] == .valid }.map { values[$0] }
        // Too few answers to publish their distribution: the figure says so and draws nothing.
        guard valid.count >= context.disclosure.minCell else {
            return (HistogramChart(id: id, title: title, values: []),
                    context.words.phrase("note_histogram_withheld", ["count": String(context.disclosure.minCell)]))
        }
        var chart = HistogramChart(id: id, title: title, values: valid)
        chart.minimumCount = context.disclosure.minCell
        return (chart, context.words.phrase("note_histogram", ["count": count(valid.count), "minimum": String(context.disclosure.minCell)]))
    }

    func line(id: String, title: String) -> ((any Chart)?, String) {
        guard let network = context.network else { return (nil, "") }
        return (LineChart(id: id, title: title, points: network.projectsByYear.map { ($0.year, Double($0.projects)) }),
                context.words.phrase("note_line", ["count": NumberFormat.count(network.projects)]))
    }

    func network(id: String, title: String) -> ((any Chart)?, String) {
        guard let table = context.tables.collaborations, let network = context.network else { return (nil, "") }
        let sectors = CollaborationTable.Sector.allCases
        var degree: [String: Int] = [:]
        var sectorOf: [String: Int] = [:]
        var weights: [String: Int] = [:]
        var partners: [String: Set<String>] = [:]
        for project in table.projects {
            for m in project.members { sectorOf[m.id] = sectors.firstIndex(of: m.sector) ?? 0 }
            for i in project.members.indices {
                for j in project.members.indices where i < j {
                    let (a, b) = (min(project.members[i].id, project.members[j].id), max(project.members[i].id, project.members[j].id))
                    weights[a + "|" + b, default: 0] += 1
                    partners[a, default: []].insert(b)
                    partners[b, default: []].insert(a)
                }
            }
        }
        for (id, set) in partners { degree[id] = set.count }
        let nodes = sectorOf.keys.sorted().map { NetworkChart.Node(id: $0, group: sectorOf[$0]!, degree: degree[$0] ?? 0) }
        let edges = weights.keys.sorted().map { key -> NetworkChart.Edge in
            let parts = key.split(separator: "|").map(String.init)
            return NetworkChart.Edge(a: parts[0], b: parts[1], weight: weights[key]!)
        }
        let groups = ["sector_hospitals", "sector_institutes", "sector_companies"].map { context.words[$0] }
        let chart = NetworkChart(id: id, title: title, groups: groups, nodes: nodes, edges: edges)
        return (chart, context.words.phrase("note_network", ["projects": NumberFormat.count(network.projects),
                                                             "count": NumberFormat.count(nodes.count)]))
    }
}
