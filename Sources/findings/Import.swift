import ArgumentParser
import Diagnostics
import Foundation
import Import

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Write codebook.yaml and responses.csv from an SPSS, Stata, SAS, Excel, CSV, Wenjuanxing, REDCap or XLSForm export.",
        discussion: """
        The format is taken from the file's name unless --from names it. Give a Wenjuanxing text export \
        and its code export together to take codes from the one and labels from the other; a REDCap \
        data dictionary with its data export; an XLSForm with its data. Everything the import infers \
        is marked `# inferred:` in the codebook and listed in the summary. Variables that look like \
        names, telephone or identity numbers, e-mail or IP addresses are left out unless --keep names \
        them. Nothing is written unless the result passes `findings check`.
        """)

    @Argument(help: "The file(s) to import.")
    var files: [String]

    @Option(help: "The data folder to write into.")
    var to = "content/data"

    @Option(help: "The format, when the file's name does not say: \(SourceFormat.allCases.map(\.rawValue).joined(separator: "|")).")
    var from: String?

    @Option(help: "The Excel sheet to read (default: the first).")
    var sheet: String?

    @Option(help: "The text encoding: auto|utf-8|gb18030|utf-16 (GBK and GB2312 files read as gb18030).")
    var encoding = "auto"

    @Option(help: "The variable that identifies respondents.")
    var id: String?

    @Option(parsing: .upToNextOption, help: "Variables to import although they look like identifiers.")
    var keep: [String] = []

    @Option(name: .customLong("no-merge"), parsing: .upToNextOption, help: "Variables never merged into a multi-select question.")
    var noMerge: [String] = []

    @Flag(help: "Import a new export over an existing codebook, keeping the author's edits and reporting what changed.")
    var update = false

    func run() throws {
        var request = ImportRequest(files: files.map(locatedPath), destination: locatedPath(to))
        if let from {
            guard let format = SourceFormat(rawValue: from.lowercased()) else {
                throw ValidationError("--from must be one of \(SourceFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            request.format = format
        }
        guard let choice = TextEncoding.Choice(rawValue: encoding.lowercased()) else {
            throw ValidationError("--encoding must be one of auto, utf-8, gb18030, utf-16")
        }
        request.encoding = choice
        request.sheet = sheet
        request.options.idVariable = id
        request.options.keep = Set(keep)
        request.options.noMerge = Set(noMerge)
        request.update = update
        let result: ImportResult
        do {
            result = try Importer.run(request)
        } catch {
            Reporter.printDiagnostics(error.diagnostics)
            throw ExitCode(1)
        }
        Reporter.printDiagnostics(result.summary.warnings)
        print(ImportReport.text(result))
    }
}

/// The summary an import prints: what it read, what it wrote, what it inferred, merged and left out.
enum ImportReport {
    static func text(_ result: ImportResult) -> String {
        var lines = result.summary.did.map { "  " + $0 }
        lines.insert("Imported:", at: 0)
        lines.append("Wrote \(result.written.joined(separator: " and ")): \(result.draft.questions.count) questions.")
        func section(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("\(title) (\(items.count)):")
            lines += items.map { "  " + $0 }
        }
        section("Merged into multi-select questions", result.summary.merged)
        section("Inferred (marked `# inferred:` in the codebook; check them)", result.summary.inferences)
        section("Left out of responses.csv", result.summary.leftOut)
        if !result.summary.warnings.isEmpty { lines.append("Warnings: \(result.summary.warnings.count), printed above.") }
        lines.append("Next: read the codebook, then `findings check` and `findings build`.")
        return lines.joined(separator: "\n")
    }
}
