import Foundation
import Testing
import TestSupport
@testable import Site

@Suite("gzip copies")
struct CodecsTests {
    @Test("SHA-256 is right, and a failed digest gives no hex at all, never the all-zero one")
    func sha256() {
        #expect(Codecs.sha256(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Codecs.hex(status: -1, digest: [UInt8](repeating: 0, count: 32)) == nil)
        #expect(Codecs.hex(status: 0, digest: [UInt8](repeating: 0, count: 32)) == String(repeating: "0", count: 64))
    }

    @Test("A gzip copy is recognised only when it inflates to exactly the file")
    func gunzipEquals() throws {
        let page = Data(String(repeating: "<p>Interest is high; engagement is low.</p>\n", count: 200).utf8)
        let gz = try #require(Codecs.gzip(page))
        #expect(gz.count < page.count / 5)
        #expect(Codecs.gunzip(gz, equals: page))
        #expect(!Codecs.gunzip(gz, equals: page.dropLast()))
        #expect(!Codecs.gunzip(gz, equals: page + Data("x".utf8)))
        var changed = page
        changed[100] ^= 1
        #expect(!Codecs.gunzip(gz, equals: changed))
        #expect(!Codecs.gunzip(Data("not gzip".utf8), equals: page))
        #expect(!Codecs.gunzip(gz.prefix(gz.count / 2), equals: page))
    }

    @Test("The same bytes give the same gzip copy on every thread, with no time or system in its header")
    func deterministic() throws {
        let pages = (0..<64).map { i in Data(String(repeating: "<li>Respondent group \(i): clinicians, institutions, industry</li>\n", count: i * 3).utf8) }
        let once = pages.map { Codecs.gzip($0) }
        let results = ResultsBox(count: pages.count)
        DispatchQueue.concurrentPerform(iterations: 8) { part in
            for i in stride(from: part, to: pages.count, by: 8) { results.set(i, Codecs.gzip(pages[i])) }
        }
        for (i, page) in pages.enumerated() {
            let gz = try #require(once[i])
            #expect(results.get(i) == gz)
            #expect(Codecs.gunzip(gz, equals: page))
            // ID1 ID2, deflate, no flags, MTIME 0, (XFL), OS 255 ("unknown").
            #expect(Array(gz.prefix(8)) == [0x1F, 0x8B, 8, 0, 0, 0, 0, 0] && gz[9] == 255)
        }
    }

    @Test("A rebuild takes the published copy when it matches, and compresses again when it does not")
    func publishedCopy() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let page = Data(String(repeating: "A line of a page.\n", count: 300).utf8)
        let gz = try #require(Codecs.gzip(page))
        try folder.write(gz, to: "public/page.html.gz")
        let path = folder.url.appendingPathComponent("public/page.html.gz").path
        #expect(BuildSession.publishedCopy(of: page, at: path) == gz)
        #expect(BuildSession.publishedCopy(of: page + Data("more".utf8), at: path) == nil)
        #expect(BuildSession.publishedCopy(of: page, at: path + ".missing") == nil)
    }
}

private final class ResultsBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [Data?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Data?) { lock.lock(); items[i] = value; lock.unlock() }
    func get(_ i: Int) -> Data? { lock.lock(); defer { lock.unlock() }; return items[i] }
}
