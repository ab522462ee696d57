import Foundation
import Testing
import TestSupport

/// `findings import` and `findings new --from` as an author runs them.
@Suite("Importing data from the command line")
struct ImportCommandTests {
    static let fixtures = Repository.root.appendingPathComponent("Tests/ImportTests/Fixtures")

    @Test("findings new --from survey.sav: a report around the data that checks and builds, a chart per question")
    func newFromSAV() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("survey-gbk.sav"),
                                         to: folder.url.appendingPathComponent("survey.sav"))
        let made = try runFindings(["new", "--from", "survey.sav", "report"], in: folder.url)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("read survey.sav: SPSS, 240 respondents, 18 variables"))
        #expect(made.stdout.contains("Left out of responses.csv (2):"))
        let report = folder.url.appendingPathComponent("report")
        #expect(FileManager.default.fileExists(atPath: report.appendingPathComponent(".gitignore").path))
        let check = try runFindings(["check"], in: report)
        #expect(check.status == 0, "\(check.stderr)")
        let built = try runFindings(["build", "--quiet"], in: report)
        #expect(built.status == 0, "\(built.stderr)")
        let results = try String(contentsOf: report.appendingPathComponent("public/results.html"), encoding: .utf8)
        #expect(results.components(separatedBy: "<figure").count - 1 == 8)
        #expect(results.contains("您使用哪些AI应用？"))
        let index = try String(contentsOf: report.appendingPathComponent("public/index.html"), encoding: .utf8)
        #expect(index.contains("240"))
    }

    @Test("findings import into a report, then a bad file: one located line, exit 1, the data untouched")
    func importThenBadFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(try runFindings(["new", "report"], in: folder.url).status == 0)
        let report = folder.url.appendingPathComponent("report")
        for name in ["wjx-codes.xlsx", "wjx-text.csv", "truncated.sav"] {
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent(name), to: report.appendingPathComponent(name))
        }
        let imported = try runFindings(["import", "wjx-text.csv", "wjx-codes.xlsx"], in: report)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("recognised a Wenjuanxing (问卷星) export"))
        #expect(imported.stdout.contains("Wrote content/data/codebook.yaml and content/data/responses.csv"))
        // The scaffold's pages cite questions this survey does not have: check says so, located.
        let codebook = try String(contentsOf: report.appendingPathComponent("content/data/codebook.yaml"), encoding: .utf8)
        let responses = try Data(contentsOf: report.appendingPathComponent("content/data/responses.csv"))
        let bad = try runFindings(["import", "truncated.sav"], in: report)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("truncated.sav:1:1: error: cannot read the file"))
        #expect(bad.stderr.split(separator: "\n").count == 1)
        #expect(try String(contentsOf: report.appendingPathComponent("content/data/codebook.yaml"), encoding: .utf8) == codebook)
        #expect(try Data(contentsOf: report.appendingPathComponent("content/data/responses.csv")) == responses)
    }
}
