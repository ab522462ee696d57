#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TestSupport

/// `findings serve` run as an author runs it, in a temporary report, talked to over loopback.
final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let folder: TemporaryFolder
    private let output = Pipe()
    private let lock = NSLock()
    private var text = ""
    private(set) var port: UInt16 = 0

    init(_ folder: TemporaryFolder, extra: [String] = []) throws {
        self.folder = folder
        process.executableURL = Repository.findingsExecutable
        process.arguments = ["serve", "--port", "0", "--templates", Repository.templates.path] + extra
        process.currentDirectoryURL = folder.url
        process.standardOutput = output
        process.standardError = output
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self, !data.isEmpty else { return }
            self.lock.lock()
            self.text += String(decoding: data, as: UTF8.self)
            self.lock.unlock()
        }
        try process.run()
        guard let line = waitFor("Serving http://127.0.0.1:"),
              let range = line.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let port = UInt16(line[range].split(separator: ":")[1]) else {
            process.terminate()
            throw ServeError.didNotStart(log)
        }
        self.port = port
    }

    var log: String {
        lock.lock()
        defer { lock.unlock() }
        return text
    }

    /// Waits until the output has a line containing `needle`, and returns that line.
    func waitFor(_ needle: String, after offset: Int = 0, timeout: TimeInterval = 60) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let now = log
            if let line = now.dropFirst(offset).split(separator: "\n").first(where: { $0.contains(needle) }) { return String(line) }
            if !process.isRunning { return nil }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return nil
    }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGINT) }
    }

    deinit {
        if process.isRunning { process.terminate() }
    }

    enum ServeError: Error { case didNotStart(String) }
}

@Suite("findings serve", .serialized)
struct ServeTests {
    @Test("A port already in use is said at once, with what to do, and exit 1")
    func portInUse() throws {
        let folder = try TemporaryFolder(MiniSurvey.content)
        defer { folder.remove() }
        let taken = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(taken) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(taken, $0, length) } }
        #expect(listen(taken, 1) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(taken, $0, &length) } }
        let port = UInt16(bigEndian: address.sin_port)
        let run = try runFindings(["serve", "--port", String(port), "--no-watch", "--templates", Repository.templates.path], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: port \(port) on 127.0.0.1 is already in use"), "\(run.stderr)")
        #expect(run.stderr.contains("--port 0"))
    }

    @Test("Serves the report, reloads open pages after an edit, shows a broken edit over the last good page, and stops on Ctrl-C")
    func editLoop() throws {
        let folder = try TemporaryFolder(MiniSurvey.content)
        defer { folder.remove() }
        let server = try ServeProcess(folder)
        let http = HTTPProbe(port: server.port)

        let home = try http.get("/")
        #expect(home.status == 200)
        #expect(home.headers["content-type"] == "text/html; charset=utf-8")
        #expect(home.text.contains("<script src=\"/_findings/live.js\""))
        let script = try http.get("/_findings/live.js")
        #expect(script.status == 200 && script.text.contains("EventSource"))
        #expect(try http.get("/results.html").text.contains("Interest is high."))

        // A page is open: it listens for events.
        let events = try EventStreamProbe(port: server.port)
        #expect(events.next("hello") != nil)

        // The author saves an edit: the page reloads and shows it.
        try folder.write(["content/pages/results.md": MiniSurvey.resultsPage.replacingOccurrences(of: "## Interest", with: "Added while serving.\n\n## Interest")])
        #expect(events.next("reload") != nil)
        #expect(try http.get("/results.html").text.contains("Added while serving."))
        #expect(server.waitFor("Rebuilt in") != nil)

        // A broken edit: the error reaches the page with its place and source line; the last good page stays.
        let broken = MiniSurvey.resultsPage.replacingOccurrences(of: "## Interest", with: "Added while serving.\n\nSee `=no_such_finding.pct`.\n\n## Interest")
        try folder.write(["content/pages/results.md": broken])
        let problem = try #require(events.next("problem"))
        #expect(problem.contains("content/pages/results.md:"))
        #expect(problem.contains("unknown finding"))
        #expect(problem.contains("See `=no_such_finding.pct`."))
        let stillServed = try http.get("/results.html")
        #expect(stillServed.status == 200)
        #expect(stillServed.text.contains("Added while serving."))
        // A page opened now learns of the problem as it connects.
        let late = try EventStreamProbe(port: server.port)
        #expect(late.next("problem")?.contains("unknown finding") == true)

        // Fixed: the overlay goes and the page reloads.
        try folder.write(["content/pages/results.md": MiniSurvey.resultsPage])
        #expect(events.next("ok") != nil)
        #expect(events.next("reload") != nil)
        #expect(try !http.get("/results.html").text.contains("Added while serving."))

        // Ctrl-C stops it cleanly, open event streams and all.
        let start = Date()
        server.stop()
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test("Only the built site is served: traversal, odd methods and unknown paths get no file")
    func boundaries() throws {
        let folder = try TemporaryFolder(MiniSurvey.content)
        defer { folder.remove() }
        let server = try ServeProcess(folder, extra: ["--no-watch"])
        defer { server.stop() }
        let http = HTTPProbe(port: server.port)
        let secrets = ["respondent_id", "breakdowns:"]
        for path in ["/../content/data/responses.csv", "/%2e%2e/content/data/responses.csv", "/..%2fcontent%2fdata%2fresponses.csv",
                     "/%2E%2E/%2E%2E/content/site.yaml", "/%252e%252e/content/site.yaml", "/assets/../../content/site.yaml",
                     "/..\\content\\site.yaml", "/content/data/responses.csv", "//etc/passwd", "/%00"] {
            let reply = try http.raw("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            #expect(reply.status == 404 || reply.status == 400, "\(path) gave \(reply.status)")
            for secret in secrets { #expect(!reply.text.contains(secret), "\(path) leaked \(secret)") }
        }
        // DNS rebinding: another site's name pointed at 127.0.0.1 gets nothing.
        let rebound = try http.raw("GET /index.html HTTP/1.1\r\nHost: attacker.example:\(server.port)\r\nConnection: close\r\n\r\n")
        #expect(rebound.status == 403 && !rebound.text.contains("<html"))
        #expect(try http.raw("GET /index.html HTTP/1.1\r\nHost: localhost:\(server.port)\r\nConnection: close\r\n\r\n").status == 200)
        #expect(try http.raw("GET /%FF%FE.html HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").status == 404)
        #expect(try http.get("/", method: "POST").status == 405)
        let head = try http.get("/index.html", method: "HEAD")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(try http.get("/zh").status == 404)
        let missing = try http.get("/no-such-page.html")
        #expect(missing.status == 404 && missing.text.contains("Page not found"))
        // The published build never carries the live-reload script.
        let built = try runFindings(["build", "--templates", Repository.templates.path, "--quiet"], in: folder.url)
        #expect(built.status == 0)
        for (path, data) in try folder.snapshot("public") where path.hasSuffix(".html") {
            #expect(!String(decoding: data, as: UTF8.self).contains("_findings"), "\(path)")
        }
    }
}
