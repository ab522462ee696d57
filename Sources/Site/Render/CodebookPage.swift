import Analysis
import Charts
import Markdown
import SurveyData

/// The generated page that documents the data: every named finding (what it counts, its value,
/// its method, its claim, where it is cited) and every question (text in every language, type,
/// skip logic, answers with counts and shares, and the figures and tables that show it).
enum CodebookPage {
    static let slug = "codebook"

    /// The page's words in the languages the generator speaks.
    static let words: [String: [String: String]] = [
        "en": ["title": "Data and codebook",
               "summary": "Every question of the survey and every number the report cites, with how each is computed.",
               "findings": "Named findings", "findings_intro": "The numbers the commentary cites, each declared in <code>findings.yaml</code> and computed at every build.",
               "value": "Value", "counts": "What it counts", "base": "Base", "respondents": "respondents", "method": "Method",
               "claim": "Claim checked at every build", "holds": "holds", "fails": "does not hold", "cited": "Cited on",
               "questions": "Questions", "type": "Type", "choices": "up to %d choices", "asked_if": "Asked only if", "is": "is", "or": "or", "and": "and",
               "top_box": "Top box", "mean": "Mean (sd)",
               "median": "Median (quartiles)", "shown": "Shown in", "named": "Findings",
               "weighted": "Shares and means are weighted by “%@”; counts (n) are respondents, unweighted."],
        "zh": ["title": "数据与编码手册",
               "summary": "调查的每道题目，以及报告引用的每个数字及其计算方法。",
               "findings": "具名结果", "findings_intro": "正文引用的数字，均在 <code>findings.yaml</code> 中声明，并在每次构建时计算。",
               "value": "数值", "counts": "统计内容", "base": "基数", "respondents": "名受访者", "method": "方法",
               "claim": "每次构建时检验的论断", "holds": "成立", "fails": "不成立", "cited": "引用页面",
               "questions": "题目", "type": "题型", "choices": "最多选%d项", "asked_if": "仅在以下情况提问", "is": "为", "or": "或", "and": "且",
               "top_box": "高分组", "mean": "均值（标准差）",
               "median": "中位数（四分位数）", "shown": "见于", "named": "相关结果",
               "weighted": "占比与均值按“%@”加权；人数（n）为未加权的受访者人数。"],
    ]

    static func page(folder: String? = nil) -> Page {
        let w = words[folder ?? "en"] ?? words["en"]!
        var matter = FrontMatter()
        matter.title = w["title"]
        matter.summary = w["summary"]
        matter.order = Int.max
        matter.language = folder
        return Page(slug: slug, source: "", frontMatter: matter, document: MarkdownDocument(root: MarkdownNode(.document)), text: "",
                    folder: folder)
    }

