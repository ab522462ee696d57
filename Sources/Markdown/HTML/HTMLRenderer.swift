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
        var out = ""
        out.reserveCapacity(max(4096, document.sourceLength + document.sourceLength / 4))
        render(document.root, into: &out, tight: false)
        return out
    }

    public func render(_ node: MarkdownNode) -> String {
        var out = ""
        render(node, into: &out, tight: false)
        return out
    }

    private func newline(_ out: inout String) {
        if let last = out.utf8.last, last != 0x0A { out += "\n" }
    }

    private func children(_ node: MarkdownNode, into out: inout String, tight: Bool) {
        for child in node.children { render(child, into: &out, tight: tight) }
    }

    private func render(_ node: MarkdownNode, into out: inout String, tight: Bool) {
        switch node.kind {
        case .document:
            children(node, into: &out, tight: false)
        case .blockQuote:
            newline(&out)
            out += "<blockquote>\n"
            children(node, into: &out, tight: false)
            newline(&out)
            out += "</blockquote>\n"
        case .list(let ordered, let start, let isTight):
            newline(&out)
            if ordered {
                out += start == 1 ? "<ol>\n" : "<ol start=\"\(start)\">\n"
            } else {
                out += "<ul>\n"
            }
            children(node, into: &out, tight: isTight)
            newline(&out)
            out += ordered ? "</ol>\n" : "</ul>\n"
        case .item:
            newline(&out)
            out += "<li>"
            children(node, into: &out, tight: tight)
            out += "</li>\n"
        case .codeBlock(let info, let literal):
            newline(&out)
            let language = info.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            out += language.isEmpty ? "<pre><code>" : "<pre><code class=\"language-\(HTMLEscaping.escape(language))\">"
            out += HTMLEscaping.escape(literal)
            out += "</code></pre>\n"
        case .htmlBlock(let html):
            newline(&out)
            out += allowRawHTML ? html : "<!-- raw HTML omitted -->\n"
            if !out.hasSuffix("\n") { out += "\n" }
        case .paragraph:
            if tight {
                children(node, into: &out, tight: tight)
            } else {
                newline(&out)
                out += "<p>"
                children(node, into: &out, tight: tight)
                out += "</p>\n"
            }
        case .heading(let level):
            newline(&out)
            if let id = headingID?(node) {
                out += "<h\(level) id=\"\(HTMLEscaping.escape(id))\">"
            } else {
                out += "<h\(level)>"
            }
            children(node, into: &out, tight: tight)
            out += "</h\(level)>\n"
        case .thematicBreak:
            newline(&out)
            out += "<hr />\n"
        case .text(let text):
            out += HTMLEscaping.escape(text)
        case .softBreak:
            out += "\n"
        case .lineBreak:
            out += "<br />\n"
        case .code(let code):
            out += "<code>" + HTMLEscaping.escape(code) + "</code>"
        case .htmlInline(let html):
            out += allowRawHTML ? html : "<!-- raw HTML omitted -->"
        case .emphasis:
            out += "<em>"
            children(node, into: &out, tight: tight)
            out += "</em>"
        case .strong:
            out += "<strong>"
            children(node, into: &out, tight: tight)
            out += "</strong>"
        case .link(let destination, let title):
            let href = allowRawHTML || HTMLEscaping.isSafeURL(destination) ? HTMLEscaping.escapeURL(destination) : ""
            out += "<a href=\"\(href)\""
            if !title.isEmpty { out += " title=\"\(HTMLEscaping.escape(title))\"" }
            out += ">"
            children(node, into: &out, tight: tight)
            out += "</a>"
        case .image(let source, let title):
            let src = allowRawHTML || HTMLEscaping.isSafeURL(source) ? HTMLEscaping.escapeURL(source) : ""
            out += "<img src=\"\(src)\" alt=\"\(HTMLEscaping.escape(node.plainText))\""
            if !title.isEmpty { out += " title=\"\(HTMLEscaping.escape(title))\"" }
            out += " />"
        case .generatedBlock(let html):
            newline(&out)
            out += html
            if !out.hasSuffix("\n") { out += "\n" }
        case .generatedInline(let html):
            out += html
        }
    }
}
