import Analysis
import Markdown
import SurveyData

/// The generated page that documents the data: every named finding (what it counts, its value,
/// its method, its claim, where it is cited) and every question (text in every language, type,
/// skip logic, answers with counts and shares, and the figures and tables that show it).
enum CodebookPage {
    static let slug = "codebook"

    static func page() -> Page {
        var matter = FrontMatter()
        matter.title = "Data and codebook"
        matter.summary = "Every question of the survey and every number the report cites, with how each is computed."
        matter.order = Int.max
        return Page(slug: slug, source: "", frontMatter: matter, document: MarkdownDocument(root: MarkdownNode(.document)), text: "")
    }

    static func html(codebook: Codebook, analysis: SurveyAnalysis, findings: Findings, references: ReferenceIndex,
                     citations: [String: [String]], config: SiteConfig) -> (html: String, headings: [(Int, String, String)]) {
        let d = Disclosure(minCell: config.minCell)
        func e(_ s: String) -> String { HTMLEscaping.escape(s) }
        func count(_ n: Int) -> String { d.isSmall(n) ? d.marker : NumberFormat.count(n) }
        var out = ""
        var headings: [(Int, String, String)] = []
        if !findings.values.isEmpty {
            out += "<h2 id=\"findings\">Named findings</h2>\n<p>The numbers the commentary cites, each declared in <code>findings.yaml</code> and computed at every build.</p>\n"
            headings.append((2, "Named findings", "findings"))
            for value in findings.values {
                let name = value.spec.name
                out += "<section class=\"codebook-entry\" id=\"finding-\(e(name))\"><h3><code>\(e(name))</code></h3>\n"
                if let description = value.spec.description { out += "<p>\(e(description))</p>\n" }
                out += "<dl>"
                out += "<dt>Value</dt><dd>\(e(InlineFinding.text(value, form: .full, disclosure: d) ?? "not available"))</dd>"
                out += "<dt>What it counts</dt><dd>\(e(definition(value.spec, codebook: codebook, language: config.language)))</dd>"
                if let n = value.n { out += "<dt>Base</dt><dd>\(count(n)) respondents</dd>" }
                out += "<dt>Method</dt><dd>\(e(value.method))</dd>"
                if let claim = value.spec.claimText {
                    out += "<dt>Claim checked at every build</dt><dd><code>\(e(claim))</code>: \(value.claimHolds == true ? "holds" : "does not hold")</dd>"
                }
                let pages = citations[name] ?? []
                if !pages.isEmpty {
                    out += "<dt>Cited on</dt><dd>" + pages.map { "<a href=\"\(e($0))\">\(e($0))</a>" }.joined(separator: ", ") + "</dd>"
                }
                out += "</dl></section>\n"
            }
        }
        out += "<h2 id=\"questions\">Questions</h2>\n"
        headings.append((2, "Questions", "questions"))
        for question in codebook.questions {
            guard let summary = analysis.question(question.id) else { continue }
            out += "<section class=\"codebook-entry\" id=\"q-\(e(question.id))\"><h3><code>\(e(question.id))</code> \(e(question.text.text(in: config.language)))</h3>\n"
            if question.text.isTranslated {
                for lang in question.text.languages where lang != config.language {
                    out += "<p lang=\"\(e(lang))\">\(e(question.text.byLanguage[lang] ?? ""))</p>\n"
                }
            }
            out += "<dl><dt>Type</dt><dd>\(question.type.rawValue)\(question.maxChoices.map { ", up to \($0) choices" } ?? "")</dd>"
            if !question.askedIf.isEmpty {
                out += "<dt>Asked only if</dt><dd>" + question.askedIf.map { "<a href=\"codebook.html#q-\(e($0.question))\"><code>\(e($0.question))</code></a> is " + $0.codes.map(e).joined(separator: " or ") }.joined(separator: " and ") + "</dd>"
            }
            out += "<dt>Answered</dt><dd>\(count(summary.valid))</dd><dt>Missing</dt><dd>\(count(summary.missing))</dd>"
            if summary.notAsked > 0 { out += "<dt>Not asked</dt><dd>\(count(summary.notAsked))</dd>" }
            if let top = summary.topBox {
                out += "<dt>Top box (\(question.topBox.map(e).joined(separator: ", ")))</dt><dd>\(d.isSmall(top.count) ? d.marker : (top.proportion.map { NumberFormat.percent($0) } ?? "–"))</dd>"
            }
            if let numeric = summary.numeric, let mean = numeric.mean {
                out += "<dt>Mean (sd)</dt><dd>\(NumberFormat.fixed(mean, decimals: 1)) (\(numeric.sd.map { NumberFormat.fixed($0, decimals: 1) } ?? "–"))</dd>"
                if let q1 = numeric.q1, let median = numeric.median, let q3 = numeric.q3 {
                    out += "<dt>Median (quartiles)</dt><dd>\(NumberFormat.fixed(median, decimals: 1)) (\(NumberFormat.fixed(q1, decimals: 1))–\(NumberFormat.fixed(q3, decimals: 1)))</dd>"
                }
            }
            let uses = references.uses(of: question.id)
            if !uses.isEmpty {
                out += "<dt>Shown in</dt><dd>" + uses.map { "<a href=\"\(e($0.page))#\(e($0.id))\">\($0.label)</a>" }.joined(separator: ", ") + "</dd>"
            }
            let named = findings.values.filter { involves($0.spec, question.id, findings: findings) }
            if !named.isEmpty {
                out += "<dt>Findings</dt><dd>" + named.map { "<a href=\"codebook.html#finding-\(e($0.spec.name))\"><code>\(e($0.spec.name))</code></a>" }.joined(separator: ", ") + "</dd>"
            }
            out += "</dl>\n"
            if !summary.categories.isEmpty {
                out += "<div class=\"table-scroll\"><table class=\"data-table\"><thead><tr><th scope=\"col\">Code</th><th scope=\"col\">Answer</th><th scope=\"col\">n</th><th scope=\"col\">%</th></tr></thead><tbody>"
                for c in summary.categories {
                    let small = d.isSmall(c.share.count)
                    out += "<tr><td>\(e(c.code))</td><th scope=\"row\">\(e(c.label.text(in: config.language)))</th><td>\(count(c.share.count))</td><td>\(small ? "withheld" : (c.share.proportion.map { NumberFormat.percent($0) } ?? "–"))</td></tr>"
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