    static func html(codebook: Codebook, analysis: SurveyAnalysis, releases: QuestionReleases, findings: Findings, references: ReferenceIndex,
                     citations: [String: [String]], config: SiteConfig, folder: String? = nil) -> (html: String, headings: [(Int, String, String)]) {
        let d = config.disclosure
        let language = folder ?? config.language
        let w = words[language] ?? words["en"]!
        let path = page(folder: folder).outputPath
        func e(_ s: String) -> String { HTMLEscaping.escape(s) }
        // Words shared with the data tables under charts come from the same place.
        func table(_ word: String) -> String { TableWords.word(word, in: language) }
        func count(_ n: Int) -> String { e(d.isSmall(n) ? d.marker : NumberFormat.count(n)) }
        var out = ""
        var headings: [(Int, String, String)] = []
        if !findings.values.isEmpty {
            out += "<h2 id=\"findings\">\(w["findings"]!)</h2>\n<p>\(w["findings_intro"]!)</p>\n"
            headings.append((2, w["findings"]!, "findings"))
            for value in findings.values {
                let name = value.spec.name
                out += "<section class=\"codebook-entry\" id=\"finding-\(e(name))\"><h3><code>\(e(name))</code></h3>\n"
                if let description = value.spec.description { out += "<p>\(e(description))</p>\n" }
                out += "<dl>"
                let withheld = findings.withheld.contains(name)
                out += "<dt>\(w["value"]!)</dt><dd>\(e(InlineFinding.text(value, form: .full, disclosure: d, withheld: withheld) ?? "not available"))</dd>"
                out += "<dt>\(w["counts"]!)</dt><dd>\(e(definition(value.spec, codebook: codebook, language: language)))</dd>"
                if let base = InlineFinding.baseText(value, withheld: withheld, disclosure: d) { out += "<dt>\(w["base"]!)</dt><dd>\(e(base)) \(w["respondents"]!)</dd>" }
                out += "<dt>\(w["method"]!)</dt><dd>\(e(value.method))</dd>"
                if let claim = value.spec.claimText {
                    out += "<dt>\(w["claim"]!)</dt><dd><code>\(e(claim))</code>: \(value.claimHolds == true ? w["holds"]! : w["fails"]!)</dd>"
                }
                let pages = citations[name] ?? []
                if !pages.isEmpty {
                    out += "<dt>\(w["cited"]!)</dt><dd>" + pages.map { "<a href=\"\(e($0))\">\(e($0))</a>" }.joined(separator: ", ") + "</dd>"
                }
                out += "</dl></section>\n"
            }
        }
        out += "<h2 id=\"questions\">\(w["questions"]!)</h2>\n"
        headings.append((2, w["questions"]!, "questions"))
        if let weight = codebook.weightColumn {
            out += "<p class=\"weight-note\">\(e(w["weighted"]!.replacingOccurrences(of: "%@", with: weight)))</p>\n"
        }
        for question in codebook.questions {
            guard let summary = analysis.question(question.id) else { continue }
            out += "<section class=\"codebook-entry\" id=\"q-\(e(question.id))\"><h3><code>\(e(question.id))</code> \(e(question.text.text(in: language)))</h3>\n"
            if question.text.isTranslated {
                for lang in question.text.languages where lang != language {
                    out += "<p lang=\"\(e(lang))\">\(e(question.text.byLanguage[lang] ?? ""))</p>\n"
                }
            }
            out += "<dl><dt>\(w["type"]!)</dt><dd>\(question.type.rawValue)\(question.maxChoices.map { ", " + w["choices"]!.replacingOccurrences(of: "%d", with: String($0)) } ?? "")</dd>"
            if !question.askedIf.isEmpty {
                out += "<dt>\(w["asked_if"]!)</dt><dd>" + question.askedIf.map { "<a href=\"\(path)#q-\(e($0.question))\"><code>\(e($0.question))</code></a> \(w["is"]!) " + $0.codes.map(e).joined(separator: " \(w["or"]!) ") }.joined(separator: " \(w["and"]!) ") + "</dd>"
            }
            // One rule for every number of the question (QuestionRelease), as in findings.json.
            let release = releases[summary.id]!
            func shown(_ n: Int, _ cell: QuestionRelease.Cell) -> String { e(d.cellText(n, cell, format: NumberFormat.count)) }
            out += "<dt>\(table("Answered"))</dt><dd>\(shown(summary.valid, release.answered))</dd><dt>\(table("Missing"))</dt><dd>\(shown(summary.missing, release.missing))</dd>"
            if summary.notAsked > 0 || release.notAsked != .published {
                out += "<dt>\(table("Not asked"))</dt><dd>\(shown(summary.notAsked, release.notAsked))</dd>"
            }
            if let top = summary.topBox {
                out += "<dt>\(w["top_box"]!) (\(question.topBox.map(e).joined(separator: ", ")))</dt><dd>\(release.topBox ? (top.proportion.map { NumberFormat.percent($0) } ?? "–") : table("withheld"))</dd>"
            }
            if let numeric = summary.numeric, let mean = numeric.mean {
                if release.statistics {
                    out += "<dt>\(w["mean"]!)</dt><dd>\(NumberFormat.fixed(mean, decimals: 1)) (\(numeric.sd.map { NumberFormat.fixed($0, decimals: 1) } ?? "–"))</dd>"
                    if let q1 = numeric.q1, let median = numeric.median, let q3 = numeric.q3 {
                        out += "<dt>\(w["median"]!)</dt><dd>\(NumberFormat.fixed(median, decimals: 1)) (\(NumberFormat.fixed(q1, decimals: 1))–\(NumberFormat.fixed(q3, decimals: 1)))</dd>"
                    }
                    if release.extremes, let low = numeric.min, let high = numeric.max {
                        out += "<dt>\(table("Range"))</dt><dd>\(NumberFormat.fixed(low, decimals: 1))–\(NumberFormat.fixed(high, decimals: 1))</dd>"
                    }
                } else {
                    out += "<dt>\(w["mean"]!)</dt><dd>\(table("withheld"))</dd>"
                }
            }
            let uses = references.uses(of: question.id)
            if !uses.isEmpty {
                out += "<dt>\(w["shown"]!)</dt><dd>" + uses.map { "<a href=\"\(e($0.page))#\(e($0.id))\">\($0.label)</a>" }.joined(separator: ", ") + "</dd>"
            }
            let named = findings.values.filter { involves($0.spec, question.id, findings: findings) }
            if !named.isEmpty {
                out += "<dt>\(w["named"]!)</dt><dd>" + named.map { "<a href=\"\(path)#finding-\(e($0.spec.name))\"><code>\(e($0.spec.name))</code></a>" }.joined(separator: ", ") + "</dd>"
            }
            out += "</dl>\n"
            if !summary.categories.isEmpty {
                out += "<div class=\"table-scroll\"><table class=\"data-table\"><thead><tr><th scope=\"col\">\(table("Code"))</th><th scope=\"col\">\(table("Answer"))</th><th scope=\"col\">n</th><th scope=\"col\">%</th></tr></thead><tbody>"
                for (k, c) in summary.categories.enumerated() {
                    let cell = release.categories[k]
                    out += "<tr><td>\(e(c.code))</td><th scope=\"row\">\(e(c.label.text(in: language)))</th><td>\(shown(c.share.count, cell))</td><td>\(cell != .published ? table("withheld") : (c.share.proportion.map { NumberFormat.percent($0) } ?? "–"))</td></tr>"
                }
                out += "</tbody></table></div>\n"
            }
            out += "</section>\n"
        }
        return (out, headings)
    }

