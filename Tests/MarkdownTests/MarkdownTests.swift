import Foundation
import Testing
@testable import Markdown

@Suite("Markdown through libcmark")
struct MarkdownTests {
    @Test("Renders CommonMark to HTML")
    func renders() {
        let doc = MarkdownDocument.parse("# Title\n\nSome *emphasis*, **strong** and `code` with a [link](a.html \"t\").\n\n- one\n- two\n\n> quote\n")
        let html = HTMLRenderer().render(doc)
        #expect(html == """
        <h1>Title</h1>
        <p>Some <em>emphasis</em>, <strong>strong</strong> and <code>code</code> with a <a href="a.html" title="t">link</a>.</p>
        <ul>
        <li>one</li>
        <li>two</li>
        </ul>
        <blockquote>
        <p>quote</p>
        </blockquote>

        """)
    }

    @Test("Raw HTML and unsafe links are left out unless allowed")
    func safeByDefault() {
        let doc = MarkdownDocument.parse("<script>alert(1)</script>\n\nHi <b>x</b> [y](javascript:alert(1))\n")
        let safe = HTMLRenderer().render(doc)
        #expect(!safe.contains("<script>"))
        #expect(!safe.contains("<b>"))
        #expect(safe.contains("<!-- raw HTML omitted -->"))
        #expect(safe.contains("<a href=\"\">y</a>"))
        let unsafe = HTMLRenderer(allowRawHTML: true).render(doc)
        #expect(unsafe.contains("<script>alert(1)</script>"))
    }

    @Test("Nodes keep their source positions, shifted past front matter")
    func positions() throws {
        let doc = MarkdownDocument.parse("Intro\n\n```chart\nquestion: q\n```\n", lineOffset: 4)
        var found: MarkdownNode?
        doc.walk { if case .codeBlock = $0.kind { found = $0 } }
        let block = try #require(found)
        #expect(block.range.startLine == 7)
        #expect(block.range.startColumn == 1)
        #expect(block.kind == .codeBlock(info: "chart", literal: "question: q\n"))
    }

    @Test("A node can be replaced by generated HTML")
    func replaceNode() {
        let doc = MarkdownDocument.parse("Before\n\n```chart\nquestion: q\n```\n\nAfter\n")
        let rewritten = doc.rewritten { node in
            if case .codeBlock(let info, _) = node.kind, info == "chart" {
                return MarkdownNode(.generatedBlock("<figure>chart</figure>"), range: node.range)
            }
            return nil
        }
        #expect(HTMLRenderer().render(rewritten) == "<p>Before</p>\n<figure>chart</figure>\n<p>After</p>\n")
    }

    @Test("Headings get ids from a caller's rule")
    func headingIDs() {
        let doc = MarkdownDocument.parse("## Data sharing\n")
        let html = HTMLRenderer(headingID: { $0.plainText.lowercased().replacingOccurrences(of: " ", with: "-") }).render(doc)
        #expect(html == "<h2 id=\"data-sharing\">Data sharing</h2>\n")
    }
}
