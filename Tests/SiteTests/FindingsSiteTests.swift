import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Site

@Suite("Findings cited in prose, claims and the published findings.json")
struct FindingsSiteTests {
    static let findings = """
    interest:
      share: interest
      where: {group: [1]}
      claim: "> 0.5"
    top_barrier: {rank: barriers, position: 1, claim: "is 1"}
    privacy: {share: barriers, codes: ["1"]}
    """

    func build(_ files: [String: String]) throws -> (TemporaryFolder, Result<BuildSummary, DiagnosticsError>) {
        return try buildSite(files)
    }

    var content: [String: String] {
        var files = MiniSurvey.content
        files["content/findings.yaml"] = Self.findings
        files["content/pages/results.md"] = "---\ntitle: Results\n---\n\nInterest is `=interest` and `=top_barrier.label` leads; privacy `=privacy`.\n"
        return files
    }

    @Test("An inline finding renders its value and interval, with its method for screen readers")
    func inlineFinding() throws {
        let (folder, result) = try build(content)
        defer { folder.remove() }
        _ = try result.get()
        let html = try folder.read("public/results.html")
        #expect(html.contains("data-finding=\"privacy\""))
        #expect(html.contains(">66.7% (95% CI 35.4–87.9)<span class=\"visually-hidden\"> (n = 9; share of valid answers"))
        #expect(html.contains(">Privacy<span"))
        // 5 of the 6 clinicians: the one other is below min_cell, so the share would give them away.
        #expect(html.contains(">&lt;2 (withheld: too few respondents to publish)<span class=\"visually-hidden\"> (share of valid answers"))
    }

    @Test("A claim may be written in %, for shares; in % for a mean it is an error")
    func percentClaims() throws {
        #expect(FindingsFile.parseClaim("> 50%") == .compare(bound: .value, op: ">", threshold: 0.5))
        #expect(FindingsFile.parseClaim("lower >= 12.5%") == .compare(bound: .lower, op: ">=", threshold: 0.125))
        var files = content
        files["content/findings.yaml"] = Self.findings.replacingOccurrences(of: "\"> 0.5\"", with: "\"> 50%\"")
            + "\nbig: {mean: interest, claim: \"> 20%\"}\n"
        let (folder, result) = try build(files)
        defer { folder.remove() }
        let lines = try #require(errorLines(result))
        #expect(lines == ["content/findings.yaml:7:30: error: a claim in % is for a share or a difference of shares; \"big\" is a mean (write the threshold in the question's own units)"])
    }

    @Test("A claim the data contradict fails the build at the finding and at the page that cites it")
    func failingClaim() throws {
        var files = content
        files["content/findings.yaml"] = Self.findings.replacingOccurrences(of: "\"> 0.5\"", with: "\"> 0.9\"")
        let (folder, result) = try build(files)
        defer { folder.remove() }
        let lines = try #require(errorLines(result), "the build should fail")
        // At the claim's own line, where the author would change it.
        #expect(lines.contains { $0.hasPrefix("content/findings.yaml:4:10: error: claim \"> 0.9\" of finding \"interest\" does not hold") && $0.contains("cited by content/pages/results.md") }, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("content/pages/results.md:5:13: error: the data no longer support finding \"interest\"") })
        #expect(!folder.exists("public"))
    }

    @Test("Unknown findings, forms and questions are errors with hints")
    func unknownNames() throws {
        var files = content
        files["content/pages/results.md"] = "---\ntitle: Results\n---\n\nSee `=intrest` and `=interest.pcnt`.\n"
        files["content/findings.yaml"] = Self.findings + "\nbad: {share: interest, where: {gruop: [1]}}\n"
        let (folder, result) = try build(files)
        defer { folder.remove() }
        let lines = try #require(errorLines(result), "the build should fail")
        #expect(lines.contains("content/findings.yaml:7:32: error: unknown question \"gruop\" (did you mean \"group\"?)"))
        // Findings are checked before pages, so fix findings.yaml and the page errors show.
        files["content/findings.yaml"] = Self.findings
        let (folder2, result2) = try build(files)
        defer { folder2.remove() }
        guard case .failure(let error2) = result2 else {
            Issue.record("the build should fail")
            return
        }
        let lines2 = error2.diagnostics.map(\.description)
        #expect(lines2.contains("content/pages/results.md:5:5: error: unknown finding \"intrest\" (did you mean \"interest\"?)"))
        #expect(lines2.contains("content/pages/results.md:5:20: error: unknown form \".pcnt\" of finding \"interest\" (did you mean \"pct\"?)"))
    }

    @Test("findings.json under public/ withholds every count below min_cell")
    func suppression() throws {
        let (folder, result) = try build(content)
        defer { folder.remove() }
        _ = try result.get()
        let data = try Data(contentsOf: folder.url.appendingPathComponent("public/data/findings.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var smallCounts: [String] = []
        func walk(_ value: Any, _ path: String) {
            if let object = value as? [String: Any] {
                for (k, v) in object {
                    if ["count", "valid", "missing", "not_asked", "n"].contains(k), let n = v as? Int, n > 0, n < 2 {
                        smallCounts.append("\(path)/\(k)")
                    }
                    if k == "counts", let rows = v as? [[Any]] {
                        for row in rows { for cell in row { if let n = cell as? Int, n == 1 { smallCounts.append("\(path)/counts") } } }
                    }
                    walk(v, "\(path)/\(k)")
                }
            } else if let array = value as? [Any] {
                for (i, v) in array.enumerated() { walk(v, "\(path)[\(i)]") }
            }
        }
        walk(json, "")
        #expect(smallCounts.isEmpty, "\(smallCounts)")
        let text = String(decoding: data, as: UTF8.self)
        // The marker is there (JSON writes "<" as \\u003c so the file is safe inside HTML too).
        #expect(text.contains("\"\\u003c2\""))
    }
}

@Suite("Disclosure control in pages")
struct PageDisclosureTests {
    @Test("Small counts never reach the page: charts, figure notes and cited findings show the marker")
    func smallCountsWithheld() throws {
        var files = MiniSurvey.content
        files["content/site.yaml"] = MiniSurvey.site.replacingOccurrences(of: "min_cell: 2", with: "min_cell: 4")
        files["content/findings.yaml"] = "industry: {count: group, codes: [\"2\"]}\nindustry_share: {share: group, codes: [\"2\"]}\n"
        files["content/pages/results.md"] = "---\ntitle: Results\n---\n\nIndustry: `=industry`, `=industry_share`.\n\n```chart\nquestion: tier\n```\n"
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        let options = BuildOptions(content: folder.url.appendingPathComponent("content"), templates: Repository.templates,
                                   output: folder.url.appendingPathComponent("public"), workingDirectory: folder.path)
        _ = try SiteBuilder.build(options)
        let html = try folder.read("public/results.html")
        // Industry has 3 respondents, so clinicians (7) are withheld with them; tier is asked of
        // clinicians, so its answered and not-asked counts are withheld too (they would give the
        // groups away), and so are its answers.
        #expect(html.contains("&lt;4 (withheld: too few respondents to publish)"))
        #expect(html.contains("Share of the x respondents who answered (x were not asked)"))
        // The note says what the marker means.
        #expect(html.contains("x: withheld so that a count under 4 cannot be worked out from the others."))
        #expect(!html.contains(">7<") && !html.contains("(3 were"))
        #expect(!html.contains(">3<") && !html.contains("30.0%"))
    }
}
