import Formats
import Analysis
import Diagnostics
import Markdown
import SurveyData

/// Turns one page's Markdown into HTML, replacing directive blocks with figures.
struct PageRenderer {
    let codebook: Codebook
    let analysis: SurveyAnalysis
    let config: SiteConfig
    var findings = Findings(values: [], locations: [:])
    let charts: ChartBuilder
    var bibliography: References?

    struct Output {
        var html: String
        var headings: [(level: Int, text: String, id: String)]
        var figureCount: Int
        /// Every finding the page cites, with where.
        var citations: [(name: String, location: SourceLocation)]
        /// Files the page's figures bring: their data as CSV and their SVG.
        var files: [(path: String, text: String)]
    }

    func render(_ page: Page, references: ReferenceIndex) throws(DiagnosticsError) -> Output {
        var diagnostics = DiagnosticCollector()
        if let at = page.document.flattenedAt {
            diagnostics.error(at: SourceLocation(file: page.source, line: max(1, at.startLine), column: max(1, at.startColumn)),
                              "block quotes, lists, emphasis or links are nested more than \(MarkdownDocument.maxNesting) deep here")
        }
        var figures = 0
        let language = page.frontMatter.language ?? config.language
        // Findings link to the codebook in the page's own language (links resolve from the site root).
        let codebookPath = page.directory + CodebookPage.slug + ".html"
        var citations: [(String, SourceLocation)] = []
        var files: [(String, String)] = []
        var locator = InlineLocator(text: page.text, source: page.source)
        var source = page.document
        // Citations first: `[@key]` in text becomes a linked author–date citation. Without
        // references.yaml every key is unknown, and says so.
        var resolver = CitationResolver(references: bibliography ?? References(works: []))
        resolver.pagePath = page.outputPath
        source.root = resolver.resolve(source.root)
        var finder = InlineLocator(text: page.text, source: page.source)
        for problem in resolver.problems {
            diagnostics.error(at: finder.locate(problem.text, exact: true), "unknown reference \"\(problem.key)\"",
                              hint: Suggestion.hint(for: problem.key, in: resolver.references.works.map(\.id)) ?? "add it to references.yaml")
        }
        let document = source.rewritten { node -> MarkdownNode? in
            if node.isBlock && node.range.isKnown { locator.enter(node.range) }
            if case .code(let code) = node.kind, let (name, formText) = InlineFinding.parse(code) {
                let at = locator.locate(code)
                guard let found = findings.value(name) else {
                    diagnostics.error(at: at, "unknown finding \"\(name)\"",
                                      hint: Suggestion.hint(for: name, in: findings.values.map(\.spec.name)) ?? "declare it in findings.yaml")
                    return nil
                }
                guard let form = InlineFinding.Form(rawValue: formText) else {
                    diagnostics.error(at: at, "unknown form \".\(formText)\" of finding \"\(name)\"",
                                      hint: Suggestion.hint(for: formText, in: InlineFinding.Form.allCases.map(\.rawValue).filter { !$0.isEmpty })
                                          ?? "forms are .pct, .n, .ci, .label, .count, .p")
                    return nil
                }
                var value = found
                if case .rank(let q, _) = value.spec.kind, let code = value.optionCode,
                   let option = codebook.question(q)?.options.first(where: { $0.code == code }) {
                    // A ranked answer is named in the page's language.
                    value.optionLabel = option.label.text(in: language)
                }
                let withheld = findings.withheld.contains(name)
                guard let text = InlineFinding.text(value, form: form, disclosure: config.disclosure, withheld: withheld,
                                                    words: charts.context.words) else {
                    diagnostics.error(at: at, "finding \"\(name)\" has no .\(formText)")
                    return nil
                }
                citations.append((name, at))
                let explanation = HTMLEscaping.escape(InlineFinding.explanation(value, withheld: withheld, words: charts.context.words))
                // The number links to where it is defined and computed, on the codebook page.
                return MarkdownNode(.generatedInline(
                    "<a class=\"finding\" data-finding=\"\(HTMLEscaping.escape(name))\" href=\"\(codebookPath)#finding-\(HTMLEscaping.escape(name))\" title=\"\(explanation)\">\(HTMLEscaping.escape(text))<span class=\"visually-hidden\"> (\(explanation))</span></a>"),
                    range: node.range)
            }
            if case .link(let destination, _) = node.kind, node.children.isEmpty, destination.hasPrefix("#fig-") || destination.hasPrefix("#tbl-") {
                // `[](#fig-ID)`: a cross-reference that becomes "Figure 3", linked.
                let id = String(destination.dropFirst())
                guard let entry = references.entries[id] else {
                    diagnostics.error(at: locator.locate("[](" + destination + ")", exact: true), "no figure or table has the id \"\(id)\"",
                                      hint: Suggestion.hint(for: id, in: references.entries.keys.sorted()))
                    return nil
                }
                // Links are written from the site root (each page has a <base>), so even a link
                // on the same page names the page.
                let href = entry.page + "#" + entry.id
                return MarkdownNode(.generatedInline("<a class=\"xref\" href=\"\(HTMLEscaping.escape(href))\">\(entry.label)</a>"), range: node.range)
            }
            if case .link(let destination, let title) = node.kind, destination.hasPrefix("#") {
                // In-page anchors name the page: links resolve from the site root (<base>).
                var copy = node
                copy.kind = .link(destination: page.outputPath + destination, title: title)
                copy.children = node.children.map { $0.rewritten { _ in nil } }
                return copy
            }
            guard case .codeBlock(let info, let literal) = node.kind else { return nil }
            let words = info.split(separator: " ").map(String.init)
            let name = words.first ?? ""
            guard ["chart", "table", "finding", "quotes"].contains(name) else { return nil }
            do throws(DiagnosticsError) {
                if name == "quotes" {
                    let body = try DirectiveBody(yaml: literal, block: node.range, source: page.source, name: name)
                    return MarkdownNode(.generatedBlock(try QuotesBlock.render(body, survey: charts.context.survey,
                                                                                disclosure: config.disclosure, words: charts.context.words)),
                                        range: node.range)
                }
                if name == "finding" {
                    let body = try DirectiveBody(yaml: literal, block: node.range, source: page.source, name: name)
                    let (html, cited) = try FindingBlock.render(body, findings: findings, disclosure: config.disclosure,
                                                                words: charts.context.words, codebookPath: codebookPath)
                    citations.append(cited)
                    return MarkdownNode(.generatedBlock(html), range: node.range)
                }
                guard let entry = references.entry(forBlockAt: node.range.startLine, in: page.source) else { return nil }
                if name == "table" {
                    let table = try TableBlock.render(literal, info: words, block: node.range, source: page.source, entry: entry,
                                                      context: charts.context, breakdowns: config.breakdowns, directory: page.directory)
                    files += table.files
                    return MarkdownNode(.generatedBlock(table.html), range: node.range)
                }
                let body = try DirectiveBody(yaml: literal, block: node.range, source: page.source, name: name)
                let directive = try ChartDirective.parse(body, codebook: codebook, breakdowns: config.breakdowns)
                figures += 1
                let figure = try figureHTML(directive, id: entry.id, number: entry.number, directory: page.directory,
                                            at: SourceLocation(file: page.source, line: node.range.startLine, column: 1))
                files += figure.files
                return MarkdownNode(.generatedBlock(figure.html), range: node.range)
            } catch {
                diagnostics.append(error)
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
        let html = renderer.render(document) + resolver.listHTML(page: page.outputPath, title: charts.context.words["references_title"])
        return Output(html: html, headings: headings, figureCount: figures, citations: citations, files: files)
    }

    /// A numbered figure: the chart for wide and for narrow screens, its caption, its data as a
    /// table, and links to its CSV and SVG files (returned to be written beside the pages).
    /// Each language writes its own downloads (their labels are in its language) in its page's `directory`.
    /// A chart with nothing to draw is an error at its block, never a figure dropped from the page.
    func figureHTML(_ directive: ChartDirective, id: String, number: Int, directory prefix: String = "",
                    at location: SourceLocation) throws(DiagnosticsError) -> (html: String, files: [(String, String)]) {
        let (built, baseNote) = charts.build(directive, id: id)
        guard var chart = built else {
            let reason: String
            switch directive.kind {
            case .tileMap: reason = "a tile-map needs data/provinces.csv, and there is none"
            case .network, .line: reason = "a \(directive.kind.rawValue) chart needs data/collaborations.csv, and there is none"
            default: reason = "this chart has nothing to show"
            }
            throw DiagnosticsError(.error(at: location, reason))
        }
        let caption = directive.caption.map { HTMLEscaping.escape($0) + " " } ?? ""
        let legend = charts.context.disclosure.legend(for: chart.dataTable, words: charts.context.words)
        let note = legend.isEmpty ? baseNote : baseNote + " " + legend
        // The chart's SVG has its own id, so the figure's id stays unique on the page.
        let words = charts.context.words
        chart.words = words
        var drawn = chart
        drawn.id = id + "-chart"
        let label = words.phrase("figure_label", ["number": String(number)])
        let html = """
        <figure class="figure" id="\(id)">
        <div class="chart-wide">\(drawn.svg())</div>
        <div class="chart-narrow">\(drawn.narrow())</div>
        <figcaption><span class="figure-number">\(label).</span> \(caption)<span class="figure-note">\(HTMLEscaping.escape(note))</span></figcaption>
        </figure>
        <details class="figure-data"><summary>\(words.phrase("figure_data", ["number": String(number)]))</summary>
        \(chart.dataTable.translated(words).html(caption: label + words["caption_separator"] + (directive.title ?? "")))
        <p class="downloads"><a href="\(prefix)data/\(id).csv" download>CSV</a> · <a href="\(prefix)figures/\(id).svg" download>SVG</a></p>
        </details>
        """
        return (html, [(prefix + "data/\(id).csv", chart.dataTable.csv), (prefix + "figures/\(id).svg", chart.standaloneSVG())])
    }
}

/// Finds where an inline element stands in the page file, searching forward from the start of
/// the block that holds it.
struct InlineLocator {
    let text: String
    let source: String
    /// Where each line starts (found over UTF-8 once; a page may be megabytes).
    let lineStarts: [String.Index]
    var line = 1
    var column = 0

    init(text: String, source: String) {
        self.text = text
        self.source = source
        var starts = [text.startIndex]
        let utf8 = text.utf8
        var i = utf8.startIndex
        while let newline = utf8[i...].firstIndex(of: 0x0A) {
            i = utf8.index(after: newline)
            starts.append(i)
        }
        lineStarts = starts
    }

    private func lineText(_ l: Int) -> Substring {
        let start = lineStarts[l - 1]
        let end = l < lineStarts.count ? text.utf8.index(before: lineStarts[l]) : text.endIndex
        return text[start..<end]
    }

    /// Whether `haystack` holds the bytes of `needle` anywhere.
    static func contains(_ haystack: Substring.UTF8View, _ needle: String.UTF8View) -> Bool {
        guard let first = needle.first else { return true }
        let n = Array(needle)
        return haystack.withContiguousStorageIfAvailable { h -> Bool in
            guard h.count >= n.count else { return false }
            var i = 0
            while i <= h.count - n.count {
                if h[i] == first && h[i..<(i + n.count)].elementsEqual(n) { return true }
                i += 1
            }
            return false
        } ?? Array(haystack).withUnsafeBufferPointer { h in
            h.count >= n.count && (0...(h.count - n.count)).contains { h[$0] == first && h[$0..<($0 + n.count)].elementsEqual(n) }
        }
    }

    mutating func enter(_ range: SourceRange) {
        line = range.startLine
        column = 0
    }

    /// The position of the next occurrence of `literal`: where it starts (`exact`), or the
    /// backtick before it (a code span's text). Columns count characters.
    mutating func locate(_ literal: String, exact: Bool = false) -> SourceLocation {
        var l = line
        var c = column
        let needle = Array(literal)
        while l >= 1 && l <= lineStarts.count {
            let lineText = lineText(l)
            // Cheap test over bytes first: most lines do not hold the literal at all.
            if Self.contains(lineText.utf8, literal.utf8) {
                let text = Array(lineText)
                if needle.count <= text.count {
                    var i = c
                    while i + needle.count <= text.count {
                        if Array(text[i..<(i + needle.count)]) == needle {
                            line = l
                            column = i + needle.count
                            return SourceLocation(file: source, line: l, column: exact ? i + 1 : max(1, i))
                        }
                        i += 1
                    }
                }
            }
            l += 1
            c = 0
        }
        return SourceLocation(file: source, line: max(1, line), column: 1)
    }
}
