import Analysis
import Charts
import Diagnostics
import Markdown
import SurveyData

/// A ```` ```chart ```` block: what to draw, read from its YAML body and checked.
///
/// ```yaml
/// question: barriers        # or data: network | projects-per-year
/// kind: grouped-bar         # bar (default; histogram for a numeric question), grouped-bar, small-multiples, stacked, diverging, dot-interval, dumbbell,
///                           # heatmap, tile-map, histogram, line, network
/// breakdown: group          # one of site.yaml's breakdowns, for the kinds that compare groups
/// codes: ["4", "5"]         # for dot-interval and dumbbell: the answers counted (a likert top box by default)
/// versus: engaged_rd        # for dumbbell: the second share, with versus_codes: ["1"]
/// series: [Interested, Engaged]   # for dumbbell: the legend's names of the two shares
/// title: …
/// caption: …
/// id: …                     # the figure's anchor, fig-ID (default: the question)
/// sort: value               # bars largest first (default for multi-select) or codebook order
/// ```
struct ChartDirective {
    enum Kind: String, CaseIterable {
        case bar, groupedBar = "grouped-bar", smallMultiples = "small-multiples", stacked, diverging, dotInterval = "dot-interval", heatmap
        case dumbbell
        case tileMap = "tile-map", histogram, line, network
    }

    var id: String
    var kind: Kind
    var question: Question?
    var breakdown: Question?
    var data: String?
    var codes: [String]
    /// For a dumbbell: the second question and the answers it counts.
    var versus: Question?
    var versusCodes: [String]
    /// For a dumbbell: what the legend calls the two shares.
    var series: [String]
    var title: String?
    var caption: String?
    /// Bars in codebook order, or largest first (the default for multi-select questions,
    /// whose options have no natural order).
    var sortByValue: Bool

    static let keys = ["question", "data", "kind", "breakdown", "codes", "versus", "versus_codes", "series", "title", "caption", "id", "sort"]

    static func parse(_ body: DirectiveBody, codebook: Codebook, breakdowns: [String]) throws(DiagnosticsError) -> ChartDirective {
        var diagnostics = DiagnosticCollector()
        diagnostics.append(contentsOf: body.unknownKeys(allowed: keys))
        var kind = Kind.bar
        if let node = body.value("kind") {
            if let k = node.string.flatMap(Kind.init(rawValue:)) {
                kind = k
            } else {
                diagnostics.error(at: body.location(of: node), "unknown chart kind \"\(node.string ?? "")\"",
                                  hint: Suggestion.hint(for: node.string ?? "", in: Kind.allCases.map(\.rawValue))
                                      ?? "kinds are \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }
        func question(_ key: String) -> Question? {
            guard let node = body.value(key), let id = node.string else { return nil }
            guard let q = codebook.question(id) else {
                diagnostics.error(at: body.location(of: node), "unknown question \"\(id)\"",
                                  hint: Suggestion.hint(for: id, in: codebook.questions.map(\.id)))
                return nil
            }
            return q
        }
        let q = question("question")
        let b = question("breakdown")
        let data = body.string("data")
        if body.value("kind") == nil, let data { kind = data == "network" ? .network : .line }
        // Without `kind:`, a numeric question's chart is its distribution.
        if body.value("kind") == nil, q?.type == .numeric { kind = .histogram }
        if let node = body.value("data"), !["network", "projects-per-year"].contains(data ?? "") {
            diagnostics.error(at: body.location(of: node), "`data` is network or projects-per-year")
        }
        if body.value("question") == nil && data == nil {
            diagnostics.error(at: body.blockLocation, "a chart needs `question: ID` (or `data: network`)")
        }
        if let b, let node = body.value("breakdown"), !breakdowns.contains(b.id) {
            diagnostics.error(at: body.location(of: node), "\"\(b.id)\" is not one of site.yaml's breakdowns",
                              hint: "breakdowns are \(breakdowns.joined(separator: ", "))")
        }
        let needsBreakdown: Set<Kind> = [.groupedBar, .smallMultiples, .stacked, .diverging, .dotInterval, .heatmap, .dumbbell]
        let versus = question("versus")
        if kind == .dumbbell && body.value("versus") == nil {
            diagnostics.error(at: body.blockLocation, "a dumbbell chart sets a share of `question` against one of `versus:`")
        }
        if needsBreakdown.contains(kind) && body.value("breakdown") == nil {
            diagnostics.error(at: body.blockLocation, "a \(kind.rawValue) chart compares groups: add `breakdown:`",
                              hint: "breakdowns are \(breakdowns.joined(separator: ", "))")
        }
        if let q, let node = body.value("question") {
            let fits: Bool
            switch kind {
            case .bar, .groupedBar, .smallMultiples, .dotInterval, .heatmap, .dumbbell: fits = q.type.isCategorical
            case .stacked, .diverging, .tileMap: fits = q.type == .single || q.type == .likert
            case .histogram: fits = q.type == .numeric
            case .line, .network: fits = false
            }
            if !fits {
                diagnostics.error(at: body.location(of: node), "a \(kind.rawValue) chart cannot show \"\(q.id)\", a \(q.type.rawValue) question")
            }
        }
        if (kind == .line || kind == .network) && data == nil {
            diagnostics.error(at: body.blockLocation, "a \(kind.rawValue) chart draws `data: \(kind == .line ? "projects-per-year" : "network")`")
        }
        func codeList(_ key: String, of question: Question?) -> [String] {
            guard let node = body.value(key) else { return [] }
            let list = node.sequence?.compactMap { $0.string } ?? (node.string.map { [$0] } ?? [])
            if let question {
                for code in list where question.optionIndex(of: code) == nil {
                    diagnostics.error(at: body.location(of: node), "\"\(code)\" is not an option of \"\(question.id)\"")
                }
            }
            return list
        }
        let codes = codeList("codes", of: q)
        let versusCodes = codeList("versus_codes", of: versus)
        var sortByValue = q?.type == .multi
        if let sort = body.value("sort") {
            switch sort.string {
            case "value": sortByValue = true
            case "none", "codebook": sortByValue = false
            default: diagnostics.error(at: body.location(of: sort), "`sort` must be value or codebook")
            }
        }
        try diagnostics.throwIfErrors()
        return ChartDirective(id: body.string("id") ?? q?.id ?? data ?? "chart", kind: kind, question: q, breakdown: b, data: data,
                              codes: codes, versus: versus, versusCodes: versusCodes,
                              series: body.value("series")?.sequence?.compactMap { $0.string } ?? [], title: body.string("title"),
                              caption: body.string("caption"), sortByValue: sortByValue)
    }
}
