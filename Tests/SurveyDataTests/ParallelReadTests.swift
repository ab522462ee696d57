import Diagnostics
import Testing
import TestSupport
@testable import SurveyData

/// Large files are read in two halves on two cores; these tests force the split on small files.
@Suite("Reading in two halves")
struct ParallelReadTests {
    let codebook: Codebook

    init() throws {
        codebook = try CodebookLoader.load(text: MiniSurvey.codebook, source: "codebook.yaml")
    }

    func read(_ csv: String, parallel: Bool) -> Result<Survey, DiagnosticsError> {
        let bytes = Array(csv.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            do throws(DiagnosticsError) {
                return .success(try SurveyReader.read(bytes: buffer, source: "r.csv", codebook: codebook, consumed: nil,
                                                      parallelFrom: parallel ? 1 : Int.max).survey)
            } catch {
                return .failure(error)
            }
        }
    }

    func errors(_ csv: String, parallel: Bool) -> [String] {
        if case .failure(let error) = read(csv, parallel: parallel) { return error.diagnostics.map(\.description) }
        return []
    }

    func columns(_ survey: Survey) -> [String] {
        survey.columns.map { column in
            switch column {
            case .categorical(let c): return "\(c)"
            case .multi(let m): return "\(m)"
            case .numeric(let v, let s): return "\(v)\(s)"
            case .text(let s, _): return "\(s)"
            }
        }
    }

    @Test("Both halves together give the same survey as one pass")
    func sameSurvey() throws {
        let one = try read(MiniSurvey.responses, parallel: false).get()
        let two = try read(MiniSurvey.responses, parallel: true).get()
        #expect(two.respondentCount == one.respondentCount)
        #expect(columns(two) == columns(one))
    }

    @Test("Problems in both halves are all reported, at their own lines")
    func errorsInBothHalves() {
        let csv = MiniSurvey.responses.replacingOccurrences(of: "r2,1,1,1,3", with: "r2,1,1,1,9")
            .replacingOccurrences(of: "r9,1,2,1,3", with: "r9,7,2,1,3")
        let one = errors(csv, parallel: false)
        #expect(one.count == 2)
        #expect(errors(csv, parallel: true) == one)
    }

    @Test("An id repeated across the halves, or out of order, is still found")
    func duplicatesAcrossHalves() {
        let dup = MiniSurvey.responses.replacingOccurrences(of: "r9,", with: "r1,")
        #expect(errors(dup, parallel: true) == ["r.csv:10:1: error: duplicate respondent id \"r1\" (first at line 2)"])
        #expect(errors(dup, parallel: true) == errors(dup, parallel: false))
        let unordered = MiniSurvey.responses.replacingOccurrences(of: "r2,", with: "r99,").replacingOccurrences(of: "r8,", with: "r99,")
        #expect(errors(unordered, parallel: true) == errors(unordered, parallel: false))
        #expect(errors(unordered, parallel: true).count == 1)
    }

    @Test("A quoted line end across the middle makes the reader start again in one piece")
    func quotedLineEndAtTheSplit() throws {
        // A text column lets a quoted cell hold line ends; put many near the middle.
        let book = try CodebookLoader.load(text: "questions:\n  - id: note\n    type: text\n", source: "c.yaml")
        var rows = ["respondent_id,note"]
        for i in 1...20 { rows.append(i == 10 ? "x\(i),\"a\n\n\n\n\n\n\n\nb\"" : "x\(i),fine") }
        let csv = rows.joined(separator: "\n") + "\n"
        let bytes = Array(csv.utf8)
        let survey = try bytes.withUnsafeBufferPointer { buffer throws(DiagnosticsError) in
            try SurveyReader.read(bytes: buffer, source: "r.csv", codebook: book, consumed: nil, parallelFrom: 1).survey
        }
        #expect(survey.respondentCount == 20)
    }

