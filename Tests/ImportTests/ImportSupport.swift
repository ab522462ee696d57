import Analysis
import Foundation
import Import
import SurveyData
import TestSupport

/// Imports of the fixtures (written by Fixtures/make-fixtures.py), read back as a build reads them.
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func request(_ names: [String], into destination: TemporaryFolder? = nil,
                        configure: (inout ImportRequest) -> Void = { _ in }) throws -> ImportRequest {
        let out = try destination ?? TemporaryFolder()
        var request = ImportRequest(files: names.map { ($0, path($0)) },
                                    destination: ("data", out.url.appendingPathComponent("data").path))
        configure(&request)
        return request
    }

    /// The import's codebook and survey, as `findings check` reads them.
    static func imported(_ names: String..., configure: (inout ImportRequest) -> Void = { _ in }) throws -> Imported {
        let result = try Importer.prepare(try request(names, configure: configure))
        let codebook = try CodebookLoader.load(text: result.codebookText, source: "codebook.yaml")
        let survey = try SurveyReader.read(csv: result.responses, source: "responses.csv", codebook: codebook).survey
        return Imported(result: result, codebook: codebook, survey: survey)
    }
}

struct Imported {
    var result: ImportResult
    var codebook: Codebook
    var survey: Survey

    var text: String { result.codebookText }
    var csv: String { String(decoding: result.responses, as: UTF8.self) }

    func question(_ id: String) -> Question? { codebook.questions.first { $0.id == id } }

    func summary(_ id: String) -> QuestionSummary? {
        guard let i = codebook.questions.firstIndex(where: { $0.id == id }) else { return nil }
        return Frequencies.summarize(survey, question: i)
    }

    /// Code → count of a categorical question.
    func counts(_ id: String) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (summary(id)?.categories ?? []).map { ($0.code, $0.share.count) })
    }
}
