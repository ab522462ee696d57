import Foundation
import Import
import SurveyData
import Testing
import TestSupport

/// Exports of the platforms authors use: Wenjuanxing (code and text exports, alone and paired),
/// REDCap, XLSForm, and a plain CSV.
@Suite("Wenjuanxing, REDCap, XLSForm and CSV exports")
struct PlatformExportTests {
    @Test("A Wenjuanxing code export (xlsx): its columns recognised, option columns merged, the IP never imported")
    func wenjuanxingCodes() throws {
        let imported = try Fixture.imported("wjx-codes.xlsx")
        #expect(imported.codebook.idColumn == "respondent_id")
        #expect(imported.codebook.questions.map(\.id) == ["submitted_at", "duration_seconds", "channel", "channel_detail", "q1", "q2", "q3", "q5"])
        #expect(imported.question("q1")?.text.text(in: "") == "您属于哪一类人员？")
        // 所用时间 "67秒" → 67 seconds.
        #expect(imported.question("duration_seconds")?.type == .numeric)
        #expect(imported.csv.split(separator: "\n")[1].hasPrefix("1,2025/3/2 10:01:00,67,"))
        #expect(!imported.csv.contains("112.10."))
        #expect(imported.result.summary.leftOut.contains { $0.contains("IP address is never imported") })
        // The phone-number question is an identifier.
        #expect(imported.question("q4") == nil)
        let q3 = try #require(imported.question("q3"))
        #expect(q3.type == .multi)
        #expect(q3.options.map { $0.label.text(in: "") } == ["在线问诊", "影像辅助诊断", "病历质控", "科研数据分析"])
        // Wenjuanxing's -3 (skipped) is missing.
        #expect(imported.question("q2")?.missing == ["-3"])
    }

    @Test("A Wenjuanxing text export (GB18030 CSV): codes in a known scale's order, ┋ answers one multi question")
    func wenjuanxingText() throws {
        let imported = try Fixture.imported("wjx-text.csv")
        let q2 = try #require(imported.question("q2"))
        #expect(q2.type == .likert)
        #expect(q2.options.map { $0.label.text(in: "") } == ["非常不满意", "不满意", "一般", "满意", "非常满意"])
        #expect(q2.missing == ["-3"])
        let q3 = try #require(imported.question("q3"))
        #expect(q3.type == .multi)
        #expect(Set(q3.options.map { $0.label.text(in: "") }) == ["在线问诊", "影像辅助诊断", "病历质控", "科研数据分析"])
        #expect(imported.text.contains("# inferred: likert: codes 1–5 in the order of a known scale"))
    }

