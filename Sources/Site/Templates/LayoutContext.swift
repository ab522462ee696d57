import Foundation

/// The view model every page's layout is rendered from: plain strings, lists and booleans.
enum LayoutContext {
    /// `page`'s layout context; `navigation` places it in the site (its menu, neighbours and
    /// versions); a page outside the reading order (404.html) gets the main language's menu.
    static func make(page: SiteBuilder.RenderedPage, navigation: SiteNavigation, config: SiteConfig, jsonLD: String = "",
                     inOrder: Bool = true) -> [String: Any] {
        let nav = navigation.menu(for: inOrder ? page : nil, folder: inOrder ? page.page.folder : nil)
        let versions = inOrder ? navigation.versions(of: page, config: config) : []
        let (previous, next) = inOrder ? navigation.neighbours(of: page) : (nil, nil)
        let toc: [[String: Any]] = page.headings.filter { $0.level == 2 }.map { ["text": $0.text, "id": $0.id] }
        let language = page.page.frontMatter.language ?? config.language
        var context: [String: Any] = [
            "lang": language,
            "ui": UIStrings.strings(for: language),
            "versions": versions,
            "has_versions": !versions.isEmpty,
            "alternates": versions.filter { $0["exact"] as? Bool == true },
            "site": siteContext(config),
            "page": [
                "title": page.page.title,
                "summary": page.page.frontMatter.summary ?? "",
                "has_summary": page.page.frontMatter.summary != nil,
                "has_authors": !page.page.frontMatter.authors.isEmpty,
                "authors": page.page.frontMatter.authors.joined(separator: ", "),
                "content": page.html,
                "is_index": page.outputPath == "index.html",
                "path": page.outputPath,
                "is_fallback": page.page.isFallback,
                "content_lang": config.language,
                "root": page.page.root,
            ] as [String: Any],
            "nav": nav,
            "toc": toc,
            "has_toc": toc.count > 1,
            "generator": SiteBuilder.generator,
            "meta": CiteThisReport(config: config).meta(pageTitle: page.page.title, summary: page.page.frontMatter.summary,
                                                        path: page.outputPath),
            "jsonld": jsonLD,

        ]
        if let base = config.baseURL { context["canonical"] = HostingFiles.absolute(base, page.outputPath) }
        if let previous { context["previous"] = ["title": previous.page.title, "href": previous.outputPath] }
        if let next { context["next"] = ["title": next.page.title, "href": next.outputPath] }
        return context
    }

    static func siteContext(_ config: SiteConfig) -> [String: Any] {
        var site: [String: Any] = [
            "title": config.title,
            "synthetic": config.synthetic,
        ]
        if !config.authors.isEmpty { site["authors"] = config.authors.map(\.name).joined(separator: ", ") }
        if let s = config.subtitle { site["subtitle"] = s }
        if let d = config.date { site["date"] = d }
        if let d = config.doi { site["doi"] = d }
        if let l = config.license { site["license"] = l }
        site["cite_apa"] = CiteThisReport(config: config).apa
        return site
    }
}
