import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Site

@Suite("Commentary: cross-references, tables, key findings and the codebook page")
struct CommentaryTests {
    func build(_ pages: [String: String], findings: String? = nil) throws -> (TemporaryFolder, Result<BuildSummary, DiagnosticsError>) {
        var files = MiniSurvey.content
        for (name, text) in pages { files["content/pages/\(name)"] = text }
        if let findings { files["content/findings.yaml"] = findings }
        return try buildSite(files)
    }

    static let results = """
    ---
    title: Results
    order: 2
    ---

    As [](#fig-group) shows, and [](#tbl-barriers) lists; see also [](#fig-barriers) on the overview.

    ```chart
    question: group
    ```

    ```table
    question: barriers
    ```

    ```table
    question: interest
    breakdown: group
    id: interest-by-group
    ```

    ```table roles Roles in projects
    Role,Share
    Annotation,12%
    "Validation, clinical",9%
    ```

    ```finding
    finding: interest
    sentence: of clinicians are interested.
    ```
    """

    @Test("Cross-references carry the right numbers, across pages and forwards")
    func crossReferences() throws {
        let (folder, result) = try build(["results.md": Self.results], findings: "interest: {share: interest, where: {group: [1]}}\n")
        defer { folder.remove() }
        _ = try result.get()
        let html = try folder.read("public/results.html")
        // The overview's barriers chart is Figure 1; results' group chart is Figure 2.
        #expect(html.contains("<a class=\"xref\" href=\"results.html#fig-group\">Figure 2</a> shows"))
        #expect(html.contains("<a class=\"xref\" href=\"results.html#tbl-barriers\">Table 1</a> lists"))
        #expect(html.contains("<a class=\"xref\" href=\"index.html#fig-barriers\">Figure 1</a>"))
    }

    @Test("Tables: frequencies, a cross-tabulation with its test, and hand-written CSV")
    func tables() throws {
        let (folder, result) = try build(["results.md": Self.results], findings: "interest: {share: barriers, codes: [\"1\"]}\n")
        defer { folder.remove() }
        _ = try result.get()
        let html = try folder.read("public/results.html")
        #expect(html.contains("id=\"tbl-barriers\""))
        #expect(html.contains("<span class=\"figure-number\">Table 1.</span>"))
        #expect(html.contains("<th scope=\"row\">Privacy</th><td>6</td><td>66.7%</td>"))
        #expect(html.contains("id=\"tbl-interest-by-group\""))
        // The table withholds small cells, so it publishes no χ² or V, only a rounded p.
        #expect(html.contains("Pearson&#39;s chi-square test: p = ") || html.contains("Pearson's chi-square test: p = "))
        #expect(!html.contains("χ²("))
        #expect(html.contains("id=\"tbl-roles\""))
        #expect(html.contains("<th scope=\"row\">Validation, clinical</th><td>9%</td>"))
        #expect(try folder.read("public/data/tbl-barriers.csv").hasPrefix("Answer,n,%,95% CI\n"))
        // A key finding block, linked to where it is computed.
        #expect(html.contains("<aside class=\"key-finding\" data-finding=\"interest\"><p class=\"key-number\">66.7%</p>"))
    }

    @Test("A table's title is said once (its figcaption), and a single test once, in the note, not on every row")
    func tableSaysThingsOnce() throws {
        let page = "---\ntitle: T\n---\n\n```table\nquestion: interest\nbreakdown: group\ntitle: Interest by group\n```\n"
        let (folder, result) = try build(["t.md": page])
        defer { folder.remove() }
        _ = try result.get()
        let html = try folder.read("public/t.html")
        #expect(html.components(separatedBy: "Interest by group").count - 1 == 1)
        #expect(!html.contains("<caption>"))
        #expect(!html.contains("adjusted p</th>"))
        #expect(html.contains("adjusted p = ") || html.contains("adjusted p &lt; 0.001"))
    }

    @Test("The codebook page documents findings and questions and links to what shows them")
    func codebookPage() throws {
        let (folder, result) = try build(["results.md": Self.results], findings: "interest: {share: interest, where: {group: [1]}, claim: \"> 0.5\"}\n")
        defer { folder.remove() }
        _ = try result.get()
        let codebook = try folder.read("public/codebook.html")
        #expect(codebook.contains("id=\"finding-interest\""))
        #expect(codebook.contains("<dt>Claim checked at every build</dt><dd><code>&gt; 0.5</code>: holds</dd>"))
        #expect(codebook.contains("<a href=\"results.html\">results.html</a>"))
        #expect(codebook.contains("id=\"q-tier\""))
        #expect(codebook.contains("<dt>Asked only if</dt><dd><a href=\"codebook.html#q-group\"><code>group</code></a> is 1</dd>"))
        #expect(codebook.contains("<a href=\"results.html#tbl-barriers\">Table 1</a>"))
        #expect(codebook.contains("<dt>Findings</dt><dd><a href=\"codebook.html#finding-interest\"><code>interest</code></a></dd>"))
        let results = try folder.read("public/results.html")
        #expect(results.contains("href=\"codebook.html#finding-interest\""))
        #expect(results.contains("href=\"codebook.html\""))
    }

