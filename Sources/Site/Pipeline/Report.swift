import Concurrency
import Analysis
import Diagnostics
import Foundation
import Markdown
import SurveyData

/// The named findings of a report, computed.
public struct Findings: Sendable {
    public var values: [FindingValue]
    public var locations: [String: SourceLocation]
    /// Where each finding's `claim:` stands, for a claim that fails.
    public var claimLocations: [String: SourceLocation] = [:]
    /// The findings that may not be published (`withholding(by:)`): every surface shows them
    /// as withheld, values, intervals, bases and tooltips alike.
    public var withheld: Set<String> = []

    public init(values: [FindingValue], locations: [String: SourceLocation]) {
        self.values = values
        self.locations = locations
    }

    /// These findings with `withheld` set by the disclosure rule: a share, count or rank is
    /// withheld when its base, its count or the rest of its base is small (a published "29 of
    /// 30" gives away the one); a mean when fewer than `min_cell` answered; a difference when
    /// either of its shares is withheld (the other and the gap would recover it).
    /// A finding among a group that the group's own figures withhold (a `where:` on an answer
    /// that is small, or withheld to protect one) is withheld too: its base would give the
    /// group's size away.
    public func withholding(by d: Disclosure, releases: QuestionReleases? = nil) -> Findings {
        var out = self
        out.withheld = []
        func hiddenGroup(_ filter: [String: [String]]) -> Bool {
            guard let releases else { return false }
            return filter.contains { id, codes in
                releases[id].map { $0.answered != .published } == true || codes.contains { releases.isWithheld(id, code: $0) }
            }
        }
        for value in values {
            let x = value.count, n = value.n ?? 0
            if hiddenGroup(value.spec.filter) {
                out.withheld.insert(value.spec.name)
                continue
            }
            let small: Bool
            switch value.spec.kind {
            case .share, .count, .rank:
                small = d.isSmall(n) || x.map { d.isSmall($0) || d.isSmall(n - $0) } ?? false
            case .mean:
                small = n > 0 && n < d.minCell
            case .difference(let a, let b):
                small = out.withheld.contains(a) || out.withheld.contains(b)
            }
            if small { out.withheld.insert(value.spec.name) }
        }
        return out
    }

    /// No findings (a report without findings.yaml).
    public static let none = Findings(values: [], locations: [:])

    public func value(_ name: String) -> FindingValue? { values.first { $0.spec.name == name } }
}

/// The optional side tables of a report: regions for maps, and the collaboration network.
public struct SideTables: Sendable {
    public var provinces: ProvinceTable?
    public var collaborations: CollaborationTable?

    /// The network analysis, when there are collaborations.
    public var network: NetworkAnalysis? {
        collaborations.map { NetworkAnalysis($0, provinces: provinces?.provinces.map(\.code)) }
    }
}

/// The stages that read and analyse a report's content.
public enum ReportLoader {
    /// Reads site.yaml, the codebook and the responses, and analyses them.
    public static func loadData(_ content: ContentFolder) throws(DiagnosticsError) -> (SiteConfig, Codebook, Survey, SurveyAnalysis, [Diagnostic]) {
        let siteSource = content.displayName("site.yaml")
        let config = try SiteConfig.load(text: try content.text("site.yaml"), source: siteSource)
        let codebookSource = content.displayName("data/codebook.yaml")
        let codebook = try CodebookLoader.load(text: try content.text("data/codebook.yaml"), source: codebookSource)
        let breakdownProblems = config.checkBreakdowns(against: codebook, source: siteSource)
        if breakdownProblems.contains(where: { $0.severity == .error }) {
            throw DiagnosticsError(diagnostics: breakdownProblems)
        }
        let responsesPath = "data/" + codebook.respondentsFile
        guard let file = MappedFile(path: content.url(responsesPath).path) else {
            throw DiagnosticsError(.error(at: .start(of: content.displayName(responsesPath)),
                                          content.exists(responsesPath) ? "cannot read the file" : "the file is missing"))
        }
        let loaded = try SurveyReader.read(bytes: file.bytes, source: content.displayName(responsesPath), codebook: codebook,
                                           consumed: file.release)
        var design = try codebook.design.map { spec throws(DiagnosticsError) in
            try DesignLoader.design(spec, survey: loaded.survey, columns: DesignColumns.read(bytes: file.bytes, source: content.displayName(responsesPath),
                                                                                          names: spec.columns))
        }
        if let calibration = codebook.calibration, let base = design {
            design = base.calibrated(by: try DesignLoader.raking(calibration, survey: loaded.survey, design: base, content: content))
        }
        design?.intervals = config.intervals
        let analysis = SurveyAnalysis(loaded.survey, breakdowns: config.breakdowns, design: design)
        return (config, codebook, loaded.survey, analysis, loaded.warnings)
    }

