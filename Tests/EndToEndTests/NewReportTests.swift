import EmbeddedFiles
import Foundation
import Testing
import TestSupport

/// `findings new`, the built-in templates, help and completions: what a first-time author meets.
@Suite("Starting a new report")
struct NewReportTests {
    @Test("findings new makes a report that builds at once, with no templates folder of its own")
    func scaffoldBuilds() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let made = try runFindings(["new", "my-report"], in: folder.url)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("findings serve"))
        let report = folder.url.appendingPathComponent("my-report")
        for file in ["content/site.yaml", "content/data/codebook.yaml", "content/data/responses.csv", "content/findings.yaml",
                     "content/pages/index.md", "content/pages/results.md", ".gitignore"] {
            #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent(file).path), "\(file)")
        }
        #expect(!FileManager.default.fileExists(atPath: report.appendingPathComponent("templates").path))
        // The files explain themselves.
        let codebook = try String(contentsOf: report.appendingPathComponent("content/data/codebook.yaml"), encoding: .utf8)
        #expect(codebook.contains("# ") && codebook.contains("asked_if") && codebook.contains("top_box"))

        let check = try runFindings(["check"], in: report)
        #expect(check.status == 0, "\(check.stderr)")
        let built = try runFindings(["build"], in: report)
        #expect(built.status == 0, "\(built.stderr)")
        let index = try String(contentsOf: report.appendingPathComponent("public/index.html"), encoding: .utf8)
        #expect(index.contains("We heard from"))
        #expect(index.contains("<svg"))
        #expect(!index.contains("`=respondents`"), "an inline finding was left unreplaced")
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("public/results.html").path))
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent("public/codebook.html").path))
        // The built-in stylesheet came with it, under its hashed name.
        let assets = try FileManager.default.contentsOfDirectory(atPath: report.appendingPathComponent("public/assets").path)
        #expect(assets.contains { $0.hasPrefix("style.") && $0.hasSuffix(".css") })
    }

    @Test("findings new refuses a folder that holds anything, and --copy-templates gives templates to change")
    func refusalAndTemplates() throws {
        let folder = try TemporaryFolder(["taken/notes.txt": "mine"])
        defer { folder.remove() }
        let refused = try runFindings(["new", "taken"], in: folder.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("taken:1:1: error: the folder is not empty"))
        #expect(try folder.read("taken/notes.txt") == "mine")

        let made = try runFindings(["new", "styled", "--copy-templates"], in: folder.url)
        #expect(made.status == 0)
        let layout = folder.url.appendingPathComponent("styled/templates/layout.mustache")
        #expect(FileManager.default.fileExists(atPath: layout.path))
        // An edit to the copied templates shows in the site.
        let css = folder.url.appendingPathComponent("styled/templates/assets/style.css")
        try (String(contentsOf: css, encoding: .utf8) + "\n.author-mark { color: red }\n").write(to: css, atomically: true, encoding: .utf8)
        let built = try runFindings(["build", "--quiet"], in: folder.url.appendingPathComponent("styled"))
        #expect(built.status == 0, "\(built.stderr)")
        let assets = folder.url.appendingPathComponent("styled/public/assets")
        let style = try #require(try FileManager.default.contentsOfDirectory(atPath: assets.path).first { $0.hasPrefix("style.") && $0.hasSuffix(".css") })
        #expect(try String(contentsOf: assets.appendingPathComponent(style), encoding: .utf8).contains(".author-mark"))
    }

    @Test("The templates built into the program are exactly the repository's templates/")
    func builtInTemplatesMatch() throws {
        let onDisk = try TemporaryFolder.files(under: Repository.templates)
        #expect(Dictionary(uniqueKeysWithValues: DefaultTemplates.files.map { ($0.path, $0.data) }) == onDisk)
    }

    @Test("Help reads well for every command, and the argument parser writes completion scripts")
    func helpAndCompletions() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let help = try runFindings(["--help"], in: folder.url)
        for command in ["build", "serve", "new", "check", "analyze", "synth", "verify"] {
            #expect(help.stdout.contains("  \(command) "), "--help lists \(command)")
        }
        let serve = try runFindings(["serve", "--help"], in: folder.url)
        #expect(serve.stdout.contains("--port") && serve.stdout.contains("--no-watch") && serve.stdout.contains("--host"))
        let build = try runFindings(["build", "--help"], in: folder.url)
        #expect(build.stdout.contains("--quiet") && build.stdout.contains("--verbose") && build.stdout.contains("--base-url"))
        for shell in ["bash", "zsh", "fish"] {
            let script = try runFindings(["--generate-completion-script", shell], in: folder.url)
            #expect(script.status == 0)
            #expect(script.stdout.contains("serve") && script.stdout.contains("build"), "\(shell) completions")
        }
    }

    @Test("A build on a terminal-less stdout prints its stages as plain lines and closes with a summary")
    func progressLines() throws {
        let folder = try TemporaryFolder(MiniSurvey.content)
        defer { folder.remove() }
        let normal = try runFindings(["build", "--templates", Repository.templates.path], in: folder.url)
        #expect(normal.status == 0)
        let lines = normal.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(7)) == ["[1/7] Reading inputs", "[2/7] Loading data", "[3/7] Loading pages",
                                           "[4/7] Rendering commentary and charts", "[5/7] Applying templates", "[6/7] Publishing",
                                           "[7/7] Writing public/"])
        #expect(!normal.stdout.contains("\r") && !normal.stdout.contains("█"), "no progress bar without a terminal")
        #expect(lines.contains { $0.hasPrefix("Built 3 pages, ") && $0.contains(" figures and 0 findings into public/ in ") })
        #expect(lines.contains { $0.contains("data ") && $0.contains("render ") && $0.contains("write ") && $0.contains(" ms") })
        let quiet = try runFindings(["build", "--templates", Repository.templates.path, "--quiet"], in: folder.url)
        #expect(quiet.status == 0 && quiet.stdout.isEmpty)
        let verbose = try runFindings(["build", "--templates", Repository.templates.path, "--verbose"], in: folder.url)
        #expect(verbose.stdout.contains("pages rendered 2, laid out 3, data analysed"))
        #expect(verbose.stdout.contains("  templates "))
    }

    @Test("On a terminal, long stages draw a progress bar in place", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func progressBarOnTerminal() throws {
        let folder = try TemporaryFolder(MiniSurvey.content)
        defer { folder.remove() }
        // util-linux `script` runs the build on a pseudo-terminal.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qec", "'\(Repository.findingsExecutable.path)' build --templates '\(Repository.templates.path)'", "/dev/null"]
        process.currentDirectoryURL = folder.url
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("\r[4/7] Rendering commentary and charts █"), "\(text)")
        #expect(text.contains(" 2/2") || text.contains(" 3/3"))
        #expect(text.contains("Built 3 pages"))
    }
}
