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

    init(pages: [(page: Page, outputPath: String)], language: String = "en") {
        let (figureWord, tableWord) = language == "zh" ? ("图 ", "表 ") : ("Figure ", "Table ")
        var figures = 0, tables = 0
        for (page, outputPath) in pages {
            page.document.walk { node in
                guard case .codeBlock(let info, let literal) = node.kind else { return }
                let words = info.split(separator: " ").map(String.init)
                guard let kind = words.first, kind == "chart" || kind == "table" else { return }
                let base = Self.declaredID(literal, info: words) ?? "chart"
                let prefix = kind == "chart" ? "fig-" : "tbl-"
                var id = prefix + base
                var k = 2
                while entries[id] != nil {
                    id = "\(prefix)\(base)-\(k)"
                    k += 1
                }
                let number: Int
                if kind == "chart" { figures += 1; number = figures } else { tables += 1; number = tables }
                let entry = Entry(id: id, label: (kind == "chart" ? figureWord : tableWord) + String(number), number: number, page: outputPath,
                                  question: Self.field("question", in: literal))
                entries[id] = entry
                blocks[Self.blockKey(page.source, node.range.startLine)] = entry
            }
        }
    }

    /// The id a block asks for: `id:` in its YAML, else its question or data, else (for a CSV
    /// table) the word after `table` in the fence.
    static func declaredID(_ literal: String, info: [String]) -> String? {
        var question: String?
        var data: String?
        for line in literal.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("id:") { return value(trimmed.dropFirst(3)) }
            if trimmed.hasPrefix("question:") { question = value(trimmed.dropFirst(9)) }
            if trimmed.hasPrefix("data:") { data = value(trimmed.dropFirst(5)) }
        }
        return question ?? data ?? (info.count > 1 ? info[1] : nil) ?? (info.first == "table" ? "table" : nil)
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
