import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Site

@Suite("Building a site from a content folder")
struct SiteBuildTests {
    func build(_ files: [String: String]) throws -> (TemporaryFolder, Result<BuildSummary, DiagnosticsError>) {
        return try buildSite(files)
    }

    @Test("Every page becomes an HTML file with navigation; charts are numbered across pages")
    func pagesAndFigures() throws {
        let (folder, result) = try build(MiniSurvey.content)
        defer { folder.remove() }
        let summary = try result.get()
        #expect(summary.pages == 3) // and the generated codebook page
        #expect(summary.figures == 3)
        let index = try folder.read("public/index.html")
        let results = try folder.read("public/results.html")
        for page in [index, results] {
            #expect(page.contains("<a href=\"index.html\""))
            #expect(page.contains("<a href=\"results.html\""))
            #expect(page.contains("Illustrative data."))
        }
        #expect(results.contains("<a href=\"results.html\" aria-current=\"page\">Results</a>"))
        #expect(index.contains("<span class=\"figure-number\">Figure 1.</span>"))
        #expect(results.contains("<span class=\"figure-number\">Figure 2.</span>"))
        #expect(results.contains("<span class=\"figure-number\">Figure 3.</span> Interest is high."))
        #expect(index.contains("<h2 id=\"barriers\">Barriers</h2>"))
        let assets = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("public/assets").path)
        #expect(assets.contains { $0.hasPrefix("style.") && $0.hasSuffix(".css") })
    }

    @Test("Counts below the disclosure threshold are withheld from charts")
    func disclosure() throws {
        var files = MiniSurvey.content
        files["content/site.yaml"] = MiniSurvey.site.replacingOccurrences(of: "min_cell: 2", with: "min_cell: 4")
        let (folder, result) = try build(files)
        defer { folder.remove() }
        _ = try result.get()
        let results = try folder.read("public/results.html")
        // Industry has 3 respondents: below 4, so its bar is withheld.
        #expect(results.contains("&lt;4 (withheld)"))
    }

    @Test("An unknown question in a chart is an error at the page's line and column")
    func unknownQuestion() throws {
        var files = MiniSurvey.content
        files["content/pages/results.md"] = "---\ntitle: Results\n---\n\nText.\n\n```chart\ntitle: Oops\nquestion: barrier\n```\n"
        let (folder, result) = try build(files)
        defer { folder.remove() }
        guard case .failure(let error) = result else {
            Issue.record("the build should fail")
            return
        }
        #expect(error.diagnostics.map(\.description) == [
            "content/pages/results.md:9:11: error: unknown question \"barrier\" (did you mean \"barriers\"?)",
        ])
        #expect(!folder.exists("public"))
    }

    @Test("A rebuild keeps unchanged files (same inode and time) and replaces changed ones")
    func unchangedFilesAreKept() throws {
        let (folder, first) = try build(MiniSurvey.content)
        defer { folder.remove() }
        guard case .success = first else { Issue.record("\(errorLines(first) ?? [])"); return }
        func identity(_ path: String) throws -> (inode: UInt64, modified: Date) {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder.url.appendingPathComponent("public/" + path).path)
            return ((attributes[.systemFileNumber] as! NSNumber).uint64Value, attributes[.modificationDate] as! Date)
        }
        let style = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("public/assets").path)
            .first { $0.hasPrefix("style") && $0.hasSuffix(".css") }!
        let before = (css: try identity("assets/" + style), results: try identity("results.html"))
        try folder.write(["content/pages/results.md": MiniSurvey.resultsPage + "\n\nOne more sentence.\n"])
        let options = BuildOptions(content: folder.url.appendingPathComponent("content"), templates: Repository.templates,
                                   output: folder.url.appendingPathComponent("public"), workingDirectory: folder.path)
        _ = try SiteBuilder.build(options)
        let after = (css: try identity("assets/" + style), results: try identity("results.html"))
        #expect(after.css.inode == before.css.inode && after.css.modified == before.css.modified)
        #expect(after.results.inode != before.results.inode)
        #expect(try folder.read("public/results.html").contains("One more sentence."))
        // Nothing is left beside the output folder.
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".public") }
        #expect(leftovers.isEmpty)
    }

    @Test("The output folder may not hold the content")
    func refusesToOverwriteContent() throws {
        let folder = try TemporaryFolder(MiniSurvey.content)
        defer { folder.remove() }
        let options = BuildOptions(content: folder.url.appendingPathComponent("content"), templates: Repository.templates,
                                   output: folder.url, workingDirectory: folder.path)
        #expect(throws: DiagnosticsError.self) { try SiteBuilder.build(options) }
        #expect(folder.exists("content/site.yaml"))
    }

    @Test("Front matter: drafts are left out, order decides the navigation")
    func frontMatter() throws {
        var files = MiniSurvey.content
        files["content/pages/draft.md"] = "---\ntitle: Not yet\ndraft: true\n---\nHidden.\n"
        files["content/pages/about.md"] = "---\ntitle: About\norder: 1\nauthors: [Ann Smith, Bob Jones]\n---\nAbout.\n"
        let (folder, result) = try build(files)
        defer { folder.remove() }
        #expect(try result.get().pages == 4)
        #expect(!folder.exists("public/draft.html"))
        #expect(try folder.read("public/about.html").contains("<p class=\"page-authors\">Ann Smith, Bob Jones</p>"))
        #expect(!(try folder.read("public/index.html").contains("page-authors")))
        let index = try folder.read("public/index.html")
        let about = try #require(index.range(of: "about.html")), results = try #require(index.range(of: "results.html\""))
        #expect(about.lowerBound < results.lowerBound)
    }

    @Test("A report's content/templates/ overrides the shared templates file by file: a partial, a block, interface words")
    func templateOverrides() throws {
        var files = MiniSurvey.content
        files["content/templates/partials/footer.mustache"] = "<footer class=\"site-footer\">Our own footer</footer>\n"
        files["content/templates/i18n/en.yaml"] = "on_this_page: \"In this section\"\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        _ = try result.get()
        let html = try folder.read("public/results.html")
        #expect(html.contains("Our own footer"))
        #expect(html.contains("In this section"))
        #expect(html.contains("class=\"site-nav\""))
        #expect(!html.contains("rel=\"canonical\""))
    }
}