    /// What identifies a page's parse: its path and its text.
    static func pageKey(_ relative: String, _ text: String) -> String { relative + "\u{0}" + text }

    /// Reads and parses every page under `pages/` on every core, leaving out drafts, in reading
    /// order, taking a page from `parsed` (by `pageKey`) instead of parsing it again
    /// when its text is unchanged; on return `parsed` holds this build's pages (drafts as nil).
    public static func loadPages(_ content: ContentFolder, reusing parsed: inout [String: Page?]) throws(DiagnosticsError) -> [Page] {
        var diagnostics = DiagnosticCollector()
        var pages: [Page] = []
        // Pages of other languages live in a folder named by the language: pages/zh/*.md.
        let folders = content.folders(in: "pages").filter { name in name.count <= 5 && name.allSatisfy { $0.isLetter || $0 == "-" } }
        let files = content.files(in: "pages", withExtension: "md").map { (nil as String?, $0) }
            + folders.flatMap { folder in content.files(in: "pages/" + folder, withExtension: "md").map { (Optional(folder), $0) } }
        let known = parsed
        let outcomes = Parallel.map(Array(files.indices)) { i -> (key: String?, page: Result<Page?, DiagnosticsError>) in
            let (folder, file) = files[i]
            let relative = "pages/" + (folder.map { $0 + "/" } ?? "") + file
            let source = content.displayName(relative)
            // The file name becomes the page's address: nothing in it may need escaping.
            let slug = String(file.dropLast(3))
            guard !slug.isEmpty, slug.unicodeScalars.allSatisfy({ $0 == "-" || $0 == "_" || $0.properties.isAlphabetic
                    || ($0.properties.numericType != nil && $0.value < 0x80) }) else {
                let suggestion = Slug.make(slug)
                return (nil, .failure(DiagnosticsError(.error(at: .start(of: source),
                    "a page's file name becomes its address, so it may use only letters, digits, - and _",
                    hint: suggestion.isEmpty ? nil : "rename it to \(suggestion).md"))))
            }
            // The build writes these pages itself: a file of the same name would be dropped or merged.
            if let generated = generatedPages[slug] {
                return (nil, .failure(DiagnosticsError(.error(at: .start(of: source),
                    "\(slug).html is the \(generated) page, which the build writes itself", hint: "rename this file"))))
            }
            let text: String
            do throws(DiagnosticsError) { text = try content.text(relative) } catch { return (nil, .failure(error)) }
            let key = pageKey(relative, text)
            if let page = known[key] { return (key, .success(page)) }
            do throws(DiagnosticsError) {
                let (yaml, body, offset) = FrontMatter.split(text)
                if yaml == nil && FrontMatter.opensFence(text) {
                    throw DiagnosticsError(.error(at: .start(of: source), "front matter opened with --- is never closed",
                                                  hint: "end it with a line of ---, or the whole page would be published as its front matter"))
                }
                let matter = try yaml.map { y throws(DiagnosticsError) in try FrontMatter.parse(y, source: source) } ?? FrontMatter()
                if matter.draft { return (key, .success(nil)) }
                var language = matter
                if let folder, language.language == nil { language.language = folder }
                return (key, .success(Page(slug: slug, source: source, frontMatter: language,
                                           document: MarkdownDocument.parse(body, lineOffset: offset), text: text, folder: folder)))
            } catch {
                return (key, .failure(error))
            }
        }
        parsed = [:]
        for outcome in outcomes {
            switch outcome.page {
            case .success(let page):
                if let key = outcome.key { parsed[key] = .some(page) }
                if let page { pages.append(page) }
            case .failure(let error):
                diagnostics.append(error)
            }
        }
        try diagnostics.throwIfErrors()
        if pages.isEmpty {
            throw DiagnosticsError(.error(at: .start(of: content.displayName("pages")), "there are no pages",
                                          hint: "write at least content/pages/index.md"))
        }
        return readingOrder(pages)
    }

