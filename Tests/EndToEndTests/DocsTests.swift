import Foundation
import Testing
import TestSupport

@Suite("Documentation in step")
struct DocsTests {
    @Test("docs/data-contract.md is the shared data contract, word for word")
    func dataContract() throws {
        let shared = Repository.root.deletingLastPathComponent().appendingPathComponent("shared/spec/DATA.md")
        // Where ../shared is not beside the clone there is nothing to compare with.
        guard let contract = try? String(contentsOf: shared, encoding: .utf8) else { return }
        let copy = try String(contentsOf: Repository.root.appendingPathComponent("docs/data-contract.md"), encoding: .utf8)
        #expect(copy == contract, "copy ../shared/spec/DATA.md to docs/data-contract.md")
    }

    @Test("The README's codebook, CSV and page build as they stand, in a report made by findings new")
    func readmeExample() throws {
        let readme = try String(contentsOf: Repository.root.appendingPathComponent("README.md"), encoding: .utf8)
        func block(_ fence: String, _ language: String) throws -> String {
            let start = try #require(readme.range(of: fence + language + "\n"))
            let end = try #require(readme.range(of: fence, range: start.upperBound..<readme.endIndex))
            return String(readme[start.upperBound..<end.lowerBound])
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(try runFindings(["new", "report"], in: folder.url).status == 0)
        let report = folder.url.appendingPathComponent("report")
        for page in try FileManager.default.contentsOfDirectory(atPath: report.path + "/content/pages") where page.hasSuffix(".md") {
            try FileManager.default.removeItem(atPath: report.path + "/content/pages/" + page)
        }
        var site = try String(contentsOf: report.appendingPathComponent("content/site.yaml"), encoding: .utf8)
        site = site.replacing(/breakdowns:.*/, with: "breakdowns: [group]")
        let files = [
            "content/data/codebook.yaml": try block("```", "yaml"),
            "content/data/responses.csv": try block("```", "csv"),
            "content/pages/index.md": try block("~~~~", "markdown"),
            "content/findings.yaml": "privacy_share: {share: barriers, codes: [\"1\"]}\n",
            "content/site.yaml": site,
        ]
        for (path, text) in files { try text.write(to: report.appendingPathComponent(path), atomically: true, encoding: .utf8) }
        let built = try runFindings(["build", "--quiet"], in: report)
        #expect(built.status == 0, "\(built.stderr)")
        let page = try String(contentsOf: report.appendingPathComponent("public/index.html"), encoding: .utf8)
        #expect(page.contains("id=\"fig-barriers-by-group\""))
    }
}
