import Concurrency
import Formats
import Words
#if canImport(Glibc)
import Glibc
#endif
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
    /// Whether `templates` must exist. Without it the built-in templates serve alone (a report
    /// made by `findings new` has no templates folder until the author wants one).
    public var templatesRequired = true
    /// Whether to replace an output folder that holds files Findings did not build.
    public var force = false

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
    public var findings: Int = 0
    public var questions: Int = 0
    public var respondents: Int = 0
    /// Page files read (a page shown again in another language is counted once).
    public var sourcePages: Int = 0
    /// How long each stage took.
    public var times = StageTimes()
    /// What this build had to redo (a cold build redoes everything).
    public var work = Work()

    public struct Work: Sendable, Equatable {
        public var dataReloaded = false
        public var pagesRendered = 0
        public var pagesLaidOut = 0
    }
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
        /// Every finding the page cites, with where (for claims that fail).
        var citedAt: [(name: String, location: SourceLocation)] = []
        var citations: [String] { citedAt.map(\.name) }
        /// A digest of everything the HTML was made from, when known (saves hashing the HTML).
        var contentKey: String?
        /// `contentKey`, or a digest of the HTML itself.
        var htmlDigest: String { contentKey ?? Codecs.sha256(Data(html.utf8)) }
    }

    /// Builds the site into `options.output`, or leaves it untouched and throws.
    public static func build(_ options: BuildOptions, observe: @escaping (BuildEvent) -> Void = { _ in }) throws(DiagnosticsError) -> BuildSummary {
        try checkOutputIsSafe(options)
        try checkOutputIsOurs(options)
        let session = BuildSession(options)
        var site = try session.build(observe: observe)
        releaseInBackground(session)
        let start = ContinuousClock.now
        observe(.stage(number: 7, of: 7, name: "Writing \(options.output.lastPathComponent)/"))
        try write(site.files, to: options.output, published: site.published)
        site.summary.times.record("write", ContinuousClock.now - start)
        return site.summary
    }

    /// Lets go of a finished session on another thread: freeing every page's tree, HTML and
    /// cache entry took tens of milliseconds on the main thread before the files were written,
    /// and a one-shot build exits without waiting for it.
    private static func releaseInBackground(_ session: BuildSession) {
        Background.release(session)
    }

    /// Writes a built site in place of `output` in one step (the old one stays on any error).
    /// `published` names files known to be byte-identical to the ones at those paths in `destination`.
    public static func write(_ files: [(path: String, data: Data)], to destination: URL, published: Set<String> = []) throws(DiagnosticsError) {
        let output = OutputFolder(destination: destination)
        try output.prepare()
        do throws(DiagnosticsError) {
            try output.write(all: files, published: published)
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }

    /// The page for addresses that do not exist, in the site's look, with the sections to go to.
    static func notFoundPage(_ layout: LayoutContext, templates: TemplateSet) throws(DiagnosticsError) -> String {
        // In the site's own language, from the language files like every other word.
        let words = templates.words(for: layout.config.language)
        var notFoundMatter = FrontMatter()
        notFoundMatter.title = words["not_found_title"]
        notFoundMatter.summary = words["not_found_summary"]
        let link = HTMLEscaping.escape(words["not_found_link"])
        let notFound = RenderedPage(page: Page(slug: "404", source: "", frontMatter: notFoundMatter,
                                               document: MarkdownDocument(root: MarkdownNode(.document))),
                                    outputPath: "404.html", html: "<p><a href=\"index.html\">\(link)</a></p>\n", headings: [])
        var context = layout.make(page: notFound, inOrder: false)
        if case .object(var page)? = context["page"] {
            // Served at any address (/a/b/missing), so its links start from the site's root: the
            // base URL, or without one the host's root (set base_url for a site in a subfolder).
            let base = layout.config.baseURL ?? "/"
            page["root"] = .string(base.hasSuffix("/") ? base : base + "/")
            context["page"] = .object(page)
        }
        return try templates.render("layout", context)
    }

    /// Rebuilds in memory and compares it with the published output, file by file.
    /// Returns what differs (empty when the output is exactly what these inputs build).
    public static func verify(_ options: BuildOptions) throws(DiagnosticsError) -> [String] {
        let built = try BuildSession(options).build().files
        let published = Dictionary(Publishing.files(under: options.output, prefix: ""), uniquingKeysWith: { a, _ in a })
        let fresh = Dictionary(built.map { ($0.path, $0.data) }, uniquingKeysWith: { a, _ in a })
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
        try BuildSession(options).check()
    }

    /// The generated codebook page, after the author's pages (or appended to their codebook.md),
    /// once for each language (zh/codebook.html speaks Chinese and lists the Chinese pages), and
    /// the list of works cited when the report has references and no page of its own for them.
    /// `generate` makes one language's codebook page from the pages each finding is cited on
    /// (the build session answers it from its cache when nothing it reads has changed).
    static func withGeneratedPages(_ rendered: [RenderedPage], indexes: [String: ReferenceIndex], data: LoadedData,
                                   words: (_ folder: String) -> Words,
                                   generate: (_ folder: String, _ citedOn: [String: [String]]) -> (html: String, headings: [(level: Int, text: String, id: String)]))
        -> [RenderedPage] {
        var all = rendered
        for folder in indexes.keys.sorted() {
            let inFolder = rendered.filter { ($0.page.folder ?? "") == folder }
            var citedOn: [String: [String]] = [:]
            for page in inFolder {
                for name in page.citations where !(citedOn[name]?.contains(page.outputPath) ?? false) { citedOn[name, default: []].append(page.outputPath) }
            }
            let generated = generate(folder, citedOn)
            if let i = all.firstIndex(where: { $0.page.slug == CodebookPage.slug && ($0.page.folder ?? "") == folder }) {
                all[i].contentKey = nil
                all[i].html += generated.html
                all[i].headings += generated.headings
            } else {
                let page = CodebookPage.page(folder: folder.isEmpty ? nil : folder, words: words(folder))
                all.append(RenderedPage(page: page, outputPath: page.outputPath, html: generated.html, headings: generated.headings))
            }
        }
        // A language with too many pages for its menu gets a contents page listing them all.
        for folder in indexes.keys.sorted() {
            let members = all.filter { ($0.page.folder ?? "") == folder }
            guard SiteNavigation.isLarge(members.count), !members.contains(where: { $0.page.slug == SiteNavigation.contentsSlug }) else { continue }
            var matter = FrontMatter()
            matter.title = words(folder)["all_pages"]
            matter.language = folder.isEmpty ? nil : folder
            let items = members.map { page in
                "<li><a href=\"\(HTMLEscaping.escapeURL(page.outputPath))\">\(HTMLEscaping.escape(page.page.title))</a>"
                    + (page.page.frontMatter.summary.map { " — " + HTMLEscaping.escape($0) } ?? "") + "</li>"
            }
            let page = Page(slug: SiteNavigation.contentsSlug, source: "", frontMatter: matter,
                            document: MarkdownDocument(root: MarkdownNode(.document)), folder: folder.isEmpty ? nil : folder)
            all.append(RenderedPage(page: page, outputPath: page.outputPath,
                                    html: "<ul class=\"contents\">\n" + items.joined(separator: "\n") + "\n</ul>\n", headings: []))
        }
        if let references = data.references, !references.works.isEmpty, !all.contains(where: { $0.page.slug == "references" }) {
            var resolver = CitationResolver(references: references)
            resolver.cited = references.works.map(\.id)
            var matter = FrontMatter()
            let main = words("")
            matter.title = main["references_title"]
            matter.order = Int.max
            all.append(RenderedPage(page: Page(slug: "references", source: "", frontMatter: matter,
                                                 document: MarkdownDocument(root: MarkdownNode(.document))),
                                      outputPath: "references.html",
                                      html: resolver.listHTML(title: main["works_cited"]), headings: []))
        }
        return all
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
            out.append(.error(at: findings.claimLocations[name] ?? findings.locations[name] ?? .start(of: "findings.yaml"),
                              "claim \"\(value.spec.claimText ?? "")\" of finding \"\(name)\" does not hold: the data give \(shown)",
                              hint: pages.isEmpty ? "no page cites it" : "cited by \(pages.joined(separator: ", "))"))
            for at in cited {
                out.append(.error(at: at, "the data no longer support finding \"\(name)\" (claim \"\(value.spec.claimText ?? "")\"; the data give \(shown))"))
            }
        }
        return out
    }

    /// The folders inside the content folder that hold its inputs: an output there would be
    /// written over them.
    static let inputFolders = ["data", "pages", "templates"]

    /// The output may not be the content or templates folder, a folder above either, a folder
    /// inside the templates, or one of the content folder's input folders (`content/data`) or
    /// anything inside them; links are resolved before comparing. An output beside the inputs
    /// inside the content folder (`--content . --output public`) is fine: it is never read as input.
    static func checkOutputIsSafe(_ options: BuildOptions) throws(DiagnosticsError) {
        let out = resolved(options.output)
        let refusal = { () -> DiagnosticsError in
            DiagnosticsError(.error(at: .start(of: DisplayPath.name(options.output.standardizedFileURL.path, relativeTo: options.workingDirectory)),
                                    "refusing to build into \(options.output.standardizedFileURL.path): it holds, or lies among, the report's own sources",
                                    hint: "choose an output folder outside data/, pages/ and templates/, such as public"))
        }
        let content = resolved(options.content), templates = resolved(options.templates)
        for protected in [content, templates] where protected == out || isInside(protected, out) { throw refusal() }
        if isInside(out, templates) { throw refusal() }
        for folder in inputFolders {
            let inputs = content + "/" + folder
            if out == inputs || isInside(out, inputs) { throw refusal() }
        }
    }

    /// A build replaces its output folder whole, so it writes only into a folder that is missing,
    /// empty, or a site it built before (one with its `build-manifest.json`), unless forced.
    static func checkOutputIsOurs(_ options: BuildOptions) throws(DiagnosticsError) {
        guard !options.force else { return }
        let path = options.output.standardizedFileURL.path
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let name = DisplayPath.name(path, relativeTo: options.workingDirectory)
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw DiagnosticsError(.error(at: .start(of: name), "refusing to build into \(path): it is not a folder"))
        }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
        if entries.isEmpty || OutputFolder.regularFile(path + "/build-manifest.json") != nil { return }
        throw DiagnosticsError(.error(at: .start(of: name),
                                      "refusing to replace \(path): it holds files that Findings did not build (no build-manifest.json), and a build replaces the whole folder",
                                      hint: "choose another output folder, or pass --force to replace it"))
    }

    /// The absolute path with links resolved as far as the path exists.
    static func resolved(_ url: URL) -> String {
        var path = url.standardizedFileURL.path
        var rest: [String] = []
        while !path.isEmpty && path != "/" {
            if let real = InputListing.realPath(path) { return ([real == "/" ? "" : real] + rest.reversed()).joined(separator: "/") }
            rest.append((path as NSString).lastPathComponent)
            path = (path as NSString).deletingLastPathComponent
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    static func isInside(_ path: String, _ folder: String) -> Bool {
        path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
