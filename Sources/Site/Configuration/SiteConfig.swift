import Analysis
import Diagnostics
import Foundation
import SurveyData
import Yams

/// `site.yaml`: the report's metadata and build settings.
public struct SiteConfig: Sendable {
    public struct Author: Sendable, Hashable {
        public var name: String
        public var affiliation: String?
    }

    public var title: String
    public var subtitle: String?
    public var authors: [Author] = []
    public var date: String?
    public var doi: String?
    public var license: String?
    public var language = "en"
    /// Every language the site is published in (the first is `language`); a page not yet
    /// written in one of them is published there in the main language, with a notice.
    public var languages: [String] = []
    public var baseURL: String?
    public var breakdowns: [String] = []
    /// Where each breakdown id stands in site.yaml, for errors about it.
    public var breakdownLocations: [String: SourceLocation] = [:]
    public var minCell = 5
    /// The interval shares report under a declared design (`intervals: logit | beta | wilson`).
    public var intervals = IntervalMethod.logit
    /// Whether a numeric question's minimum and maximum may be published (each is one
    /// respondent's answer): `disclosure.extremes: true`.
    public var publishExtremes = false
    /// The disclosure rules every published number answers to.
    public var disclosure: Disclosure { Disclosure(minCell: minCell, extremes: publishExtremes) }
    public var synthetic = false
    /// Publish raw HTML written in commentary (off by default).
    public var allowRawHTML = false
    /// Write a `.gz` copy beside every text file, for servers that send pre-compressed files
    /// (nginx's `gzip_static`). Hosts that compress as they serve (GitHub Pages, Netlify,
    /// Cloudflare Pages) do not need them: `precompress: false` halves the files a build writes.
    public var precompress = true

