import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Site

/// Values from site.yaml and front matter land in BibTeX, RIS, the sitemap and links: each
/// is escaped for its format or refused where it is read.
@Suite("Hostile settings")
struct HostileSettingsTests {
    @Test("A } in the title adds no BibTeX field; a line break starts no second RIS record; NUL and bidi overrides are dropped")
    func citationFormats() {
        var config = SiteConfig(title: "Survey} , note = {pwned\nTY  - JOUR\u{0}\u{202E}")
        config.date = "2026"
        let cite = CiteThisReport(config: config)
        let bib = cite.bibtex
        #expect(bib.contains("title = {Survey\\} , note = \\{pwned TY  - JOUR}"))
        #expect(bib.components(separatedBy: "note = {").count == 1)
        let ris = cite.ris
        #expect(ris.components(separatedBy: "\r\n").filter { $0.hasPrefix("TY  - ") }.count == 1)
        #expect(ris.hasPrefix("TY  - RPRT\r\nTI  - Survey} , note = {pwned TY  - JOUR\r\n"))
        for text in [bib, ris] {
            #expect(!text.unicodeScalars.contains { $0.value == 0 || $0.value == 0x202E })
        }
    }

    @Test("Language tags are checked wherever they are read, and the sitemap escapes attribute values")
    func languageTags() throws {
        for good in ["en", "zh", "zh-Hans", "zh-CN", "pt-BR", "es-419", "de-CH-1901"] { #expect(LanguageTag.isValid(good), "\(good)") }
        for bad in ["", "e", "english", "zh\"><x", "en-", "zh_CN", "en US"] { #expect(!LanguageTag.isValid(bad), "\(bad)") }
        var files = MiniSurvey.content
        files["content/pages/results.md"] = "---\ntitle: Results\nlanguage: 'en\" onload=\"x'\n---\n\nText.\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        let lines = try #require(errorLines(result))
        #expect(lines.contains { $0.hasPrefix("content/pages/results.md:3:11: error: \"en\" onload=\"x\" is not a language tag") }, "\(lines)")
    }

    @Test("A base URL with a query, a fragment or a password is refused")
    func baseURL() {
        for bad in ["https://example.org/?x=1", "https://example.org/#top", "https://user:pass@example.org/", "https://me@example.org/"] {
            #expect(SiteConfig.baseURLProblem(bad) != nil, "\(bad)")
        }
        #expect(SiteConfig.baseURLProblem("https://example.org/reports/ai/") == nil)
    }
}
