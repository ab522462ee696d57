import Concurrency
import Words
import Analysis
import Diagnostics
import Foundation
import Markdown
import SurveyData

/// Everything read from the data side of a content folder and computed from it: what every page
/// depends on. It is recomputed only when one of those files (or a build setting) changes.
struct LoadedData {
    var config: SiteConfig
    var codebook: Codebook
    var survey: Survey
    var analysis: SurveyAnalysis
    var warnings: [Diagnostic]
    var sideTables: SideTables
    var network: NetworkAnalysis?
    var findings: Findings
    var references: References?
    /// What of each question may be published, decided once.
    var releases: QuestionReleases
}

/// A report's analysis, as a build computes it.
public struct ReportAnalysis: Sendable {
    public var config: SiteConfig
    public var codebook: Codebook
    public var analysis: SurveyAnalysis
    public var findings: Findings
    public var network: NetworkAnalysis?
    public var warnings: [Diagnostic]
}

/// A site built in memory: every output file by path, in the order written.
public struct BuiltSite: Sendable {
    public var files: [(path: String, data: Data)]
    /// Paths whose bytes were read from the published site just now (`.gz` copies taken
    /// instead of compressing again): the writer links them without reading them once more.
    public var published: Set<String> = []
    public var summary: BuildSummary
}

/// One author's build, kept alive between builds (by `findings serve`) so that a rebuild redoes
/// only what its changed inputs reach. Every step is keyed by the content of what it reads:
/// the data files and build settings for the analysis, a page's text, its language's figure
/// numbering and the data for that page's HTML, the templates and the navigation for its layout,
/// the bytes of a file for its hash and its gzip copy. A fresh session is a cold build; the two
/// write byte-identical sites (tested over a series of edits).
public final class BuildSession {
    public let options: BuildOptions
    let content: ContentFolder
    var cache = Cache()

    struct Cache {
        var inputs: [String: (stamp: FileStamp, sha: String)] = [:]
        var data: (key: String, value: LoadedData)?
        var parsed: [String: Page?] = [:]
        var rendered: [String: (key: String, page: RenderedPage)] = [:]
        var templates: (key: String, set: TemplateSet)?
        var codebookPages: [String: (key: String, html: String, headings: [(level: Int, text: String, id: String)])] = [:]
        var laidOut: [String: (key: String, bytes: Data)] = [:]
        var search: [String: (key: String, sections: [SearchIndex.Section])] = [:]
        var findingsJSON: (key: String, bytes: Data)?
        var hashedHTML: [String: (input: Data, renames: String, output: Data)] = [:]
        var outputs: [String: Output] = [:]
        /// A published file, its SHA-256, and its `.gz` copy with that copy's SHA-256 (both made
        /// on every core; the manifest lists them all).
        typealias Output = (data: Data, sha: String, gzip: (data: Data, sha: String)?)
    }

    /// The content folder as the build sees it: through this build's inventory.
    func content(_ inputs: Inputs) -> ContentFolder {
        var folder = content
        folder.inventory = inputs.inventory
        return folder
    }

    public init(_ options: BuildOptions) {
        self.options = options
        content = ContentFolder(root: options.content, workingDirectory: options.workingDirectory)
    }

