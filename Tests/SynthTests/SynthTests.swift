import Foundation
import Testing
import TestSupport
@testable import SurveyData
@testable import Synth

@Suite("Synthetic data drawn to a specification")
struct SynthTests {
    let codebook: Codebook
    let provinces: ProvinceTable
    let spec: SynthSpec

    init() throws {
        let data = Repository.content.appendingPathComponent("data")
        codebook = try CodebookLoader.load(text: String(contentsOf: data.appendingPathComponent("codebook.yaml"), encoding: .utf8),
                                           source: "codebook.yaml")
        provinces = try ProvinceTable.read([UInt8](try Data(contentsOf: data.appendingPathComponent("provinces.csv"))), source: "provinces.csv")
        spec = try SynthSpec.load(text: String(contentsOf: data.appendingPathComponent("synth.yaml"), encoding: .utf8),
                                  source: "synth.yaml", codebook: codebook, provinces: provinces)
    }

    @Test("Same spec and seed give byte-identical files; another seed does not")
    func deterministic() {
        let synthesizer = SurveySynthesizer(codebook: codebook, spec: spec)
        let a = synthesizer.csv(respondents: 2000, seed: 7)
        #expect(a == synthesizer.csv(respondents: 2000, seed: 7))
        #expect(a != synthesizer.csv(respondents: 2000, seed: 8))
        let collaborations = CollaborationSynthesizer(spec: spec.collaborations!, provinces: provinces)
        #expect(collaborations.csv(seed: 7) == collaborations.csv(seed: 7))
    }

    @Test("The drawn file passes the data contract and hits the spec's targets")
    func conformsAndCalibrated() throws {
        // Large enough that sampling noise (SE ≈ 0.2 points) leaves the calibration visible.
        let n = 50_000
        let csv = SurveySynthesizer(codebook: codebook, spec: spec).csv(respondents: n, seed: 20250901)
        let survey = try SurveyReader.read(csv: csv, source: "responses.csv", codebook: codebook).survey
        #expect(survey.respondentCount == n)
        func shares(_ id: String) -> [Double] {
            let i = codebook.index(of: id)!
            var counts = [Double](repeating: 0, count: codebook.questions[i].options.count)
            var valid = 0.0
            switch survey.columns[i] {
            case .categorical(let codes):
                for c in codes where c >= 0 { counts[Int(c)] += 1; valid += 1 }
            case .multi(let masks):
                for m in masks where m < Column.notAskedMask {
                    valid += 1
                    for j in counts.indices where m & (1 << UInt64(j)) != 0 { counts[j] += 1 }
                }
            default: break
            }
            return counts.map { $0 / valid }
        }
        // Fixed counts are exact; every province is present.
        let expectedGroups = [4731.0, 257, 154].map { $0 / 5142 * Double(n) }
        for (got, want) in zip(shares("group"), expectedGroups) { #expect(abs(got * Double(n) - want) <= 1) }
        #expect(shares("province").allSatisfy { $0 * Double(n) >= 10 })
        // Multi-select shares within a point of target despite the cap of three picks.
        for (got, want) in zip(shares("priorities"), [0.71, 0.64, 0.49, 0.30, 0.24, 0.22]) {
            #expect(abs(got - want) < 0.01, "priorities \(got) vs \(want)")
        }
        // The logistic intercept hits its share.
        #expect(abs(shares("engaged_rd")[0] - 0.22) < 0.01)
        // Skip logic: industry and institution respondents are never asked their hospital tier.
        guard case .categorical(let group) = survey.columns[codebook.index(of: "group")!],
              case .categorical(let tier) = survey.columns[codebook.index(of: "hospital_tier")!] else { return }
        for i in 0..<survey.respondentCount { #expect((group[i] == 0) == (tier[i] != Column.notAskedCode)) }
    }

    @Test("The drawn network passes its own contract")
    func collaborations() throws {
        let csv = CollaborationSynthesizer(spec: spec.collaborations!, provinces: provinces).csv(seed: 3)
        let table = try CollaborationTable.read(csv, source: "collaborations.csv", provinces: provinces)
        #expect(table.projects.count == spec.collaborations!.projects)
        #expect(table.projects.allSatisfy { $0.members.count >= 2 })
    }

    @Test("Spec errors point into synth.yaml")
    func specErrors() {
        let text = "questions:\n  group:\n    counts: {1: 10, 4: 2}\n  tier:\n    shares: {1: 1}\n"
        do {
            _ = try SynthSpec.load(text: text, source: "s.yaml", codebook: codebook, provinces: provinces)
            Issue.record("should fail")
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines.contains { $0.hasPrefix("s.yaml:3:21: error: \"4\" is not an option of \"group\"") })
            #expect(lines.contains { $0.hasPrefix("s.yaml:4:3: error: \"tier\" is not a codebook question") })
            #expect(lines.contains { $0.hasPrefix("codebook.yaml:") && $0.contains("has no rule in s.yaml") })
        }
    }

    @Test("Skip logic keyed on an option past the 64th asks exactly those respondents")
    func skipLogicOnALateOption() throws {
        let options = "{" + (1...100).map { "\($0): c\($0)" }.joined(separator: ", ") + "}"
        let book = try CodebookLoader.load(text: """
            survey: {missing: ["-99"]}
            questions:
              - {id: city, type: single, options: \(options)}
              - {id: follow, type: single, asked_if: {city: [70, 100]}, options: {1: yes, 2: no}}
            """, source: "c.yaml")
        let spec = try SynthSpec.load(text: """
            questions:
              city:
                counts: {1: 50, 70: 20, 100: 30}
              follow:
                counts: {1: 40, 2: 10}
            """, source: "s.yaml", codebook: book, provinces: nil)
        let csv = SurveySynthesizer(codebook: book, spec: spec).csv(respondents: 100, seed: 3)
        let survey = try SurveyReader.read(csv: csv, source: "r.csv", codebook: book).survey
        guard case .categorical(let city) = survey.columns[0], case .categorical(let follow) = survey.columns[1] else {
            Issue.record("wrong column kinds")
            return
        }
        for i in 0..<100 {
            #expect((follow[i] >= 0) == (city[i] == 69 || city[i] == 99), "row \(i)")
        }
    }
}
