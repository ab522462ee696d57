import ArgumentParser
import Diagnostics
import Foundation
import Site

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the analysis as findings/1 JSON (every count, for the author).")

    @OptionGroup var folders: ContentOptions

    @Flag(help: "Print JSON (the findings/1 document).")
    var json = false

    @Flag(help: "Print only the `questions` part.")
    var questionsOnly = false

    @Flag(help: "Indent the JSON.")
    var pretty = false

    func run() throws {
        let options = folders.buildOptions()
        do {
            let content = ContentFolder(root: options.content, workingDirectory: options.workingDirectory)
            let (config, codebook, survey, analysis, warnings) = try ReportLoader.loadData(content)
            let findings = try ReportLoader.loadFindings(content, survey: survey)
            let network = try ReportLoader.loadSideTables(content).network
            Reporter.printDiagnostics(warnings)
            let document = FindingsDocument.json(analysis, codebook: codebook, language: config.language, findings: findings,
                                                 network: network, questionsOnly: questionsOnly)
            print(document.serialized(pretty: pretty))
        } catch {
            throw Reporter.fail(error)
        }
    }
}
