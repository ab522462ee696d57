import Diagnostics
import Testing
import TestSupport
@testable import SurveyData

@Suite("Reading responses")
struct SurveyReaderTests {
    let codebook: Codebook

    init() throws {
        codebook = try CodebookLoader.load(text: MiniSurvey.codebook, source: "codebook.yaml")
    }

    func read(_ csv: String) throws -> Survey {
        try SurveyReader.read(csv: Array(csv.utf8), source: "responses.csv", codebook: codebook).survey
    }

    func errors(_ csv: String) -> [String] {
        errors(Array(csv.utf8))
    }

    func errors(_ bytes: [UInt8]) -> [String] {
        do {
            _ = try SurveyReader.read(csv: bytes, source: "responses.csv", codebook: codebook)
            return []
        } catch {
            return error.diagnostics.map(\.description)
        }
    }

    @Test("Columns hold codes as option indices, skip logic as not asked")
    func columns() throws {
        let survey = try read(MiniSurvey.responses)
        #expect(survey.respondentCount == 10)
        guard case .categorical(let group) = survey.columns[0], case .categorical(let tier) = survey.columns[1],
              case .multi(let barriers) = survey.columns[2], case .categorical(let interest) = survey.columns[3] else {
            Issue.record("wrong column kinds")
            return
        }
        #expect(group == [0, 0, 1, 0, 1, 0, 0, 1, 0, 0])
        #expect(tier[2] == Column.notAskedCode && tier[0] == 1)
        #expect(barriers[0] == 0b011)
        #expect(barriers[4] == Column.missingMask)
        #expect(interest[5] == Column.missingCode)
    }

    @Test("BOM, CRLF, quoted cells, doubled quotes and newlines inside quotes")
    func rfc4180() throws {
        let csv = "\u{FEFF}respondent_id,group,tier,barriers,interest\r\n\"r\"\"1\",\"1\", 2 ,\"1;2\",3\r\n\"r\n2\",2,,\"3\",1\r\n"
        let survey = try read(csv)
        #expect(survey.respondentCount == 2)
        guard case .multi(let barriers) = survey.columns[2], case .categorical(let tier) = survey.columns[1] else { return }
        #expect(barriers == [0b011, 0b100])
        #expect(tier == [1, Column.notAskedCode])
    }

    @Test("A quoted cell is verbatim: a quoted \" 1\" is not code 1")
    func quotedCellsAreNotTrimmed() {
        let found = errors("respondent_id,group,tier,barriers,interest\nr1,\" 1\",2,1,3\n")
        #expect(found == ["responses.csv:2:4: error: \" 1\" is not an option of \"group\" (allowed codes: 1, 2)"])
    }

    @Test("An unterminated quote is reported where it opens")
    func unterminatedQuote() {
        let found = errors("respondent_id,group,tier,barriers,interest\nr1,1,2,\"1;2,3\nr2,2,,1,1\n")
        #expect(found == ["responses.csv:2:8: error: unterminated quote: this field's opening quote is never closed (a quote inside a quoted field is written twice (\"\"))"])
    }

    @Test("Every bad cell is reported with its line and column")
    func badCells() {
        let csv = """
        respondent_id,group,tier,barriers,interest
        r1,1,2,1;2,7
        r2,3,,1,1
        r3,2,1,1,1
        r3,1,1,1;2;3,1
        ,1,1,1;1,1
        r6,1,1,1,1,extra
        r7,1,1
        r8,2,,1;-99,2

        """
        let found = errors(csv)
        #expect(found.contains("responses.csv:2:12: error: \"7\" is not an option of \"interest\" (allowed codes: 1, 2, 3)"))
        #expect(found.contains("responses.csv:3:4: error: \"3\" is not an option of \"group\" (allowed codes: 1, 2)"))
        #expect(found.contains("responses.csv:4:6: error: answer to \"tier\" where it was not asked (asked_if: group in [1])"))
        #expect(found.contains("responses.csv:5:1: error: duplicate respondent id \"r3\" (first at line 4)"))
        #expect(found.contains("responses.csv:5:8: error: 3 choices where \"barriers\" allows at most 2"))
        #expect(found.contains("responses.csv:6:1: error: empty respondent id"))
        #expect(found.contains("responses.csv:6:6: error: code \"1\" is repeated in a multi-select cell (question \"barriers\")"))
        #expect(found.contains("responses.csv:7:12: error: too many fields: this row has 6, the header has 5"))
        #expect(found.contains("responses.csv:8:7: error: too few fields: this row has 3, the header has 5"))
        #expect(found.contains { $0.hasPrefix("responses.csv:9:7: error: a missing code is mixed with answers") })
        #expect(found.count == 10)
    }

