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

    @Test("A page over 1 MB is copied out on two threads and still renders as libcmark does, flattening where it should")
    func longPageInHalves() throws {
        let pieces = ["# Heading\n\n", "Text with *emphasis*, `code` and a [link](a.html).\n\n", "- one\n- two\n  - three\n\n",
                      "> quoted\n> text\n\n", "```\ncode block\n```\n\n", "1. first\n2. second\n\n", "中文段落。\n\n"]
        var rng = SplitMix(seed: 11)
        var text = ""
        while text.utf8.count < CmarkConverter.parallelAbove + 200_000 {
            text += pieces[Int(rng.next() % UInt64(pieces.count))]
        }
        let plain = HTMLRenderer(allowRawHTML: true).render(MarkdownDocument.parse(text))
        #expect(plain == Self.libcmarkHTML(text))
        // Nesting past the limit, in the second half: found there, not lost between threads.
        let deepLine = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let deep = text + String(repeating: ">", count: MarkdownDocument.maxNesting + 10) + " deep\n\nAfter.\n"
        let document = MarkdownDocument.parse(deep)
        #expect(document.flattenedAt?.startLine == deepLine)
        #expect(document.root.range.endLine == deepLine + 2)
        let html = HTMLRenderer(allowRawHTML: true).render(document)
        #expect(html.hasPrefix(plain) && html.hasSuffix("<p>After.</p>\n"))
    }

    @Test("A page over 1 MB renders on two threads exactly as on one, heading ids taken in document order")
    func longPageRendersInHalves() {
        var rng = SplitMix(seed: 5)
        var text = ""
        var n = 0
        while text.utf8.count < HTMLRenderer.parallelAbove + 100_000 {
            n += 1
            switch rng.next() % 4 {
            case 0: text += "## Section \(n)\n\n"
            case 1: text += "- item with *emphasis* \(n)\n- > quoted\n  > ### Heading in a list \(n)\n\n"
            case 2: text += "```\ncode \(n) <b>\n```\n\n<div>raw \(n)</div>\n\n"
            default: text += "Paragraph \(n) with `code`, a [link](p.html \"t\") and 中文。\n\n"
            }
        }
        var document = MarkdownDocument.parse(text)
        #expect(document.sourceLength >= HTMLRenderer.parallelAbove)
        // The same stateful rule as the site's: each heading's id depends on those before it.
        func render(_ document: MarkdownDocument) -> (html: String, order: [String]) {
            var order: [String] = []
            let renderer = HTMLRenderer(allowRawHTML: true) { heading in
                order.append(heading.plainText)
                return "h\(order.count)"
            }
            return (renderer.render(document), order)
        }
        let parallel = render(document)
        document.sourceLength = 0 // the one-thread path
        let serial = render(document)
        #expect(parallel.order == serial.order)
        #expect(parallel.order.count > 1_000)
        #expect(parallel.html == serial.html)
        #expect(parallel.html.contains("<h3 id=\"h2\">") || parallel.html.contains("<h2 id=\"h2\">"))
    }

    @Test("Two threads allocate from one shared arena at once, from the first call, over 1,000 rounds")
    func sharedByTwoThreads() {
        for round in 0..<1_000 {
            findings_arena_begin()
            defer { findings_arena_end() }
            let mem = findings_arena_allocator()!.pointee
            // Allocated before sharing, and freed while shared: the owner's unlocked past is kept.
            let before = mem.calloc(1, 40)!
            nonisolated(unsafe) let arena = findings_arena_share()
            let intact = Atomicish()
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                findings_arena_join(arena)
                defer { findings_arena_leave() }
                var mine: [UnsafeMutableRawPointer] = []
                for i in 0..<2_000 {
                    let p = mem.calloc(1, 24 + i % 200)!
                    p.storeBytes(of: UInt64(k * 1_000_000 + i), as: UInt64.self)
                    mine.append(p)
                    if i % 3 == 0 { mem.free(mine.removeLast()) }
                    if i % 7 == 0, let last = mine.popLast() {
                        // Grows in place when newest, or moves: either way keeps its first word.
                        mine.append(mem.realloc(last, 300 + i % 500)!)
                    }
                }
                let ok = mine.allSatisfy { p in p.load(as: UInt64.self) / 1_000_000 == UInt64(k) }
                intact.record(ok)
            }
            mem.free(before)
            findings_arena_unshare(arena)
            #expect(intact.all, "round \(round)")
            #expect(findings_arena_bytes_in_use() > 0)
            if !intact.all { break }
        }
    }

    final class Atomicish: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Bool] = []
        func record(_ ok: Bool) { lock.lock(); results.append(ok); lock.unlock() }
        var all: Bool { results.count == 2 && results.allSatisfy { $0 } }
    }

    /// libcmark's own renderer (with the default allocator), with `'` escaped as Findings
    /// escapes it everywhere.
    static func libcmarkHTML(_ text: String) -> String {
        let html = text.withCString { cmark_markdown_to_html($0, strlen($0), CMARK_OPT_UNSAFE) }!
        defer { free(html) }
        return String(cString: html).replacingOccurrences(of: "'", with: "&#39;")
    }
}
