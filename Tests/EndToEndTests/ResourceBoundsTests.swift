import Foundation
import Testing
import TestSupport

/// Inputs too big for the memory at hand are refused before they are read, with a clear error;
/// big inputs that fit are built. (At small scale here, with FINDINGS_MEMORY_LIMIT; `make bench`
/// measures the full sizes.)
@Suite("Resource bounds")
struct ResourceBoundsTests {
    @Test("A data file too big for the memory limit is refused at the file, and public/ is left as it was")
    func dataTooBig() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        #expect(try runFindings(["build", "--quiet"], in: folder.url).status == 0)
        let before = try folder.snapshot("public")
        // Twenty copies of the rows: about 8 MB of responses against a 48 MB limit.
        let csv = try folder.read("content/data/responses.csv")
        let rows = csv.split(separator: "\n").dropFirst()
        var big = String(csv.split(separator: "\n")[0]) + "\n"
        for k in 0..<20 { for row in rows { big += "X\(k)" + row + "\n" } }
        try folder.write(["content/data/responses.csv": big])
        let run = try runFindings(["build"], in: folder.url, environment: ["FINDINGS_MEMORY_LIMIT": "48M"])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("content/data/responses.csv:1:1: error: building with this 8 MB data file would need about"), "\(run.stderr)")
        #expect(run.stderr.contains("set FINDINGS_MEMORY_LIMIT to change it"))
        #expect(try folder.snapshot("public") == before)
    }

    @Test("Too many pages for the limit are refused; a 2 MB page within it builds")
    func pages() throws {
        var files = MiniSurvey.content
        let paragraph = String(repeating: "Clinicians want to build AI; few have. ", count: 50) + "\n\n"
        files["content/pages/long.md"] = "---\ntitle: Long\n---\n\n" + String(repeating: paragraph, count: 1000)
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        let built = try runFindings(["build", "--quiet", "--templates", Repository.templates.path], in: folder.url)
        #expect(built.status == 0, "\(built.stderr)")
        #expect(try folder.read("public/long.html").contains("Clinicians want to build AI"))
        let refused = try runFindings(["build", "--templates", Repository.templates.path], in: folder.url,
                                      environment: ["FINDINGS_MEMORY_LIMIT": "80M"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("content/pages/long.md:1:1: error: building these 3 pages (2 MB of Markdown) would need about"),
                "\(refused.stderr)")
    }
}
