#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TestSupport

/// A build reads only regular files inside the report's folders and writes only where it
/// cannot harm them: an author's slip or a contributed link never destroys sources or
/// publishes secrets.
@Suite("A build that cannot destroy sources or leak secrets", .serialized)
struct SourceSafetyTests {
    @Test("An output among the inputs (content/data, content/pages, inside templates) is refused and the sources stay whole")
    func outputAmongInputs() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        let before = try folder.snapshot("content")
        let templatesBefore = try folder.snapshot("templates")
        for output in ["content/data", "content/pages", "content/pages/zh", "templates/assets", "content/data/new"] {
            let run = try runFindings(["build", "--output", output, "--force"], in: folder.url)
            #expect(run.status == 1, "\(output)")
            #expect(run.stderr.contains("error: refusing to build into"), "\(output): \(run.stderr)")
        }
        // Through a link, too.
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/site", withDestinationPath: folder.path + "/content/data")
        let linked = try runFindings(["build", "--output", "site", "--force"], in: folder.url)
        #expect(linked.status == 1 && linked.stderr.contains("refusing to build into"), "\(linked.stderr)")
        #expect(try folder.snapshot("content") == before)
        #expect(try folder.snapshot("templates") == templatesBefore)
    }

    @Test("A non-empty folder Findings did not build is not replaced without --force; its own site is")
    func foreignOutput() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        try folder.write(["thesis/chapter1.tex": "\\chapter{One}"])
        let refused = try runFindings(["build", "--output", "thesis"], in: folder.url)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("thesis:1:1: error: refusing to replace"), "\(refused.stderr)")
        #expect(refused.stderr.contains("--force"))
        #expect(try folder.read("thesis/chapter1.tex") == "\\chapter{One}")
        // A site built before is replaced as usual; an empty folder is fine; --force replaces anything.
        #expect(try runFindings(["build", "--quiet"], in: folder.url).status == 0)
        #expect(try runFindings(["build", "--quiet"], in: folder.url).status == 0)
        try FileManager.default.createDirectory(atPath: folder.path + "/empty", withIntermediateDirectories: true)
        #expect(try runFindings(["build", "--quiet", "--output", "empty"], in: folder.url).status == 0)
        #expect(try runFindings(["build", "--quiet", "--output", "thesis", "--force"], in: folder.url).status == 0)
        #expect(!folder.exists("thesis/chapter1.tex"))
    }

    @Test("An output inside the content folder is never read as input: verify passes right after a build")
    func outputInsideContent() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        for _ in 0..<2 {
            let built = try runFindings(["build", "--quiet", "--content", "content", "--output", "content/public"], in: folder.url)
            #expect(built.status == 0, "\(built.stderr)")
        }
        let manifest = try folder.read("content/public/build-manifest.json")
        #expect(!manifest.contains("content/public/"))
        let verified = try runFindings(["verify", "--content", "content", "--output", "content/public"], in: folder.url)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    }

    @Test("A link out of the content folder is an error at the link, and nothing it points to is published")
    func linksOut() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        try folder.write(["secret.txt": "TOKEN=hunter2"])
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/content/pages/passwd.md", withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/content/pages/env.md", withDestinationPath: "/proc/self/environ")
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/templates/partials/secret.mustache",
                                                   withDestinationPath: folder.path + "/secret.txt")
        let run = try runFindings(["build"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/pages/passwd.md:1:1: error: this link leads outside the folder"), "\(run.stderr)")
        #expect(run.stderr.contains("content/pages/env.md:1:1: error: this link leads outside the folder"))
        #expect(run.stderr.contains("templates/partials/secret.mustache:1:1: error: this link leads outside the folder"))
        #expect(!folder.exists("public"))
        let check = try runFindings(["check"], in: folder.url)
        #expect(check.status == 1 && check.stderr.contains("passwd.md:1:1: error: this link leads outside"))
    }

    @Test("A link to a file inside the content folder still counts as that file")
    func linksInside() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/content/pages/about-again.md",
                                                   withDestinationPath: folder.path + "/content/pages/about.md")
        let run = try runFindings(["build", "--quiet"], in: folder.url)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test("A FIFO as responses.csv is an error at the file, not a hung build")
    func fifo() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        let path = folder.path + "/content/data/responses.csv"
        try FileManager.default.removeItem(atPath: path)
        #expect(mkfifo(path, 0o644) == 0)
        let run = try runFindings(["build"], in: folder.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("content/data/responses.csv:1:1: error: this is a named pipe (FIFO), not a regular file"), "\(run.stderr)")
    }

    @Test("A data file bigger than memory is refused before a byte of it is read")
    func memoryCheckComesFirst() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        // 64 GB, sparse: reading (or hashing) it would take minutes; refusing it takes none.
        let path = folder.path + "/content/data/responses.csv"
        #expect(truncate(path, 64 << 30) == 0)
        let start = Date()
        let run = try runFindings(["build"], in: folder.url, environment: ["FINDINGS_MEMORY_LIMIT": "1G"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("content/data/responses.csv:1:1: error: building with this 64.0 GB data file"), "\(run.stderr)")
        // Not a timing target: a build that read 64 GB first would take minutes, not seconds.
        #expect(Date().timeIntervalSince(start) < 60)
    }

    @Test("FINDINGS_MEMORY_LIMIT that is not a positive size is an error, not ignored or misread")
    func memoryLimitValidated() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        for bad in ["abc", "-5", "9223372036854775807G", "0", "1.2.3M", ""] {
            let run = try runFindings(["build"], in: folder.url, environment: ["FINDINGS_MEMORY_LIMIT": bad])
            #expect(run.status == 1, "\(bad)")
            #expect(run.stderr.contains("FINDINGS_MEMORY_LIMIT:1:1: error: \"\(bad)\" is not a memory size"), "\(bad): \(run.stderr)")
        }
        #expect(try runFindings(["build", "--quiet"], in: folder.url, environment: ["FINDINGS_MEMORY_LIMIT": "4GB"]).status == 0)
    }
}
