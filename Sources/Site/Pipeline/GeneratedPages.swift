import Diagnostics
import Formats
import Foundation
import Markdown
import Words

/// The pages the build writes itself: each language's codebook page, a contents page for a
/// language with too many pages for its menu, the list of works cited, and 404.html.
enum GeneratedPages {
    /// The generated codebook page, after the author's pages (or appended to their codebook.md),
    /// once for each language (zh/codebook.html speaks Chinese and lists the Chinese pages), and
    /// the list of works cited when the report has references and no page of its own for them.
    /// `generate` makes one language's codebook page from the pages each finding is cited on
    /// (the build session answers it from its cache when nothing it reads has changed).
    static func adding(_ rendered: [RenderedPage], indexes: [String: ReferenceIndex], data: LoadedData,
                                   words: (_ folder: String) -> Words,
                                   generate: (_ folder: String, _ citedOn: [String: [String]]) -> (html: String, headings: [(level: Int, text: String, id: String)]))
        -> [RenderedPage] {
        var all = rendered
        for folder in indexes.keys.sorted() {
            let inFolder = rendered.filter { ($0.page.folder ?? "") == folder }
            var citedOn: [String: [String]] = [:]
            for page in inFolder {
                for name in page.citations where !(citedOn[name]?.contains(page.outputPath) ?? false) { citedOn[name, default: []].append(page.outputPath) }
            }
            let generated = generate(folder, citedOn)
            if let i = all.firstIndex(where: { $0.page.slug == CodebookPage.slug && ($0.page.folder ?? "") == folder }) {
                all[i].contentKey = nil
                all[i].html += generated.html
                all[i].headings += generated.headings
            } else {
                let page = CodebookPage.page(folder: folder.isEmpty ? nil : folder, words: words(folder))
                all.append(RenderedPage(page: page, outputPath: page.outputPath, html: generated.html, headings: generated.headings))
            }
        }
        // A language with too many pages for its menu gets a contents page listing them all.
        for folder in indexes.keys.sorted() {
            let members = all.filter { ($0.page.folder ?? "") == folder }
            guard SiteNavigation.isLarge(members.count), !members.contains(where: { $0.page.slug == SiteNavigation.contentsSlug }) else { continue }
            var matter = FrontMatter()
            matter.title = words(folder)["all_pages"]
            matter.language = folder.isEmpty ? nil : folder
            let items = members.map { page in
                "<li><a href=\"\(HTMLEscaping.escapeURL(page.outputPath))\">\(HTMLEscaping.escape(page.page.title))</a>"
                    + (page.page.frontMatter.summary.map { " — " + HTMLEscaping.escape($0) } ?? "") + "</li>"
            }
            let page = Page(slug: SiteNavigation.contentsSlug, source: "", frontMatter: matter,
                            document: MarkdownDocument(root: MarkdownNode(.document)), folder: folder.isEmpty ? nil : folder)
            all.append(RenderedPage(page: page, outputPath: page.outputPath,
                                    html: "<ul class=\"contents\">\n" + items.joined(separator: "\n") + "\n</ul>\n", headings: []))
        }
        if let references = data.references, !references.works.isEmpty, !all.contains(where: { $0.page.slug == "references" }) {
            var resolver = CitationResolver(references: references)
            resolver.cited = references.works.map(\.id)
            var matter = FrontMatter()
            let main = words("")
            matter.title = main["references_title"]
            matter.order = Int.max
            all.append(RenderedPage(page: Page(slug: "references", source: "", frontMatter: matter,
                                                 document: MarkdownDocument(root: MarkdownNode(.document))),
                                      outputPath: "references.html",
                                      html: resolver.listHTML(title: main["works_cited"]), headings: []))
        }
        return all
    }

    /// The page for addresses that do not exist, in the site's look, with the sections to go to.
    static func notFound(_ layout: LayoutContext, templates: TemplateSet) throws(DiagnosticsError) -> String {
        // In the site's own language, from the language files like every other word.
        let words = templates.words(for: layout.config.language)
        var notFoundMatter = FrontMatter()
        notFoundMatter.title = words["not_found_title"]
        notFoundMatter.summary = words["not_found_summary"]
        let link = HTMLEscaping.escape(words["not_found_link"])
        let notFound = RenderedPage(page: Page(slug: "404", source: "", frontMatter: notFoundMatter,
                                               document: MarkdownDocument(root: MarkdownNode(.document))),
                                    outputPath: "404.html", html: "<p><a href=\"index.html\">\(link)</a></p>\n", headings: [])
        var context = layout.make(page: notFound, inOrder: false)
        if case .object(var page)? = context["page"] {
            // Served at any address (/a/b/missing), so its links start from the site's root: the
            // base URL, or without one the host's root (set base_url for a site in a subfolder).
            let base = layout.config.baseURL ?? "/"
            page["root"] = .string(base.hasSuffix("/") ? base : base + "/")
            context["page"] = .object(page)
        }
        return try templates.render("layout", context)
    }
}
