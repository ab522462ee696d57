import Foundation
@testable import Import
import SurveyData
import Testing
import TestSupport

/// Bad files get one located line each and leave the data folder as it was; `--update` keeps
/// what the author wrote.
@Suite("Bad files, and importing over an edited codebook")
struct ImportSafetyTests {
    /// A data folder holding the author's files, and a request that imports `names` into it.
    func folderWithData() throws -> TemporaryFolder {
        try TemporaryFolder(["data/codebook.yaml": "# the author's codebook\n", "data/responses.csv": "id\n1\n"])
    }

    func expectFailure(_ names: [String], _ prefix: String, configure: (inout ImportRequest) -> Void = { _ in },
                       sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let folder = try folderWithData()
        let request = try Fixture.request(names, into: folder, configure: configure)
        do {
            _ = try Importer.run(request)
            Issue.record("the import of \(names) succeeded", sourceLocation: sourceLocation)
        } catch {
            let lines = error.diagnostics.map(\.description)
            #expect(lines.first?.hasPrefix(prefix) == true, "\(lines)", sourceLocation: sourceLocation)
        }
        #expect(try folder.read("data/codebook.yaml") == "# the author's codebook\n", sourceLocation: sourceLocation)
        #expect(try folder.read("data/responses.csv") == "id\n1\n", sourceLocation: sourceLocation)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".findings-import") }
        #expect(leftovers.isEmpty, sourceLocation: sourceLocation)
    }

    @Test("Truncated, corrupt and unsupported files: a located error, nothing written")
    func badFiles() throws {
        try expectFailure(["truncated.sav"], "truncated.sav:1:1: error: cannot read the file")
        try expectFailure(["merged-header.xlsx"], "merged-header.xlsx:1:1: error: the sheet \"Sheet\" has merged header cells (B1:C1)")
        try expectFailure(["survey-gbk.sav"], "survey-gbk.sav:1:1: error: --id names nosuch, which is not a variable of the file") {
            $0.options.idVariable = "nosuch"
        }
        try expectFailure(["survey-gbk.sav"], "survey-gbk.sav:3:2: error: variable group, row 3: id 1 is also row 2's") {
            $0.options.idVariable = "group"
        }
        try expectFailure(["wjx-codes.xlsx"], "wjx-codes.xlsx:1:1: error: the workbook has no sheet \"Data\"") { $0.sheet = "Data" }
        try expectFailure(["cell-kinds.xlsx"], "cell-kinds.xlsx:1:1: error: the file has a header but no respondents") { $0.sheet = "Notes" }
        try expectFailure(["duplicate-labels.sav"], "duplicate-labels.sav:1:1: error: variable group: the label set")
        // A file that is not what its name says.
        let folder = try TemporaryFolder(["not-a-workbook.xlsx": "hello", "survey.txt": "a,b\n1,2\n"])
        for (name, prefix) in [("not-a-workbook.xlsx", "cannot open the workbook"), ("survey.txt", "cannot tell the file's format")] {
            let request = ImportRequest(files: [(name, folder.url.appendingPathComponent(name).path)],
                                        destination: ("data", folder.url.appendingPathComponent("data").path))
            #expect(throws: ImportError.self) { try Importer.run(request) }
            do { _ = try Importer.run(request) } catch {
                #expect(error.diagnostics.first?.description.contains(prefix) == true)
            }
            #expect(!folder.exists("data"))
        }
        // A Stata file of a release ReadStat does not know.
        var dta = try Data(contentsOf: Fixture.folder.appendingPathComponent("survey.dta"))
        let release = dta.range(of: Data("<release>119</release>".utf8)) ?? dta.range(of: Data("<release>118</release>".utf8))!
        dta.replaceSubrange(release, with: Data("<release>999</release>".utf8))
        try folder.write(dta, to: "future.dta")
        let request = ImportRequest(files: [("future.dta", folder.url.appendingPathComponent("future.dta").path)],
                                    destination: ("data", folder.url.appendingPathComponent("data").path))
        do {
            _ = try Importer.run(request)
            Issue.record("an unknown Stata release was read")
        } catch {
            #expect(error.diagnostics.first?.description.hasPrefix("future.dta:1:1: error: cannot read the file") == true)
        }
    }

    @Test("Excel cells: dates as ISO dates, booleans, numbers, empty cells; the sheet --sheet names")
    func cellKinds() throws {
        let imported = try Fixture.imported("cell-kinds.xlsx") { $0.sheet = "Data" }
        let rows = imported.csv.split(separator: "\n").map(String.init)
        #expect(rows[0] == "id,when,consent,score,note")
        #expect(rows[1] == "1,2025-03-01,1,1.5,note 1")
        #expect(rows[3] == "3,2025-03-03,1,4.5,")
        #expect(imported.question("consent")?.options.map { $0.label.text(in: "") } == ["FALSE", "TRUE"])
        #expect(imported.question("score")?.type == .numeric)
        #expect(imported.question("when")?.type == .text)
    }

    @Test("A workbook as Excel and WPS write it: shared strings (rich text, phonetic guides left out), a formula's text, date styles, sparse rows")
    func sharedStrings() throws {
        let imported = try Fixture.imported("shared-strings.xlsx")
        #expect(imported.codebook.questions.map { $0.source } == ["性别", "满意度", "日期"])
        #expect(imported.codebook.idColumn == "v1")
        let satisfaction = try #require(imported.codebook.questions.first { $0.source == "满意度" })
        #expect(satisfaction.options.map { $0.label.text(in: "") } == ["一般", "满意", "非常满意"])
        #expect(imported.csv == "v1,v2,v3,v4\n1,1,3,2025-03-03\n2,2,2,2025-03-04\n3,1,1,\n4,2,3,2025-03-06\n5,1,3,2025-03-07\n6,2,2,2025-03-08\n")
    }

