import Concurrency
import Words
import Analysis
import Diagnostics
import Foundation
import Markdown
import SurveyData

/// Everything read from the data side of a content folder and computed from it: what every page
/// depends on. It is recomputed only when one of those files (or a build setting) changes.
struct LoadedData {
    var config: SiteConfig
    var codebook: Codebook
    var survey: Survey
    var analysis: SurveyAnalysis
    var warnings: [Diagnostic]
    var sideTables: SideTables
    var network: NetworkAnalysis?
    var findings: Findings
    var references: References?
    /// What of each question may be published, decided once.
    var releases: QuestionReleases
}

/// A site built in memory: every output file by path, in the order written.
public struct BuiltSite: Sendable {
    public var files: [(path: String, data: Data)]
    /// Paths whose bytes were read from the published site just now (`.gz` copies taken
    /// instead of compressing again): the writer links them without reading them once more.
    public var published: Set<String> = []
    public var summary: BuildSummary
}

/// One author's build, kept alive between builds (by `findings serve`) so that a rebuild redoes
/// only what its changed inputs reach. Every step is keyed by the content of what it reads:
/// the data files and build settings for the analysis, a page's text, its language's figure
/// numbering and the data for that page's HTML, the templates and the navigation for its layout,
/// the bytes of a file for its hash and its gzip copy. A fresh session is a cold build; the two
/// write byte-identical sites (tested over a series of edits).
public final class BuildSession {
    public let options: BuildOptions
    private let content: ContentFolder
    private var cache = Cache()

    private struct Cache {
        var inputs: [String: (stamp: FileStamp, sha: String)] = [:]
        var data: (key: String, value: LoadedData)?
        var parsed: [String: Page?] = [:]
        var rendered: [String: (key: String, page: SiteBuilder.RenderedPage)] = [:]
        var templates: (key: String, set: TemplateSet)?
        var codebookPages: [String: (key: String, html: String, headings: [(level: Int, text: String, id: String)])] = [:]
        var laidOut: [String: (key: String, bytes: Data)] = [:]
        var search: [String: (key: String, sections: [SearchIndex.Section])] = [:]
        var findingsJSON: (key: String, bytes: Data)?
        var hashedHTML: [String: (input: Data, renames: String, output: Data)] = [:]
        var outputs: [String: Output] = [:]
        /// A published file, its SHA-256, and its `.gz` copy with that copy's SHA-256 (both made
        /// on every core; the manifest lists them all).
        typealias Output = (data: Data, sha: String, gzip: (data: Data, sha: String)?)
    }

    public init(_ options: BuildOptions) {
        self.options = options
        content = ContentFolder(root: options.content, workingDirectory: options.workingDirectory)
    }

    /// Builds the whole site in memory, reusing what the cache holds for unchanged inputs.
    public func build(observe: @escaping (BuildEvent) -> Void = { _ in }) throws(DiagnosticsError) -> BuiltSite {
        try SiteBuilder.checkOutputIsSafe(options)
        if let base = options.baseURL, let problem = SiteConfig.baseURLProblem(base) {
            throw DiagnosticsError(.error(at: .start(of: "--base-url"), problem))
        }
        var stages = StageRunner(observe: observe)
        var counts = BuildSummary.Work()
        let inputs = try stages.run(1) { () throws(DiagnosticsError) in
            let listed = try listInputs()
            // Before anything is read: a data file bigger than memory is refused, not killed.
            try MemoryBudget.check(dataFiles: listed.dataSizes, pages: listed.pageSizes, limit: try MemoryBudget.limit())
            return try readInputs(listed.files)
        }
        let data = try stages.run(2) { () throws(DiagnosticsError) in try loadData(inputs, counts: &counts) }
        let pages = try stages.run(3) { () throws(DiagnosticsError) in try loadPages(config: data.config, inputs: inputs) }
        let rendered = try stages.run(4) { () throws(DiagnosticsError) in
            try render(pages, data: data, dataKey: inputs.dataKey, words: try templates(key: inputs.templatesKey).words(for:),
                       counts: &counts, observe: observe)
        }
        var files = try stages.run(5) { () throws(DiagnosticsError) in
            try layOut(rendered.pages, data: data, keys: inputs, counts: &counts, observe: observe)
        }
        var published: Set<String> = []
        files = stages.run(6) { publish(files, rendered: rendered.pages, data: data, inputs: inputs, takenFromPublished: &published) }
        let summary = BuildSummary(pages: rendered.pages.count, figures: rendered.figures, warnings: data.warnings + pages.flatMap(\.warnings),
                                   findings: data.findings.values.count, times: stages.times, work: counts)
        return BuiltSite(files: files, published: published, summary: summary)
    }

