import CCmark
import Foundation
import CCmarkArena
import Testing
import TestSupport
@testable import Markdown

/// libcmark allocates from an arena during a parse (`CCmarkArena`). These tests hold the arena to
/// what libcmark expects of calloc, realloc and free, and the parse to libcmark's own rendering.
@Suite("The arena libcmark parses in")
struct ArenaTests {
    /// One live allocation and the bytes it should hold.
    struct Shadow {
        var pointer: UnsafeMutableRawPointer
        var bytes: [UInt8]
    }

    @Test("calloc zeroes, realloc keeps contents, free makes room for reuse, across 20,000 random calls")
    func behavesLikeTheCAllocator() throws {
        let mem = findings_arena_allocator()!.pointee
        var rng = SplitMix(seed: 7)
        findings_arena_begin()
        defer { findings_arena_end() }
        var live: [Shadow] = []
        for step in 0..<20_000 {
            let choice = rng.next() % 10
            // Mostly small sizes, as a parse asks for, with a few large ones past any block.
            let size = rng.next() % 500 == 0 ? Int(rng.next() % 600_000) : Int(rng.next() % 1_200)
            if choice < 5 || live.isEmpty {
                let p = try #require(mem.calloc(1, size))
                let zeroed = UnsafeRawBufferPointer(start: p, count: size).allSatisfy { $0 == 0 }
                #expect(zeroed, "calloc(\(size)) at step \(step) was not zeroed")
                let fill = UInt8(truncatingIfNeeded: step)
                p.initializeMemory(as: UInt8.self, repeating: fill, count: size)
                live.append(Shadow(pointer: p, bytes: [UInt8](repeating: fill, count: size)))
            } else if choice < 8 {
                // To a new size, larger or smaller, as libcmark's buffers grow and are reused.
                let i = Int(rng.next() % UInt64(live.count))
                let p = try #require(mem.realloc(live[i].pointer, size))
                let keptCount = min(size, live[i].bytes.count)
                let kept = UnsafeRawBufferPointer(start: p, count: keptCount)
                #expect(kept.elementsEqual(live[i].bytes.prefix(keptCount)), "realloc at step \(step) lost contents")
                let fill = UInt8(truncatingIfNeeded: step &* 31)
                (p + keptCount).initializeMemory(as: UInt8.self, repeating: fill, count: size - keptCount)
                live[i] = Shadow(pointer: p, bytes: Array(live[i].bytes.prefix(keptCount)) + [UInt8](repeating: fill, count: size - keptCount))
            } else {
                let i = Int(rng.next() % UInt64(live.count))
                mem.free(live[i].pointer)
                live.swapAt(i, live.count - 1)
                live.removeLast()
            }
            if step % 2_000 == 0 {
                // No allocation overlaps another: each still holds what was written to it.
                for shadow in live {
                    #expect(UnsafeRawBufferPointer(start: shadow.pointer, count: shadow.bytes.count).elementsEqual(shadow.bytes))
                }
            }
        }
        for shadow in live {
            #expect(UnsafeRawBufferPointer(start: shadow.pointer, count: shadow.bytes.count).elementsEqual(shadow.bytes))
        }
        #expect(findings_arena_bytes_in_use() == live.reduce(0) { $0 + $1.bytes.count })
    }

    @Test("Arenas nest, and outside any arena the C allocator is used")
    func nests() throws {
        let mem = findings_arena_allocator()!.pointee
        #expect(findings_arena_bytes_in_use() == 0)
        let outside = try #require(mem.calloc(1, 64))
        findings_arena_begin()
        _ = mem.calloc(1, 100)
        findings_arena_begin()
        _ = mem.calloc(1, 10)
        #expect(findings_arena_bytes_in_use() == 10)
        findings_arena_end()
        #expect(findings_arena_bytes_in_use() == 100)
        findings_arena_end()
        #expect(findings_arena_bytes_in_use() == 0)
        mem.free(outside)
    }

    @Test("Pages parsed in the arena render as libcmark renders them, over 400 random documents")
    func rendersAsLibcmark() {
        let pieces = [
            "# Heading\n", "## Second *level*\n", "Setext\n===\n", "plain text with & and < and > signs\n",
            "*em* **strong** ***both*** _under_ __dunder__\n", "`code` and ``double `tick` code``\n",
            "[link](http://example.org \"title\") and <https://auto.link/x?y=1&z=2>\n", "![image](a.png \"t\")\n",
            "- one\n- two\n  - nested\n", "1. first\n2. second\n", "3) third\n", "> quote\n> > deeper\n",
            "```swift\nlet x = 1 < 2\n```\n", "    indented code\n", "***\n", "<div>\nraw *html*\n</div>\n",
            "inline <span>html</span>\n", "hard  \nbreak\n", "soft\nbreak\n", "中文段落，含有**强调**。\n",
            "[ref]\n\n[ref]: /url \"Ref\"\n", "&copy; &#35; &#x22;\n", "\\*escaped\\*\n", "- [ ] task\n",
            "line with tab\there\n", "| a | b |\n|---|---|\n| 1 | 2 |\n", "\r\nCRLF line\r\n", "\n", "\n\n",
            "<!-- comment -->\n", "* * *\n", "+ plus\n+ list\n\n  continued\n", "[](#fig-x)\n", "a_b_c snake\n",
        ]
        var rng = SplitMix(seed: 2026)
        for n in 0..<400 {
            var text = ""
            for _ in 0..<(1 + rng.next() % 12) { text += pieces[Int(rng.next() % UInt64(pieces.count))] }
            let ours = HTMLRenderer(allowRawHTML: true).render(MarkdownDocument.parse(text))
            let theirs = Self.libcmarkHTML(text)
            #expect(ours == theirs, "document \(n): \(text.debugDescription)")
        }
    }

    @Test("A page over 1 MB renders as libcmark does, flattening where it should")
    func longPageInHalves() throws {
        let pieces = ["# Heading\n\n", "Text with *emphasis*, `code` and a [link](a.html).\n\n", "- one\n- two\n  - three\n\n",
                      "> quoted\n> text\n\n", "```\ncode block\n```\n\n", "1. first\n2. second\n\n", "中文段落。\n\n"]
        var rng = SplitMix(seed: 11)
        var text = ""
        while text.utf8.count < (1 << 20) + 200_000 {
            text += pieces[Int(rng.next() % UInt64(pieces.count))]
        }
        let plain = HTMLRenderer(allowRawHTML: true).render(MarkdownDocument.parse(text))
        #expect(plain == Self.libcmarkHTML(text))
        // Nesting past the limit near the end: found there.
        let deepLine = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let deep = text + String(repeating: ">", count: MarkdownDocument.maxNesting + 10) + " deep\n\nAfter.\n"
        let document = MarkdownDocument.parse(deep)
        #expect(document.flattenedAt?.startLine == deepLine)
        #expect(document.root.range.endLine == deepLine + 2)
        let html = HTMLRenderer(allowRawHTML: true).render(document)
        #expect(html.hasPrefix(plain) && html.hasSuffix("<p>After.</p>\n"))
    }

    /// libcmark's own renderer (with the default allocator), with `'` escaped as Findings
    /// escapes it everywhere.
    static func libcmarkHTML(_ text: String) -> String {
        let html = text.withCString { cmark_markdown_to_html($0, strlen($0), CMARK_OPT_UNSAFE) }!
        defer { free(html) }
        return String(cString: html).replacingOccurrences(of: "'", with: "&#39;")
    }
}
