import Foundation
import Testing
import TestSupport

/// The built report as a static host and its readers' browsers meet it.
@Suite("Ready for static hosting")
struct HostingTests {
    @Test("Sitemap, robots, canonical links and hreflang under a subpath base URL; a 404 page")
    func baseURL() throws {
        let folder = try TemporaryFolder.copyOfReport()
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

    @Test("Without a base URL the 404 page's links start from the host's root; on a Chinese site it is in Chinese, and so is the references page")
    func notFoundEverywhere() throws {
        var files = MiniSurvey.content
        files["content/site.yaml"] = MiniSurvey.site + "\nlanguage: zh\n"
        files["content/references.yaml"] = "- {id: ye2025, type: article-journal, title: A study, author: [{family: Ye, given: X}], issued: {date-parts: [[2025]]}}\n"
        files["content/pages/results.md"] = MiniSurvey.resultsPage + "\n见 [@ye2025]。\n"
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        let run = try runFindings(["build", "-q", "--templates", Repository.templates.path], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        let notFound = try folder.read("public/404.html")
        #expect(notFound.contains("<base href=\"/\">"))
        #expect(notFound.contains("页面不存在") && notFound.contains("返回概览"))
        #expect(!notFound.contains("Page not found"))
        let references = try folder.read("public/references.html")
        #expect(references.contains("参考文献") && !references.contains("Works cited in this report"), "\(references.prefix(400))")
    }

    @Test("No file asks the browser for anything from another origin; every page forbids it")
    func noThirdPartyRequests() throws {
        let folder = try TemporaryFolder.copyOfReport()
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
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        #expect(try runFindings(["build", "-q", "--output", "first"], in: folder.url).status == 0)
        #expect(try runFindings(["build", "-q", "--output", "second"], in: folder.url).status == 0)
        let first = try folder.snapshot("first"), second = try folder.snapshot("second")
        #expect(first.count == second.count)
        #expect(first == second)
    }

    @Test("Hashed asset names, .gz copies, cache headers, a manifest, and verify that catches a changed file")
    func publishingFiles() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        #expect(try runFindings(["build", "-q"], in: folder.url).status == 0)
        let files = try folder.snapshot("public")
        let assets = files.keys.filter { $0.hasPrefix("/assets/") && !$0.hasSuffix(".gz") }
        #expect(assets.contains { $0.range(of: #"^/assets/style\.[0-9a-f]{10}\.css$"#, options: .regularExpression) != nil })
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for match in html.components(separatedBy: "\"assets/").dropFirst() {
                let name = "/assets/" + match.prefix { $0 != "\"" }
                #expect(files[name] != nil, "\(path) refers to \(name)")
            }
            #expect(files[path + ".gz"] != nil, "\(path) has a .gz copy")
        }
        #expect(String(decoding: files["/_headers"] ?? Data(), as: UTF8.self).contains("max-age=31536000, immutable"))
        let manifest = try #require(try JSONSerialization.jsonObject(with: files["/build-manifest.json"] ?? Data()) as? [String: Any])
        let outputs = try #require(manifest["outputs"] as? [String: String])
        #expect(outputs["index.html"]?.count == 64)
        // Nothing of the inputs: a digest of a small survey's responses would let a guess be tested.
        #expect(manifest["inputs"] == nil)
        // A .gz copy decompresses to its original.
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gunzip.arguments = ["-dc", folder.url.appendingPathComponent("public/index.html.gz").path]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        let unzipped = pipe.fileHandleForReading.readDataToEndOfFile()
        gunzip.waitUntilExit()
        #expect(unzipped == files["/index.html"])
        #expect(try runFindings(["verify"], in: folder.url).status == 0)
        // A rebuild takes a published .gz copy only if it inflates to exactly the new file.
        try folder.write(["public/index.html.gz": "not gzip", "public/methods.html.gz": ""])
        #expect(try runFindings(["build", "-q"], in: folder.url).status == 0)
        #expect(try folder.snapshot("public") == files)
        try folder.write(["public/methods.html": "tampered"])
        let tampered = try runFindings(["verify"], in: folder.url)
        #expect(tampered.status != 0)
        #expect(tampered.stdout.contains("differs: methods.html"))
    }

    @Test("Every page, with its CSS and scripts, is under 100 KB compressed and needs at most 3 requests to render")
    func budget() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        #expect(try runFindings(["build", "-q"], in: folder.url).status == 0)
        let files = try folder.snapshot("public")
        for (path, data) in files where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            let head = String(html[..<(html.range(of: "</head>")?.lowerBound ?? html.endIndex)])
            // Render-blocking: stylesheets and scripts in the head without defer or async.
            let blockingStyles = head.components(separatedBy: "rel=\"stylesheet\"").count - 1
            let blockingScripts = head.components(separatedBy: "<script src=").dropFirst().filter { !$0.prefix(80).contains("defer") }.count
            #expect(1 + blockingStyles + blockingScripts <= 3, "\(path) needs \(1 + blockingStyles + blockingScripts) requests")
            var total = files[path + ".gz"]?.count ?? data.count
            for match in html.components(separatedBy: "\"assets/").dropFirst() {
                let name = "/assets/" + match.prefix { $0 != "\"" }
                if name.hasSuffix(".css") || name.hasSuffix(".js") { total += files[name + ".gz"]?.count ?? files[name]?.count ?? 0 }
            }
            #expect(total < 100_000, "\(path) weighs \(total) bytes compressed")
        }
    }
}
