import Formats
import Markdown
import Foundation

/// What static hosts and crawlers look for beside the pages: robots.txt, a sitemap (when the
/// site's address is known), and a 404 page.
enum HostingFiles {
    static func absolute(_ base: String, _ path: String) -> String {
        (base.hasSuffix("/") ? base : base + "/") + path
    }

    static func make(navigation: SiteNavigation, config: SiteConfig) -> [(String, Data)] {
        var files: [(String, Data)] = []
        var robots = "User-agent: *\nAllow: /\n"
        if let base = config.baseURL {
            robots += "Sitemap: \(absolute(base, "sitemap.xml"))\n"
            files.append(("sitemap.xml", Data(sitemap(navigation: navigation, base: base, config: config).utf8)))
        }
        files.append(("robots.txt", Data(robots.utf8)))
        return files
    }

    /// Every page's address, with its other-language versions as hreflang alternates.
    static func sitemap(navigation: SiteNavigation, base: String, config: SiteConfig) -> String {
        // The one escaper for markup: quotes too, since these values stand in attributes.
        func escape(_ s: String) -> String { HTMLEscaping.escape(s) }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
        for page in navigation.pages {
            out += "  <url><loc>\(escape(absolute(base, page.outputPath)))</loc>"
            let versions = navigation.alternates(of: page)
            if versions.count > 1 {
                for v in versions {
                    let lang = v.page.frontMatter.language ?? config.language
                    out += "<xhtml:link rel=\"alternate\" hreflang=\"\(escape(lang))\" href=\"\(escape(absolute(base, v.outputPath)))\"/>"
                }
            }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }
}
