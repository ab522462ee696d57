import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Site

/// A `BuildSession` kept across edits (as `findings serve` keeps it) must write exactly what a
/// cold build of the same inputs writes, while redoing only what each edit reaches.
@Suite("Incremental rebuilds")
struct IncrementalBuildTests {
    /// A copy of the whole report and its templates, to edit.

    static func options(_ folder: TemporaryFolder) -> BuildOptions {
        BuildOptions(content: folder.url.appendingPathComponent("content"), templates: folder.url.appendingPathComponent("templates"),
                     output: folder.url.appendingPathComponent("public"), workingDirectory: folder.path)
    }

    /// Every output file of a cold build, by path.
    static func cold(_ folder: TemporaryFolder) throws -> [String: Data] {
        Dictionary(uniqueKeysWithValues: try BuildSession(options(folder)).build().files.map { ($0.path, $0.data) })
    }

    static func edit(_ folder: TemporaryFolder, _ path: String, _ change: (String) -> String) throws {
        let text = try folder.read(path)
        let changed = change(text)
        #expect(changed != text, "the edit of \(path) changed nothing")
        try folder.write([path: changed])
    }

    @Test("Over a series of edits, each rebuild equals a cold build and redoes only what the edit reaches")
    func seriesOfEdits() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        let session = BuildSession(Self.options(folder))
        let first = try session.build()
        let allPages = first.summary.work.pagesRendered
        #expect(first.summary.work.dataReloaded && allPages > 20 && first.summary.work.pagesLaidOut == first.summary.pages)

        /// Rebuilds, compares with a cold build file by file, and returns what was redone.
        func rebuild() throws -> BuildSummary.Work {
            let warm = try session.build()
            let files = Dictionary(uniqueKeysWithValues: warm.files.map { ($0.path, $0.data) })
            let fresh = try Self.cold(folder)
            #expect(Set(files.keys) == Set(fresh.keys))
            for (path, data) in fresh where files[path] != data { Issue.record("\(path) differs from a cold build") }
            return warm.summary.work
        }

        // Nothing changed: nothing is redone.
        var work = try rebuild()
        #expect(work == BuildSummary.Work(dataReloaded: false, pagesRendered: 0, pagesLaidOut: 0))

        // One paragraph of one page: that page (and its Chinese fallback copy) only.
        try Self.edit(folder, "content/pages/engagement.md") { $0.replacingOccurrences(of: "## The central gap\n", with: "## The central gap\n\nA sentence added by the author.\n") }
        work = try rebuild()
        #expect(work == BuildSummary.Work(dataReloaded: false, pagesRendered: 2, pagesLaidOut: 2))

        // A Chinese page: that page, and no other.
        try Self.edit(folder, "content/pages/zh/recommendations.md") { $0 + "\n补充一句。\n" }
        work = try rebuild()
        #expect(work.pagesRendered == 1 && !work.dataReloaded)

        // A title is in every page's navigation: every page is laid out again, one rendered.
        try Self.edit(folder, "content/pages/engagement.md") { $0.replacingOccurrences(of: "title: Interest and engagement", with: "title: Interest versus engagement") }
        work = try rebuild()
        #expect(work.pagesRendered == 2 && work.pagesLaidOut == first.summary.pages)

        // A new figure early in the report renumbers the figures after it, on other pages too.
        try Self.edit(folder, "content/pages/methods.md") { $0 + "\n```chart\nquestion: group\nid: group-again\ntitle: Respondents by group, again\n```\n" }
        work = try rebuild()
        #expect(work.pagesRendered > 2 && !work.dataReloaded)

        // The data: the analysis and every page.
        try Self.edit(folder, "content/data/responses.csv") { text in
            var lines = text.components(separatedBy: "\n")
            lines.removeLast(lines.last == "" ? 2 : 1)
            return lines.joined(separator: "\n") + "\n"
        }
        work = try rebuild()
        #expect(work.dataReloaded && work.pagesRendered == allPages)

        // A template: every page laid out again, none rendered.
        try Self.edit(folder, "templates/layout.mustache") { $0 + "\n{{! an author's note }}\n" }
        work = try rebuild()
        #expect(work.pagesRendered == 0 && work.pagesLaidOut == first.summary.pages)

        // An asset: its hashed name changes in every page.
        try Self.edit(folder, "templates/assets/style.css") { $0 + "\n/* tweak */\n" }
        _ = try rebuild()

        // A page added, then removed.
        try folder.write(["content/pages/extra.md": "---\ntitle: Extra\norder: 20\n---\n\nAn extra page citing `=clinician_interest`.\n"])
        work = try rebuild()
        #expect(work.pagesRendered == 2)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("content/pages/extra.md"))
        work = try rebuild()
        #expect(work.pagesRendered == 0)

        // A broken edit fails; fixing it builds the same as cold again.
        let broken = try folder.read("content/pages/about.md")
        try folder.write(["content/pages/about.md": broken + "\nSee `=no_such_finding`.\n"])
        #expect(throws: DiagnosticsError.self) { try session.build() }
        try folder.write(["content/pages/about.md": broken])
        _ = try rebuild()
    }

    @Test("precompress: false writes no .gz copies, and turning it on again in a session brings them all back")
    func precompressSetting() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        let session = BuildSession(Self.options(folder))
        let withCopies = try session.build().files.map(\.path)
        let copies = withCopies.filter { $0.hasSuffix(".gz") }
        #expect(copies.count > 20)

        try Self.edit(folder, "content/site.yaml") { $0.replacingOccurrences(of: "synthetic: true\n", with: "synthetic: true\nprecompress: false\n") }
        let without = try session.build()
        #expect(!without.files.contains { $0.path.hasSuffix(".gz") })
        #expect(Set(without.files.map(\.path)) == Set(withCopies).subtracting(copies))
        let manifest = String(decoding: without.files.first { $0.path == "build-manifest.json" }?.data ?? Data(), as: UTF8.self)
        #expect(manifest.contains("\"index.html\"") && !manifest.contains(".gz\""))
        #expect(Set(try Self.cold(folder).keys) == Set(without.files.map(\.path)))

        try Self.edit(folder, "content/site.yaml") { $0.replacingOccurrences(of: "precompress: false\n", with: "") }
        #expect(Set(try session.build().files.map(\.path)) == Set(withCopies))

        try Self.edit(folder, "content/site.yaml") { $0.replacingOccurrences(of: "synthetic: true\n", with: "synthetic: true\nprecompress: sometimes\n") }
        #expect {
            try session.build()
        } throws: { error in
            (error as? DiagnosticsError)?.diagnostics.contains { $0.description.contains("site.yaml:15:") && $0.description.contains("`precompress` must be true or false") } ?? false
        }
    }
}
