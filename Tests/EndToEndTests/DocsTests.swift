import Foundation
import Testing
import TestSupport

@Suite("Documentation in step")
struct DocsTests {
    @Test("docs/DATA.md is the shared data contract, word for word")
    func dataContract() throws {
        let shared = Repository.root.deletingLastPathComponent().appendingPathComponent("shared/spec/DATA.md")
        // Where ../shared is not beside the clone there is nothing to compare with.
        guard let contract = try? String(contentsOf: shared, encoding: .utf8) else { return }
        let copy = try String(contentsOf: Repository.root.appendingPathComponent("docs/DATA.md"), encoding: .utf8)
        #expect(copy == contract, "copy ../shared/spec/DATA.md to docs/DATA.md")
    }
}
