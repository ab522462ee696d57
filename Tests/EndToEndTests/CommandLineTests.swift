import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// Runs the `findings` binary on real content folders, as an author would.
@Suite("The findings command")
struct CommandLineTests {
    /// A temp folder holding a copy of the given content and the repository's templates.
    func project(_ files: [String: String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder(files)
        try FileManager.default.copyItem(at: Repository.templates, to: folder.url.appendingPathComponent("templates"))
        return folder
    }

    /// The inline SVG elements of a page.
    func svgs(in html: String) -> [String] {
        var out: [String] = []
        var rest = html[...]
        while let start = rest.range(of: "<svg "), let end = rest.range(of: "</svg>", range: start.upperBound..<rest.endIndex) {
            out.append(String(rest[start.lowerBound..<end.upperBound]))
            rest = rest[end.upperBound...]
        }
        return out
    }

    @Test("The shipped report builds: an index, a page per Markdown file, XML-valid charts on a results page")
    func shippedReport() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(at: Repository.content, to: folder.url.appendingPathComponent("content"))
        try FileManager.default.copyItem(at: Repository.templates, to: folder.url.appendingPathComponent("templates"))
        let run = try runFindings(["build", "--quiet"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: Repository.content.appendingPathComponent("pages").path)
            .filter { $0.hasSuffix(".md") }
        for page in pages {
            let html = try folder.read("public/\(page.dropLast(3)).html")
            #expect(html.contains("class=\"site-nav\""))
        }
        let results = try folder.read("public/data-sharing.html")
        let charts = svgs(in: results)
        #expect(charts.count >= 2)
        for svg in charts { #expect(XMLParser(data: Data(svg.utf8)).parse(), "chart parses as XML") }
    }

    @Test("Malformed responses fail the build with file:line:column and leave public/ byte-for-byte unchanged")
    func malformedResponsesKeepOldSite() throws {
        let folder = try project(MiniSurvey.content)
        defer { folder.remove() }
        let first = try runFindings(["build", "--quiet"], in: folder.url)
        #expect(first.status == 0, "\(first.stderr)")
        let before = try folder.snapshot("public")
        #expect(!before.isEmpty)

        let cases: [(csv: String, expected: String)] = [
            (MiniSurvey.responses.replacingOccurrences(of: "r4,1,2,1,3", with: "r4,1,2,\"1,3"),
             "content/data/responses.csv:5:8: error: unterminated quote"),
            (MiniSurvey.responses.replacingOccurrences(of: "r7,1,1,2,3", with: "r7,1,1,9,3"),
             "content/data/responses.csv:8:8: error: \"9\" is not an option of \"barriers\""),
        ]
        for (csv, expected) in cases {
            try folder.write(["content/data/responses.csv": csv])
            let run = try runFindings(["build"], in: folder.url)
            #expect(run.status != 0)
            #expect(run.stderr.hasPrefix(expected), "stderr was: \(run.stderr)")
            #expect(try folder.snapshot("public") == before)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".public") }
            #expect(leftovers.isEmpty)
        }
    }

    @Test("A rebuild replaces the old site and leaves no staging folder behind")
    func rebuildReplaces() throws {
        let folder = try project(MiniSurvey.content)
        defer { folder.remove() }
        #expect(try runFindings(["build", "-q"], in: folder.url).status == 0)
        try folder.write(["public/stale.html": "old"])
        #expect(try runFindings(["build", "-q"], in: folder.url).status == 0)
        #expect(!folder.exists("public/stale.html"))
        #expect(folder.exists("public/index.html"))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".public") }
        #expect(leftovers.isEmpty)
    }

    @Test("analyze without --json prints a summary an author can read; --pretty alone is refused")
    func analyzeSummary() throws {
        let folder = try project(MiniSurvey.content)
        defer { folder.remove() }
        let run = try runFindings(["analyze"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("10 respondents, 4 questions\n"))
        #expect(run.stdout.contains("tier (single): tier\n  answered 7, missing 0, not asked 3\n"))
        #expect(!run.stdout.contains("{"))
        let refused = try runFindings(["analyze", "--pretty"], in: folder.url)
        #expect(refused.status != 0 && refused.stderr.contains("--pretty go with --json"))
    }

    @Test("analyze --json prints the findings/1 document")
    func analyzeJSON() throws {
        let folder = try project(MiniSurvey.content)
        defer { folder.remove() }
        let run = try runFindings(["analyze", "--json"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["schema"] as? String == "findings/1")
        #expect(json["respondents"] as? Int == 10)
        let questions = try #require(json["questions"] as? [String: Any])
        let tier = try #require(questions["tier"] as? [String: Any])
        #expect(tier["valid"] as? Int == 7)
        #expect(tier["not_asked"] as? Int == 3)
        let group = try #require(questions["group"] as? [String: Any])
        let categories = try #require(group["categories"] as? [[String: Any]])
        #expect(categories.first?["label"] as? String == "Clinician")
        #expect(categories.first?["count"] as? Int == 7)
    }

    @Test("check validates without writing anything")
    func check() throws {
        let folder = try project(MiniSurvey.content)
        defer { folder.remove() }
        let ok = try runFindings(["check"], in: folder.url)
        #expect(ok.status == 0)
        // It says what it checked.
        #expect(ok.stdout == "2 pages, 4 questions, 10 respondents, 3 figures, 0 findings: no problems\n", "\(ok.stdout)")
        #expect(ok.stderr.isEmpty)
        #expect(!folder.exists("public"))
        try folder.write(["content/data/codebook.yaml": MiniSurvey.codebook.replacingOccurrences(of: "type: multi", with: "type: mutli")])
        let bad = try runFindings(["check"], in: folder.url)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("content/data/codebook.yaml:14:11: error: question \"barriers\" has unknown type \"mutli\" (did you mean \"multi\"?)"))
    }
}
