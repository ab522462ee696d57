import Foundation

/// Every page's place in the site, worked out once per build: its language's pages in reading
/// order, its neighbours, its versions in other languages, and the menu. A language with more
/// than `fullListLimit` pages lists in its menu only its front page, the pages placed with
/// `order:` and the generated ones, and links to a contents page that lists them all (a menu of
/// every page would make the site grow with the square of its pages).
struct SiteNavigation {
    static let fullListLimit = 60
    static let contentsSlug = "contents"

    let pages: [RenderedPage]
    /// Indices into `pages` of each language folder's pages ("" for the main language), in order.
    private var groups: [String: [Int]] = [:]
    private var position: [String: Int] = [:]
    private var bySlug: [String: [String: Int]] = [:]
    private let folders: [String?]
    /// The pages each language's menu lists (all of them, or the placed ones in a large site).
    private var menus: [String: [Int]] = [:]

    init(_ pages: [RenderedPage]) {
        self.pages = pages
        for (i, page) in pages.enumerated() {
            let folder = page.page.folder ?? ""
            position[page.outputPath] = groups[folder, default: []].count
            groups[folder, default: []].append(i)
            if bySlug[folder, default: [:]][page.page.slug] == nil { bySlug[folder, default: [:]][page.page.slug] = i }
        }
        folders = [nil] + Set(pages.compactMap(\.page.folder)).sorted().map { Optional($0) }
        for (folder, members) in groups {
            guard Self.isLarge(members.count) else { menus[folder] = members; continue }
            // The front page and the first placed pages, then every generated page (the
            // codebook, the references, the contents page) wherever it stands.
            let placed = Set(members.filter { i in
                let p = pages[i].page
                return !p.source.isEmpty && (p.slug == "index" || p.frontMatter.order != nil)
            }.prefix(Self.fullListLimit))
            menus[folder] = members.filter { placed.contains($0) || pages[$0].page.source.isEmpty }
        }
    }

    /// Whether a language's menu is shortened to its placed pages and a contents page.
    static func isLarge(_ count: Int) -> Bool { count > fullListLimit }

    func group(_ folder: String?) -> [RenderedPage] { (groups[folder ?? ""] ?? []).map { pages[$0] } }

    /// The menu for `page` (nil: a page outside the site's order, such as 404.html).
    func menu(for page: RenderedPage?, folder: String?) -> [TemplateValue] {
        (menus[folder ?? ""] ?? []).map { i in
            ["title": .string(pages[i].page.title), "href": .string(pages[i].outputPath), "current": .bool(pages[i].outputPath == page?.outputPath),
             "is_fallback": .bool(pages[i].page.isFallback)]
        }
    }

    func neighbours(of page: RenderedPage) -> (previous: RenderedPage?, next: RenderedPage?) {
        guard let members = groups[page.page.folder ?? ""], let k = position[page.outputPath] else { return (nil, nil) }
        return (k > 0 ? pages[members[k - 1]] : nil, k + 1 < members.count ? pages[members[k + 1]] : nil)
    }

    /// The same page in every language the report has (or that language's front page).
    func versions(of page: RenderedPage, config: SiteConfig, names: [String: String]) -> [TemplateValue] {
        guard folders.count > 1 else { return [] }
        return folders.map { folder -> TemplateValue in
            let key = folder ?? ""
            let match = (bySlug[key]?[page.page.slug] ?? bySlug[key]?["index"] ?? groups[key]?.first).map { pages[$0] }
            let code = folder ?? config.language
            return ["lang": .string(code), "name": .string(names[code] ?? code), "href": .string(match?.outputPath ?? "index.html"),
                    "current": .bool(folder == page.page.folder), "exact": .bool(match?.page.slug == page.page.slug)]
        }
    }

    /// Other versions of a page by slug, for the sitemap's alternates.
    func alternates(of page: RenderedPage) -> [RenderedPage] {
        folders.compactMap { folder in bySlug[folder ?? ""]?[page.page.slug].map { pages[$0] } }
    }
}
