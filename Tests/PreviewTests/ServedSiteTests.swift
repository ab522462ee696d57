import Foundation
import Preview
import Testing

@Suite("What the preview server answers")
struct ServedSiteTests {
    let site = ServedSite(files: [
        "index.html": Data("<html><body><p>home</p></body></html>".utf8),
        "zh/index.html": Data("中文".utf8),
        "assets/style.abc.css": Data("body{}".utf8),
        "data/fig-interest.csv": Data("a,b\n".utf8),
    ])

    @Test("Folders give their index page; a folder without its slash is redirected to it")
    func folders() {
        #expect(site.answer("/") == .file(path: "index.html", data: site.files["index.html"]!))
        #expect(site.answer("/zh/") == .file(path: "zh/index.html", data: site.files["zh/index.html"]!))
        #expect(site.answer("/zh") == .redirect(to: "/zh/"))
        #expect(site.answer("/data/fig-interest.csv?download=1") == .file(path: "data/fig-interest.csv", data: site.files["data/fig-interest.csv"]!))
    }

    @Test("No path climbs out of the site, however it is spelled", arguments: [
        "/../content/data/responses.csv", "/%2e%2e/content/data/responses.csv", "/%2E%2E%2Fcontent%2Fdata%2Fresponses.csv",
        "/..%2fcontent/site.yaml", "/%252e%252e/content/site.yaml", "/assets/../../content/site.yaml", "/./index.html",
        "/..\\content\\site.yaml", "/%5c..%5ccontent", "/index.html%00.csv", "/zh/../index.html",
    ])
    func traversal(path: String) {
        #expect(site.answer(path) == .notFound)
    }

    @Test("Content types follow the file's extension")
    func contentTypes() {
        #expect(ServedSite.contentType(of: "a/b.html") == "text/html; charset=utf-8")
        #expect(ServedSite.contentType(of: "figures/fig-x.svg") == "image/svg+xml")
        #expect(ServedSite.contentType(of: "data/x.csv") == "text/csv; charset=utf-8")
        #expect(ServedSite.contentType(of: "assets/search.1234.js") == "text/javascript; charset=utf-8")
        #expect(ServedSite.contentType(of: "data/findings.json") == "application/json")
        #expect(ServedSite.contentType(of: "index.html.gz") == "application/gzip")
        #expect(ServedSite.contentType(of: "mystery.bin") == "application/octet-stream")
    }

    @Test("The live-reload script goes in just before </body>, with the site's version")
    func injection() {
        let page = Data("<html><body><p>x</p></body></html>".utf8)
        let out = String(decoding: LiveReload.inject(into: page, version: 7), as: UTF8.self)
        #expect(out == "<html><body><p>x</p><script src=\"/_findings/live.js\" data-version=\"7\" defer></script>\n</body></html>")
        let bare = String(decoding: LiveReload.inject(into: Data("<p>x</p>".utf8), version: 1), as: UTF8.self)
        #expect(bare.hasPrefix("<p>x</p><script src=\"/_findings/live.js\""))
    }

    @Test("A build error shows the source line it points at, with a caret under the column")
    func excerpt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("excerpt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "line one\nSee `=nope.pct` here.\n".write(to: folder.appendingPathComponent("page.md"), atomically: true, encoding: .utf8)
        let problem = BuildProblem(lines: ["page.md:2:5: error: unknown finding \"nope\""], workingDirectory: folder.path)
        #expect(problem.items == [.init(message: "page.md:2:5: error: unknown finding \"nope\"",
                                        excerpt: "2 | See `=nope.pct` here.\n        ^")])
        // A message that names no readable line still shows, without an excerpt.
        let bare = BuildProblem(lines: ["gone.md:9:1: error: x", "not a diagnostic"], workingDirectory: folder.path)
        #expect(bare.items.map(\.excerpt) == [nil, nil])
    }
}
