import Analysis
import Concurrency
import Diagnostics
import Formats
import Foundation
import Markdown
import SurveyData
import Words

/// Stage 5: layouts.
extension BuildSession {

    /// The templates: the built-in ones, then `templates/`, then `content/templates/`, file by
    /// file, read from the inventory.
    func templates(_ inputs: Inputs) throws(DiagnosticsError) -> TemplateSet {
        if let cached = cache.templates, cached.key == inputs.templatesKey { return cached.set }
        if options.templatesRequired && !FileManager.default.fileExists(atPath: options.templates.path) {
            throw DiagnosticsError(.error(at: .start(of: DisplayPath.name(options.templates.standardizedFileURL.path, relativeTo: options.workingDirectory)),
                                          "the templates folder is missing"))
        }
        let templatesFolder = ContentFolder(root: options.templates, workingDirectory: options.workingDirectory)
        var problems = DiagnosticCollector()
        let layers = [("templates", { templatesFolder.displayName($0) }), ("content/templates", { self.content.displayName("templates/" + $0) })]
            .map { folder, display in
                inputs.inventory.files(under: folder).compactMap { relative, file -> (relative: String, data: Data, display: String)? in
                    guard let data = inputs.inventory.bytes(file.path) else {
                        problems.error(at: .start(of: display(relative)), "cannot read the file")
                        return nil
                    }
                    return (relative, data, display(relative))
                }
            }
        try problems.throwIfErrors()
        let set = try TemplateSet(layers: layers)
        cache.templates = (inputs.templatesKey, set)
        return set
    }

    func layOut(_ pages: [RenderedPage], data: LoadedData, keys: Inputs, counts: inout BuildSummary.Work,
                        observe: (BuildEvent) -> Void) throws(DiagnosticsError) -> [(String, Data)] {
        let config = data.config
        let templates = try templates(keys)
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
                    return .data(Data(try GeneratedPages.notFound(layout, templates: templates).utf8))
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
    static func findingsJSON(_ data: LoadedData) -> Data {
        let published = FindingsDocument.json(data.analysis, codebook: data.codebook, language: data.config.language,
                                              findings: data.findings, network: data.network, disclosure: data.config.disclosure,
                                              releases: data.releases)
        return Data(published.serialized(pretty: true).utf8)
    }
}