    /// Everything a build checks (data, pages, templates), without laying out or writing anything.
    public func check() throws(DiagnosticsError) -> BuildSummary {
        var counts = BuildSummary.Work()
        let inputs = try readInputs(try listInputs().files)
        let data = try loadData(inputs, counts: &counts)
        let pages = try loadPages(config: data.config, inputs: inputs)
        let rendered = try render(pages, data: data, dataKey: inputs.dataKey,
                                  words: try templates(key: inputs.templatesKey).words(for:), counts: &counts, observe: { _ in })
        _ = try templates(key: inputs.templatesKey)
        var summary = BuildSummary(pages: rendered.pages.count, figures: rendered.figures, warnings: data.warnings + pages.flatMap(\.warnings),
                                   findings: data.findings.values.count, work: counts)
        summary.questions = data.codebook.questions.count
        summary.respondents = data.survey.respondentCount
        summary.sourcePages = rendered.pages.filter { !$0.page.isFallback && !$0.page.source.isEmpty }.count
        return summary
    }

    // MARK: - Stage 1: what went in

    struct Inputs {
        /// The data side (all of content/ but pages/ and templates/) and the build settings.
        var dataKey: String
        /// The templates (templates/ and content/templates/).
        var templatesKey: String
        /// The bytes of the pages read just now, by path in the content folder (`pages/…`).
        var pageBytes: [String: Data] = [:]
    }

    /// Every input file, checked (no links out, nothing but regular files), with the sizes the
    /// memory check needs; nothing is read yet.
    func listInputs() throws(DiagnosticsError) -> (files: [InputListing.File], dataSizes: [(path: String, size: Int)],
                                                   pageSizes: [(path: String, size: Int)]) {
        let content = self.content
        let excluded = [options.output]
        let fromContent = InputListing(under: options.content, prefix: "content/", excluding: excluded) { content.displayName($0) }
        let templatesRoot = ContentFolder(root: options.templates, workingDirectory: options.workingDirectory)
        let fromTemplates = InputListing(under: options.templates, prefix: "templates/", excluding: excluded) { templatesRoot.displayName($0) }
        var problems = DiagnosticCollector()
        problems.append(contentsOf: fromContent.problems + fromTemplates.problems)
        try problems.throwIfErrors()
        let listed = fromContent.files + fromTemplates.files
        var dataSizes: [(String, Int)] = [], pageSizes: [(String, Int)] = []
        for file in listed {
            if file.path.hasPrefix("content/data/") && file.path.hasSuffix(".csv") {
                dataSizes.append((content.displayName(String(file.path.dropFirst(8))), file.stamp.size))
            }
            if Self.isPage(file.path) { pageSizes.append((content.displayName(String(file.path.dropFirst(8))), file.stamp.size)) }
        }
        return (listed, dataSizes, pageSizes)
    }

