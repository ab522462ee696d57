import Formats
import Analysis
import Charts
import Markdown
import SurveyData
import Words

/// The generated page that documents the data: every named finding (what it counts, its value,
/// its method, its claim, where it is cited) and every question (text in every language, type,
/// skip logic, answers with counts and shares, and the figures and tables that show it).
enum CodebookPage {
    static let slug = "codebook"

    static func page(folder: String? = nil, words: Words) -> Page {
        var matter = FrontMatter()
        matter.title = words["codebook_title"]
        matter.summary = words["codebook_summary"]
        matter.order = Int.max
        matter.language = folder
        return Page(slug: slug, source: "", frontMatter: matter, document: MarkdownDocument(root: MarkdownNode(.document)), text: "",
                    folder: folder)
    }

    static func html(codebook: Codebook, analysis: SurveyAnalysis, releases: QuestionReleases, findings: Findings, references: ReferenceIndex,
                     citations: [String: [String]], config: SiteConfig, folder: String? = nil, words: Words) -> (html: String, headings: [(Int, String, String)]) {
        let d = config.disclosure
        let language = words.language
        func w(_ key: String) -> String { words["codebook_" + key] }
        let path = page(folder: folder, words: words).outputPath
        func e(_ s: String) -> String { HTMLEscaping.escape(s) }
        // Words shared with the data tables under charts come from the same place.
        func table(_ word: String) -> String { DataTable.word(word, words) }
        func count(_ n: Int) -> String { e(d.isSmall(n) ? d.marker : NumberFormat.count(n)) }
        var out = ""
        var headings: [(Int, String, String)] = []
        if !findings.values.isEmpty {
            out += "<h2 id=\"findings\">\(w("findings"))</h2>\n<p>\(w("findings_intro"))</p>\n"
            headings.append((2, w("findings"), "findings"))
            for value in findings.values {
                let name = value.spec.name
                out += "<section class=\"codebook-entry\" id=\"finding-\(e(name))\"><h3><code>\(e(name))</code></h3>\n"
                if let description = value.spec.description { out += "<p>\(e(description))</p>\n" }
                out += "<dl>"
                let withheld = findings.withheld.contains(name)
                out += "<dt>\(w("value"))</dt><dd>\(e(InlineFinding.text(value, form: .full, disclosure: d, withheld: withheld, words: words) ?? words["not_available"]))</dd>"
                out += "<dt>\(w("counts"))</dt><dd>\(e(definition(value.spec, codebook: codebook, words: words)))</dd>"
                if let base = InlineFinding.baseText(value, withheld: withheld, disclosure: d) { out += "<dt>\(w("base"))</dt><dd>\(e(base)) \(w("respondents"))</dd>" }
                out += "<dt>\(w("method"))</dt><dd>\(e(InlineFinding.method(value, words: words)))</dd>"
                if let claim = value.spec.claimText {
                    out += "<dt>\(w("claim"))</dt><dd><code>\(e(claim))</code>: \(value.claimHolds == true ? w("holds") : w("fails"))</dd>"
                }
                let pages = citations[name] ?? []
                if !pages.isEmpty {
                    out += "<dt>\(w("cited"))</dt><dd>" + pages.map { "<a href=\"\(e($0))\">\(e($0))</a>" }.joined(separator: ", ") + "</dd>"
                }
                out += "</dl></section>\n"
            }
        }
        out += "<h2 id=\"questions\">\(w("questions"))</h2>\n"
        headings.append((2, w("questions"), "questions"))
        if let weight = codebook.weightColumn {
            out += "<p class=\"weight-note\">\(e(words.phrase("codebook_weighted", ["column": weight])))</p>\n"
        }
        for question in codebook.questions {
            guard let summary = analysis.question(question.id) else { continue }
            out += "<section class=\"codebook-entry\" id=\"q-\(e(question.id))\"><h3 id=\"q-\(e(question.id))-heading\"><code>\(e(question.id))</code> \(e(question.text.text(in: language)))</h3>\n"
            if question.text.isTranslated {
                for lang in question.text.languages where lang != language {
                    out += "<p lang=\"\(e(lang))\">\(e(question.text.byLanguage[lang] ?? ""))</p>\n"
                }
            }
            out += "<dl><dt>\(w("type"))</dt><dd>\(words["question_type_" + question.type.rawValue])\(question.maxChoices.map { ", " + words.phrase("codebook_choices", ["count": String($0)]) } ?? "")</dd>"
            if !question.askedIf.isEmpty {
                out += "<dt>\(w("asked_if"))</dt><dd>" + question.askedIf.map { "<a href=\"\(path)#q-\(e($0.question))\"><code>\(e($0.question))</code></a> \(w("is")) " + $0.codes.map(e).joined(separator: " \(w("or")) ") }.joined(separator: " \(w("and")) ") + "</dd>"
            }
            // One rule for every number of the question (QuestionRelease), as in findings.json.
            let release = releases[summary.id]!
            func shown(_ n: Int, _ cell: QuestionRelease.Cell) -> String { e(d.cellText(n, cell, format: NumberFormat.count)) }
            out += "<dt>\(table("Answered"))</dt><dd>\(shown(summary.valid, release.answered))</dd><dt>\(table("Missing"))</dt><dd>\(shown(summary.missing, release.missing))</dd>"
            if summary.notAsked > 0 || release.notAsked != .published {
                out += "<dt>\(table("Not asked"))</dt><dd>\(shown(summary.notAsked, release.notAsked))</dd>"
            }
            if let top = summary.topBox {
                out += "<dt>\(w("top_box")) (\(question.topBox.map(e).joined(separator: ", ")))</dt><dd>\(release.topBox ? (top.proportion.map { NumberFormat.percent($0) } ?? "–") : table("withheld"))</dd>"
            }
            if let numeric = summary.numeric, let mean = numeric.mean {
                if release.statistics {
                    out += "<dt>\(w("mean"))</dt><dd>\(NumberFormat.fixed(mean, decimals: 1)) (\(numeric.sd.map { NumberFormat.fixed($0, decimals: 1) } ?? "–"))</dd>"
                    if let q1 = numeric.q1, let median = numeric.median, let q3 = numeric.q3 {
                        out += "<dt>\(w("median"))</dt><dd>\(NumberFormat.fixed(median, decimals: 1)) (\(NumberFormat.fixed(q1, decimals: 1))–\(NumberFormat.fixed(q3, decimals: 1)))</dd>"
                    }
                    if release.extremes, let low = numeric.min, let high = numeric.max {
                        out += "<dt>\(table("Range"))</dt><dd>\(NumberFormat.fixed(low, decimals: 1))–\(NumberFormat.fixed(high, decimals: 1))</dd>"
                    }
                } else {
                    out += "<dt>\(w("mean"))</dt><dd>\(table("withheld"))</dd>"
                }
            }
            let uses = references.uses(of: question.id)
            if !uses.isEmpty {
                out += "<dt>\(w("shown"))</dt><dd>" + uses.map { "<a href=\"\(e($0.page))#\(e($0.id))\">\($0.label)</a>" }.joined(separator: ", ") + "</dd>"
            }
            let named = findings.values.filter { involves($0.spec, question.id, findings: findings) }
            if !named.isEmpty {
                out += "<dt>\(w("named"))</dt><dd>" + named.map { "<a href=\"\(path)#finding-\(e($0.spec.name))\"><code>\(e($0.spec.name))</code></a>" }.joined(separator: ", ") + "</dd>"
            }
            out += "</dl>\n"
            if !summary.categories.isEmpty {
                // Under a design: the weighted n and the design effect beside the respondents and the share.
                let designed = analysis.design != nil
                // A raking margin's shares are the population's, without sampling error: no design effect.
                let raked = analysis.design?.raking?.margins.contains { $0.question == question.id } ?? false
                let designHeads = designed ? "<th scope=\"col\">\(table("Weighted n"))</th><th scope=\"col\">\(table("Design effect"))</th>" : ""
                // A table wider than a phone scrolls: a labelled region the keyboard can reach.
                out += "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-labelledby=\"q-\(e(question.id))-heading\"><table class=\"data-table\"><thead><tr><th scope=\"col\">\(table("Code"))</th><th scope=\"col\">\(table("Answer"))</th><th scope=\"col\">n</th>\(designHeads)<th scope=\"col\">%</th></tr></thead><tbody>"
                for (k, c) in summary.categories.enumerated() {
                    let cell = release.categories[k]
                    var designCells = ""
                    if designed {
                        let withheld = cell != .published
                        designCells = "<td>\(withheld ? table("withheld") : c.share.weightedCount.map { NumberFormat.count(Int($0.rounded())) } ?? "–")</td>"
                            + "<td>\(withheld ? table("withheld") : raked ? "–" : c.share.designEffect.map { $0.isFinite ? NumberFormat.fixed($0, decimals: 2) : "–" } ?? "–")</td>"
                    }
                    out += "<tr><td>\(e(c.code))</td><th scope=\"row\">\(e(c.label.text(in: language)))</th><td>\(shown(c.share.count, cell))</td>\(designCells)<td>\(cell != .published ? table("withheld") : (c.share.proportion.map { NumberFormat.percent($0) } ?? "–"))</td></tr>"
                }
                out += "</tbody></table></div>\n"
                if raked { out += "<p class=\"note\">\(e(w("raked")))</p>\n" }
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

    static func definition(_ spec: FindingSpec, codebook: Codebook, words: Words) -> String {
        func labels(_ q: String, _ codes: [String]) -> String {
            guard let question = codebook.question(q) else { return q }
            return codes.compactMap { c in question.options.first { $0.code == c }?.label.text(in: words.language) }.joined(separator: words["list_or"])
        }
        var text: String
        switch spec.kind {
        case .share(let q, let codes): text = words.phrase("definition_share", ["answers": labels(q, codes), "question": q])
        case .mean(let q): text = words.phrase("definition_mean", ["question": q])
        case .count(let q, let codes):
            text = words.phrase("definition_count", ["answers": codes.isEmpty ? words["definition_count_any"] : labels(q, codes), "question": q])
        case .rank(let q, let position): text = words.phrase("definition_rank", ["question": q, "position": String(position)])
        case .difference(let a, let b): text = words.phrase("definition_difference", ["first": a, "second": b])
        }
        if !spec.filter.isEmpty {
            let conditions = spec.filter.keys.sorted().map { words.phrase("definition_condition", ["question": $0, "answers": labels($0, spec.filter[$0]!)]) }
            text += words.phrase("definition_filter", ["conditions": conditions.joined(separator: words["list_and"])])
        }
        return text
    }
}
