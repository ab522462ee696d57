import Foundation
import PropertyBased
import SurveyData
import Testing

/// What a standard CSV writer (RFC 4180: quote a field holding a separator, quote, line break
/// or edge space; double the quotes inside) writes, the reader reads back cell for cell.
@Suite("CSV round trips")
struct CSVRoundTripTests {
    /// Characters that stress a CSV reader, and some that do not.
    static let characters: [Character] = ["a", "Z", "0", "7", " ", "\t", ",", ";", "\"", "\n", "\r\n", "\r", "é", "数", "据", "😀", "-", "'", "="]
    static let cell = Gen.element(of: characters).map { $0! }.string(of: 0...10)

    static func write(_ rows: [[String]], crlf: Bool, bom: Bool, quoteAll: Bool) -> [UInt8] {
        let end = crlf ? "\r\n" : "\n"
        func field(_ s: String) -> String {
            let needs = s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
                || s.first?.isWhitespace == true || s.last?.isWhitespace == true
            return needs || quoteAll ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let text = rows.map { $0.map(field).joined(separator: ",") + end }.joined()
        return (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }

    @Test("Side tables: every cell comes back as written, with BOM or not, CRLF or LF, quoted or not")
    func sideTable() async {
        await propertyCheck(count: 300, input: Self.cell.array(of: 3).array(of: 1...6), Gen.bool, Gen.bool, Gen.bool) { rows, crlf, bom, quoteAll in
            let header = ["a", "b", "c"]
            let bytes = Self.write([header] + rows, crlf: crlf, bom: bom, quoteAll: quoteAll)
            do {
                let table = try CSVTable.read(bytes, source: "t.csv")
                #expect(table.header.map(\.text) == header)
                #expect(table.rows.map { $0.map(\.text) } == rows)
            } catch {
                Issue.record("a well-formed file was refused: \(error)")
            }
        }
    }

    @Test("Responses: free-text answers that may be published come back as written")
    func freeText() async throws {
        let codebook = try CodebookLoader.load(text: """
            survey: {id: t}
            questions:
              - {id: group, type: single, options: {1: A, 2: B}}
              - {id: note, type: text, publish: true}
            """, source: "codebook.yaml")
        let answer = Self.cell.filter { !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && $0 != "-99" }
        await propertyCheck(count: 300, input: answer.array(of: 1...6), Gen.bool, Gen.bool) { notes, crlf, bom in
            let rows = [["respondent_id", "group", "note"]] + notes.enumerated().map { ["r\($0.offset)", "1", $0.element] }
            do {
                let survey = try SurveyReader.read(csv: Self.write(rows, crlf: crlf, bom: bom, quoteAll: false), source: "r.csv",
                                                   codebook: codebook).survey
                guard case .text(_, let values)? = survey.columns.last else {
                    Issue.record("no text column")
                    return
                }
                #expect(values == notes)
            } catch {
                Issue.record("a well-formed file was refused: \(error)")
            }
        }
    }
}
