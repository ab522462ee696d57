import Formats

/// Renders a Markdown tree to HTML, the way cmark does, with two choices of our own: whether raw
/// HTML written by the author is published, and the `id` each heading gets.
public struct HTMLRenderer {
    /// Publish the author's raw HTML (off by default, as in libcmark's safe mode).
    public var allowRawHTML = false
    /// The `id` for a heading, from its plain text; nil for none.
    public var headingID: ((MarkdownNode) -> String?)?

    public init(allowRawHTML: Bool = false, headingID: ((MarkdownNode) -> String?)? = nil) {
        self.allowRawHTML = allowRawHTML
        self.headingID = headingID
    }

    public func render(_ document: MarkdownDocument) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(max(4096, document.sourceLength + document.sourceLength / 4))
        var headings = HeadingIDs(ids: headingIDs([document.root][...]))
        render(document.root, into: &out, tight: false, headings: &headings)
        return String(decoding: out, as: UTF8.self)
    }

    public func render(_ node: MarkdownNode) -> String {
        var out: [UInt8] = []
        var headings = HeadingIDs(ids: headingIDs([node][...]))
        render(node, into: &out, tight: false, headings: &headings)
        return String(decoding: out, as: UTF8.self)
    }

    /// The id of every heading in `nodes`, in the order they are rendered (parents before children).
    private func headingIDs(_ nodes: ArraySlice<MarkdownNode>) -> [String?] {
        guard let headingID else { return [] }
        var ids: [String?] = []
        for node in nodes {
            node.walk { if case .heading = $0.kind { ids.append(headingID($0)) } }
        }
        return ids
    }

    /// The heading ids taken before rendering, and which one the next heading gets.
    private struct HeadingIDs {
        var ids: [String?]
        var next = 0

        mutating func take() -> String? {
            defer { next += 1 }
            return next < ids.count ? ids[next] : nil
        }
    }

    // The HTML is built as UTF-8 bytes: appending to a `String` piece by piece cost more than
    // parsing the Markdown.
    private func newline(_ out: inout [UInt8]) {
        if let last = out.last, last != 0x0A { out.append(0x0A) }
    }

    /// ` name="value"`, the value escaped.
    private func attribute(_ name: StaticString, _ value: String, into out: inout [UInt8]) {
        out.append(0x20)
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out += "=\"".utf8
        HTMLEscaping.escape(value, into: &out)
        out.append(0x22)
    }

    private func children(_ node: MarkdownNode, into out: inout [UInt8], tight: Bool, headings: inout HeadingIDs) {
        for child in node.children { render(child, into: &out, tight: tight, headings: &headings) }
    }

    private func render(_ node: MarkdownNode, into out: inout [UInt8], tight: Bool, headings: inout HeadingIDs) {
        switch node.kind {
        case .document:
            children(node, into: &out, tight: false, headings: &headings)
        case .blockQuote:
            newline(&out)
            out += "<blockquote>\n".utf8
            children(node, into: &out, tight: false, headings: &headings)
            newline(&out)
            out += "</blockquote>\n".utf8
        case .list(let ordered, let start, let isTight):
            newline(&out)
            if ordered {
                out += (start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n").utf8
            } else {
                out += "<ul>\n".utf8
            }
            children(node, into: &out, tight: isTight, headings: &headings)
            newline(&out)
            out += (ordered ? "</ol>\n" : "</ul>\n").utf8
        case .item:
            newline(&out)
            out += "<li>".utf8
            children(node, into: &out, tight: tight, headings: &headings)
            out += "</li>\n".utf8
        case .codeBlock(let info, let literal):
            newline(&out)
            let language = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            if language.isEmpty {
                out += "<pre><code>".utf8
            } else {
                out += "<pre><code class=\"language-".utf8
                HTMLEscaping.escape(language, into: &out)
                out += "\">".utf8
            }
            HTMLEscaping.escape(literal, into: &out)
            out += "</code></pre>\n".utf8
        case .htmlBlock(let html):
            newline(&out)
            out += (allowRawHTML ? html : "<!-- raw HTML omitted -->\n").utf8
            newline(&out)
        case .paragraph:
            if tight {
                children(node, into: &out, tight: tight, headings: &headings)
            } else {
                newline(&out)
                out += "<p>".utf8
                children(node, into: &out, tight: tight, headings: &headings)
                out += "</p>\n".utf8
            }
        case .heading(let level):
            newline(&out)
            out += "<h\(level)".utf8
            if let id = headings.take() { attribute("id", id, into: &out) }
            out.append(0x3E)
            children(node, into: &out, tight: tight, headings: &headings)
            out += "</h\(level)>\n".utf8
        case .thematicBreak:
            newline(&out)
            out += "<hr />\n".utf8
        case .text(let text):
            HTMLEscaping.escape(text, into: &out)
        case .softBreak:
            out.append(0x0A)
        case .lineBreak:
            out += "<br />\n".utf8
        case .code(let code):
            out += "<code>".utf8
            HTMLEscaping.escape(code, into: &out)
            out += "</code>".utf8
        case .htmlInline(let html):
            out += (allowRawHTML ? html : "<!-- raw HTML omitted -->").utf8
        case .emphasis:
            out += "<em>".utf8
            children(node, into: &out, tight: tight, headings: &headings)
            out += "</em>".utf8
        case .strong:
            out += "<strong>".utf8
            children(node, into: &out, tight: tight, headings: &headings)
            out += "</strong>".utf8
        case .link(let destination, let title):
            out += "<a href=\"".utf8
            if allowRawHTML || HTMLEscaping.isSafeURL(destination) { out += HTMLEscaping.escapeURL(destination).utf8 }
            out.append(0x22)
            if !title.isEmpty { attribute("title", title, into: &out) }
            out.append(0x3E)
            children(node, into: &out, tight: tight, headings: &headings)
            out += "</a>".utf8
        case .image(let source, let title):
            out += "<img src=\"".utf8
            if allowRawHTML || HTMLEscaping.isSafeURL(source) { out += HTMLEscaping.escapeURL(source).utf8 }
            out += "\" alt=\"".utf8
            HTMLEscaping.escape(node.plainText, into: &out)
            out.append(0x22)
            if !title.isEmpty { attribute("title", title, into: &out) }
            out += " />".utf8
        case .generatedBlock(let html):
            newline(&out)
            out += html.utf8
            newline(&out)
        case .generatedInline(let html):
            out += html.utf8
        }
    }
}
