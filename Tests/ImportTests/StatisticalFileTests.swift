import Analysis
import Foundation
import Import
import SurveyData
import Testing
import TestSupport

/// SPSS and Stata files imported and analysed give the counts R's haven reads from them
/// (haven-counts.json, written by Fixtures/haven-fixtures.R).
@Suite("SPSS and Stata files, held to R's haven")
struct StatisticalFileTests {
    struct Reference: Decodable {
        var valid: Int
        var missing: Int
        var counts: [String: Int]
        var mean: Double?
    }

    static func reference(_ file: String) throws -> [String: Reference] {
        let data = try Data(contentsOf: Fixture.folder.appendingPathComponent("haven-counts.json"))
        let all = try JSONSerialization.jsonObject(with: data) as! [String: [String: Any]]
        var out: [String: Reference] = [:]
        for (name, value) in all[file]! {
            guard let object = value as? [String: Any], object["valid"] != nil else { continue }
            out[name] = try JSONDecoder().decode(Reference.self, from: JSONSerialization.data(withJSONObject: object))
        }
        return out
    }

    /// Every question imported from `file` that haven counted: the same valid and missing
    /// respondents, and the same count for each code.
    func expectCounts(_ imported: Imported, _ reference: [String: Reference]) {
        var compared = 0
        for question in imported.codebook.questions {
            guard let expected = reference[question.source ?? question.id] ?? reference[question.id], let summary = imported.summary(question.id) else { continue }
            #expect(summary.valid == expected.valid, "\(question.id): valid")
            #expect(summary.missing + summary.notAsked == expected.missing, "\(question.id): missing")
            if question.type.isCategorical {
                #expect(imported.counts(question.id).filter { $0.value > 0 } == expected.counts, "\(question.id): counts")
            } else if let mean = expected.mean, imported.codebook.weightColumn == nil {
                #expect(abs((summary.numeric?.mean ?? summary.mean ?? .nan) - mean) < 1e-9, "\(question.id): mean")
            }
            compared += 1
        }
        #expect(compared >= 2)
    }

