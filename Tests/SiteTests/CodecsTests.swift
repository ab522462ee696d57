import Foundation
import Testing
import TestSupport
@testable import Site

@Suite("gzip copies")
struct CodecsTests {
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