    private func readInputs(_ listed: [InputListing.File]) throws(DiagnosticsError) -> Inputs {
        var unreadable: [String] = []
        var seen: [String: (stamp: FileStamp, sha: String)] = [:]
        var dataParts = [SiteBuilder.generator, options.baseURL ?? ""]
        var templateParts = [SiteBuilder.generator]
        // A file whose size, modification time and inode are unchanged is not read again; the
        // others are read and hashed on every core.
        let cached = listed.map { file in cache.inputs[file.path].flatMap { $0.stamp == file.stamp && file.stamp.isSettled ? $0.sha : nil } }
        // Large files (a survey's responses) one at a time, so that no two are in memory at once.
        let unread = listed.indices.filter { cached[$0] == nil }
        let small = unread.filter { listed[$0].stamp.size <= 16 << 20 }
        let read = Parallel.map(small) { i in FileManager.default.contents(atPath: listed[i].absolute) }
        var shas = cached
        // The pages' bytes go on to the pages stage, which would otherwise read each file again.
        var pageBytes: [String: Data] = [:]
        for (k, i) in small.enumerated() {
            guard let bytes = read[k] else { continue }
            shas[i] = Codecs.sha256(bytes)
            if Self.isPage(listed[i].path) { pageBytes[String(listed[i].path.dropFirst("content/".count))] = bytes }
        }
        for i in unread where listed[i].stamp.size > 16 << 20 {
            shas[i] = FileManager.default.contents(atPath: listed[i].absolute).map(Codecs.sha256)
        }
        for (file, sha) in zip(listed, shas) {
            guard let sha else {
                // Listed a moment ago and unreadable now: never build as if it were not there.
                unreadable.append(file.path)
                continue
            }
            let path = file.path
            seen[path] = (file.stamp, sha)
            if path.hasPrefix("templates/") || path.hasPrefix("content/templates/") {
                templateParts.append(path + "=" + sha)
            } else if !path.hasPrefix("content/pages/") {
                dataParts.append(path + "=" + sha)
            }
        }
        if !unreadable.isEmpty {
            var problems = DiagnosticCollector()
            for path in unreadable {
                let name = path.hasPrefix("content/") ? content.displayName(String(path.dropFirst(8))) : path
                problems.error(at: .start(of: name), "cannot read the file")
            }
            try problems.throwIfErrors()
        }
        cache.inputs = seen
        return Inputs(dataKey: dataParts.joined(separator: "\n"), templatesKey: templateParts.joined(separator: "\n"),
                      pageBytes: pageBytes)
    }

    private static func isPage(_ path: String) -> Bool { path.hasPrefix("content/pages/") && path.hasSuffix(".md") }

    // MARK: - Stage 2: the data and everything computed from it

    private func loadData(_ inputs: Inputs, counts: inout BuildSummary.Work) throws(DiagnosticsError) -> LoadedData {
        // A failed build keeps nothing: the next one reads everything again.
        if let cached = cache.data, cached.key == inputs.dataKey { return cached.value }
        cache.data = nil
        counts.dataReloaded = true
        var (config, codebook, survey, analysis, warnings) = try ReportLoader.loadData(content)
        if let base = options.baseURL { config.baseURL = base }
        // The side tables (with the network analysis), the findings and the references read
        // different files and need only the survey: all three at once.
        let (content, loadedSurvey) = (content, survey)
        var sideTables: Result<(SideTables, NetworkAnalysis?), DiagnosticsError>!
        var findings: Result<Findings, DiagnosticsError>!
        var references: Result<References?, DiagnosticsError>!
        Parallel.run([
            { sideTables = Result { () throws(DiagnosticsError) in
                let tables = try ReportLoader.loadSideTables(content)
                return (tables, tables.network)
            } },
            { findings = Result { () throws(DiagnosticsError) in try ReportLoader.loadFindings(content, survey: loadedSurvey) } },
            { references = Result { () throws(DiagnosticsError) in try ReportLoader.loadReferences(content) } },
        ])
        var problems = DiagnosticCollector()
        for failure in [sideTables.error, findings.error, references.error].compactMap({ $0 }) { problems.append(failure) }
        try problems.throwIfErrors()
        let (tables, network) = try sideTables.get()
        let releases = QuestionReleases(analysis: analysis, codebook: codebook, disclosure: config.disclosure)
        let value = LoadedData(config: config, codebook: codebook, survey: survey, analysis: analysis, warnings: warnings,
                               sideTables: tables, network: network,
                               findings: try findings.get().withholding(by: config.disclosure, releases: releases),
                               references: try references.get(), releases: releases)
        cache.data = (inputs.dataKey, value)
        return value
    }

    // MARK: - Stage 3: the pages, parsed once per text

    private func loadPages(config: SiteConfig, inputs: Inputs) throws(DiagnosticsError) -> [Page] {
        let pages = try ReportLoader.loadPages(content, reusing: &cache.parsed, read: inputs.pageBytes)
        return ReportLoader.withFallbacks(pages, config: config)
    }

    // MARK: - Stage 4: commentary and charts, page by page

