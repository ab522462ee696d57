import Analysis
import Concurrency
import Diagnostics
import Formats
import Foundation
import Markdown
import SurveyData
import Words

/// Stage 4: commentary and charts, page by page.
extension BuildSession {

    func render(_ pages: [Page], data: LoadedData, dataKey: String, words: (String) -> Words, counts: inout BuildSummary.Work,
                        observe: (BuildEvent) -> Void) throws(DiagnosticsError) -> (pages: [RenderedPage], figures: Int) {
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
        let fresh = Parallel.map(stale, progress: { observe(.step(done: $0, of: $1)) }) { i -> Result<RenderedPage, DiagnosticsError> in
            let page = pages[i]
            var context = charts
            context.words = wordsByLanguage[page.frontMatter.language ?? config.language]!
            let renderer = PageRenderer(codebook: data.codebook, analysis: data.analysis, config: config, findings: data.findings,
                                        charts: ChartBuilder(context: context), bibliography: data.references)
            do throws(DiagnosticsError) {
                let out = try renderer.render(page, references: indexes[page.folder ?? ""]!)
                return .success(RenderedPage(page: page, outputPath: paths[i], html: out.html, headings: out.headings,
                                                         files: out.files, citedAt: out.citations,
                                                         contentKey: Codecs.sha256(Data(keys[i].utf8))))
            } catch {
                return .failure(error)
            }
        }
        var renderedNow: [String: (key: String, page: RenderedPage)] = [:]
        for (k, i) in stale.enumerated() {
            switch fresh[k] {
            case .success(let page): renderedNow[paths[i]] = (keys[i], page)
            case .failure(let error): diagnostics.append(error)
            }
        }
        var rendered: [RenderedPage] = []
        var citations: [String: [SourceLocation]] = [:]
        for i in pages.indices {
            guard let entry = renderedNow[paths[i]] ?? cache.rendered[paths[i]].flatMap({ $0.key == keys[i] ? $0 : nil }) else { continue }
            renderedNow[paths[i]] = entry
            rendered.append(entry.page)
            for (name, at) in entry.page.citedAt { citations[name, default: []].append(at) }
        }
        cache.rendered = renderedNow
        diagnostics.append(contentsOf: ClaimCheck.failures(data.findings, citations: citations))
        try diagnostics.throwIfErrors()
        var codebookPages: [String: (key: String, html: String, headings: [(level: Int, text: String, id: String)])] = [:]
        rendered = GeneratedPages.adding(rendered, indexes: indexes, data: data,
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
}
