#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TestSupport

/// A build killed at any moment leaves the old site or the new one, never a mix, and nothing a
/// later build trips over; a build never writes where it would harm the report's sources.
@Suite("Builds that survive being killed", .serialized)
struct CrashSafetyTests {
    /// Starts a build and kills it with SIGKILL after `delay` seconds (or lets it finish first).
    func killedBuild(in folder: URL, after delay: TimeInterval) throws {
        let process = Process()
        process.executableURL = Repository.findingsExecutable
        process.arguments = ["build", "--quiet"]
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    @Test("kill -9 at 24 points of a build: public/ is always the whole old site or the whole new one")
    func killedAnywhere() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        #expect(try runFindings(["build", "--quiet"], in: folder.url).status == 0)
        let old = try folder.snapshot("public")
        // An edit, so the new site differs from the old in pages, search index and manifest.
        let page = "content/pages/about.md"
        try folder.write([page: try folder.read(page) + "\nA sentence that only the new site has.\n"])
        let start = Date()
        #expect(try runFindings(["build", "--quiet", "--output", "expected"], in: folder.url).status == 0)
        let duration = Date().timeIntervalSince(start)
        let new = try folder.snapshot("expected")
        #expect(new != old)
        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("expected"))

        var sawOld = 0, sawNew = 0
        for k in 0..<24 {
            // Kill points spread over the whole build, from its first instant to well past its end
            // (the machine may be busy with other tests, so a build can take twice as long).
            try killedBuild(in: folder.url, after: duration * 2.5 * Double(k) / 23)
            let now = try folder.snapshot("public")
            if now == old { sawOld += 1 } else if now == new { sawNew += 1 } else {
                Issue.record("after a kill at \(k)/23 public/ is neither the old site nor the new one")
            }
            if now == new {
                // Back to the old content and site, so every kill point meets a real swap.
                try folder.write([page: try folder.read(page).replacingOccurrences(of: "\nA sentence that only the new site has.\n", with: "")])
                #expect(try runFindings(["build", "--quiet"], in: folder.url).status == 0)
                #expect(try folder.snapshot("public") == old)
                try folder.write([page: try folder.read(page) + "\nA sentence that only the new site has.\n"])
            }
        }
        #expect(sawOld > 0, "some kill points should land before the swap (old \(sawOld), new \(sawNew))")
        // Whatever the kills left behind, the next build succeeds and leaves no staging folder.
        #expect(try runFindings(["build", "--quiet"], in: folder.url).status == 0)
        #expect(try folder.snapshot("public") == new)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".public.") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test("A build refuses an output folder that is, or holds, the content or the templates")
    func refusesToOverwriteSources() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        let before = try folder.snapshot("content")
        for output in ["content", ".", "templates", "content/.."] {
            let run = try runFindings(["build", "--output", output], in: folder.url)
            #expect(run.status == 1, "\(output)")
            #expect(run.stderr.contains("error: refusing to build into"), "\(output): \(run.stderr)")
        }
        #expect(try folder.snapshot("content") == before)
    }
}