    private func render(_ pages: [Page], data: LoadedData, dataKey: String, words: (String) -> Words, counts: inout BuildSummary.Work,
                        observe: (BuildEvent) -> Void) throws(DiagnosticsError) -> (pages: [SiteBuilder.RenderedPage], figures: Int) {
        let config = data.config
        var diagnostics = DiagnosticCollector()
        let hasIndex = pages.contains { $0.slug == "index" && $0.folder == nil }
        let paths = pages.enumerated().map { i, page in (!hasIndex && i == 0) ? "index.html" : page.outputPath }
        // Every word a page's generator writes is in its language's words (the notes under figures
        // and tables, chart descriptions, labels)...
        let languages = Set(pages.map { $0.frontMatter.language ?? config.language }).union([config.language])
            .union(pages.map { $0.folder ?? config.language })
        let wordsByLanguage = Dictionary(uniqueKeysWithValues: languages.map { ($0, words($0)) })
        let wordDigests = wordsByLanguage.mapValues { w in
            Codecs.sha256(Data(w.all.keys.sorted().map { $0 + "=" + w.all[$0]! }.joined(separator: "\n").utf8))
        }
        // Each language numbers its own figures and tables, and draws charts in its own words.
        var indexes: [String: ReferenceIndex] = [:]
        for folder in Set(pages.map { $0.folder ?? "" }) {
            let group = pages.indices.filter { (pages[$0].folder ?? "") == folder }
            let language = folder.isEmpty ? config.language : folder
            indexes[folder] = ReferenceIndex(pages: group.map { (pages[$0], paths[$0]) }, words: wordsByLanguage[language]!)
        }
        // A page shown in two languages (a fallback) would report its problems twice: once each.
        var seen = Set<String>()
        for folder in indexes.keys.sorted() {
            for problem in indexes[folder]!.problems where seen.insert(problem.description).inserted { diagnostics.append(problem) }
        }
        try diagnostics.throwIfErrors()
        let index = indexes[""] ?? ReferenceIndex(pages: [])
        let charts = ChartContext(survey: data.survey, analysis: data.analysis, tables: data.sideTables, network: data.network,
                                  disclosure: config.disclosure, words: wordsByLanguage[config.language]!, releases: data.releases)
        // A page's HTML depends on its own text, the data, and its language's numbering of figures.
        let signatures = indexes.mapValues { Codecs.sha256(Data($0.signature.utf8)) }
        let dataDigest = Codecs.sha256(Data(dataKey.utf8))
        let keys = pages.enumerated().map { i, page in
            [dataDigest, page.source, page.text, page.folder ?? "", String(page.isFallback), paths[i],
             signatures[page.folder ?? ""]!, wordDigests[page.frontMatter.language ?? config.language]!].joined(separator: "\u{1}")
        }
        let stale = pages.indices.filter { cache.rendered[paths[$0]]?.key != keys[$0] }
        counts.pagesRendered = stale.count
        let fresh = Parallel.map(stale, progress: { observe(.step(done: $0, of: $1)) }) { i -> Result<SiteBuilder.RenderedPage, DiagnosticsError> in
            let page = pages[i]
            var context = charts
            context.words = wordsByLanguage[page.frontMatter.language ?? config.language]!
            let renderer = PageRenderer(codebook: data.codebook, analysis: data.analysis, config: config, findings: data.findings,
                                        charts: ChartBuilder(context: context), bibliography: data.references)
            do throws(DiagnosticsError) {
                let out = try renderer.render(page, references: indexes[page.folder ?? ""]!)
                return .success(SiteBuilder.RenderedPage(page: page, outputPath: paths[i], html: out.html, headings: out.headings,
                                                         files: out.files, citedAt: out.citations,
                                                         contentKey: Codecs.sha256(Data(keys[i].utf8))))
            } catch {
                return .failure(error)
            }
        }
        var renderedNow: [String: (key: String, page: SiteBuilder.RenderedPage)] = [:]
        for (k, i) in stale.enumerated() {
            switch fresh[k] {
            case .success(let page): renderedNow[paths[i]] = (keys[i], page)
            case .failure(let error): diagnostics.append(error)
            }
        }
        var rendered: [SiteBuilder.RenderedPage] = []
        var citations: [String: [SourceLocation]] = [:]
        for i in pages.indices {
            guard let entry = renderedNow[paths[i]] ?? cache.rendered[paths[i]].flatMap({ $0.key == keys[i] ? $0 : nil }) else { continue }
            renderedNow[paths[i]] = entry
            rendered.append(entry.page)
            for (name, at) in entry.page.citedAt { citations[name, default: []].append(at) }
        }
        cache.rendered = renderedNow
        diagnostics.append(contentsOf: SiteBuilder.claimFailures(data.findings, citations: citations))
        try diagnostics.throwIfErrors()
        var codebookPages: [String: (key: String, html: String, headings: [(level: Int, text: String, id: String)])] = [:]
        rendered = SiteBuilder.withGeneratedPages(rendered, indexes: indexes, data: data,
                                                  words: { wordsByLanguage[$0.isEmpty ? config.language : $0]! }) { folder, citedOn in
            let language = folder.isEmpty ? config.language : folder
            let key = [dataDigest, signatures[folder]!, wordDigests[language]!, citedOn.keys.sorted().map { $0 + ":" + citedOn[$0]!.joined(separator: ",") }.joined(separator: ";")]
                .joined(separator: "\u{1}")
            if let old = cache.codebookPages[folder], old.key == key {
                codebookPages[folder] = old
                return (old.html, old.headings)
            }
            let made = CodebookPage.html(codebook: data.codebook, analysis: data.analysis, releases: data.releases, findings: data.findings,
                                         references: indexes[folder]!, citations: citedOn, config: config,
                                         folder: folder.isEmpty ? nil : folder, words: wordsByLanguage[language]!)
            codebookPages[folder] = (key, made.html, made.headings)
            return made
        }
        cache.codebookPages = codebookPages
        return (rendered, index.figureCount)
    }

