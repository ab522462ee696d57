import Concurrency
import Formats
import Words
#if canImport(Glibc)
import Glibc
#endif
import Analysis
import Diagnostics
import Foundation
import Markdown
import SurveyData

/// Settings of one build, from the command line.
public struct BuildOptions: Sendable {
    public var content: URL
    public var templates: URL
    public var output: URL
    public var workingDirectory: String
    /// The address the site is published at (overrides site.yaml's `base_url`), for canonical
    /// links and the sitemap. Internal links stay relative.
    public var baseURL: String?
    /// Whether `templates` must exist. Without it the built-in templates serve alone (a report
    /// made by `findings new` has no templates folder until the author wants one).
    public var templatesRequired = true
    /// Whether to replace an output folder that holds files Findings did not build.
    public var force = false

    public init(content: URL, templates: URL, output: URL,
                workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.content = content
        self.templates = templates
        self.output = output
        self.workingDirectory = workingDirectory
    }
}

/// What a finished build reports.
public struct BuildSummary: Sendable {
    public var pages: Int
    public var figures: Int
    public var warnings: [Diagnostic]
    public var findings: Int = 0
    public var questions: Int = 0
    public var respondents: Int = 0
    /// Page files read (a page shown again in another language is counted once).
    public var sourcePages: Int = 0
    /// How long each stage took.
    public var times = StageTimes()
    /// What this build had to redo (a cold build redoes everything).
    public var work = Work()

    public struct Work: Sendable, Equatable {
        public var dataReloaded = false
        public var pagesRendered = 0
        public var pagesLaidOut = 0
    }
}

/// The build, as a list of named stages run in order.
public enum SiteBuilder {
    /// The program's version, in one place (the CLI's `--version` and every page's generator tag).
    public static let version = "0.1.0"
    public static let generator = "Findings " + version

    /// Builds the site into `options.output`, or leaves it untouched and throws.
    public static func build(_ options: BuildOptions, observe: @escaping (BuildEvent) -> Void = { _ in }) throws(DiagnosticsError) -> BuildSummary {
        try OutputSafety.checkIsSafe(options)
        try OutputSafety.checkIsOurs(options)
        let session = BuildSession(options)
        let site = try session.build(observe: observe, writing: true)
        // Freeing every page's tree, HTML and cache entry takes tens of milliseconds: on another
        // thread, which a one-shot build does not wait for.
        Background.release(session)
        return site.summary
    }

    /// Writes a built site in place of `output` in one step (the old one stays on any error).
    /// `published` names files known to be byte-identical to the ones at those paths in `destination`.
    public static func write(_ files: [(path: String, data: Data)], to destination: URL, published: Set<String> = []) throws(DiagnosticsError) {
        try OutputFolder.replace(destination, with: files, published: published)
    }

    /// Rebuilds in memory and compares it with the published output, file by file.
    /// Returns what differs (empty when the output is exactly what these inputs build).
    public static func verify(_ options: BuildOptions) throws(DiagnosticsError) -> [String] {
        let built = try BuildSession(options).build().files
        let published = Dictionary(Publishing.files(under: options.output, prefix: ""), uniquingKeysWith: { a, _ in a })
        let fresh = Dictionary(built.map { ($0.path, $0.data) }, uniquingKeysWith: { a, _ in a })
        var differences: [String] = []
        for path in Set(published.keys).union(fresh.keys).sorted() {
            switch (published[path], fresh[path]) {
            case (nil, _): differences.append("missing from the published site: \(path)")
            case (_, nil): differences.append("not built from these inputs: \(path)")
            case (let a?, let b?) where a != b: differences.append("differs: \(path)")
            default: break
            }
        }
        return differences
    }

    /// Everything a build checks, without writing anything.
    public static func check(_ options: BuildOptions) throws(DiagnosticsError) -> BuildSummary {
        try BuildSession(options).check()
    }

}
