import Foundation
import Testing
import TestSupport

/// The built report as a static host and its readers' browsers meet it.
@Suite("Ready for static hosting")
struct HostingTests {
    func shippedReport() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try FileManager.default.copyItem(at: Repository.content, to: folder.url.appendingPathComponent("content"))
        try FileManager.default.copyItem(at: Repository.templates, to: folder.url.appendingPathComponent("templates"))
        return folder
    }

    @Test("Sitemap, robots, canonical links and hreflang under a subpath base URL; a 404 page")
    func baseURL() throws {
        let folder = try shippedReport()
        defer { folder.remove() }
        let run = try runFindings(["build", "-q", "--base-url", "https://example.org/report/"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        let sitemap = try folder.read("public/sitemap.xml")
        #expect(sitemap.contains("<loc>https://example.org/report/index.html</loc>"))
        #expect(sitemap.contains("<xhtml:link rel=\"alternate\" hreflang=\"zh\" href=\"https://example.org/report/zh/index.html\"/>"))
        #expect(!sitemap.contains("<loc>https://example.org/index.html"))
        #expect(try folder.read("public/robots.txt").contains("Sitemap: https://example.org/report/sitemap.xml"))
        let zh = try folder.read("public/zh/recommendations.html")
        #expect(zh.contains("<link rel=\"canonical\" href=\"https://example.org/report/zh/recommendations.html\">"))
        #expect(zh.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"recommendations.html\">"))
        let notFound = try folder.read("public/404.html")
        #expect(notFound.contains("<base href=\"https://example.org/report/\">"))
        #expect(notFound.contains("Page not found"))
    }

    @Test("No file asks the browser for anything from another origin; every page forbids it")
    func noThirdPartyRequests() throws {
        let folder = try shippedReport()
        defer { folder.remove() }
        #expect(try runFindings(["build", "-q"], in: folder.url).status == 0)
        let files = try folder.snapshot("public")
        #expect(files.count > 20)
        for (path, data) in files where path.hasSuffix(".html") || path.hasSuffix(".css") || path.hasSuffix(".svg") {
            let text = String(decoding: data, as: UTF8.self)
            // Anything a browser fetches by itself: src, stylesheets and icons, CSS url(), imports.
            for marker in ["src=\"http", "src='http", "url(http", "url(\"http", "url('http", "@import"] {
                #expect(!text.contains(marker), "\(path) loads \(marker)")
            }
            for line in text.components(separatedBy: "<link ").dropFirst() {
                let tag = String(line.prefix { $0 != ">" })
                if tag.contains("rel=\"stylesheet\"") || tag.contains("rel=\"icon\"") || tag.contains("rel=\"preload\"") {
                    #expect(!tag.contains("href=\"http"), "\(path): \(tag)")
                }
            }
            if path.hasSuffix(".html") {
                #expect(text.contains("Content-Security-Policy\" content=\"default-src 'self';"), "\(path) has a CSP")
            }
        }
    }

    @Test("The same inputs give a byte-identical site")
    func deterministic() throws {
        let folder = try shippedReport()
        defer { folder.remove() }
        #expect(try runFindings(["build", "-q", "--output", "first"], in: folder.url).status == 0)
        #expect(try runFindings(["build", "-q", "--output", "second"], in: folder.url).status == 0)
        let first = try folder.snapshot("first"), second = try folder.snapshot("second")
        #expect(first.count == second.count)
        #expect(first == second)
    }
}
