import Foundation
import Diagnostics
import Markdown

/// One commentary page, parsed.
public struct Page: Sendable {
    /// The file name without `.md`; `index` is the report's front page.
    public var slug: String
    /// The page file as diagnostics name it.
    public var source: String
    public var frontMatter: FrontMatter
    public var document: MarkdownDocument
    /// The file's text, to find where inline elements stand (cmark gives positions of blocks only).
    public var text: String = ""
    /// The language folder the page came from (`pages/zh/…` → "zh"); nil for the main language.
    public var folder: String?
    /// True for a page shown in another language's place because it is not written there yet.
    public var isFallback = false

    /// What is odd about the page without being wrong: an empty file, a page with only front
    /// matter. `check` and `build` show them.
    public var warnings: [Diagnostic] {
        guard !isFallback, !source.isEmpty else { return [] }
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            return [.warning(at: .start(of: source), "the page is empty: it is published with nothing on it, in the menu as \"\(title)\"",
                             hint: "write its text, or delete the file")]
        }
        if document.root.children.isEmpty {
            return [.warning(at: .start(of: source), "the page has front matter but no text: it is published with nothing on it")]
        }
        return []
    }

    public var title: String { frontMatter.title ?? slug }
    /// The output file, relative to the site root (`zh/index.html` for a Chinese page).
    public var outputPath: String { directory + "\(slug).html" }
    /// The folder the page's outputs go in, relative to the site root: "" or "zh/".
    public var directory: String { folder.map { $0 + "/" } ?? "" }
    /// The path from this page back to the site root, for its `<base>`.
    public var root: String { folder == nil ? "./" : "../" }
}
