import Foundation
import Site
import Testing
import TestSupport

/// Every input the fuzzers ever crashed on (Fuzz/regressions/TARGET/) goes through the same
/// entry point again, and must return.
@Suite("Fuzzing regressions")
struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [URL] {
        let folder = Repository.root.appendingPathComponent("Fuzz/regressions/\(target)")
        return ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .sorted { $0.path < $1.path }
    }

    @Test("Each saved input returns", arguments: ["responses", "codebook", "findings", "page"])
    func replay(target: String) throws {
        let inputs = Self.inputs(target)
        #expect(!inputs.isEmpty)
        for url in inputs {
            let data = try Data(contentsOf: url)
            let text = String(decoding: data, as: UTF8.self)
            switch target {
            case "responses": FuzzingEntryPoints.responses([UInt8](data))
            case "codebook": FuzzingEntryPoints.codebook(text)
            case "findings": FuzzingEntryPoints.findingsFile(text)
            default: FuzzingEntryPoints.page(text)
            }
        }
    }

    @Test("A page nested 50,000 deep fails its build at the place, with a clear message")
    func deepNesting() throws {
        var files = MiniSurvey.content
        files["content/pages/deep.md"] = "---\ntitle: Deep\n---\n\n" + String(repeating: ">", count: 50_000) + " x\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        #expect(errorLines(result) == ["content/pages/deep.md:5:128: error: block quotes, lists, emphasis or links are nested more than 128 deep here"])
    }
}