    // MARK: - Stage 5: layouts

    private func templates(key: String) throws(DiagnosticsError) -> TemplateSet {
        if let cached = cache.templates, cached.key == key { return cached.set }
        let set = try TemplateSet(folders: [options.templates, options.content.appendingPathComponent("templates")],
                                  workingDirectory: options.workingDirectory, requireFirst: options.templatesRequired)
        cache.templates = (key, set)
        return set
    }

    private func layOut(_ pages: [SiteBuilder.RenderedPage], data: LoadedData, keys: Inputs, counts: inout BuildSummary.Work,
                        observe: (BuildEvent) -> Void) throws(DiagnosticsError) -> [(String, Data)] {
        let config = data.config
        let templates = try templates(key: keys.templatesKey)
        let cite = CiteThisReport(config: config)
        let jsonLD = cite.jsonLD(codebook: data.codebook)
        // Navigation lists every page of a language, and the switcher every language: a title
        // or a page added anywhere lays out every page again.
        let site = pages.map { [$0.page.folder ?? "", $0.page.slug, $0.page.title, $0.outputPath, String($0.page.isFallback)].joined(separator: "\u{2}") }
            .joined(separator: "\u{1}")
        // Hashed: it goes into every page's key, and it grows with the number of pages.
        let shared = Codecs.sha256(Data([keys.dataKey, keys.templatesKey, site].joined(separator: "\u{3}").utf8))
        let navigation = SiteNavigation(pages)
        let layout = LayoutContext(navigation: navigation, config: config, jsonLD: jsonLD,
                                   languages: Set(pages.map { $0.page.frontMatter.language ?? config.language }), strings: templates.strings(for:), languageName: templates.languageName)
        let layoutKeys = pages.map { page in
            shared + "\u{3}" + page.htmlDigest + page.headings.map { "\($0.level)\($0.id)" }.joined()
                + page.page.source + page.page.text
        }
        let searchKeys = pages.map { page in
            [page.page.title, page.page.frontMatter.language ?? config.language, page.htmlDigest].joined(separator: "\u{1}")
        }
        // First each changed page's search sections (on every core), so that the search index can
        // then be written beside the layouts instead of after them.
        let oldLayouts = cache.laidOut, oldSearch = cache.search
        let staleSections = pages.indices.filter { !pages[$0].page.isFallback && oldSearch[pages[$0].outputPath]?.key != searchKeys[$0] }
        let freshSections = Parallel.map(staleSections) { i in
            SearchIndex.sections(html: pages[i].html, path: pages[i].outputPath, title: pages[i].page.title,
                                 lang: pages[i].page.frontMatter.language ?? config.language)
        }
        var search: [String: (key: String, sections: [SearchIndex.Section])] = [:]
        for (k, i) in staleSections.enumerated() { search[pages[i].outputPath] = (searchKeys[i], freshSections[k]) }
        var indexed: [SearchIndex.Section] = []
        for page in pages where !page.page.isFallback {
            let sections = search[page.outputPath] ?? oldSearch[page.outputPath]!
            search[page.outputPath] = sections
            indexed += sections.sections
        }
        cache.search = search
        // Independent jobs, run on every core: each stale page's layout, the search index,
        // findings.json and the 404 page when what they read changed.
        enum Job { case page(Int), findingsJSON, notFound, searchIndex }
        enum Output { case data(Data), failed(DiagnosticsError) }
        // The search index first: it is one long job, which the other core's pages then overlap
        // instead of it running alone at the end (a second of a 10,000-page build).
        var jobs = [Job.searchIndex]
        jobs += pages.indices.filter { oldLayouts[pages[$0].outputPath]?.key != layoutKeys[$0] }.map { Job.page($0) }
        counts.pagesLaidOut = jobs.count - 1
        if cache.findingsJSON?.key != keys.dataKey { jobs.append(.findingsJSON) }
        if cache.laidOut["404.html"]?.key != shared { jobs.append(.notFound) }
        let outputs = Parallel.map(Array(jobs.indices), progress: { observe(.step(done: $0, of: $1)) }) { j -> Output in
            do throws(DiagnosticsError) {
                switch jobs[j] {
                case .findingsJSON:
                    return .data(Self.findingsJSON(data))
                case .searchIndex:
                    return .data(Data(SearchIndex.serialized(indexed).utf8))
                case .notFound:
                    return .data(Data(try SiteBuilder.notFoundPage(layout, templates: templates).utf8))
                case .page(let i):
                    return .data(Data(try templates.render("layout", layout.make(page: pages[i])).utf8))
                }
            } catch {
                return .failed(error)
            }
        }
        var laidOut: [String: (key: String, bytes: Data)] = [:]
        var searchIndex = Data()
        for (j, job) in jobs.enumerated() {
            switch (job, outputs[j]) {
            case (_, .failed(let error)): throw error
            case (.findingsJSON, .data(let bytes)): cache.findingsJSON = (keys.dataKey, bytes)
            case (.searchIndex, .data(let bytes)): searchIndex = bytes
            case (.notFound, .data(let bytes)): laidOut["404.html"] = (shared, bytes)
            case (.page(let i), .data(let bytes)): laidOut[pages[i].outputPath] = (layoutKeys[i], bytes)
            }
        }
        laidOut["404.html"] = laidOut["404.html"] ?? oldLayouts["404.html"]
        var files: [(String, Data)] = HostingFiles.make(navigation: navigation, config: config)
        files.append(("search-index.json", searchIndex))
        files.append(("404.html", laidOut["404.html"]!.bytes))
        files.append(("cite.bib", Data(cite.bibtex.utf8)))
        files.append(("cite.ris", Data(cite.ris.utf8)))
        for (i, page) in pages.enumerated() {
            let bytes = laidOut[page.outputPath]?.bytes ?? oldLayouts[page.outputPath]!.bytes
            laidOut[page.outputPath] = (layoutKeys[i], bytes)
            files.append((page.outputPath, bytes))
        }
        cache.laidOut = laidOut
        for asset in templates.assets { files.append((asset.path, asset.data)) }
        for page in pages { for file in page.files { files.append((file.path, Data(file.text.utf8))) } }
        files.append(("data/findings.json", cache.findingsJSON!.bytes))
        return files
    }

