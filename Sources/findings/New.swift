import ArgumentParser
import Diagnostics
import EmbeddedFiles
import Foundation
import Import

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new report in a folder: a site.yaml, a small codebook and data set, two pages and findings.yaml.",
        discussion: """
        The new report builds at once, and every file explains itself in comments. Its data are \
        made up and marked as synthetic; replace content/data/ with your own codebook and responses. \
        The look comes from the templates built into findings; --copy-templates puts a copy in \
        templates/ to change. With --from, the report starts around your own data instead: \
        `findings new --from survey.sav my-report` imports the file as `findings import` does and \
        writes pages with a chart of every question.
        """)

    @Argument(help: "The folder to create (it must not exist, or be empty).")
    var folder: String

    @Flag(help: "Also copy the built-in templates into FOLDER/templates, to change the layout or styles.")
    var copyTemplates = false

    @Option(help: "Start from this data file (SPSS, Stata, SAS, Excel, CSV, Wenjuanxing); repeat for a file pair.")
    var from: [String] = []

    @Option(help: "With --from: the text encoding (auto|utf-8|gb18030|utf-16).")
    var encoding = "auto"

    func run() throws {
        let fm = FileManager.default
        let root = URL(fileURLWithPath: folder, relativeTo: URL(fileURLWithPath: fm.currentDirectoryPath, isDirectory: true)).standardizedFileURL
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: root.path, isDirectory: &isDirectory) {
            let contents = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
            guard isDirectory.boolValue && contents.isEmpty else {
                FileHandle.standardError.write(Data("\(folder):1:1: error: \(isDirectory.boolValue ? "the folder is not empty" : "a file of that name exists"); "
                    .appending("choose a new folder\n").utf8))
                throw ExitCode(1)
            }
        }
        var files = Scaffold.files
        var imported: ImportResult?
        if !from.isEmpty {
            var request = ImportRequest(files: from.map(locatedPath), destination: locatedPath(root.appendingPathComponent("content/data").path))
            guard let choice = TextEncoding.Choice(rawValue: encoding.lowercased()) else {
                throw ValidationError("--encoding must be one of auto, utf-8, gb18030, utf-16")
            }
            request.encoding = choice
            do {
                imported = try Importer.run(request)
            } catch {
                Reporter.printDiagnostics(error.diagnostics)
                throw ExitCode(1)
            }
            let today = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
            files = Scaffold.files.filter { !$0.path.hasPrefix("content/") }
                + StarterReport.files(for: imported!.draft, date: today).map { ("content/" + $0.path, Data($0.text.utf8)) }
        }
        if copyTemplates { files += DefaultTemplates.files.map { ("templates/" + $0.path, $0.data) } }
        do {
            for (path, data) in files {
                let url = root.appendingPathComponent(path)
                try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        } catch {
            FileHandle.standardError.write(Data("\(folder):1:1: error: cannot write the new report: \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        if let imported {
            Reporter.printDiagnostics(imported.summary.warnings)
            print(ImportReport.text(imported))
        }
        print("""
        Created a new report in \(folder)/ (\(files.count + (imported == nil ? 0 : 2)) files). Next:
          cd \(folder)
          findings serve        # preview at http://127.0.0.1:8000/, reloading as you edit
          findings build        # write the site into public/
        """)
    }
}
