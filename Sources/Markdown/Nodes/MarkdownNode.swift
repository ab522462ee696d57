/// A position range in a Markdown source: 1-based lines and columns (columns count bytes, as cmark does).
public struct SourceRange: Sendable, Hashable {
    // Stored as 32-bit numbers: a tree has a range per node, and a 10 MB page has a million
    // nodes. Lines and columns past 2^31 are clamped.
    private var packed: (startLine: Int32, startColumn: Int32, endLine: Int32, endColumn: Int32)

    public var startLine: Int { get { Int(packed.startLine) } set { packed.startLine = Self.narrow(newValue) } }
    public var startColumn: Int { get { Int(packed.startColumn) } set { packed.startColumn = Self.narrow(newValue) } }
    public var endLine: Int { get { Int(packed.endLine) } set { packed.endLine = Self.narrow(newValue) } }
    public var endColumn: Int { get { Int(packed.endColumn) } set { packed.endColumn = Self.narrow(newValue) } }

    public init(startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        packed = (Self.narrow(startLine), Self.narrow(startColumn), Self.narrow(endLine), Self.narrow(endColumn))
    }

    private static func narrow(_ value: Int) -> Int32 { Int32(clamping: value) }

    public static func == (a: SourceRange, b: SourceRange) -> Bool { a.packed == b.packed }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(packed.startLine)
        hasher.combine(packed.startColumn)
        hasher.combine(packed.endLine)
        hasher.combine(packed.endColumn)
    }

    public static let unknown = SourceRange(startLine: 0, startColumn: 0, endLine: 0, endColumn: 0)
    public var isKnown: Bool { startLine > 0 }
}

/// One node of a CommonMark document, as a Swift value that owns no C memory.
public struct MarkdownNode: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        case document
        case blockQuote
        case list(ordered: Bool, start: Int, tight: Bool)
        case item
        case codeBlock(info: String, literal: String)
        case htmlBlock(String)
        case paragraph
        case heading(level: Int)
        case thematicBreak
        case text(String)
        case softBreak
        case lineBreak
        case code(String)
        case htmlInline(String)
        case emphasis
        case strong
        case link(destination: String, title: String)
        case image(source: String, title: String)
        /// HTML made by the generator itself (a figure, a table): always written as is.
        case generatedBlock(String)
        /// Inline HTML made by the generator itself (a cited number): always written as is.
        case generatedInline(String)
    }

    public var kind: Kind
    public var children: [MarkdownNode]
    public var range: SourceRange

    public init(_ kind: Kind, children: [MarkdownNode] = [], range: SourceRange = .unknown) {
        self.kind = kind
        self.children = children
        self.range = range
    }

    /// The node's text with all markup removed (for alt text, slugs, search).
    public var plainText: String {
        switch kind {
        case .text(let s), .code(let s): return s
        case .softBreak, .lineBreak: return " "
        case .codeBlock(_, let literal): return literal
        default: return children.map(\.plainText).joined()
        }
    }

    /// True for blocks (which take a line of their own in HTML).
    public var isBlock: Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .paragraph, .heading, .thematicBreak,
             .generatedBlock:
            return true
        default:
            return false
        }
    }
}

/// A parsed Markdown page.
public struct MarkdownDocument: Sendable, Hashable {
    public var root: MarkdownNode
    /// Lines in the source before the Markdown text began (front matter), added to every line number.
    public var lineOffset: Int
    /// Where containers nested deeper than `maxNesting` began to be flattened, if they were.
    public var flattenedAt: SourceRange?
    /// Bytes of Markdown the tree was parsed from (0 when built by hand): the HTML is about as
    /// long, so the renderer reserves that much at once.
    public var sourceLength = 0

    /// How deep containers may nest before deeper ones are flattened.
    public static var maxNesting: Int { CmarkConverter.maxDepth }

    public init(root: MarkdownNode, lineOffset: Int = 0) {
        self.root = root
        self.lineOffset = lineOffset
    }

    /// Parses CommonMark with source positions. Parsing never fails: odd input is text.
    public static func parse(_ text: String, lineOffset: Int = 0) -> MarkdownDocument {
        var (root, flattenedAt) = CmarkConverter.convertReportingDepth(text)
        if lineOffset != 0 { root.shiftLines(by: lineOffset) }
        var document = MarkdownDocument(root: root, lineOffset: lineOffset)
        document.sourceLength = text.utf8.count
        document.flattenedAt = flattenedAt.map {
            SourceRange(startLine: $0.startLine + lineOffset, startColumn: $0.startColumn, endLine: $0.endLine + lineOffset, endColumn: $0.endColumn)
        }
        return document
    }

    /// A copy in which `transform` may replace any node (return nil to keep it and descend).
    /// Replacements are not descended into.
    public func rewritten(_ transform: (MarkdownNode) throws -> MarkdownNode?) rethrows -> MarkdownDocument {
        MarkdownDocument(root: try root.rewritten(transform), lineOffset: lineOffset)
    }

    /// Calls `visit` on every node, parents before children.
    public func walk(_ visit: (MarkdownNode) throws -> Void) rethrows {
        try root.walk(visit)
    }
}

extension MarkdownNode {
    public func rewritten(_ transform: (MarkdownNode) throws -> MarkdownNode?) rethrows -> MarkdownNode {
        if let replacement = try transform(self) { return replacement }
        guard !children.isEmpty else { return self }
        var copy = self
        copy.children = try children.map { try $0.rewritten(transform) }
        return copy
    }

    public func walk(_ visit: (MarkdownNode) throws -> Void) rethrows {
        try visit(self)
        for child in children { try child.walk(visit) }
    }

    mutating func shiftLines(by offset: Int) {
        if range.isKnown {
            range.startLine += offset
            range.endLine += offset
        }
        for i in children.indices { children[i].shiftLines(by: offset) }
    }
}
