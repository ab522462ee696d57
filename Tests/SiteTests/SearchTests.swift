import Foundation
import Testing
import TestSupport
@testable import Site

@Suite("Search without a server")
struct SearchTests {
    @Test("Words for Latin text, character bigrams for Chinese")
    func tokens() {
        #expect(SearchIndex.tokens("Data privacy, and AI!") == ["data", "privacy", "and", "ai"])
        #expect(SearchIndex.tokens("数据共享") == ["数据", "据共", "共享"])
        #expect(SearchIndex.tokens("联邦 learning 平台") == ["联邦", "learning", "平台"])
    }

    @Test("The build writes an index a Chinese query can search, and a search box that needs script to appear")
    func index() throws {
        var files = MiniSurvey.content
        files["content/pages/zh/index.md"] = "---\ntitle: 概览\n---\n\n## 数据共享\n\n愿意共享数据。\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        _ = try result.get()
        let data = try Data(contentsOf: folder.url.appendingPathComponent("public/search-index.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let docs = try #require(json["docs"] as? [[String: Any]])
        let index = try #require(json["index"] as? [String: [Int]])
        let hits = try #require(index["共享"])
        #expect(hits.contains { docs[$0]["u"] as? String == "zh/index.html#数据共享" })
        #expect(index["barriers"] != nil)
        let page = try folder.read("public/index.html")
        #expect(page.contains("<form id=\"search\" class=\"site-search\" role=\"search\" hidden>"))
        let assets = try FileManager.default.contentsOfDirectory(atPath: folder.url.appendingPathComponent("public/assets").path)
        #expect(assets.contains { $0.hasPrefix("search.") && $0.hasSuffix(".js") })
    }

    /// The index as a tree of JSON values, as it was built before it was written straight out.
    static func reference(_ entries: [SearchIndex.Section]) -> JSONValue {
        let postings = SearchIndex.postings(entries)
        return .object([
            ("docs", .array(entries.map(\.entry).map { .object([("u", .string($0.url)), ("t", .string($0.title)),
                                                             ("x", .string(SearchIndex.excerpt($0))), ("l", .string($0.lang))]) })),
            ("index", .object(postings.keys.sorted().map { ($0, .array(postings[$0]!.map { .int($0) })) })),
        ])
    }

    @Test("The index written straight out is the same text as the index built as JSON values, over 300 random entries")
    func writtenStraightOut() {
        var rng = SplitMix(seed: 42)
        let pieces = ["data", "共享", "数据平台", " ", "\"", "\\", "<b>", "&", "\n", "\t", "\u{2028}", "\u{1}", "é", "AI", "é", "—", "1,576"]
        func text(_ n: UInt64) -> String {
            (0..<(rng.next() % n)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
        }
        var sections: [SearchIndex.Section] = []
        for i in 0..<300 {
            let entry = SearchIndex.Entry(url: "p\(i).html#\(text(4))", title: text(8), text: text(120), lang: i % 3 == 0 ? "zh" : "en")
            sections.append((entry, Set(SearchIndex.tokens(entry.title + " " + entry.text))))
        }
        #expect(SearchIndex.serialized(sections) == Self.reference(sections).serialized())
        #expect(SearchIndex.serialized([]) == Self.reference([]).serialized())
        #expect(SearchIndex.serialized([]) == "{\"docs\":[],\"index\":{}}")
    }
}
