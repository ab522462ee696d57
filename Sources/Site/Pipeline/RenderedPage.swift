import Diagnostics
import Foundation

/// A rendered page ready for the layout.
struct RenderedPage {
    var page: Page
    var outputPath: String
    var html: String
    var headings: [(level: Int, text: String, id: String)]
    var files: [(path: String, text: String)] = []
    /// Every finding the page cites, with where (for claims that fail).
    var citedAt: [(name: String, location: SourceLocation)] = []
    var citations: [String] { citedAt.map(\.name) }
    /// A digest of everything the HTML was made from, when known (saves hashing the HTML).
    var contentKey: String?
    /// `contentKey`, or a digest of the HTML itself.
    var htmlDigest: String { contentKey ?? Codecs.sha256(Data(html.utf8)) }
}
