import Formats
import ArgumentParser
import Diagnostics
import Foundation
import Site

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the report into the output folder (atomically: on any error the old one stays).")

    @OptionGroup var folders: ContentOptions

    @Option(help: "Where the site is written.")
    var output = "public"

    @Option(help: "The address the site is published at, for canonical links and the sitemap (overrides site.yaml's base_url).")
    var baseURL: String?

    @Flag(help: "Replace the output folder even if it holds files Findings did not build.")
    var force = false

    @OptionGroup var printing: OutputLevel

    func run() throws {
        var options = folders.buildOptions(output: output)
        options.baseURL = baseURL
        options.force = force
        let start = ContinuousClock.now
        let display = ProgressDisplay(level: printing.level)
        do {
            let summary = try SiteBuilder.build(options, observe: display.handle)
            display.finishLine()
            Reporter.printDiagnostics(summary.warnings)
            display.summary(summary, output: output, elapsed: ContinuousClock.now - start)
        } catch {
            display.finishLine()
            throw Reporter.fail(error)
        }
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the data, codebook and pages without writing anything.")

    @OptionGroup var folders: ContentOptions

    func run() throws {
        do {
            let summary = try SiteBuilder.check(folders.buildOptions())
            Reporter.printDiagnostics(summary.warnings)
            // Say what was checked: silence on success reads as "did nothing".
            let warnings = summary.warnings.filter { $0.severity == .warning }.count
            print("\(summary.sourcePages) pages, \(summary.questions) questions, \(NumberFormat.count(summary.respondents)) respondents, "
                  + "\(summary.figures) figures, \(summary.findings) findings: "
                  + (warnings == 0 ? "no problems" : "no errors, \(warnings) warning\(warnings == 1 ? "" : "s")"))
        } catch {
            throw Reporter.fail(error)
        }
    }
}

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rebuild in memory and check that the published site is exactly what the inputs build.")

    @OptionGroup var folders: ContentOptions

    @Option(help: "The published site to check.")
    var output = "public"

    @Option(help: "The base URL the site was built with.")
    var baseURL: String?

    func run() throws {
        var options = folders.buildOptions(output: output)
        options.baseURL = baseURL
        do {
            let differences = try SiteBuilder.verify(options)
            for d in differences { print(d) }
            if !differences.isEmpty { throw ExitCode(1) }
            print("\(output)/ is exactly what these inputs build")
        } catch let error as DiagnosticsError {
            throw Reporter.fail(error)
        }
    }
}
