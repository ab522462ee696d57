import Words
import Diagnostics
import Markdown

/// Figures and tables numbered in reading order across the whole report, found before any page
/// is rendered so a cross-reference can point forward or to another page.
struct ReferenceIndex {
    struct Entry {
        /// "fig-priorities" or "tbl-barriers".
        var id: String
        /// "Figure 3" or "Table 2".
        var label: String
        var number: Int
        /// The page file it stands on.
        var page: String
        /// The question it shows, when it shows one.
        var question: String?
    }

    private(set) var entries: [String: Entry] = [:]
    /// Each directive block's entry, by page source and the block's first line.
    private var blocks: [String: Entry] = [:]

    static func blockKey(_ source: String, _ line: Int) -> String { "\(source):\(line)" }

    /// Two blocks that would get the same id, each named at its place.
    private(set) var problems: [Diagnostic] = []

    /// A figure's or table's id is stable: its `id:`, else derived from what it shows (question or
    /// data, `-by-` its breakdown), with its kind added when two blocks would otherwise share
    /// one. It never depends on position, so adding a chart earlier re-points no link, and the
    /// same block has the same id in every language.
    init(pages: [(page: Page, outputPath: String)], words: Words = TemplateSet.englishWords) {
        struct Block {
            var page: Page
            var outputPath: String
            var line: Int
            var isChart: Bool
            var declared: String?
            var id: String
            var kind: String?
            var question: String?
        }
        var found: [Block] = []
        for (page, outputPath) in pages {
            page.document.walk { node in
                guard case .codeBlock(let info, let literal) = node.kind else { return }
                let words = info.split(separator: " ").map(String.init)
                guard let kind = words.first, kind == "chart" || kind == "table" else { return }
                let prefix = kind == "chart" ? "fig-" : "tbl-"
                let declared = Self.field("id", in: literal)
                found.append(Block(page: page, outputPath: outputPath, line: node.range.startLine, isChart: kind == "chart",
                                   declared: declared, id: prefix + (declared ?? Self.derivedID(literal, info: words)),
                                   kind: Self.field("kind", in: literal), question: Self.field("question", in: literal)))
            }
        }
        // Derived ids that collide take their kind; declared ones stay as the author wrote them.
        let derivedCounts = Dictionary(grouping: found.indices.filter { found[$0].declared == nil }) { found[$0].id }
        for (_, indices) in derivedCounts where indices.count > 1 {
            for i in indices { found[i].id += "-" + (found[i].kind ?? (found[i].isChart ? "chart" : "table")) }
        }
        var first: [String: Block] = [:]
        var figures = 0, tables = 0
        for block in found {
            if let earlier = first[block.id] {
                problems.append(.error(at: SourceLocation(file: block.page.source, line: block.line, column: 1),
                                       "this \(block.isChart ? "chart" : "table") would have the id \"\(block.id)\", as the one at \(earlier.page.source):\(earlier.line) has",
                                       hint: "give one of them its own id: line, such as id: \(block.id.dropFirst(4))-2"))
                continue
            }
            first[block.id] = block
            let number: Int
            if block.isChart { figures += 1; number = figures } else { tables += 1; number = tables }
            let entry = Entry(id: block.id, label: words.phrase(block.isChart ? "figure_label" : "table_label", ["number": String(number)]), number: number,
                              page: block.outputPath, question: block.question)
            entries[block.id] = entry
            blocks[Self.blockKey(block.page.source, block.line)] = entry
        }
    }

    /// The id a block without `id:` gets: its question or data (or, for a CSV table, the word
    /// after `table` in the fence), then `-by-` its breakdown.
    static func derivedID(_ literal: String, info: [String]) -> String {
        let shown = field("question", in: literal) ?? field("data", in: literal)
            ?? (info.count > 1 ? info[1] : nil) ?? (info.first == "table" ? "table" : "chart")
        return shown + (field("breakdown", in: literal).map { "-by-" + $0 } ?? "")
    }

    static func field(_ key: String, in literal: String) -> String? {
        for line in literal.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(key + ":") { return value(trimmed.dropFirst(key.count + 1)) }
        }
        return nil
    }

    private static func value(_ text: Substring) -> String {
        text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
    }

    /// Every entry in one string: two indexes with the same signature number and label alike.
    var signature: String {
        entries.keys.sorted().map { id in
            let e = entries[id]!
            return [id, e.label, e.page, e.question ?? ""].joined(separator: "|")
        }.joined(separator: "\n")
    }

    func entry(forBlockAt line: Int, in source: String) -> Entry? { blocks[Self.blockKey(source, line)] }

    var figureCount: Int { entries.values.count(where: { $0.id.hasPrefix("fig-") }) }

    /// The figures and tables that show a question, in reading order.
    func uses(of question: String) -> [Entry] {
        entries.values.filter { $0.question == question }.sorted { ($0.id.hasPrefix("tbl-") ? 1 : 0, $0.number) < ($1.id.hasPrefix("tbl-") ? 1 : 0, $1.number) }
    }
}

import Foundation