    @Test("--update keeps ids, translations, types, order, top_box, asked_if and the survey block; reports what changed")
    func update() throws {
        let folder = try TemporaryFolder()
        _ = try Importer.run(try Fixture.request(["survey-gbk.sav"], into: folder))
        var codebook = try folder.read("data/codebook.yaml")
        // The author's edits.
        codebook = codebook.replacingOccurrences(of: "  - id: sat\n", with: "  - id: satisfaction\n")
        codebook = codebook.replacingOccurrences(of: "    text: \"您属于哪一类人员？\"\n",
                                                 with: "    text: {en: Which group do you belong to?, zh: \"您属于哪一类人员？\"}\n")
        codebook = codebook.replacingOccurrences(of: "      5: 非常满意\n", with: "      5: 非常满意\n    top_box: [\"4\", \"5\"]\n")
        codebook = codebook.replacingOccurrences(of: "    text: 医院等级\n", with: "    text: 医院等级\n    asked_if: {group: [1]}\n")
        codebook = codebook.replacingOccurrences(of: "  weight_column: wt\n", with: "  weight_column: wt\n  # calibrated later\n  missing: [\"-1\"]\n")
        // Move age to the front.
        let ageStart = codebook.range(of: "  - id: age\n")!
        let ageEnd = codebook.range(of: "\n\n", range: ageStart.upperBound..<codebook.endIndex)!
        let age = String(codebook[ageStart.lowerBound..<ageEnd.upperBound])
        codebook.removeSubrange(ageStart.lowerBound..<ageEnd.upperBound)
        codebook = codebook.replacingOccurrences(of: "questions:\n", with: "questions:\n" + age)
        try folder.write(["data/codebook.yaml": codebook])
        _ = try CodebookLoader.load(text: codebook, source: "codebook.yaml")

        let result = try Importer.run(try Fixture.request(["survey-gbk-v2.sav"], into: folder) { $0.update = true })
        let updated = try CodebookLoader.load(text: try folder.read("data/codebook.yaml"), source: "codebook.yaml")
        let ids = updated.questions.map(\.id)
        #expect(ids.first == "age")
        #expect(ids.contains("satisfaction") && !ids.contains("sat"))
        #expect(!ids.contains("code7"))
        #expect(ids.last == "q9")
        let group = try #require(updated.questions.first { $0.id == "group" })
        #expect(group.text.text(in: "en") == "Which group do you belong to?")
        #expect(group.options.last?.label.text(in: "") == "企业代表（含初创企业）")
        let satisfaction = try #require(updated.questions.first { $0.id == "satisfaction" })
        #expect(satisfaction.topBox == ["4", "5"])
        #expect(satisfaction.source == "sat")
        let tier = try #require(updated.questions.first { $0.id == "tier" })
        #expect(tier.askedIf.first?.codes == ["1"])
        #expect(tier.options.map(\.code) == ["1", "2", "3", "4"])
        #expect(updated.missing == ["-1"])
        #expect(try folder.read("data/codebook.yaml").contains("  # calibrated later\n"))
        let did = result.summary.did.joined(separator: "\n")
        #expect(did.contains("new variable q9: added as q9"))
        #expect(did.contains("code7 is not in this export: removed from the codebook"))
        #expect(did.contains("tier: new option 4 \"社区医院\""))
        #expect(did.contains("group: option 3 is now labelled \"企业代表（含初创企业）\" (was \"企业代表\")"))
        // The responses carry the author's ids as headers.
        #expect(try folder.read("data/responses.csv").hasPrefix("id,wt,age,group,tier,satisfaction,"))
    }

    @Test("--update over a text export keeps the codes the author reordered")
    func updateKeepsReorderedCodes() throws {
        let folder = try TemporaryFolder()
        _ = try Importer.run(try Fixture.request(["wjx-text.csv"], into: folder))
        var codebook = try folder.read("data/codebook.yaml")
        // The author gives q1's answers other codes.
        for (label, code) in [("临床医生", "10"), ("机构专业人员", "20"), ("企业代表", "30")] {
            codebook = codebook.replacingOccurrences(of: "      [0-9]+: \(label)\n", with: "      \(code): \(label)\n", options: .regularExpression)
        }
        #expect(codebook.contains("      30: 企业代表\n"))
        try folder.write(["data/codebook.yaml": codebook])
        let before = try Fixture.imported("wjx-text.csv")
        _ = try Importer.run(try Fixture.request(["wjx-text.csv"], into: folder) { $0.update = true })
        let updated = try CodebookLoader.load(text: try folder.read("data/codebook.yaml"), source: "codebook.yaml")
        #expect(Set(updated.questions.first { $0.id == "q1" }?.options.map(\.code) ?? []) == ["10", "20", "30"])
        let survey = try SurveyReader.read(csv: Array(try folder.read("data/responses.csv").utf8), source: "responses.csv", codebook: updated).survey
        let q1 = updated.questions.firstIndex { $0.id == "q1" }!
        let counts = Dictionary(uniqueKeysWithValues: Analysis.Frequencies.summarize(survey, question: q1).categories.map { ($0.label.text(in: ""), $0.share.count) })
        let original = Dictionary(uniqueKeysWithValues: before.summary("q1")!.categories.map { ($0.label.text(in: ""), $0.share.count) })
        #expect(counts == original)
    }
}

import Analysis
