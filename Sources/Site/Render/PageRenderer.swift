import Analysis
import Diagnostics
import Markdown
import SurveyData

/// Turns one page's Markdown into HTML, replacing directive blocks with figures.
struct PageRenderer {
    let codebook: Codebook
    let analysis: SurveyAnalysis
    let config: SiteConfig

    struct Output {
        var html: String
        var headings: [(level: Int, text: String, id: String)]
        var figureCount: Int
    }

    func render(_ page: Page, numbering: inout FigureNumbering) throws(DiagnosticsError) -> Output {
        var diagnostics = DiagnosticCollector()
        var figures = 0
        let language = page.frontMatter.language ?? config.language
        let document = page.document.rewritten { node -> MarkdownNode? in
            guard case .codeBlock(let info, let literal) = node.kind else { return nil }
            let name = info.split(separator: " ").first.map(String.init) ?? ""
            guard name == "chart" else { return nil }
            do throws(DiagnosticsError) {
                let body = try DirectiveBody(yaml: literal, block: node.range, source: page.source, name: name)
                let directive = try ChartDirective.parse(body, codebook: codebook)
                guard let summary = analysis.question(directive.question.id) else { return nil }
                let (number, id) = numbering.next(id: directive.id)
                var withID = directive
                withID.id = id
                figures += 1
                return MarkdownNode(.generatedBlock(figureHTML(withID, summary: summary, number: number, language: language)),
                                    range: node.range)
            } catch {
                diagnostics.append(contentsOf: error.diagnostics)
                return nil
            }
        }
        try diagnostics.throwIfErrors()
        var headings: [(Int, String, String)] = []
        var used: [String: Int] = [:]
        let renderer = HTMLRenderer(allowRawHTML: config.allowRawHTML) { heading in
            guard case .heading(let level) = heading.kind else { return nil }
            let base = Slug.make(heading.plainText)
            let k = used[base, default: 0]
            used[base] = k + 1
            let id = k == 0 ? base : "\(base)-\(k + 1)"
            headings.append((level, heading.plainText, id))
            return id
        }
        let html = renderer.render(document)
        return Output(html: html, headings: headings, figureCount: figures)
    }

    func figureHTML(_ directive: ChartDirective, summary: QuestionSummary, number: Int, language: String) -> String {
        let chart = directive.chart(summary: summary, language: language, minCell: config.minCell)
        var note = "Share of the \(NumberFormat.count(summary.valid)) respondents who answered"
        if summary.notAsked > 0 { note += " (\(NumberFormat.count(summary.notAsked)) were not asked)" }
        note += "; lines show 95% confidence intervals."
        if summary.type == .multi { note += " Respondents could choose more than one answer." }
        let caption = directive.caption.map { HTMLEscaping.escape($0) + " " } ?? ""
        return """
        <figure class="figure" id="\(chart.id)">
        \(chart.svg())
        <figcaption><span class="figure-number">Figure \(number).</span> \(caption)<span class="figure-note">\(HTMLEscaping.escape(note))</span></figcaption>
        </figure>
        """
    }
}
