import Diagnostics
import Testing
import TestSupport
@testable import SurveyData

@Suite("Codebook loading")
struct CodebookLoaderTests {
    @Test("Reads questions, translations, skip logic and top box")
    func readsTheMiniCodebook() throws {
        let codebook = try CodebookLoader.load(text: MiniSurvey.codebook, source: "codebook.yaml")
        #expect(codebook.questions.map(\.id) == ["group", "tier", "barriers", "interest"])
        #expect(codebook.missing == ["-99"])
        let group = try #require(codebook.question("group"))
        #expect(group.text.text(in: "zh") == "组别")
        #expect(group.text.text(in: "en") == "Group")
        #expect(group.options.map(\.code) == ["1", "2"])
        let tier = try #require(codebook.question("tier"))
        #expect(tier.askedIf.first?.question == "group")
        #expect(tier.askedIf.first?.codes == ["1"])
        #expect(codebook.question("barriers")?.maxChoices == 2)
        #expect(codebook.question("interest")?.topBox == ["3"])
        #expect(tier.location == SourceLocation(file: "codebook.yaml", line: 9, column: 9))
    }

    @Test("Unquoted Yes and No stay labels, not booleans")
    func yesNoLabels() throws {
        let text = """
        questions:
          - id: q
            type: single
            options: {1: Yes, 2: No}
        """
        let codebook = try CodebookLoader.load(text: text, source: "c.yaml")
        #expect(codebook.questions[0].options.map { $0.label.text(in: "en") } == ["Yes", "No"])
    }

    func errors(_ text: String) -> [String] {
        do {
            _ = try CodebookLoader.load(text: text, source: "c.yaml")
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("A duplicated option code is reported at its second occurrence")
    func duplicateOption() {
        let text = """
        questions:
          - id: q
            type: single
            options:
              1: A
              1: B
        """
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("c.yaml:6:7: error: duplicated key \"1\"") == true)
    }

    @Test("YAML syntax errors point into the file")
    func syntaxError() {
        let found = errors("questions:\n  - id: q\n    type: [single\n")
        #expect(found.first?.hasPrefix("c.yaml:") == true)
        #expect(found.first?.contains("error: YAML syntax") == true)
    }

    @Test("asked_if naming an unknown question suggests the closest id")
    func unknownAskedIf() {
        let text = """
        questions:
          - id: group
            type: single
            options: {1: A}
          - id: tier
            type: single
            asked_if: {gruop: [1]}
            options: {1: B}
        """
        #expect(errors(text) == ["c.yaml:7:16: error: asked_if of \"tier\" names unknown question \"gruop\" (did you mean \"group\"?)"])
    }

    @Test("A top_box code that is not an option is an error")
    func badTopBox() {
        let text = """
        questions:
          - id: q
            type: likert
            options: {1: A, 2: B}
            top_box: [3]
        """
        #expect(errors(text).first?.hasPrefix("c.yaml:5:14: error: top_box code \"3\" is not an option of \"q\"") == true)
    }

    @Test("Every problem is reported, in one pass")
    func severalProblems() {
        let text = """
        questions:
          - id: a
            type: singel
          - id: b
            type: multi
          - id: a
            type: text
        """
        let found = errors(text)
        #expect(found.contains("c.yaml:3:11: error: question \"a\" has unknown type \"singel\" (did you mean \"single\"?)"))
        #expect(found.contains { $0.hasPrefix("c.yaml:4:9: error: multi question \"b\" has no `options:`") })
        #expect(found.contains { $0.hasPrefix("c.yaml:6:9: error: duplicate question id \"a\"") } || found.count >= 2)
    }
}