    /// Why a base URL cannot be used, if it cannot: it must be an absolute http(s) address, as
    /// it goes into canonical links, the sitemap and the 404 page's links.
    public static func baseURLProblem(_ base: String) -> String? {
        guard let url = URL(string: base), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = url.host, !host.isEmpty, !base.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" }) else {
            return "the base URL must be an absolute http:// or https:// address, not \"\(base.prefix(80))\""
        }
        // Every page address is the base plus a path: a query, a fragment or a password in it
        // would break canonical links and the sitemap (and publish the password).
        if url.user != nil || url.password != nil || base.contains("@") {
            return "the base URL may not hold a user name or password"
        }
        if base.contains("?") || base.contains("#") {
            return "the base URL may not hold a query (?) or a fragment (#): it is the address every page's path is added to"
        }
        return nil
    }

    static let keys = ["title", "subtitle", "authors", "date", "doi", "license", "language", "base_url", "breakdowns",
                       "disclosure", "synthetic", "markdown", "languages", "precompress"]

    public static func load(text: String, source: String) throws(DiagnosticsError) -> SiteConfig {
        guard let root = try YAMLDiagnostics.compose(text, source: source), case .mapping(let mapping) = root else {
            throw DiagnosticsError(.error(at: .start(of: source), "site.yaml must be a mapping with at least `title:`"))
        }
        var diagnostics = DiagnosticCollector()
        var config = SiteConfig(title: "")
        func loc(_ node: Node) -> SourceLocation {
            SourceLocation(file: source, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        }
        func stringValue(_ node: Node, _ key: String) -> String? {
            guard case .scalar(let s) = node else {
                diagnostics.error(at: loc(node), "`\(key)` must be text")
                return nil
            }
            return s.string
        }
        func boolValue(_ node: Node, _ key: String) -> Bool {
            switch stringValue(node, key)?.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default:
                diagnostics.error(at: loc(node), "`\(key)` must be true or false")
                return false
            }
        }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "title": config.title = stringValue(value, key) ?? ""
            case "subtitle": config.subtitle = stringValue(value, key)
            case "date": config.date = stringValue(value, key)
            case "doi": config.doi = stringValue(value, key)
            case "license": config.license = stringValue(value, key)
            case "language":
                config.language = stringValue(value, key) ?? "en"
                if !LanguageTag.isValid(config.language) {
                    diagnostics.error(at: loc(value), "\"\(config.language)\" is not a language tag", hint: LanguageTag.hint)
                }
            case "base_url":
                config.baseURL = stringValue(value, key)
                if let base = config.baseURL, let problem = Self.baseURLProblem(base) { diagnostics.error(at: loc(value), problem) }
            case "synthetic": config.synthetic = boolValue(value, key)
            case "intervals":
                if let method = value.string.flatMap(IntervalMethod.init(rawValue:)) {
                    config.intervals = method
                } else {
                    diagnostics.error(at: loc(value), "`intervals` must be logit, beta or wilson",
                                      hint: "logit and beta are R's svyciprop methods \"xlogit\" and \"beta\"; wilson is Wilson's interval on Kish's effective n")
                }
            case "precompress": config.precompress = boolValue(value, key)
            case "authors":
                guard case .sequence(let items) = value else {
                    diagnostics.error(at: loc(value), "`authors` must be a list of {name, affiliation}")
                    continue
                }
                for item in items {
                    if case .scalar(let s) = item {
                        config.authors.append(Author(name: s.string, affiliation: nil))
                    } else if case .mapping(let m) = item, let name = m["name"]?.string {
                        config.authors.append(Author(name: name, affiliation: m["affiliation"]?.string))
                    } else {
                        diagnostics.error(at: loc(item), "each author needs a `name:`")
                    }
                }
            case "breakdowns":
                guard case .sequence(let items) = value else {
                    diagnostics.error(at: loc(value), "`breakdowns` must be a list of question ids")
                    continue
                }
                for item in items {
                    guard let id = item.string else { continue }
                    config.breakdowns.append(id)
                    config.breakdownLocations[id] = loc(item)
                }
            case "disclosure":
                if let extremes = value.mapping?["extremes"] {
                    switch extremes.string {
                    case "true": config.publishExtremes = true
                    case "false": config.publishExtremes = false
                    default: diagnostics.error(at: loc(extremes), "`disclosure.extremes` must be true or false")
                    }
                }
                if let minCell = value.mapping?["min_cell"] {
                    if let n = minCell.string.flatMap({ Int($0) }), n >= 1 {
                        config.minCell = n
                    } else {
                        diagnostics.error(at: loc(minCell), "`disclosure.min_cell` must be a whole number of at least 1")
                    }
                }
            case "languages":
                config.languages = value.sequence?.compactMap { $0.string } ?? (value.string.map { [$0] } ?? [])
                for tag in config.languages where !LanguageTag.isValid(tag) {
                    diagnostics.error(at: loc(value), "\"\(tag)\" is not a language tag", hint: LanguageTag.hint)
                }
            case "markdown":
                if let unsafe = value.mapping?["unsafe"] { config.allowRawHTML = boolValue(unsafe, "markdown.unsafe") }
            default:
                diagnostics.error(at: loc(keyNode), "unknown site.yaml key \"\(key)\"", hint: Suggestion.hint(for: key, in: keys))
            }
        }
        if config.title.isEmpty {
            diagnostics.error(at: .start(of: source), "site.yaml has no `title:`")
        }
        try diagnostics.throwIfErrors()
        return config
    }

    /// Breakdowns must name single or likert questions of the codebook.
    public func checkBreakdowns(against codebook: Codebook, source: String) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for id in breakdowns {
            let at = breakdownLocations[id] ?? .start(of: source)
            guard let question = codebook.question(id) else {
                problems.append(.error(at: at, "breakdown \"\(id)\" is not a codebook question",
                                       hint: Suggestion.hint(for: id, in: codebook.questions.map(\.id))))
                continue
            }
            if question.type != .single && question.type != .likert {
                problems.append(.error(at: at, "breakdown \"\(id)\" must be a single or likert question, not \(question.type.rawValue)"))
            }
        }
        return problems
    }
}
