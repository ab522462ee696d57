import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Site

/// A page file's mistakes are errors at the file, never a page published wrong.
@Suite("Page files")
struct PageFileTests {
    func build(_ pages: [String: String]) throws -> (TemporaryFolder, Result<BuildSummary, DiagnosticsError>) {
        var files = MiniSurvey.content
        for (name, text) in pages { files["content/pages/\(name)"] = text }
        return try buildSite(files)
    }

    @Test("Front matter without its closing --- is an error, not body text under the file's name")
    func unclosedFrontMatter() throws {
        let (folder, result) = try build(["notes.md": "---\ntitle: Notes\nsummary: What we saw\n\nThe body starts here.\n"])
        defer { folder.remove() }
        let lines = try #require(errorLines(result))
        #expect(lines == ["content/pages/notes.md:1:1: error: front matter opened with --- is never closed (end it with a line of ---, or the whole page would be published as its front matter)"])
        #expect(!folder.exists("public"))
    }

    @Test("A page named like a page the build writes (404, codebook) is an error, not dropped or merged", arguments: ["404", "codebook"])
    func generatedNames(_ name: String) throws {
        let (folder, result) = try build(["\(name).md": "---\ntitle: Mine\n---\n\nText.\n"])
        defer { folder.remove() }
        let lines = try #require(errorLines(result))
        #expect(lines.count == 1 && lines[0].hasPrefix("content/pages/\(name).md:1:1: error: \(name).html is the "), "\(lines)")
    }

    @Test("A page's error is reported once, though the page is rendered again as another language's fallback")
    func errorsOnceAcrossLanguages() throws {
        var files = MiniSurvey.content
        files["content/site.yaml"] = MiniSurvey.site + "\nlanguages: [en, zh]\n"
        files["content/pages/zh/index.md"] = "---\ntitle: 概览\n---\n\n文字。\n"
        files["content/pages/more.md"] = "---\ntitle: More\n---\n\n```chart\nquestion: nonesuch\n```\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        let lines = try #require(errorLines(result))
        #expect(lines.count == 1, "\(lines)")
    }

    @Test("A page saved as GBK is reported at its first bad byte, with the hint the CSV reader gives")
    func gbkPage() throws {
        var files = MiniSurvey.content
        files["content/pages/notes.md"] = ""
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        // "---\ntitle: 笔记\n---\n" in GBK: 笔 is 0xB1 0xCA.
        try folder.write(Data("---\ntitle: ".utf8) + Data([0xB1, 0xCA, 0xBC, 0xC7]) + Data("\n---\n\nText.\n".utf8), to: "content/pages/notes.md")
        let options = BuildOptions(content: folder.url.appendingPathComponent("content"), templates: Repository.templates,
                                   output: folder.url.appendingPathComponent("public"), workingDirectory: folder.path)
        do {
            _ = try SiteBuilder.build(options)
            Issue.record("the build should fail")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["content/pages/notes.md:2:8: error: invalid UTF-8 (byte 0xB1) (save the file as UTF-8; exports from some survey platforms and editors use GBK)"])
        }
    }

    @Test("A colon inside an unquoted label gets the likely fix, not only libyaml's words")
    func yamlHint() throws {
        var files = MiniSurvey.content
        files["content/data/codebook.yaml"] = MiniSurvey.codebook.replacingOccurrences(of: "options: {1: Privacy, 2: Standards, 3: Law}",
                                                                                      with: "options:\n      1: Privacy: data\n      2: Standards\n      3: Law")
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        let lines = try #require(errorLines(result))
        #expect(lines.count == 1 && lines[0].contains("mapping values are not allowed") && lines[0].contains("must be quoted: \"Privacy: data\""), "\(lines)")
    }

    @Test("An empty page and a page of front matter only are warnings the build and check show")
    func emptyPagesWarn() throws {
        let (folder, result) = try build(["empty.md": "", "bare.md": "---\ntitle: Bare\n---\n"])
        defer { folder.remove() }
        let warnings = try result.get().warnings.map(\.description)
        #expect(warnings.contains("content/pages/empty.md:1:1: warning: the page is empty: it is published with nothing on it, in the menu as \"empty\" (write its text, or delete the file)"))
        #expect(warnings.contains("content/pages/bare.md:1:1: warning: the page has front matter but no text: it is published with nothing on it"))
    }
}