    @Test("An answer given where the controlling answer is missing counts; one where it says no is an error")
    func answeredAnyway() throws {
        // r1: group missing, tier answered anyway (counts). r2: group empty, tier empty (not asked).
        // r3: group missing code, tier answered (counts). Paper surveys produce these rows routinely.
        let survey = try read("respondent_id,group,tier,barriers,interest\nr1,,2,1,3\nr2,,,1,3\nr3,-99,1,1,3\nr4,2,,1,3\n")
        guard case .categorical(let tier) = survey.columns[1] else {
            Issue.record("tier is not categorical")
            return
        }
        #expect(tier == [1, Column.notAskedCode, 0, Column.notAskedCode])
        // Only a present controlling answer that rules the question out makes an answer an error,
        // on the careful path (an error row) as on the fast one.
        #expect(errors("respondent_id,group,tier,barriers,interest\nr1,2,1,1,3\n")
            == ["responses.csv:2:6: error: answer to \"tier\" where it was not asked (asked_if: group in [1])"])
        #expect(errors("respondent_id,group,tier,barriers,interest\nr1,2,1,1,3\nr2,,1,9,3\n")
            == ["responses.csv:2:6: error: answer to \"tier\" where it was not asked (asked_if: group in [1])",
                "responses.csv:3:7: error: \"9\" is not an option of \"barriers\" (allowed codes: 1, 2, 3)"])
    }

    @Test("A terminal escape sequence or bidi override in a cell is shown escaped in the error, never raw")
    func controlCharactersEscaped() {
        let found = errors("respondent_id,group,tier,barriers,interest\nr1,\u{1B}[2J\u{202E}x,2,1,3\n")
        #expect(found == ["responses.csv:2:4: error: \"\\u{1B}[2J\\u{202E}x\" is not an option of \"group\" (allowed codes: 1, 2)"])
        #expect(!found.joined().unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
    }

    @Test("Duplicate ids are found whether or not the ids are in order")
    func duplicateIDsInAnyOrder() {
        let header = "respondent_id,group,tier,barriers,interest\n"
        let row = ",2,,1,1\n"
        // In order, then out of order, then a repeat of an id from the ordered stretch.
        let csv = header + ["a1", "a3", "a2", "a3", "b1", "a1"].map { $0 + row }.joined()
        #expect(errors(csv) == [
            "responses.csv:5:1: error: duplicate respondent id \"a3\" (first at line 3)",
            "responses.csv:7:1: error: duplicate respondent id \"a1\" (first at line 2)",
        ])
        // The order breaks on the repeat itself.
        #expect(errors(header + ["x1", "x2", "x1"].map { $0 + row }.joined()) == [
            "responses.csv:4:1: error: duplicate respondent id \"x1\" (first at line 2)",
        ])
        // Numbers that sort as text differently are still distinct.
        #expect(errors(header + ["9", "10", "100", "11"].map { $0 + row }.joined()).isEmpty)
    }

    @Test("Invalid UTF-8, as in a GBK export, is reported at the first bad byte")
    func invalidUTF8() {
        var bytes = Array("respondent_id,group,tier,barriers,interest\nr1,1,2,1,3\nr".utf8)
        bytes += [0xC4, 0xE3] // 你 in GBK
        bytes += Array(",1,2,1,3\n".utf8)
        #expect(errors(bytes) == ["responses.csv:3:2: error: invalid UTF-8 (byte 0xC4) (save the file as UTF-8; exports from some survey platforms and editors use GBK)"])
    }

    @Test("Unknown columns and questions without a column")
    func headerProblems() {
        let found = errors("respondent_id,group,tier,barrier,interest\nr1,1,2,1,3\n")
        #expect(found.contains("responses.csv:1:26: error: unknown column \"barrier\": no codebook question has this id (did you mean \"barriers\"?)"))
        #expect(found.contains("codebook.yaml:13:9: error: question \"barriers\" has no column in responses.csv (did you mean \"barrier\"?)"))
    }

    @Test("Empty, header-only and whitespace-only files are errors at 1:1")
    func emptyFiles() {
        #expect(errors("") == ["responses.csv:1:1: error: the file is empty (it needs a header row and one row per respondent)"])
        #expect(errors("respondent_id,group,tier,barriers,interest\n") == ["responses.csv:1:1: error: the file has a header but no respondents"])
    }

    @Test("Numbers follow the contract's grammar")
    func numbers() {
        func parse(_ s: String) -> Double? {
            let bytes = Array(s.utf8)
            return bytes.withUnsafeBufferPointer { NumberSyntax.parse($0, 0, $0.count) }
        }
        #expect(parse("007") == 7)
        #expect(parse("-.5") == -0.5)
        #expect(parse("3.") == 3)
        #expect(parse("+1e3") == 1000)
        #expect(parse("1.5E-2") == 0.015)
        for bad in ["NaN", "Inf", "1e", ".", "", "1,5", "١"] { #expect(parse(bad) == nil, "\(bad)") }
    }

    @Test("A numeric answer that is infinite or beyond ±1e15 is an error at its cell, on either path")
    func numbersOutOfRange() throws {
        let codebook = try CodebookLoader.load(text: """
            survey: {id: n}
            questions:
              - {id: years, type: numeric}
            """, source: "codebook.yaml")
        func errors(_ csv: String) -> [String] {
            do {
                _ = try SurveyReader.read(csv: Array(csv.utf8), source: "responses.csv", codebook: codebook)
                return []
            } catch {
                return error.diagnostics.map(\.description)
            }
        }
        let found = errors("respondent_id,years\nr1,1e999\nr2,9.3e18\nr3,-2e15\nr4,1e15\nr5,12\n")
        #expect(found == ["responses.csv:2:4: error: \"1e999\" is out of range (question \"years\") (a numeric answer lies between -1e15 and 1e15)",
                          "responses.csv:3:4: error: \"9.3e18\" is out of range (question \"years\") (a numeric answer lies between -1e15 and 1e15)",
                          "responses.csv:4:4: error: \"-2e15\" is out of range (question \"years\") (a numeric answer lies between -1e15 and 1e15)"])
    }

    @Test("A column of option labels instead of codes is one error for the column, not one per cell")
    func labelsInsteadOfCodes() {
        var csv = "respondent_id,group,tier,barriers,interest\n"
        for i in 1...80 { csv += "r\(i),\(i % 2 == 0 ? "Clinician" : "Industry"),,1,\(i == 40 ? "9" : "3")\n" }
        let found = errors(csv)
        #expect(found.count == 2, "\(found)")
        #expect(found.first == "responses.csv:2:4: error: column \"group\" holds option labels instead of codes in 80 cells, such as \"Industry\" (code 2) (codes are 1, 2; export the codes, or map each label to its code)")
        #expect(found.contains("responses.csv:41:18: error: \"9\" is not an option of \"interest\" (allowed codes: 1, 2, 3)"))
    }

    @Test("Past 50 errors the rest are counted, and the report ends with how many more there are")
    func capSaysHowManyMore() {
        var csv = "respondent_id,group,tier,barriers,interest\n"
        for i in 1...70 { csv += "r\(i),1,2,1,7\n" }
        do {
            _ = try SurveyReader.read(csv: Array(csv.utf8), source: "responses.csv", codebook: codebook)
            Issue.record("the file should fail")
        } catch {
            #expect(error.diagnostics.count == 50)
            #expect(error.description.hasSuffix("… and 20 more errors (the first 50 are shown)"))
        }
    }

    @Test("A header of 100,000 columns is read with every column's position, and the unknown ones counted past the cap")
    func wideHeader() {
        let extra = (0..<100_000).map { "x\($0)" }
        let csv = "respondent_id,group,tier,barriers,interest," + extra.joined(separator: ",") + "\nr1,1,2,1,3" + String(repeating: ",", count: extra.count) + "\n"
        do {
            _ = try SurveyReader.read(csv: Array(csv.utf8), source: "responses.csv", codebook: codebook)
            Issue.record("the file should fail")
        } catch {
            #expect(error.diagnostics.first?.description.hasPrefix("responses.csv:1:44: error: unknown column \"x0\"") == true)
            #expect(error.description.hasSuffix("… and 99950 more errors (the first 50 are shown)"))
        }
    }
}
