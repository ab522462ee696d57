import Foundation
import Testing
import TestSupport
@testable import Analysis
@testable import Site
@testable import SurveyData

/// The whole findings/1 document of a fixture survey against R's (Oracle/survey_goldens.R):
/// counts exact, every other number within 1e-9 relative. Weighted and unweighted.
@Suite("findings/1 agrees with R on a fixture survey")
struct OracleComparisonTests {
    static let folder = Repository.root.appendingPathComponent("Tests/AnalysisTests/Oracle/weighted")

    func ours(codebook file: String) throws -> Any {
        let codebook = try CodebookLoader.load(text: String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8),
                                               source: file)
        let csv = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent("responses.csv")))
        let survey = try SurveyReader.read(csv: csv, source: "responses.csv", codebook: codebook).survey
        let analysis = SurveyAnalysis(survey, breakdowns: ["group", "tier"])
        let json = FindingsDocument.json(analysis, codebook: codebook, language: "en").serialized()
        return try JSONSerialization.jsonObject(with: Data(json.utf8))
    }

    /// Differences between `golden` and `actual`, for every key the golden file has.
    func differences(_ golden: Any, _ actual: Any?, _ path: String, into out: inout [String]) {
        switch golden {
        case let object as [String: Any]:
            guard let other = actual as? [String: Any] else { out.append("\(path): not an object"); return }
            for (key, value) in object { differences(value, other[key], "\(path)/\(key)", into: &out) }
        case let array as [Any]:
            guard let other = actual as? [Any], other.count == array.count else {
                out.append("\(path): length \(array.count) vs \((actual as? [Any])?.count ?? -1)")
                return
            }
            for (i, value) in array.enumerated() { differences(value, other[i], "\(path)[\(i)]", into: &out) }
        case is NSNull:
            if !(actual is NSNull) && actual != nil { out.append("\(path): null vs \(String(describing: actual!))") }
        case let flag as Bool where path.hasSuffix("/testable") || path.hasSuffix("/low_expected"):
            if (actual as? Bool) != flag { out.append("\(path): \(flag) vs \(String(describing: actual))") }
        case let number as NSNumber:
            guard let other = actual as? NSNumber else { out.append("\(path): \(number) vs \(String(describing: actual))"); return }
            let a = number.doubleValue, b = other.doubleValue
            if a == b { return }
            if abs(a) < 1e-300 && abs(b) < 1e-300 { return }
            if abs(a - b) > 1e-9 * max(abs(a), abs(b)) { out.append("\(path): \(a) vs \(b)") }
        case let text as String:
            if (actual as? String) != text { out.append("\(path): \(text) vs \(String(describing: actual))") }
        default:
            out.append("\(path): unexpected \(golden)")
        }
    }

    @Test("Weighted and unweighted documents equal R's", arguments: [
        ("codebook.yaml", "goldens.json"), ("codebook_unweighted.yaml", "goldens_unweighted.json"),
    ])
    func matchesR(_ codebook: String, _ goldens: String) throws {
        let golden = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.folder.appendingPathComponent(goldens)))
        var found: [String] = []
        differences(golden, try ours(codebook: codebook), "", into: &found)
        #expect(found.isEmpty, "\(found.prefix(20).joined(separator: "\n"))")
    }

    @Test("The comparison bites: a changed golden value, count or flag is a difference")
    func comparisonBites() throws {
        let actual = try ours(codebook: "codebook.yaml")
        var golden = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: Self.folder.appendingPathComponent("goldens.json"))) as? [String: Any])
        var found: [String] = []
        differences(golden, actual, "", into: &found)
        #expect(found.isEmpty)
        var questions = golden["questions"] as! [String: Any]
        var group = questions["group"] as! [String: Any]
        group["valid"] = 81
        var categories = group["categories"] as! [[String: Any]]
        categories[0]["proportion"] = 0.7000001
        group["categories"] = categories
        questions["group"] = group
        golden["questions"] = questions
        var tables = golden["crosstabs"] as! [[String: Any]]
        let index = try #require(tables.firstIndex { $0["testable"] as? Bool == true })
        tables[index]["low_expected"] = !(tables[index]["low_expected"] as! Bool)
        golden["crosstabs"] = tables
        found = []
        differences(golden, actual, "", into: &found)
        #expect(found.count == 3, "\(found)")
    }
}