    /// Builds the whole site in memory, reusing what the cache holds for unchanged inputs, and
    /// with `writing`, writes it in place of the output folder (stage 7).
    public func build(observe: @escaping (BuildEvent) -> Void = { _ in }, writing: Bool = false) throws(DiagnosticsError) -> BuiltSite {
        try OutputSafety.checkIsSafe(options)
        if let base = options.baseURL, let problem = SiteConfig.baseURLProblem(base) {
            throw DiagnosticsError(.error(at: .start(of: "--base-url"), problem))
        }
        var stages = StageRunner(observe: observe)
        var counts = BuildSummary.Work()
        let inputs = try stages.run(1) { () throws(DiagnosticsError) in
            let listed = try listInputs()
            // Before anything is read: a data file bigger than memory is refused, not killed.
            try MemoryBudget.check(dataFiles: listed.dataSizes, pages: listed.pageSizes, limit: try MemoryBudget.limit())
            return try readInputs(listed.files)
        }
        let data = try stages.run(2) { () throws(DiagnosticsError) in try loadData(inputs, counts: &counts) }
        let pages = try stages.run(3) { () throws(DiagnosticsError) in try loadPages(config: data.config, inputs: inputs) }
        let rendered = try stages.run(4) { () throws(DiagnosticsError) in
            try render(pages, data: data, dataKey: inputs.dataKey, words: try templates(inputs).words(for:),
                       counts: &counts, observe: observe)
        }
        var files = try stages.run(5) { () throws(DiagnosticsError) in
            try layOut(rendered.pages, data: data, keys: inputs, counts: &counts, observe: observe)
        }
        var published: Set<String> = []
        files = stages.run(6) { publish(files, rendered: rendered.pages, data: data, inputs: inputs, takenFromPublished: &published) }
        if writing {
            try stages.run(7, name: "Writing \(options.output.lastPathComponent)/") { () throws(DiagnosticsError) in
                try OutputFolder.replace(options.output, with: files, published: published)
            }
        }
        let summary = BuildSummary(pages: rendered.pages.count, figures: rendered.figures, warnings: data.warnings + pages.flatMap(\.warnings),
                                   findings: data.findings.values.count, times: stages.times, work: counts)
        return BuiltSite(files: files, published: published, summary: summary)
    }

    /// What `findings analyze` prints: stages 1 and 2 of a build, the same reading and the same
    /// analysis, and nothing after.
    public func analyze() throws(DiagnosticsError) -> ReportAnalysis {
        let listed = try listInputs()
        try MemoryBudget.check(dataFiles: listed.dataSizes, pages: listed.pageSizes, limit: try MemoryBudget.limit())
        var counts = BuildSummary.Work()
        let data = try loadData(try readInputs(listed.files), counts: &counts)
        return ReportAnalysis(config: data.config, codebook: data.codebook, analysis: data.analysis, findings: data.findings,
                              network: data.network, warnings: data.warnings)
    }

    /// Everything a build checks (data, pages, templates), without laying out or writing anything.
    public func check() throws(DiagnosticsError) -> BuildSummary {
        var counts = BuildSummary.Work()
        let inputs = try readInputs(try listInputs().files)
        let data = try loadData(inputs, counts: &counts)
        let pages = try loadPages(config: data.config, inputs: inputs)
        let rendered = try render(pages, data: data, dataKey: inputs.dataKey,
                                  words: try templates(inputs).words(for:), counts: &counts, observe: { _ in })
        _ = try templates(inputs)
        var summary = BuildSummary(pages: rendered.pages.count, figures: rendered.figures, warnings: data.warnings + pages.flatMap(\.warnings),
                                   findings: data.findings.values.count, work: counts)
        summary.questions = data.codebook.questions.count
        summary.respondents = data.survey.respondentCount
        summary.sourcePages = rendered.pages.filter { !$0.page.isFallback && !$0.page.source.isEmpty }.count
        return summary
    }
}

extension Result {
    /// The failure, if this is one.
    var error: Failure? {
        if case .failure(let e) = self { return e }
        return nil
    }
}

/// What `stat` says of a file: enough to know it has not been written since it was last read.
struct FileStamp: Equatable {
    var size: Int
    var seconds: Int
    var nanoseconds: Int
    var inode: UInt

    /// Whether the file changed long enough ago that a later write within the same clock tick
    /// (file times are coarse) cannot hide behind an equal stamp; recent files are always read.
    var isSettled: Bool { Double(seconds) + Double(nanoseconds) / 1e9 < Date().timeIntervalSince1970 - 2 }
}
