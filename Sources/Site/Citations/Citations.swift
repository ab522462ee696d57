import Formats
import Diagnostics
import Markdown

/// `[@key]`, `[@key, p. 4]` and `[@a; @b]` in prose become author–date citations linked to the
/// page's reference list. cmark leaves them as text (they are not links), so they are found in
/// the text of the tree, never by scanning raw Markdown.
struct CitationResolver {
    let references: References
    /// The path of the page the citations stand on (links are written from the site root).
    var pagePath = ""
    var cited: [String] = []
    var problems: [(key: String, text: String)] = []

    /// The node with its citations resolved; descends into children.
    mutating func resolve(_ node: MarkdownNode) -> MarkdownNode {
        guard !node.children.isEmpty else { return node }
        var copy = node
        // Adjacent text nodes ("[", "@key", "]") are joined first.
        var children: [MarkdownNode] = []
        for child in node.children {
            if case .text(let t) = child.kind, let last = children.last, case .text(let previous) = last.kind {
                children[children.count - 1] = MarkdownNode(.text(previous + t), range: last.range)
            } else {
                children.append(resolve(child))
            }
        }
        copy.children = children.flatMap { child -> [MarkdownNode] in
            guard case .text(let text) = child.kind, Self.mayCite(text) else { return [child] }
            return split(text, range: child.range)
        }
        return copy
    }

    /// Whether the text holds "[@" (a byte scan: most text holds no citation).
    static func mayCite(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x40 && previous == 0x5B { return true }
            previous = byte
        }
        return false
    }

    mutating func split(_ text: String, range: SourceRange) -> [MarkdownNode] {
        var out: [MarkdownNode] = []
        var rest = Substring(text)
        while let open = rest.range(of: "[@") {
            guard let close = rest[open.upperBound...].firstIndex(of: "]") else { break }
            let before = rest[..<open.lowerBound]
            if !before.isEmpty { out.append(MarkdownNode(.text(String(before)), range: range)) }
            let inner = rest[open.upperBound..<close]
            out.append(MarkdownNode(.generatedInline(citation(String(inner))), range: range))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { out.append(MarkdownNode(.text(String(rest)), range: range)) }
        return out
    }

    /// "key, p. 4; @other" → "(Ye et al., 2025, p. 4; Other, 2020)", each part linked.
    mutating func citation(_ inner: String) -> String {
        let parts = inner.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        var rendered: [String] = []
        for part in parts {
            let body = part.hasPrefix("@") ? String(part.dropFirst()) : part
            let key = String(body.prefix { !($0 == "," || $0 == " ") })
            let locator = body.dropFirst(key.count).trimmingCharacters(in: CharacterSet(charactersIn: ", "))
            guard let work = references.work(key) else {
                problems.append((key, "[@" + inner + "]"))
                rendered.append(HTMLEscaping.escape(key))
                continue
            }
            if !cited.contains(key) { cited.append(key) }
            rendered.append("<a href=\"\(HTMLEscaping.escape(pagePath))#ref-\(HTMLEscaping.escape(key))\">\(HTMLEscaping.escape(work.shortCitation + (locator.isEmpty ? "" : ", " + locator)))</a>")
        }
        return "<span class=\"citation\">(" + rendered.joined(separator: "; ") + ")</span>"
    }

    /// The reference list for the end of a page (`page`: its path, for the list's anchors).
    func listHTML(page: String = "", title: String = "References") -> String {
        guard !cited.isEmpty else { return "" }
        let sorted = cited.compactMap(references.work).sorted { ($0.authors.first?.family ?? $0.title, $0.year) < ($1.authors.first?.family ?? $1.title, $1.year) }
        return "<section class=\"references\"><h2 id=\"references\">\(title)</h2><ul>"
            + sorted.map { "<li id=\"ref-\(HTMLEscaping.escape($0.id))\">\($0.entryHTML)</li>" }.joined() + "</ul></section>\n"
    }
}

import Foundation