    @Test("A GBK-encoded .sav from PSPP: labels, user-missing values and ranges, a response set, a weight")
    func gbkSAV() throws {
        let imported = try Fixture.imported("survey-gbk.sav")
        let reference = try Self.reference("survey-gbk.sav")
        expectCounts(imported, reference)
        // Chinese text decoded from GBK and written as UTF-8.
        #expect(imported.codebook.title?.text(in: "") == "医学人工智能合作调查 (fixture)")
        #expect(imported.question("group")?.text.text(in: "") == "您属于哪一类人员？")
        #expect(imported.question("group")?.options.map(\.label).map { $0.text(in: "") } == ["临床医生", "机构专业人员", "企业代表"])
        // SPSS declared 98 and 99 missing and 900 thru 999: missing codes of their questions.
        #expect(imported.question("sat")?.missing == ["98", "99"])
        #expect(imported.question("age")?.missing == ["999"])
        #expect(imported.text.contains("range 900 thru 999"))
        // Ordinal with five labels: likert, and said so.
        #expect(imported.question("sat")?.type == .likert)
        #expect(imported.text.contains("# inferred: likert from 5 ordered labels (measurement level ordinal)"))
        // The file's MRSETS set, and a dichotomy group found by its names.
        for (id, members) in [("apps", 4), ("b7", 3)] {
            let question = try #require(imported.question(id))
            #expect(question.type == .multi)
            #expect(question.options.count == members)
            let expected = try #require(reference[id])
            #expect(imported.summary(id)?.valid == expected.valid)
            #expect(imported.counts(id).filter { $0.value > 0 } == expected.counts.filter { $0.value > 0 })
        }
        #expect(imported.question("apps")?.text.text(in: "") == "您使用哪些AI应用？")
        #expect(imported.question("apps")?.options.first?.label.text(in: "") == "在线问诊")
        #expect(imported.question("b7")?.options.map { $0.label.text(in: "") } == ["Privacy", "Standards", "Law"])
        // The weight variable, and weighted counts as haven sums them.
        #expect(imported.codebook.weightColumn == "wt")
        let data = try Data(contentsOf: Fixture.folder.appendingPathComponent("haven-counts.json"))
        let all = try JSONSerialization.jsonObject(with: data) as! [String: [String: Any]]
        let weighted = all["survey-gbk.sav"]!["group_weighted"] as! [String: Double]
        for category in try #require(imported.summary("group")).categories {
            #expect(abs((category.share.weightedCount ?? 0) - weighted[category.code]!) < 1e-9)
        }
        let weightedMean = all["survey-gbk.sav"]!["age_weighted_mean"] as! Double
        #expect(abs((imported.summary("age")?.numeric?.mean ?? .nan) - weightedMean) < 1e-9)
        // Identifiers left out, free text kept as text, a code outside its labels kept and warned of.
        #expect(imported.question("name") == nil && imported.question("phone") == nil)
        #expect(imported.result.summary.leftOut.count == 2)
        #expect(imported.question("comment")?.type == .text)
        #expect(imported.question("code7")?.options.last?.label.text(in: "") == "unlabelled 7")
        #expect(imported.result.summary.warnings.map(\.description).contains {
            $0.hasPrefix("survey-gbk.sav:17:14: warning: variable code7, row 17: 7 is not in its label set")
        })
    }

    @Test("A .sav written by haven: na_values and na_range")
    func havenSAV() throws {
        let imported = try Fixture.imported("survey-haven.sav")
        expectCounts(imported, try Self.reference("survey-haven.sav"))
        #expect(imported.question("sat")?.missing == ["98", "99"])
    }

    @Test("A Stata 15 .dta: labels in UTF-8, an extended missing value .a with its label")
    func stata() throws {
        let imported = try Fixture.imported("survey.dta")
        expectCounts(imported, try Self.reference("survey.dta"))
        #expect(imported.question("sat")?.missing == [".a"])
        #expect(imported.text.contains(".a 拒绝回答"))
        #expect(imported.question("group")?.options.map { $0.label.text(in: "") } == ["临床医生", "机构专业人员", "企业代表"])
        #expect(imported.text.contains("# inferred: single from its 3 value labels (the file has no measurement level)"))
    }

    @Test("The other formats ReadStat reads: compressed .zsav (PSPP), portable .por, SAS .sas7bdat and transport .xpt")
    func otherFormats() throws {
        for name in ["survey.zsav", "survey.por", "survey.sas7bdat", "survey.xpt"] {
            let imported = try Fixture.imported(name)
            expectCounts(imported, try Self.reference(name))
        }
        let zsav = try Fixture.imported("survey.zsav")
        #expect(zsav.question("apps")?.type == .multi)
        #expect(zsav.question("group")?.options.first?.label.text(in: "") == "临床医生")
        #expect(try Fixture.imported("survey.xpt").codebook.title?.text(in: "") == "SAS fixture")
        let por = try Fixture.imported("survey.por")
        #expect(por.question("sat")?.missing == ["98"])
        #expect(por.question("age")?.missing == ["999"])
    }

    @Test("--keep imports an identifier; --no-merge keeps a response group apart")
    func keepAndNoMerge() throws {
        let imported = try Fixture.imported("survey-gbk.sav") {
            $0.options.keep = ["phone"]
            $0.options.noMerge = ["b7_1", "b7_2", "b7_3"]
        }
        #expect(imported.question("phone")?.type == .text)
        #expect(imported.question("name") == nil)
        #expect(imported.question("b7") == nil)
        #expect(imported.question("b7_1") != nil && imported.question("b7_1")?.type != .multi)
        #expect(imported.question("apps")?.type == .multi)
    }

    @Test("The same file named by its encoding, and a wrong encoding refused with a located line")
    func encodings() throws {
        let named = try Fixture.imported("survey-gbk.sav") { $0.encoding = .gb18030 }
        #expect(named.question("group")?.text.text(in: "") == "您属于哪一类人员？")
        #expect(throws: ImportError.self) { try Fixture.imported("survey-gbk.sav") { $0.encoding = .utf8 } }
        do {
            _ = try Fixture.imported("survey-gbk.sav") { $0.encoding = .utf8 }
        } catch let error as ImportError {
            #expect(error.diagnostics.first?.description.hasPrefix("survey-gbk.sav:1:1: error: cannot read the file's text") == true)
        }
    }
}
