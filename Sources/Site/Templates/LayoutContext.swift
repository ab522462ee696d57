import Foundation

/// The view model every page's layout is rendered from: text, yes/no values, lists and named
/// values. What every page shares (the site, its interface words, the JSON-LD) is made once.
struct LayoutContext {
    let navigation: SiteNavigation
    let config: SiteConfig
    private let jsonLD: String
    private let site: TemplateValue
    private let cite: CiteThisReport
    /// Interface words by language.
    private let ui: [String: TemplateValue]
    /// Each language's name in itself, for the language switcher.
    private let languageNames: [String: String]
    /// By language: what a menu entry of a page not yet translated into it adds ("（英文）").
    private let untranslatedMarks: [String: String]

    /// `strings` gives a language's interface words (the templates' `i18n/LANG.yaml` over the
    /// built-in ones); `languages` are those the pages use.
    init(navigation: SiteNavigation, config: SiteConfig, jsonLD: String = "", languages: Set<String>,
         strings: (String) -> [String: String], languageName: (String) -> String) {
        self.navigation = navigation
        self.config = config
        self.jsonLD = jsonLD
        cite = CiteThisReport(config: config)
        site = Self.siteContext(config)
        var ui: [String: TemplateValue] = [:]
        var names: [String: String] = [:]
        var marks: [String: String] = [:]
        for language in languages.union([config.language]) {
            let words = strings(language)
            ui[language] = TemplateValue(words)
            names[language] = languageName(language)
            // The main language named in this one ("英文"), else by its own name.
            let original = words["name_of_" + config.language] ?? languageName(config.language)
            marks[language] = (words["untranslated_mark"] ?? " ({language})").replacingOccurrences(of: "{language}", with: original)
        }
        untranslatedMarks = marks
        self.ui = ui
        languageNames = names
    }

    /// `page`'s layout context, placing it in the site (its menu, neighbours and versions); a
    /// page outside the reading order (404.html) gets the main language's menu.
    func make(page: RenderedPage, inOrder: Bool = true) -> [String: TemplateValue] {
        var nav = navigation.menu(for: inOrder ? page : nil, folder: inOrder ? page.page.folder : nil)
        let language = page.page.frontMatter.language ?? config.language
        // A page not yet translated says so in the menu, in the reader's language.
        nav = nav.map { entry in
            guard case .object(var fields) = entry, case .bool(true)? = fields["is_fallback"] else { return entry }
            fields["mark"] = .string(untranslatedMarks[language] ?? "")
            fields["content_lang"] = .string(config.language)
            return .object(fields)
        }
        let versions = inOrder ? navigation.versions(of: page, config: config, names: languageNames) : []
        let (previous, next) = inOrder ? navigation.neighbours(of: page) : (nil, nil)
        let toc: [TemplateValue] = page.headings.filter { $0.level == 2 }.map { ["text": .string($0.text), "id": .string($0.id)] }
        let summary = page.page.frontMatter.summary
        var context: [String: TemplateValue] = [
            "lang": .string(language),
            "ui": ui[language] ?? ui[config.language]!,
            "versions": .list(versions),
            "has_versions": .bool(!versions.isEmpty),
            "alternates": .list(versions.filter { if case .bool(true)? = $0.child("exact") { true } else { false } }),
            "site": site,
            "page": [
                "title": .string(page.page.title),
                "summary": .string(summary ?? ""),
                "has_summary": .bool(summary != nil),
                "has_authors": .bool(!page.page.frontMatter.authors.isEmpty),
                "authors": .string(page.page.frontMatter.authors.joined(separator: ", ")),
                "content": .string(page.html),
                "is_index": .bool(page.outputPath == "index.html"),
                "path": .string(page.outputPath),
                "is_fallback": .bool(page.page.isFallback),
                "content_lang": .string(config.language),
                "root": .string(page.page.root),
            ],
            "nav": .list(nav),
            "toc": .list(toc),
            "has_toc": .bool(toc.count > 1),
            "generator": .string(SiteBuilder.generator),
            "meta": .list(cite.meta(pageTitle: page.page.title, summary: summary, path: page.outputPath).map(TemplateValue.init)),
            "jsonld": .string(jsonLD),
        ]
        if let base = config.baseURL { context["canonical"] = .string(HostingFiles.absolute(base, page.outputPath)) }
        if let previous { context["previous"] = ["title": .string(previous.page.title), "href": .string(previous.outputPath)] }
        if let next { context["next"] = ["title": .string(next.page.title), "href": .string(next.outputPath)] }
        return context
    }

    static func siteContext(_ config: SiteConfig) -> TemplateValue {
        var site: [String: TemplateValue] = [
            "title": .string(config.title),
            "synthetic": .bool(config.synthetic),
        ]
        if !config.authors.isEmpty { site["authors"] = .string(config.authors.map(\.name).joined(separator: ", ")) }
        if let s = config.subtitle { site["subtitle"] = .string(s) }
        if let d = config.date { site["date"] = .string(d) }
        if let d = config.doi { site["doi"] = .string(d) }
        if let l = config.license { site["license"] = .string(l) }
        site["cite_apa"] = .string(CiteThisReport(config: config).apa)
        return .object(site)
    }
}