    @Test("A text and a code export together: codes from the one, labels from the other, the same counts")
    func wenjuanxingPair() throws {
        let pair = try Fixture.imported("wjx-text.csv", "wjx-codes.xlsx")
        let codes = try Fixture.imported("wjx-codes.xlsx")
        #expect(pair.question("q1")?.options.map { $0.label.text(in: "") } == ["临床医生", "机构专业人员", "企业代表"])
        #expect(pair.question("q1")?.options.map(\.code) == ["1", "2", "3"])
        #expect(pair.question("q3")?.text.text(in: "") == "您使用哪些AI应用？")
        for id in ["q1", "q2", "q3"] { #expect(pair.counts(id) == codes.counts(id)) }
        #expect(pair.question("q2")?.type == .likert)
    }

    @Test("REDCap: field types, checkbox fields as one multi question, branching logic as asked_if, identifiers left out")
    func redcap() throws {
        let imported = try Fixture.imported("redcap-dictionary.csv", "redcap-data.csv")
        #expect(imported.codebook.idColumn == "record_id")
        #expect(imported.question("email") == nil)
        #expect(imported.question("role")?.type == .single)
        #expect(imported.question("uses_ai")?.options.map(\.code) == ["1", "0"])
        let tools = try #require(imported.question("tools"))
        #expect(tools.type == .multi)
        #expect(tools.options.map(\.code) == ["1", "2", "3", "99"])
        #expect(tools.askedIf.map(\.question) == ["uses_ai"])
        #expect(imported.question("hours")?.type == .numeric)
        #expect(imported.question("hours")?.askedIf.map { "\($0.question)=\($0.codes)" } == ["uses_ai=[\"1\"]", "role=[\"1\"]"])
        #expect(imported.question("trust")?.askedIf.first?.codes == ["2", "3"])
        #expect(imported.question("notes")?.type == .text)
        #expect(imported.text.contains("# skip logic in the form: [hours] > 5"))
        #expect(imported.text.contains("# REDCap section: About you"))
        #expect(imported.result.summary.warnings.contains { $0.message.contains("[hours] > 5") })
        // Everyone not asked is counted as not asked, not missing.
        let summary = try #require(imported.summary("hours"))
        #expect(summary.notAsked > 0)
        #expect(summary.valid + summary.missing + summary.notAsked == 60)
    }

    @Test("XLSForm: translations from label::English (en) and label::Chinese (zh), select_multiple, relevant as asked_if")
    func xlsform() throws {
        let imported = try Fixture.imported("xlsform-form.xlsx", "xlsform-data.csv")
        #expect(imported.codebook.idColumn == "uuid")
        #expect(imported.codebook.questions.map(\.id) == ["sector", "barriers", "projects", "remarks"])
        let sector = try #require(imported.question("sector"))
        #expect(sector.text.text(in: "zh") == "您在哪里工作？")
        #expect(sector.text.text(in: "en") == "Where do you work?")
        #expect(sector.options.map(\.code) == ["hospital", "institute", "company"])
        #expect(sector.options.first?.label.text(in: "zh") == "医院")
        #expect(imported.question("barriers")?.type == .multi)
        #expect(imported.question("projects")?.askedIf.first?.codes == ["hospital", "institute"])
        #expect(!imported.csv.contains("13800138000"))
        // The space-separated column and the 0/1 columns agree.
        let rows = try String(contentsOf: Fixture.folder.appendingPathComponent("xlsform-data.csv"), encoding: .utf8).components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        let chosen = rows.filter { $0.split(separator: ",", omittingEmptySubsequences: false)[3] == "1" }.count
        #expect(imported.counts("barriers")["privacy"] == chosen)
    }

    @Test("XLSForm data with select_multiple only as 0/1 columns (q/choice): the same multi question")
    func xlsformSplitColumns() throws {
        let csv = try String(contentsOf: Fixture.folder.appendingPathComponent("xlsform-data.csv"), encoding: .utf8)
        // Drop the space-separated `barriers` column (the third).
        let split = csv.components(separatedBy: "\r\n").map { line -> String in
            var cells = line.components(separatedBy: ",")
            if cells.count > 2 { cells.remove(at: 2) }
            return cells.joined(separator: ",")
        }.joined(separator: "\r\n")
        let folder = try TemporaryFolder(["data.csv": split])
        try FileManager.default.copyItem(at: Fixture.folder.appendingPathComponent("xlsform-form.xlsx"), to: folder.url.appendingPathComponent("form.xlsx"))
        let request = ImportRequest(files: [("form.xlsx", folder.url.appendingPathComponent("form.xlsx").path),
                                            ("data.csv", folder.url.appendingPathComponent("data.csv").path)],
                                    destination: ("data", folder.url.appendingPathComponent("out").path))
        let result = try Importer.prepare(request)
        let codebook = try CodebookLoader.load(text: result.codebookText, source: "codebook.yaml")
        let barriers = try #require(codebook.questions.first { $0.id == "barriers" })
        #expect(barriers.type == .multi)
        #expect(barriers.options.map(\.code) == ["privacy", "standards", "law"])
        #expect(barriers.options.first?.label.text(in: "zh") == "隐私")
        #expect(barriers.text.text(in: "zh") == "数据共享的障碍是什么？")
        let both = try Fixture.imported("xlsform-form.xlsx", "xlsform-data.csv")
        let survey = try SurveyReader.read(csv: result.responses, source: "responses.csv", codebook: codebook).survey
        let imported = Imported(result: result, codebook: codebook, survey: survey)
        #expect(imported.counts("barriers") == both.counts("barriers"))
    }

    @Test("A plain CSV of codes: a skeleton with types inferred from the values, every inference said")
    func plainCSV() throws {
        let imported = try Fixture.imported("plain-codes.csv")
        #expect(imported.codebook.idColumn == "responseid")
        #expect(imported.question("q1")?.type == .single)
        #expect(imported.question("q3")?.type == .multi)
        #expect(imported.question("q3")?.source == "Q3_1 Q3_2 Q3_3")
        #expect(imported.question("age")?.type == .numeric)
        #expect(imported.question("comment")?.type == .text)
        let inferred = imported.text.components(separatedBy: "\n").filter { $0.hasPrefix("  # inferred:") }.count
        #expect(inferred == 4)
        #expect(imported.result.summary.inferences.count == 4)
    }
}
