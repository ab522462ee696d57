import Foundation

/// The view model every page's layout is rendered from: plain strings, lists and booleans.
enum LayoutContext {
    /// The same page in every language the report has (or that language's front page).
    static func versions(of page: SiteBuilder.RenderedPage, in all: [SiteBuilder.RenderedPage], config: SiteConfig) -> [[String: Any]] {
        let folders = [nil] + Array(Set(all.compactMap(\.page.folder))).sorted().map { Optional($0) }
        guard folders.count > 1 else { return [] }
        return folders.map { folder -> [String: Any] in
            let group = all.filter { $0.page.folder == folder }
            let match = group.first { $0.page.slug == page.page.slug } ?? group.first { $0.page.slug == "index" } ?? group.first
            let code = folder ?? config.language
            return ["lang": code, "name": UIStrings.languageName(code), "href": match?.outputPath ?? "index.html",
                    "current": folder == page.page.folder, "exact": match?.page.slug == page.page.slug]
        }
    }

    static func make(page: SiteBuilder.RenderedPage, index: Int, all: [SiteBuilder.RenderedPage], config: SiteConfig,
                     jsonLD: String = "", versions: [[String: Any]] = []) -> [String: Any] {
        let nav: [[String: Any]] = all.enumerated().map { i, other in
            ["title": other.page.title, "href": other.outputPath, "current": i == index]
        }
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
        if index > 0 && index < all.count { context["previous"] = ["title": all[index - 1].page.title, "href": all[index - 1].outputPath] }
        if index >= 0 && index + 1 < all.count { context["next"] = ["title": all[index + 1].page.title, "href": all[index + 1].outputPath] }
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
