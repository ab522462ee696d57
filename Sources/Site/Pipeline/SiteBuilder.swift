import Analysis
import Diagnostics
import Foundation
import Markdown
import SurveyData

/// Settings of one build, from the command line.
public struct BuildOptions: Sendable {
    public var content: URL
    public var templates: URL
    public var output: URL
    public var workingDirectory: String
    /// The address the site is published at (overrides site.yaml's `base_url`), for canonical
    /// links and the sitemap. Internal links stay relative.
    public var baseURL: String?

    public init(content: URL, templates: URL, output: URL,
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.content = content
        self.templates = templates
        self.output = output
        self.workingDirectory = workingDirectory
    }
}

/// What a finished build reports.
public struct BuildSummary: Sendable {
    public var pages: Int
    public var figures: Int
    public var warnings: [Diagnostic]
}

/// The build, as a list of named stages run in order.
public enum SiteBuilder {
    public static let generator = "Findings 0.1.0"

    /// A rendered page ready for the layout.
    struct RenderedPage {
        var page: Page
        var outputPath: String
        var html: String
        var headings: [(level: Int, text: String, id: String)]
        var files: [(path: String, text: String)] = []
        var citations: [String] = []
    }

    /// Builds the site into `options.output`, or leaves it untouched and throws.
    public static func build(_ options: BuildOptions, log: (String) -> Void = { _ in }) throws(DiagnosticsError) -> BuildSummary {
        let content = ContentFolder(root: options.content, workingDirectory: options.workingDirectory)
        try checkOutputIsSafe(options)
        log("[1/5] Loading data")
        var (config, codebook, survey, analysis, warnings) = try ReportLoader.loadData(content)
        if let base = options.baseURL { config.baseURL = base }
        let sideTables = try ReportLoader.loadSideTables(content)
        let findings = try ReportLoader.loadFindings(content, survey: survey)
        log("[2/5] Loading pages")
        let pages = ReportLoader.withFallbacks(try ReportLoader.loadPages(content), config: config)
        log("[3/5] Rendering commentary and charts")
        let network = sideTables.network
        let charts = ChartContext(survey: survey, analysis: analysis, tables: sideTables, network: network, language: config.language,
                                  disclosure: Disclosure(minCell: config.minCell))
        let references = try ReportLoader.loadReferences(content)
        let rendered = try render(pages, codebook: codebook, analysis: analysis, findings: findings, config: config, charts: charts,
                                  references: references)
        log("[4/5] Applying templates")
        let templates = try TemplateSet(folders: [options.templates, options.content.appendingPathComponent("templates")],
                                        workingDirectory: options.workingDirectory)
        var files: [(String, Data)] = []
        let cite = CiteThisReport(config: config)
        let jsonLD = cite.jsonLD(codebook: codebook)
        files += HostingFiles.make(pages: rendered.pages, config: config, templates: templates)
        let searchEntries = rendered.pages.filter { !$0.page.isFallback }.flatMap { page in
            SearchIndex.entries(html: page.html, path: page.outputPath, title: page.page.title,
                                lang: page.page.frontMatter.language ?? config.language)
        }
        files.append(("search-index.json", Data(SearchIndex.json(searchEntries).serialized().utf8)))
        // A page for addresses that do not exist, in the site's look, with the sections to go to.
        var notFoundMatter = FrontMatter()
        notFoundMatter.title = "Page not found"
        notFoundMatter.summary = "There is no page at this address. The sections of the report are listed above."
        let notFound = RenderedPage(page: Page(slug: "404", source: "", frontMatter: notFoundMatter,
                                               document: MarkdownDocument(root: MarkdownNode(.document))),
                                    outputPath: "404.html", html: "<p><a href=\"index.html\">Go to the overview</a></p>\n", headings: [])
        var notFoundContext = LayoutContext.make(page: notFound, index: -1, all: rendered.pages.filter { $0.page.folder == nil },
                                                 config: config, jsonLD: jsonLD)
        notFoundContext["ui"] = templates.strings(for: config.language)
        if let base = config.baseURL, var page = notFoundContext["page"] as? [String: Any] {
            // Served at any address, so its links must start from the site's own.
            page["root"] = base.hasSuffix("/") ? base : base + "/"
            notFoundContext["page"] = page
        }
        files.append(("404.html", Data(try templates.render("layout", notFoundContext).utf8)))
        files.append(("cite.bib", Data(cite.bibtex.utf8)))
        files.append(("cite.ris", Data(cite.ris.utf8)))
        for page in rendered.pages {
            // Navigation, previous and next stay within the page's language.
            let group = rendered.pages.filter { $0.page.folder == page.page.folder }
            let i = group.firstIndex { $0.outputPath == page.outputPath } ?? 0
            var context = LayoutContext.make(page: page, index: i, all: group, config: config, jsonLD: jsonLD,
                                             versions: LayoutContext.versions(of: page, in: rendered.pages, config: config))
            context["ui"] = templates.strings(for: page.page.frontMatter.language ?? config.language)
            files.append((page.outputPath, Data(try templates.render("layout", context).utf8)))
        }
        for asset in templates.assets { files.append((asset.path, asset.data)) }
        for page in rendered.pages { for file in page.files { files.append((file.path, Data(file.text.utf8))) } }
        let published = Disclosure(minCell: config.minCell)
            .apply(to: FindingsDocument.json(analysis, codebook: codebook, language: config.language, findings: findings,
                                             network: network))
        files.append(("data/findings.json", Data(published.serialized(pretty: true).utf8)))
        // Hashed asset names, .gz copies, cache headers, and the manifest of what went in and out.
        files = Publishing.hashAssets(files)
        files += Publishing.compressedCopies(files)
        files.append(("_headers", Data(Publishing.headers.utf8)))
        let inputs = Publishing.files(under: options.content, prefix: "content/") + Publishing.files(under: options.templates, prefix: "templates/")
        files.append(("build-manifest.json", Publishing.manifest(inputs: inputs, outputs: files, generator: generator)))
        log("[5/5] Writing \(options.output.lastPathComponent)/")
        let output = OutputFolder(destination: options.output)
        try output.prepare()
        do throws(DiagnosticsError) {
            for (path, data) in files { try output.write(data, to: path) }
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
        return BuildSummary(pages: rendered.pages.count, figures: rendered.figures, warnings: warnings)
    }

    /// Rebuilds into a temporary folder and compares it with the published output, file by file.
    /// Returns what differs (empty when the output is exactly what these inputs build).
    public static func verify(_ options: BuildOptions) throws(DiagnosticsError) -> [String] {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("findings-verify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var rebuild = options
        rebuild.output = scratch.appendingPathComponent("public")
        _ = try build(rebuild)
        let published = Dictionary(Publishing.files(under: options.output, prefix: ""), uniquingKeysWith: { a, _ in a })
        let fresh = Dictionary(Publishing.files(under: rebuild.output, prefix: ""), uniquingKeysWith: { a, _ in a })
        var differences: [String] = []
        for path in Set(published.keys).union(fresh.keys).sorted() {
            switch (published[path], fresh[path]) {
            case (nil, _): differences.append("missing from the published site: \(path)")
            case (_, nil): differences.append("not built from these inputs: \(path)")
            case (let a?, let b?) where a != b: differences.append("differs: \(path)")
            default: break
            }
        }
        return differences
    }

    /// Everything a build checks, without writing anything.
    public static func check(_ options: BuildOptions) throws(DiagnosticsError) -> BuildSummary {
        let content = ContentFolder(root: options.content, workingDirectory: options.workingDirectory)
        let (config, codebook, survey, analysis, warnings) = try ReportLoader.loadData(content)
        let sideTables = try ReportLoader.loadSideTables(content)
        let findings = try ReportLoader.loadFindings(content, survey: survey)
        let pages = ReportLoader.withFallbacks(try ReportLoader.loadPages(content), config: config)
        let charts = ChartContext(survey: survey, analysis: analysis, tables: sideTables, network: sideTables.network,
                                  language: config.language, disclosure: Disclosure(minCell: config.minCell))
        let rendered = try render(pages, codebook: codebook, analysis: analysis, findings: findings, config: config, charts: charts,
                                  references: try ReportLoader.loadReferences(content))
        _ = try TemplateSet(folders: [options.templates, options.content.appendingPathComponent("templates")],
                            workingDirectory: options.workingDirectory)
        return BuildSummary(pages: rendered.pages.count, figures: rendered.figures, warnings: warnings)
    }

    static func render(_ pages: [Page], codebook: Codebook, analysis: SurveyAnalysis, findings: Findings,
                       config: SiteConfig, charts: ChartContext, references: References? = nil) throws(DiagnosticsError) -> (pages: [RenderedPage], figures: Int) {
        var diagnostics = DiagnosticCollector()
        var citations: [String: [SourceLocation]] = [:]
        let hasIndex = pages.contains { $0.slug == "index" && $0.folder == nil }
        let paths = pages.enumerated().map { i, page in (!hasIndex && i == 0) ? "index.html" : page.outputPath }
        // Each language numbers its own figures and tables, and draws charts in its own words.
        var indexes: [String: ReferenceIndex] = [:]
        for folder in Set(pages.map { $0.folder ?? "" }) {
            let group = pages.indices.filter { (pages[$0].folder ?? "") == folder }
            let language = folder.isEmpty ? config.language : folder
            indexes[folder] = ReferenceIndex(pages: group.map { (pages[$0], paths[$0]) }, language: language)
        }
        let index = indexes[""] ?? ReferenceIndex(pages: [])
        var rendered: [RenderedPage] = []
        for (i, page) in pages.enumerated() {
            do throws(DiagnosticsError) {
                var context = charts
                context.language = page.frontMatter.language ?? config.language
                let renderer = PageRenderer(codebook: codebook, analysis: analysis, config: config, findings: findings,
                                            charts: ChartBuilder(context: context), bibliography: references)
                let out = try renderer.render(page, references: indexes[page.folder ?? ""]!)
                for (name, at) in out.citations { citations[name, default: []].append(at) }
                rendered.append(RenderedPage(page: page, outputPath: paths[i], html: out.html, headings: out.headings, files: out.files,
                                             citations: out.citations.map(\.name)))
            } catch {
                diagnostics.append(contentsOf: error.diagnostics)
            }
        }
        diagnostics.append(contentsOf: claimFailures(findings, citations: citations))
        try diagnostics.throwIfErrors()
        // The generated codebook page, after the author's pages (or appended to their codebook.md),
        // once for each language: zh/codebook.html speaks Chinese and lists the Chinese pages.
        for folder in indexes.keys.sorted() {
            let inFolder = rendered.filter { ($0.page.folder ?? "") == folder }
            var citedOn: [String: [String]] = [:]
            for page in inFolder {
                for name in page.citations where !(citedOn[name]?.contains(page.outputPath) ?? false) { citedOn[name, default: []].append(page.outputPath) }
            }
            let generated = CodebookPage.html(codebook: codebook, analysis: analysis, findings: findings, references: indexes[folder]!,
                                              citations: citedOn, config: config, folder: folder.isEmpty ? nil : folder)
            if let i = rendered.firstIndex(where: { $0.page.slug == CodebookPage.slug && ($0.page.folder ?? "") == folder }) {
                rendered[i].html += generated.html
                rendered[i].headings += generated.headings
            } else {
                let page = CodebookPage.page(folder: folder.isEmpty ? nil : folder)
                rendered.append(RenderedPage(page: page, outputPath: page.outputPath, html: generated.html,
                                             headings: generated.headings))
            }
        }
        if let references, !references.works.isEmpty, !rendered.contains(where: { $0.page.slug == "references" }) {
            var all = CitationResolver(references: references)
            all.cited = references.works.map(\.id)
            var matter = FrontMatter()
            matter.title = "References"
            matter.order = Int.max
            rendered.append(RenderedPage(page: Page(slug: "references", source: "", frontMatter: matter,
                                                    document: MarkdownDocument(root: MarkdownNode(.document))),
                                         outputPath: "references.html", html: all.listHTML(title: "Works cited in this report"), headings: []))
        }
        return (rendered, index.figureCount)
    }

    /// A claim the data no longer support fails the build, at the finding and at every citation.
    static func claimFailures(_ findings: Findings, citations: [String: [SourceLocation]]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for value in findings.values where value.claimHolds == false {
            let name = value.spec.name
            let got = InlineFinding.text(value, form: .full) ?? "no value"
            let shown = value.optionCode.map { "option \($0) (\(value.optionLabel ?? ""))" } ?? got
            let cited = citations[name] ?? []
            let pages = Array(Set(cited.map(\.file))).sorted()
            out.append(.error(at: findings.locations[name] ?? .start(of: "findings.yaml"),
                              "claim \"\(value.spec.claimText ?? "")\" of finding \"\(name)\" does not hold: the data give \(shown)",
                              hint: pages.isEmpty ? "no page cites it" : "cited by \(pages.joined(separator: ", "))"))
            for at in cited {
                out.append(.error(at: at, "the data no longer support finding \"\(name)\" (claim \"\(value.spec.claimText ?? "")\"; the data give \(shown))"))
            }
        }
        return out
    }

    /// The output may not be the content folder, a folder above it, or the templates folder.
    static func checkOutputIsSafe(_ options: BuildOptions) throws(DiagnosticsError) {
        let out = options.output.standardizedFileURL.path
        for protected in [options.content, options.templates] {
            let path = protected.standardizedFileURL.path
            if path == out || path.hasPrefix(out.hasSuffix("/") ? out : out + "/") {
                throw DiagnosticsError(.error(at: .start(of: DisplayPath.name(out, relativeTo: options.workingDirectory)),
                                              "refusing to build into \(out): it holds the report's own sources"))
            }
        }
    }
}