    @Test("An unknown figure id is an error at its line and column")
    func unknownReference() throws {
        let (folder, result) = try build(["results.md": "---\ntitle: R\n---\n\nSee [](#fig-gruop).\n\n```chart\nquestion: group\n```\n"])
        defer { folder.remove() }
        guard case .failure(let error) = result else {
            Issue.record("the build should fail")
            return
        }
        #expect(error.diagnostics.map(\.description) == [
            "content/pages/results.md:5:5: error: no figure or table has the id \"fig-gruop\" (did you mean \"fig-group\"?)",
        ])
    }
}

@Suite("Citations and scholarly metadata")
struct CitationTests {
    static let references = """
    - id: smith2020
      type: article-journal
      title: A study of studies
      author: [{family: Smith, given: Ann}, {family: Jones, given: Bob}]
      issued: {date-parts: [[2020]]}
      container-title: Journal of Things
      DOI: 10.1000/xyz
    - id: lee2021
      title: Another work
      author: [{family: Lee, given: C}, {family: Park, given: D}, {family: Wu, given: E}]
      issued: {date-parts: [[2021]]}
    """

    func build(_ page: String, references: String? = CitationTests.references) throws -> (TemporaryFolder, Result<BuildSummary, DiagnosticsError>) {
        var files = MiniSurvey.content
        files["content/pages/results.md"] = page
        files["content/site.yaml"] = MiniSurvey.site + "\nauthors: [{name: Ann Smith}, {name: Bob Jones}]\ndate: \"2025-09-01\"\ndoi: 10.5555/findings\n"
        if let references { files["content/references.yaml"] = references }
        return try buildSite(files)
    }

    @Test("Citations become author–date links to a reference list; a references page lists all")
    func citations() throws {
        let (folder, result) = try build("---\ntitle: Results\n---\n\nAs shown [@smith2020, p. 4], and again [@lee2021; @smith2020].\n")
        defer { folder.remove() }
        _ = try result.get()
        let html = try folder.read("public/results.html")
        #expect(html.contains("<span class=\"citation\">(<a href=\"results.html#ref-smith2020\">Smith &amp; Jones, 2020, p. 4</a>)</span>"))
        #expect(html.contains("(<a href=\"results.html#ref-lee2021\">Lee et al., 2021</a>; <a href=\"results.html#ref-smith2020\">Smith &amp; Jones, 2020</a>)"))
        #expect(html.contains("<li id=\"ref-smith2020\">Smith, A., &amp; Jones, B. (2020). A study of studies. <i>Journal of Things</i>. <a href=\"https://doi.org/10.1000/xyz\">"))
        #expect(folder.exists("public/references.html"))
    }

    @Test("An unknown citation key is an error at its place, with a hint")
    func unknownKey() throws {
        let (folder, result) = try build("---\ntitle: Results\n---\n\nText [@smith2021].\n")
        defer { folder.remove() }
        guard case .failure(let error) = result else {
            Issue.record("the build should fail")
            return
        }
        #expect(error.diagnostics.map(\.description) == ["content/pages/results.md:5:6: error: unknown reference \"smith2021\" (did you mean \"smith2020\"?)"])
    }

    @Test("Every page carries citation_* tags, Open Graph and JSON-LD; BibTeX and RIS are published")
    func metadata() throws {
        let (folder, result) = try build("---\ntitle: Results\nsummary: What we found.\n---\n\nText.\n")
        defer { folder.remove() }
        _ = try result.get()
        let html = try folder.read("public/results.html")
        #expect(html.contains("<meta name=\"citation_title\" content=\"Mini report\">"))
        #expect(html.contains("<meta name=\"citation_author\" content=\"Ann Smith\">"))
        #expect(html.contains("<meta name=\"citation_doi\" content=\"10.5555/findings\">"))
        #expect(html.contains("<meta property=\"og:description\" content=\"What we found.\">"))
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
        #expect(json?["@type"] as? String == "ScholarlyArticle")
        let dataset = json?["isBasedOn"] as? [String: Any]
        #expect((dataset?["variableMeasured"] as? [Any])?.count == 4)
        #expect(try folder.read("public/cite.bib").contains("doi = {10.5555/findings}"))
        #expect(try folder.read("public/cite.ris").hasPrefix("TY  - RPRT"))
        #expect(html.contains("Cite this report: Ann Smith, &amp; Bob Jones (2025). Mini report."))
    }
}
