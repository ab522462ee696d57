import Foundation
import Testing
import TestSupport

/// One fixture folder per defect under Fixtures/bad-input: each overlays `base/` and names the
/// first line `findings build` must print.
@Suite("Bad input never crashes and never touches the old site")
struct BadInputTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bad-input")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [])
            .filter { $0 != "base" && !$0.hasSuffix(".py") }.sorted()
    }

    @Test("Each defect is reported at its file, line and column", arguments: cases)
    func defect(_ name: String) throws {
        let project = try TemporaryFolder()
        defer { project.remove() }
        let fm = FileManager.default
        try fm.copyItem(at: Self.fixtures.appendingPathComponent("base"), to: project.url.appendingPathComponent("content"))
        try fm.copyItem(at: Repository.templates, to: project.url.appendingPathComponent("templates"))
        let good = try runFindings(["build", "--quiet"], in: project.url)
        try #require(good.status == 0, "the base fixture builds: \(good.stderr)")
        let before = try project.snapshot("public")

        let fixture = Self.fixtures.appendingPathComponent(name)
        let expected = try String(contentsOf: fixture.appendingPathComponent("expected-error"), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let enumerator = fm.enumerator(at: fixture, includingPropertiesForKeys: nil)
        while let file = enumerator?.nextObject() as? URL {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let relative = String(file.standardizedFileURL.path.dropFirst(fixture.standardizedFileURL.path.count + 1))
            switch relative {
            case "expected-error": continue
            case "remove":
                for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") {
                    try fm.removeItem(at: project.url.appendingPathComponent("content/\(line)"))
                }
            default:
                try project.write(try Data(contentsOf: file), to: "content/\(relative)")
            }
        }
        for command in [["build"], ["check"]] {
            let run = try runFindings(command, in: project.url)
            #expect(run.status != 0, "\(command) must fail")
            let lines = run.stderr.split(separator: "\n")
            #expect(lines.contains { $0.hasPrefix(expected) }, "\(command) printed: \(run.stderr)")
            #expect(lines.allSatisfy { $0.contains(": error: ") || $0.contains(": warning: ") || $0.hasPrefix("note:") })
        }
        #expect(try project.snapshot("public") == before, "public/ is byte-for-byte unchanged")
    }
}