    /// `findings.json` with disclosure control applied: a function of the data alone.
    private static func findingsJSON(_ data: LoadedData) -> Data {
        let published = FindingsDocument.json(data.analysis, codebook: data.codebook, language: data.config.language,
                                              findings: data.findings, network: data.network, disclosure: data.config.disclosure,
                                              releases: data.releases)
        return Data(published.serialized(pretty: true).utf8)
    }

    // MARK: - Stage 6: hashed asset names, .gz copies, headers, the manifest

    /// The `.gz` copy already published at `path`, when it inflates to exactly `bytes`. A
    /// rebuild takes it instead of compressing again: inflating is several times cheaper, and
    /// compression was a sixth of a 1,000-page rebuild.
    static func publishedCopy(of bytes: Data, at path: String) -> Data? {
        guard let gz = OutputFolder.regularFile(path), Codecs.gunzip(gz, equals: bytes) else { return nil }
        return gz
    }

    private func publish(_ files: [(String, Data)], rendered: [SiteBuilder.RenderedPage], data: LoadedData,
                         inputs: Inputs, takenFromPublished: inout Set<String>) -> [(String, Data)] {
        let renames = Publishing.assetRenames(files)
        let renamesKey = renames.keys.sorted().map { $0 + ">" + renames[$0]! }.joined(separator: "\n")
        let byBytes = Dictionary(uniqueKeysWithValues: renames.map { (Array($0.key.utf8), Array($0.value.utf8)) })
        var hashedHTML: [String: (input: Data, renames: String, output: Data)] = [:]
        var out: [(String, Data)] = files.map { path, bytes in (renames[path] ?? path, bytes) }
        // Pages point at the hashed names; rewritten on every core, unless the cache has them.
        var toRewrite: [Int] = []
        for (i, (path, bytes)) in files.enumerated() where path.hasSuffix(".html") {
            if let old = cache.hashedHTML[path], old.renames == renamesKey, old.input == bytes {
                hashedHTML[path] = old
                out[i].1 = old.output
            } else {
                toRewrite.append(i)
            }
        }
        let rewritten = Parallel.map(toRewrite) { i in Publishing.rewriteQuotedPaths(files[i].1, renames: byBytes) }
        for (k, i) in toRewrite.enumerated() {
            hashedHTML[files[i].0] = (files[i].1, renamesKey, rewritten[k])
            out[i].1 = rewritten[k]
        }
        cache.hashedHTML = hashedHTML
        // Hashes and gzip copies of files that changed, on every core; the rest from the cache.
        var outputs: [String: Cache.Output] = [:]
        let precompress = data.config.precompress
        let wantsGzip = { (i: Int) in precompress && Publishing.shouldCompress(out[i].0, out[i].1) }
        let stale = out.indices.filter { i in
            // A cached file is reused only if its gzip copy is as the setting now asks.
            guard let old = cache.outputs[out[i].0], old.data == out[i].1, (old.gzip != nil) == wantsGzip(i) else { return true }
            outputs[out[i].0] = old
            return false
        }
        let published = options.output.path
        let hasPublished = access(published, F_OK) == 0
        let fresh = Parallel.map(stale) { i -> (output: Cache.Output, gzipWasPublished: Bool) in
            let (path, bytes) = out[i]
            guard wantsGzip(i) else { return ((bytes, Codecs.sha256(bytes), nil), false) }
            if hasPublished, let copy = Self.publishedCopy(of: bytes, at: published + "/" + path + ".gz") {
                return ((bytes, Codecs.sha256(bytes), (copy, Codecs.sha256(copy))), true)
            }
            return ((bytes, Codecs.sha256(bytes), Codecs.gzip(bytes).map { ($0, Codecs.sha256($0)) }), false)
        }
        for (k, i) in stale.enumerated() {
            outputs[out[i].0] = fresh[k].output
            if fresh[k].gzipWasPublished { takenFromPublished.insert(out[i].0 + ".gz") }
        }
        var compressed: [(String, Data)] = []
        var compressedSHAs: [String: String] = [:]
        for (path, _) in out {
            guard let gzip = outputs[path]?.gzip else { continue }
            compressed.append((path + ".gz", gzip.data))
            compressedSHAs[path + ".gz"] = gzip.sha
        }
        out += compressed
        out.append(("_headers", Data(Publishing.headers.utf8)))
        var shas = out.map { path, bytes in (path, outputs[path]?.sha ?? compressedSHAs[path] ?? Codecs.sha256(bytes)) }
        shas.sort { $0.0 < $1.0 }
        out.append(("build-manifest.json", Publishing.manifest(outputs: shas, generator: SiteBuilder.generator)))
        cache.outputs = outputs
        return out
    }
}

extension Result {
    /// The failure, if this is one.
    var error: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}

/// What `stat` says of a file: enough to know it has not been written since it was last read.
struct FileStamp: Equatable {
    var size: Int
    var seconds: Int
    var nanoseconds: Int
    var inode: UInt

    /// Whether the file changed long enough ago that a later write within the same clock tick
    /// (file times are coarse) cannot hide behind an equal stamp; recent files are always read.
    var isSettled: Bool { Double(seconds) + Double(nanoseconds) / 1e9 < Date().timeIntervalSince1970 - 2 }
}
