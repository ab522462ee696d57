import Foundation
import Testing
import TestSupport
@testable import Site

/// A site with more pages than a menu can hold: the menu keeps the placed pages, a contents page
/// lists every page, and each page still links to its neighbours.
@Suite("Large sites")
struct LargeSiteTests {
    @Test("Past 60 pages the menu lists the placed pages and a contents page lists them all")
    func contentsPage() throws {
        var files = MiniSurvey.content
        for k in 1...80 {
            let placed = k <= 5 ? "order: \(k + 10)\n" : ""
            files["content/pages/p\(String(format: "%03d", k)).md"] = "---\ntitle: Page \(k)\n\(placed)---\n\nText \(k).\n"
        }
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        #expect(errorLines(result) == nil, "\(errorLines(result) ?? [])")
        let page = try folder.read("public/p040.html")
        let nav = page.components(separatedBy: "<nav class=\"site-nav\"")[1].components(separatedBy: "</nav>")[0]
        let links = nav.components(separatedBy: "<li>").count - 1
        #expect(links < 15, "the menu lists \(links) pages")
        #expect(nav.contains("href=\"contents.html\""))
        #expect(nav.contains("href=\"p001.html\"") && !nav.contains("href=\"p040.html\""))
        #expect(page.contains("href=\"p039.html\"") && page.contains("href=\"p041.html\""), "previous and next")
        let contents = try folder.read("public/contents.html")
        for k in 1...80 { #expect(contents.contains("href=\"p\(String(format: "%03d", k)).html\"")) }
    }
}
