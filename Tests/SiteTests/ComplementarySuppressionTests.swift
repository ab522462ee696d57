import Foundation
import PropertyBased
import Testing
import TestSupport
@testable import Site

/// An attacker who knows every published cell and every published total, and fills in any row
/// or column with exactly one unknown cell by subtraction, again and again. Returns the withheld
/// cells they work out.
func recoverByElimination(_ published: [[Int?]], rowTotals: [Int?], columnTotals: [Int?]) -> [(Int, Int)] {
    var cells = published
    var recovered: [(Int, Int)] = []
    var progress = true
    while progress {
        progress = false
        for i in cells.indices {
            let unknown = cells[i].indices.filter { cells[i][$0] == nil }
            if unknown.count == 1, let total = rowTotals[i] {
                cells[i][unknown[0]] = total - cells[i].compactMap { $0 }.reduce(0, +)
                recovered.append((i, unknown[0]))
                progress = true
            }
        }
        for j in columnTotals.indices {
            let unknown = cells.indices.filter { cells[$0][j] == nil }
            if unknown.count == 1, let total = columnTotals[j] {
                cells[unknown[0]][j] = total - cells.indices.compactMap { cells[$0][j] }.reduce(0, +)
                recovered.append((unknown[0], j))
                progress = true
            }
        }
    }
    return recovered
}

@Suite("Complementary suppression")
struct ComplementarySuppressionTests {
    typealias Cell = ComplementarySuppression.Cell

    @Test("A lone small cell takes the smallest other cell of its row and of its column with it")
    func loneCell() {
        let counts = [[40, 3, 25], [30, 50, 12], [20, 60, 80]]
        let p = ComplementarySuppression.pattern(counts, minCell: 5)
        #expect(p[0][1] == .small)
        // Row 0: smallest other is 25; column 1: smallest other is 50; then row 1 and column 2
        // each hold one withheld cell, and 12 closes both.
        #expect(p == [[.published, .small, .complementary], [.published, .complementary, .complementary], [.published, .published, .published]])
    }

    @Test("Nothing small, nothing withheld; zeros stay published")
    func nothingToHide() {
        #expect(ComplementarySuppression.pattern([[10, 0], [7, 9]], minCell: 5).allSatisfy { $0.allSatisfy { $0 == .published } })
    }

    @Test("A zero is withheld when it is all that stands between a withheld cell and its total")
    func zeroWhenNothingElse() {
        // Found by the property test: 5 would equal its row's total, and 1 would follow from 6 − 5.
        #expect(ComplementarySuppression.pattern([[1, 0], [5, 0]], minCell: 5)
                == [[.small, .complementary], [.complementary, .complementary]])
    }

    @Test("On random tables, no withheld cell can be worked out from the published cells and totals")
    func randomTables() async {
        let tables = Gen.int(in: 0...40).array(of: 2...5).array(of: 2...5).filter { rows in rows.allSatisfy { $0.count == rows[0].count } }
        await propertyCheck(count: 400, input: tables) { counts in
            let minCell = 5
            let pattern = ComplementarySuppression.pattern(counts, minCell: minCell)
            let published = counts.indices.map { i in counts[i].indices.map { j in pattern[i][j] == .published ? counts[i][j] : nil } }
            // The totals are published unless they are themselves small.
            func total(_ n: Int) -> Int? { n > 0 && n < minCell ? nil : n }
            let rowTotals = counts.map { total($0.reduce(0, +)) }
            let columnTotals = counts[0].indices.map { j in total(counts.reduce(0) { $0 + $1[j] }) }
            let recovered = recoverByElimination(published, rowTotals: rowTotals, columnTotals: columnTotals)
            let exposed = recovered.filter { pattern[$0.0][$0.1] == .small }
            #expect(exposed.isEmpty, "\(counts) → \(pattern)")
        }
    }

    @Test("In a built site, no small cell of findings.json or of a table can be worked out from what is published")
    func publishedSite() throws {
        var files = MiniSurvey.content
        files["content/site.yaml"] = MiniSurvey.site.replacingOccurrences(of: "min_cell: 2", with: "min_cell: 3")
        files["content/pages/results.md"] = MiniSurvey.resultsPage + "\n\n```table\nquestion: interest\nbreakdown: group\n```\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        guard case .success = result else { Issue.record("\(errorLines(result) ?? [])"); return }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("public/data/findings.json"))) as! [String: Any]
        let questions = json["questions"] as! [String: [String: Any]]
        func frequencies(_ id: String) -> [String: Int?] {
            let q = questions[id]!
            var out: [String: Int?] = [:]
            for c in q["categories"] as? [[String: Any]] ?? [] { out[c["code"] as! String] = c["count"] as? Int }
            return out
        }
        // Each question's answers, where they exclude one another, add up to the number who answered.
        for (id, q) in questions where ["single", "likert"].contains(q["type"] as? String) {
            let categories = q["categories"] as! [[String: Any]]
            let published = categories.map { $0["count"] as? Int }
            guard let valid = q["valid"] as? Int else { continue }
            let recovered = recoverByElimination([published], rowTotals: [valid], columnTotals: published.map { _ in nil })
            #expect(recovered.isEmpty, "\(id): \(published)")
        }
        var sawSuppression = false
        for table in json["crosstabs"] as! [[String: Any]] where table["option"] is NSNull {
            let counts = table["counts"] as! [[Any]]
            let published = counts.map { $0.map { $0 as? Int } }
            let withheld = counts.indices.flatMap { i in counts[i].indices.filter { counts[i][$0] is String }.map { (i, $0) } }
            if withheld.isEmpty { continue }
            sawSuppression = true
            let rows = frequencies(table["row"] as! String), columns = frequencies(table["column"] as! String)
            let rowTotals = (table["row_codes"] as! [String]).map { rows[$0] ?? nil }
            let columnTotals = (table["column_codes"] as! [String]).map { columns[$0] ?? nil }
            let recovered = recoverByElimination(published, rowTotals: rowTotals, columnTotals: columnTotals)
            let small = recovered.filter { (counts[$0.0][$0.1] as? String)?.hasPrefix("<") == true }
            #expect(small.isEmpty, "\(table["row"]!) by \(table["column"]!): \(counts)")
        }
        #expect(sawSuppression)
        let page = try folder.read("public/results.html")
        #expect(page.contains(">x<") || page.contains("<td>x</td>"))
    }
}
