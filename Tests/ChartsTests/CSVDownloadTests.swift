import Charts
import Testing

@Suite("CSV downloads")
struct CSVDownloadTests {
    @Test("Cells a spreadsheet would run as formulas are neutralised; real numbers are not; control characters are dropped")
    func formulaInjection() {
        let table = DataTable(columns: ["Answer", "Share"], rows: [
            ["=HYPERLINK(\"http://evil.org\",\"x\")", "-3.5"],
            ["@SUM(A1:A9)", "-2.1%"],
            ["+1+1", "+4"],
            ["-1-1", "1e-3"],
            ["\tTabbed", "12"],
            ["\rReturn", "-.5"],
            ["Plain\u{0}NUL\u{1B}[31m\u{202E}", "-"],
        ])
        let lines = table.csv.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[1] == "\"'=HYPERLINK(\"\"http://evil.org\"\",\"\"x\"\")\",-3.5")
        #expect(lines[2] == "'@SUM(A1:A9),-2.1%")
        #expect(lines[3] == "'+1+1,+4")
        #expect(lines[4] == "'-1-1,1e-3")
        #expect(lines[5] == "'\tTabbed,12")
        #expect(table.csv.contains("\"'\rReturn\",-.5"))
        #expect(table.csv.contains("PlainNUL[31m,-\n"))
        #expect(!table.csv.unicodeScalars.contains { $0.value == 0 || $0.value == 0x1B || $0.value == 0x202E })
    }
}