    @Test("Blank lines and quoted line ends in the first half leave no gap between the halves")
    func fewerRowsThanLineEnds() throws {
        // The second half is written from the first half's line count; here the first half has
        // fewer rows than line ends, so its rows must close up. Kept text must line up too.
        let book = try CodebookLoader.load(text: """
            questions:
              - id: group
                type: single
                options: {1: A, 2: B}
              - id: note
                type: text
                publish: true
                asked_if: {group: [1]}
            """, source: "c.yaml")
        var rows = ["respondent_id,group,note"]
        for i in 1...40 {
            if i == 3 { rows.append("") }
            if i == 5 { rows.append("x\(i),1,\"two\nlines\"") } else { rows.append("x\(i),\(i % 3 == 0 ? 2 : 1),\(i % 3 == 0 ? "" : "n\(i)")") }
        }
        let csv = rows.joined(separator: "\n") + "\n"
        func survey(_ parallelFrom: Int) throws -> Survey {
            try Array(csv.utf8).withUnsafeBufferPointer { buffer throws(DiagnosticsError) in
                try SurveyReader.read(bytes: buffer, source: "r.csv", codebook: book, consumed: nil, parallelFrom: parallelFrom).survey
            }
        }
        let one = try survey(Int.max), two = try survey(1)
        #expect(two.respondentCount == 40)
        #expect(columns(two) == columns(one))
        guard case .text(_, let a?) = one.columns[1], case .text(_, let b?) = two.columns[1],
              case .categorical(let groups) = two.columns[0] else {
            Issue.record("wrong column kinds")
            return
        }
        #expect(a == b)
        #expect(b[4] == "two\nlines" && b[39] == "n40" && b[2] == "")
        #expect(groups.last == 0 && groups[2] == 1)
    }
}

/// The fast path takes only rows it can read exactly as the careful path would; these files
/// mix the cells it reads itself with the ones it must hand back.
@Suite("The fast path reads as the careful path does")
struct FastPathTests {
    static let codebook = """
        survey: {missing: ["-99"]}
        questions:
          - {id: group, type: single, options: {1: A, 2: B, 10: C}}
          - {id: years, type: numeric}
          - {id: note, type: text}
          - {id: barriers, type: multi, max_choices: 2, options: {1: p, 2: s, 3: l, 12: o}}
        """

    func read(_ csv: String, fast: Bool) -> String {
        let book = try! CodebookLoader.load(text: Self.codebook, source: "c.yaml")
        return Array(csv.utf8).withUnsafeBufferPointer { buffer in
            do throws(DiagnosticsError) {
                let result = try SurveyReader.read(bytes: buffer, source: "r.csv", codebook: book, consumed: nil,
                                                   parallelFrom: Int.max, fastPath: fast)
                return result.survey.columns.map { column -> String in
                    switch column {
                    case .categorical(let c): return "\(c)"
                    case .multi(let m): return "\(m)"
                    case .numeric(let v, let s): return "\(v)\(s)"
                    case .text(let s, _): return "\(s)"
                    }
                }.joined(separator: "|") + " warnings: \(result.warnings.map(\.description))"
            } catch {
                return error.diagnostics.map(\.description).joined(separator: "\n")
            }
        }
    }

    @Test("Same columns, warnings and errors with and without the fast path", arguments: [
        "respondent_id,group,years,note,barriers\nr1,1,3,hi,1;2\nr2,10,,\"said \"\"no\"\"\",12\nr3,2,4.5,\"\",\nr4,-99,-99,-99,-99\n",
        "respondent_id,group,years,note,barriers\r\nr1,1,3,hi,1;2\r\nr2, 2 ,7,\"a, b\",2 ; 3\r\nr3,2,1,x,3\r\n",
        "respondent_id,group,years,note,barriers\nr1,1,3,hi,1;2;3\nr2,1,3,hi,1;1\nr3,1,3,hi,1;-99\nr4,1,3,hi,1;;2\n",
        "respondent_id,group,years,note,barriers\nr1,1,3,\"two\nlines\",1\nr2,3,x,hi,9\nr3,1,3,\"open,2\n",
        "respondent_id,group,years,note,barriers\nr1,1,3,hi,1\nr1,2,3,hi,2\nr3,2,3,\"q\"x,2\nr4,2,3,hi,\"1;2\"",
    ])
    func sameReading(csv: String) {
        let fast = read(csv, fast: true)
        #expect(fast == read(csv, fast: false))
        // The first two files are valid; the others each hold several problems.
        let valid = csv.hasSuffix("-99,-99,-99,-99\n") || csv.hasSuffix("r3,2,1,x,3\r\n")
        #expect(fast.contains(" warnings: ") == valid)
        #expect(fast.contains("error:") == !valid)
    }
}
