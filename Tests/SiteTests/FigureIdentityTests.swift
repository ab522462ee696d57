import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Site

/// A figure's id names what it shows, so a cross-reference always reaches the same figure, and
/// no table or chart is published empty.
@Suite("Figures keep their ids, and none is published empty")
struct FigureIdentityTests {
    func build(_ page: String, extra: [String: String] = [:]) throws -> (TemporaryFolder, Result<BuildSummary, DiagnosticsError>) {
        var files = MiniSurvey.content
        files["content/pages/more.md"] = "---\ntitle: More\norder: 3\n---\n\n" + page
        files.merge(extra) { $1 }
        return try buildSite(files)
    }

    static let page = """
    See [](#fig-interest-by-group) and [](#tbl-barriers-by-group).

    ```chart
    question: interest
    kind: stacked
    breakdown: group
    ```

    ```table
    question: barriers
    breakdown: group
    ```
    """

    @Test("Adding a chart earlier re-points no link: ids come from question and breakdown, not position")
    func stableIDs() throws {
        let (before, first) = try build(Self.page)
        defer { before.remove() }
        _ = try first.get()
        let old = try before.read("public/more.html")
        #expect(old.contains("<figure class=\"figure\" id=\"fig-interest-by-group\">"))
        #expect(old.contains("href=\"more.html#tbl-barriers-by-group\""))
        // Another chart of the same question, earlier on the page.
        let (after, second) = try build("```chart\nquestion: interest\nkind: dot-interval\nbreakdown: tier\n```\n\n" + Self.page)
        defer { after.remove() }
        _ = try second.get()
        let new = try after.read("public/more.html")
        #expect(new.contains("<figure class=\"figure\" id=\"fig-interest-by-tier\">"))
        #expect(new.contains("<a class=\"xref\" href=\"more.html#fig-interest-by-group\">"))
        #expect(new.contains("<figure class=\"figure\" id=\"fig-interest-by-group\">"))
    }

    @Test("Two blocks that show the same thing take their kinds; two that still collide are an error naming both")
    func collisions() throws {
        let twoKinds = "```chart\nquestion: interest\nkind: stacked\nbreakdown: group\n```\n\n```chart\nquestion: interest\nkind: diverging\nbreakdown: group\n```\n"
        let (folder, result) = try build(twoKinds)
        defer { folder.remove() }
        _ = try result.get()
        let html = try folder.read("public/more.html")
        #expect(html.contains("id=\"fig-interest-by-group-stacked\"") && html.contains("id=\"fig-interest-by-group-diverging\""))

        let same = "```chart\nquestion: group\nid: mine\n```\n\n```chart\nquestion: interest\nid: mine\n```\n"
        let (other, failed) = try build(same)
        defer { other.remove() }
        let lines = try #require(errorLines(failed))
        #expect(lines == ["content/pages/more.md:11:1: error: this chart would have the id \"fig-mine\", as the one at content/pages/more.md:6 has (give one of them its own id: line, such as id: mine-2)"])
    }

    @Test("A cross-reference reaches the same figure on an English page and its Chinese fallback")
    func sameFigureInEveryLanguage() throws {
        let zhIndex = "---\ntitle: 概览\n---\n\n见[](#fig-interest-by-group)。\n\n```chart\nquestion: barriers\n```\n"
        let site = MiniSurvey.site + "\nlanguages: [en, zh]\n"
        let (folder, result) = try build(Self.page, extra: ["content/pages/zh/index.md": zhIndex, "content/site.yaml": site])
        defer { folder.remove() }
        _ = try result.get()
        // zh has no more.md: it falls back to the English page, whose figure keeps its id.
        let zh = try folder.read("public/zh/index.html")
        #expect(zh.contains("href=\"zh/more.html#fig-interest-by-group\""))
        #expect(try folder.read("public/zh/more.html").contains("id=\"fig-interest-by-group\""))
    }

    @Test("A table of two breakdowns has its rows either way round, in findings order and transposed")
    func breakdownByBreakdown() throws {
        let page = "```table\nquestion: tier\nbreakdown: group\n```\n\n```table\nquestion: group\nbreakdown: tier\n```\n"
        let (folder, result) = try build(page)
        defer { folder.remove() }
        _ = try result.get()
        let byGroup = try folder.read("public/data/tbl-tier-by-group.csv")
        let byTier = try folder.read("public/data/tbl-group-by-tier.csv")
        #expect(byGroup.split(separator: "\n").count == 3, "\(byGroup)")
        #expect(byTier.split(separator: "\n").count >= 2, "\(byTier)")
    }

    @Test("A chart whose side table is missing is an error at its block, not a figure silently dropped")
    func sideTablesRequired() throws {
        let page = "```chart\nkind: tile-map\nquestion: group\n```\n\n```chart\ndata: network\n```\n\n```chart\ndata: projects-per-year\n```\n"
        let (folder, result) = try build(page)
        defer { folder.remove() }
        let lines = try #require(errorLines(result))
        #expect(lines.contains("content/pages/more.md:6:1: error: a tile-map needs data/provinces.csv, and there is none"), "\(lines)")
        #expect(lines.contains("content/pages/more.md:11:1: error: a network chart needs data/collaborations.csv, and there is none"))
        #expect(lines.contains("content/pages/more.md:15:1: error: a line chart needs data/collaborations.csv, and there is none"))
    }
}
