import Foundation
import Testing
import TestSupport
@testable import Site

@Suite("Pages in another language")
struct LanguageTests {
    @Test("pages/zh/ becomes zh/, with its own language, numbering, chart labels, alternates and switcher")
    func chinesePages() throws {
        var files = MiniSurvey.content
        files["content/pages/zh/index.md"] = "---\ntitle: 概览\n---\n\n## 组别\n\n```chart\nquestion: group\n```\n\n见[](#fig-group)。\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        _ = try result.get()
        let zh = try folder.read("public/zh/index.html")
        #expect(zh.contains("<html lang=\"zh\">"))
        #expect(zh.contains("<base href=\"../\">"))
        #expect(zh.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"index.html\">"))
        #expect(zh.contains("<link rel=\"alternate\" hreflang=\"zh\" href=\"zh/index.html\">"))
        #expect(zh.contains("<span class=\"figure-number\">图 1.</span>"))
        #expect(zh.contains("<a class=\"xref\" href=\"zh/index.html#fig-group\">图 1</a>"))
        #expect(zh.contains("本页内容") || !zh.contains("On this page"))
        #expect(zh.contains("<a href=\"index.html\" hreflang=\"en\" lang=\"en\" data-same-page>English</a>"))
        let en = try folder.read("public/index.html")
        #expect(en.contains("<a href=\"zh/index.html\" hreflang=\"zh\" lang=\"zh\" data-same-page>中文</a>"))
        #expect(en.contains("<span class=\"figure-number\">Figure 1.</span>"))
        // The data table under a chart speaks the page's language; its CSV keeps English column names.
        #expect(zh.contains("<th scope=\"col\">占比</th>"))
        #expect(en.contains("<th scope=\"col\">Share</th>"))
        #expect(try folder.read("public/zh/data/fig-group.csv").hasPrefix("Answer,Share,"))
        // Navigation stays within a language.
        #expect(!zh.contains(">Results</a>"))
    }

    @Test("With languages: [en, zh], a page not written in Chinese is published under zh/ in English, with a notice")
    func fallbackPages() throws {
        var files = MiniSurvey.content
        files["content/site.yaml"] = MiniSurvey.site + "\nlanguages: [en, zh]\n"
        files["content/pages/zh/index.md"] = "---\ntitle: 概览\n---\n\n中文。\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        _ = try result.get()
        let fallback = try folder.read("public/zh/results.html")
        #expect(fallback.contains("<html lang=\"zh\">"))
        #expect(fallback.contains("<p class=\"fallback-notice\" role=\"note\">本页暂无中文版"))
        #expect(fallback.contains("<article lang=\"en\">"))
        #expect(fallback.contains("<span class=\"figure-number\">图 1.</span>"))
        #expect(!(try folder.read("public/zh/index.html")).contains("fallback-notice"))
        let en = try folder.read("public/results.html")
        #expect(en.contains("<link rel=\"alternate\" hreflang=\"zh\" href=\"zh/results.html\">"))
        // The Chinese menu marks the page not yet translated, its English title marked as English.
        let zhIndex = try folder.read("public/zh/index.html")
        #expect(zhIndex.contains("<a href=\"zh/results.html\"><span lang=\"en\">Results</span>（英文）</a>"))
        #expect(zhIndex.contains("<a href=\"zh/index.html\" aria-current=\"page\">概览</a>"))
        #expect(!en.contains("（英文）") && !en.contains("(in "))
    }

    @Test("Each language has its own codebook page, and its findings link there")
    func chineseCodebook() throws {
        var files = MiniSurvey.content
        files["content/findings.yaml"] = "interest:\n  share: interest\n  where: {group: [1]}\n"
        files["content/pages/zh/index.md"] = "---\ntitle: 概览\n---\n\n兴趣为 `=interest`。\n\n```finding\nfinding: interest\nsentence: 的临床医生有兴趣。\n```\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        _ = try result.get()
        let zh = try folder.read("public/zh/index.html")
        #expect(zh.contains("href=\"zh/codebook.html#finding-interest\""))
        #expect(!zh.contains("href=\"codebook.html#finding-interest\""))
        let codebook = try folder.read("public/zh/codebook.html")
        #expect(codebook.contains("<html lang=\"zh\">"))
        #expect(codebook.contains("<h2 id=\"findings\">具名结果</h2>"))
        #expect(codebook.contains("id=\"finding-interest\""))
        #expect(codebook.contains("<dt>引用页面</dt><dd><a href=\"zh/index.html\">"))
        #expect(codebook.contains("<h2 id=\"questions\">题目</h2>"))
        let en = try folder.read("public/codebook.html")
        #expect(en.contains("<h2 id=\"findings\">Named findings</h2>"))
        #expect(en.contains("<link rel=\"alternate\" hreflang=\"zh\" href=\"zh/codebook.html\">"))
    }
}
