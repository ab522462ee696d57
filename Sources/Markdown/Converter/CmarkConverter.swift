internal import CCmark
internal import CCmarkArena

/// Walks libcmark's tree once into Swift values and frees every C object before returning.
enum CmarkConverter {
    /// Containers nested deeper than this (block quotes, lists, emphasis, links) are flattened
    /// into the deepest kept one: every later pass walks the tree recursively, and 50,000 `>`
    /// would overflow the stack. No real page comes near it.
    static let maxDepth = 128

    /// The tree, and where it was first flattened (nil when it was not).
    static func convertReportingDepth(_ text: String) -> (root: MarkdownNode, flattenedAt: SourceRange?) {
        // Raw HTML is kept in the tree as written; whether it is published is the renderer's choice.
        let options = CMARK_OPT_SOURCEPOS | CMARK_OPT_UNSAFE
        // Everything libcmark allocates comes from one arena, released as a whole once the
        // tree is copied out: so neither the parser nor the tree is freed node by node.
        findings_arena_begin()
        defer { findings_arena_end() }
        guard let parser = cmark_parser_new_with_mem(options, findings_arena_allocator()) else {
            return (MarkdownNode(.document), nil)
        }
        var source = text
        source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        guard let document = cmark_parser_finish(parser) else { return (MarkdownNode(.document), nil) }
        return convert(document, depth: 0)
    }

    /// Copies the subtree at `top` (which stands `depth` containers deep) into Swift values.
    private static func convert(_ top: OpaquePointer, depth: Int) -> (root: MarkdownNode, flattenedAt: SourceRange?) {
        guard let iterator = cmark_iter_new(top) else { return (MarkdownNode(.document), nil) }
        var stack: [MarkdownNode] = []
        var result = MarkdownNode(.document)
        // Containers entered beyond `maxDepth` and not kept: their exits are skipped too.
        var skipped = 0
        var flattenedAt: SourceRange?
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER {
                if isLeaf(node) {
                    let swiftNode = MarkdownNode(kind(of: node), range: range(of: node))
                    if stack.isEmpty { result = swiftNode } else { stack[stack.count - 1].children.append(swiftNode) }
                } else if depth + stack.count >= maxDepth {
                    skipped += 1
                    if flattenedAt == nil { flattenedAt = range(of: node) }
                } else {
                    stack.append(MarkdownNode(kind(of: node), range: range(of: node)))
                }
            } else if event == CMARK_EVENT_EXIT {
                if skipped > 0 {
                    skipped -= 1
                    continue
                }
                let finished = stack.removeLast()
                if stack.isEmpty { result = finished } else { stack[stack.count - 1].children.append(finished) }
            }
        }
        return (result, flattenedAt)
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }

    private static func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
             CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    private static func range(of node: OpaquePointer) -> SourceRange {
        SourceRange(startLine: Int(cmark_node_get_start_line(node)), startColumn: Int(cmark_node_get_start_column(node)),
                    endLine: Int(cmark_node_get_end_line(node)), endColumn: Int(cmark_node_get_end_column(node)))
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST:
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                         start: Int(cmark_node_get_list_start(node)), tight: cmark_node_get_list_tight(node) != 0)
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK:
            return .codeBlock(info: string(cmark_node_get_fence_info(node)), literal: string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock(string(cmark_node_get_literal(node)))
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading(level: Int(cmark_node_get_heading_level(node)))
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text(string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code(string(cmark_node_get_literal(node)))
        case CMARK_NODE_HTML_INLINE: return .htmlInline(string(cmark_node_get_literal(node)))
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK:
            return .link(destination: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        case CMARK_NODE_IMAGE:
            return .image(source: string(cmark_node_get_url(node)), title: string(cmark_node_get_title(node)))
        default:
            // No extension is attached, so the parser makes no custom nodes; were one to appear,
            // its children would be kept, inside an emphasis node.
            return .emphasis
        }
    }
}
