import Foundation
import Testing
import TestSupport
@testable import Site

@Suite("Hashed asset names in pages")
struct PublishingTests {
    /// The rule, written plainly: a quote, `assets/`, up to 512 bytes without a quote, a quote;
    /// replaced when the quoted text is a renamed path. The scan goes on from the closing quote.
    static func reference(_ data: Data, renames: [[UInt8]: [UInt8]]) -> Data {
        let prefix = Array("\"assets/".utf8), quote = UInt8(ascii: "\"")
        let bytes = [UInt8](data)
        var out: [UInt8] = [], i = 0, copied = 0
        while i < bytes.count {
            guard bytes[i] == quote, i + prefix.count <= bytes.count, bytes[i..<(i + prefix.count)].elementsEqual(prefix) else {
                i += 1
                continue
            }
            let start = i + 1
            var end = start
            while end < bytes.count && bytes[end] != quote && end - start < 512 { end += 1 }
            if end < bytes.count, bytes[end] == quote, let renamed = renames[Array(bytes[start..<end])] {
                out += bytes[copied..<start] + renamed
                copied = end
            }
            i = end
        }
        return Data(out + bytes[copied...])
    }

    @Test("Quoted asset paths become their hashed names, and nothing else changes")
    func rewrites() {
        let renames = [Array("assets/site.css".utf8): Array("assets/site.0123456789.css".utf8),
                       Array("assets/a.js".utf8): Array("assets/a.abcdef0123.js".utf8)]
        let page = Data(#"<link href="assets/site.css"><script src="assets/a.js"></script>"assets/site.css""assets/a.js" 'assets/a.js' "assets/a.jsx""#.utf8)
        #expect(String(decoding: Publishing.rewriteQuotedPaths(page, renames: renames), as: UTF8.self)
            == #"<link href="assets/site.0123456789.css"><script src="assets/a.abcdef0123.js"></script>"assets/site.0123456789.css""assets/a.abcdef0123.js" 'assets/a.js' "assets/a.jsx""#)
        let plain = Data("<p>No assets here.</p>".utf8)
        #expect(Publishing.rewriteQuotedPaths(plain, renames: renames) == plain)
        #expect(Publishing.rewriteQuotedPaths(Data(), renames: renames) == Data())
    }

    @Test("Random pages are rewritten as the plain rule says, including unclosed and overlong quotes")
    func matchesTheRule() {
        let renames = [Array("assets/x.css".utf8): Array("assets/x.1111111111.css".utf8),
                       Array("assets/".utf8): Array("assets/EMPTY".utf8)]
        let pieces = ["\"", "\"assets/", "assets/", "x.css", "\"assets/x.css\"", "a", "é", "中", " ", String(repeating: "y", count: 300), "\n"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let data = Data(text.utf8)
            #expect(Publishing.rewriteQuotedPaths(data, renames: renames) == Self.reference(data, renames: renames), "\(text.debugDescription)")
        }
    }

    @Test("A file's extension is read as URL.pathExtension reads it")
    func pathExtension() {
        for path in ["p00001.html", "assets/style.css", "a/b.c/d", "a/b.c/d.json", ".hidden", "a/.hidden", "a.tar.gz", "file.",
                     "no-extension", "", "zh/index.html", "data/findings.json", "dir/", "中文.html", "a..b"] {
            #expect(Publishing.pathExtension(path) == URL(fileURLWithPath: path).pathExtension, "\(path)")
        }
    }
}

@Suite("What a build reads")
struct InputListingTests {
    @Test("Every file below a folder, sorted, but none hidden or in a hidden folder; links to files count, links to folders are not followed")
    func listing() throws {
        let folder = try TemporaryFolder(["pages/b.md": "b", "pages/a.md": "a", "pages/zh/c.md": "c", "site.yaml": "x",
                                          ".hidden": "h", "pages/.draft.md": "d", ".git/objects/ab": "o", "pages/.cache/x.md": "x"])
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/pages/linked.md", withDestinationPath: folder.path + "/pages/a.md")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/elsewhere", withDestinationPath: folder.path + "/pages")
        let files = InputListing(under: folder.url, prefix: "content/").files
        #expect(files.map(\.path) == ["content/pages/a.md", "content/pages/b.md", "content/pages/linked.md", "content/pages/zh/c.md",
                                      "content/site.yaml"])
        #expect(files.allSatisfy { FileManager.default.contents(atPath: $0.absolute) != nil })
        #expect(files.first { $0.path.hasSuffix("/b.md") }?.stamp.size == 1)
        #expect(InputListing(under: folder.url.appendingPathComponent("missing"), prefix: "").files.isEmpty)
    }
}
