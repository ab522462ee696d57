import ArgumentParser
import Diagnostics
import Foundation
import Site

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the analysis: a readable summary, or with --json the findings/1 document (every count, for the author).")

    @OptionGroup var folders: ContentOptions

    @Flag(help: "Print JSON (the findings/1 document).")
    var json = false

    @Flag(help: "With --json: print only the `questions` part.")
    var questionsOnly = false

    @Flag(help: "With --json: indent the JSON.")
    var pretty = false

    func validate() throws {
        if !json && (questionsOnly || pretty) { throw ValidationError("--questions-only and --pretty go with --json") }
    }

    func run() throws {
        let options = folders.buildOptions()
        do {
            let report = try BuildSession(options).analyze()
            let (config, codebook, analysis, findings) = (report.config, report.codebook, report.analysis, report.findings)
            Reporter.printDiagnostics(report.warnings)
            guard json else {
                print(AnalysisSummary.text(analysis, codebook: codebook, language: config.language, findings: findings), terminator: "")
                return
            }
            let document = FindingsDocument.json(analysis, codebook: codebook, language: config.language, findings: findings,
                                                 network: report.network, questionsOnly: questionsOnly)
            print(document.serialized(pretty: pretty))
        } catch {
            throw Reporter.fail(error)
        }
    }
}