    /// Whether a finding counts, filters on, or (for a difference) builds on the question.
    static func involves(_ spec: FindingSpec, _ question: String, findings: Findings) -> Bool {
        if spec.filter[question] != nil { return true }
        switch spec.kind {
        case .share(let q, _), .mean(let q), .count(let q, _), .rank(let q, _): return q == question
        case .difference(let a, let b):
            return [a, b].contains { name in findings.value(name).map { involves($0.spec, question, findings: findings) } ?? false }
        }
    }

    static func definition(_ spec: FindingSpec, codebook: Codebook, language: String) -> String {
        func labels(_ q: String, _ codes: [String]) -> String {
            guard let question = codebook.question(q) else { return q }
            return codes.compactMap { c in question.options.first { $0.code == c }?.label.text(in: language) }.joined(separator: " or ")
        }
        var text: String
        switch spec.kind {
        case .share(let q, let codes): text = "share answering \(labels(q, codes)) to \(q)"
        case .mean(let q): text = "mean of \(q)"
        case .count(let q, let codes): text = "respondents answering \(codes.isEmpty ? "anything" : labels(q, codes)) to \(q)"
        case .rank(let q, let position): text = "the answer to \(q) ranked \(position) by share"
        case .difference(let a, let b): text = "\(a) minus \(b)"
        }
        if !spec.filter.isEmpty {
            text += ", among respondents with " + spec.filter.keys.sorted().map { "\($0) = \(labels($0, spec.filter[$0]!))" }.joined(separator: " and ")
        }
        return text
    }
}