    /// Adds, for every language of `site.yaml`'s `languages` after the first, the main-language
    /// pages not yet written in it, marked as fallbacks (published with a notice).
    /// Pages the build writes itself, by slug, with what to call them in a message.
    static let generatedPages = ["404": "page-not-found", "codebook": "Data and codebook"]

    static func withFallbacks(_ pages: [Page], config: SiteConfig) -> [Page] {
        var out = pages
        for language in config.languages where language != config.language {
            let written = Set(pages.filter { $0.folder == language }.map(\.slug))
            for page in pages where page.folder == nil && !written.contains(page.slug) {
                var copy = page
                copy.folder = language
                copy.isFallback = true
                copy.frontMatter.language = language
                out.append(copy)
            }
        }
        return readingOrder(out)
    }

    /// The main language first, then each language folder; within each, index, then by
    /// `order`, then by name.
    static func readingOrder(_ pages: [Page]) -> [Page] {
        pages.sorted { a, b in
            if a.folder != b.folder { return (a.folder ?? "") < (b.folder ?? "") }
            let (ka, kb) = (a.slug == "index" ? Int.min : a.frontMatter.order ?? Int.max,
                            b.slug == "index" ? Int.min : b.frontMatter.order ?? Int.max)
            return ka != kb ? ka < kb : a.slug < b.slug
        }
    }

    /// Reads `provinces.csv` and `collaborations.csv` when they exist.
    public static func loadSideTables(_ content: ContentFolder) throws(DiagnosticsError) -> SideTables {
        var tables = SideTables()
        if content.exists("data/provinces.csv") {
            tables.provinces = try ProvinceTable.read(try content.bytes("data/provinces.csv"),
                                                      source: content.displayName("data/provinces.csv"))
        }
        if content.exists("data/collaborations.csv") {
            tables.collaborations = try CollaborationTable.read(try content.bytes("data/collaborations.csv"),
                                                                source: content.displayName("data/collaborations.csv"),
                                                                provinces: tables.provinces)
        }
        return tables
    }

    /// Reads `findings.yaml` (when it exists) and computes every finding it declares.
    public static func loadFindings(_ content: ContentFolder, survey: Survey, design: SurveyDesign? = nil) throws(DiagnosticsError) -> Findings {
        guard content.exists("findings.yaml") else { return Findings(values: [], locations: [:]) }
        let source = content.displayName("findings.yaml")
        let file = try FindingsFile.load(text: try content.text("findings.yaml"), source: source, codebook: survey.codebook)
        var findings = Findings(values: FindingCalculator(survey: survey, design: design).compute(file.specs), locations: file.locations)
        findings.claimLocations = file.claimLocations
        return findings
    }

    /// Reads `references.yaml` when it exists.
    static func loadReferences(_ content: ContentFolder) throws(DiagnosticsError) -> References? {
        guard content.exists("references.yaml") else { return nil }
        return try References.load(text: try content.text("references.yaml"), source: content.displayName("references.yaml"))
    }
}
