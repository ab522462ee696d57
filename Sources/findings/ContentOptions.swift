import ArgumentParser
import Diagnostics
import Foundation
import Site

/// The folders every command reads, with the defaults of a report checkout.
struct ContentOptions: ParsableArguments {
    @Option(help: "The report's content folder (site.yaml, data/, pages/).")
    var content = "content"

    @Option(help: "Mustache templates and assets over the built-in ones (default: templates, when it exists).")
    var templates: String?

    func buildOptions(output: String = "public") -> BuildOptions {
        let cwd = FileManager.default.currentDirectoryPath
        func url(_ path: String) -> URL {
            URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true)).standardizedFileURL
        }
        var options = BuildOptions(content: url(content), templates: url(templates ?? "templates"), output: url(output), workingDirectory: cwd)
        options.templatesRequired = templates != nil
        return options
    }
}

/// A path the author typed: as messages name it (relative to the working directory when below
/// it) and absolute.
func locatedPath(_ path: String) -> (display: String, path: String) {
    let cwd = FileManager.default.currentDirectoryPath
    let absolute = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true)).standardizedFileURL.path
    return (DisplayPath.name(absolute, relativeTo: cwd), absolute)
}

/// How much a command prints besides problems.
struct OutputLevel: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print nothing but problems.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print each stage's time and what the build redid.")
    var verbose = false

    var level: ProgressDisplay.Level { quiet ? .quiet : verbose ? .verbose : .normal }
}

/// The one place diagnostics are printed and the exit status is chosen.
enum Reporter {
    static func printDiagnostics(_ diagnostics: [Diagnostic]) {
        for d in diagnostics { FileHandle.standardError.write(Data((d.description + "\n").utf8)) }
    }

    static func fail(_ error: DiagnosticsError) -> ExitCode {
        FileHandle.standardError.write(Data((error.description + "\n").utf8))
        return ExitCode(1)
    }
}
