import Formats
import Foundation
import Testing
import TestSupport
@testable import Site

/// One number, one truth: with a weight column, every share on the site is the weighted one,
/// so a finding and the chart, table, CSV and findings.json of the same answer agree.
@Suite("Weighted figures agree everywhere")
struct WeightedConsistencyTests {
    static let groups = ["1": "Clinician", "2": "Institute", "3": "Industry"]
    static let interest = ["1": "One", "2": "Two", "3": "Three", "4": "Four", "5": "Five"]
    static let barriers = ["1": "Privacy", "2": "Standards", "3": "Law"]

    /// 400 respondents with weights from 0.3 to 3, so weighted and unweighted shares differ.
    static func content() -> [String: String] {
        var random = SplitMix(seed: 2024)
        func pick(_ n: UInt64) -> Int { Int(random.next() % n) }
        var csv = "respondent_id,weight,group,region,interest,barriers,years\n"
        for i in 0..<400 {
            let group = [1, 1, 2, 3][pick(4)]
            let weight = 0.3 + Double(pick(2700)) / 1000
            let interest = group == 1 ? [1, 2, 3, 4, 4, 5, 5][pick(7)] : [1, 2, 3, 3, 4, 5][pick(6)]
            var chosen = (1...3).filter { _ in pick(2) == 0 }
            if chosen.isEmpty { chosen = [1 + pick(3)] }
            csv += "r\(i),\(weight),\(group),\(1 + pick(2)),\(interest),\(chosen.map(String.init).joined(separator: ";")),\(1 + pick(30))\n"
        }
        var findings = "keen: {share: interest, codes: [\"4\", \"5\"]}\nyears_mean: {mean: years}\ninterest_mean: {mean: interest}\n"
        for (code, _) in interest { findings += "i\(code): {share: interest, codes: [\"\(code)\"]}\n" }
        for (code, _) in barriers { findings += "b\(code): {share: barriers, codes: [\"\(code)\"]}\n" }
        for (g, _) in groups {
            findings += "keen_g\(g): {share: interest, codes: [\"4\", \"5\"], where: {group: [\(g)]}}\n"
            for (code, _) in interest { findings += "i\(code)_g\(g): {share: interest, codes: [\"\(code)\"], where: {group: [\(g)]}}\n" }
            for (code, _) in barriers { findings += "b\(code)_g\(g): {share: barriers, codes: [\"\(code)\"], where: {group: [\(g)]}}\n" }
        }
        findings += "keen_gap: {difference: [keen_g1, keen_g3]}\n"
        let blocks = [
            "question: interest", "question: barriers",
            "question: barriers\nkind: grouped-bar\nbreakdown: group", "question: interest\nkind: stacked\nbreakdown: group",
            "question: interest\nkind: diverging\nbreakdown: group", "question: interest\nkind: dot-interval\nbreakdown: group",
            "question: barriers\nkind: heatmap\nbreakdown: group", "question: barriers\nkind: small-multiples\nbreakdown: group",
            "kind: dumbbell\nquestion: interest\nversus: barriers\nversus_codes: [\"1\"]\nbreakdown: group",
        ]
        let page = "---\ntitle: Results\n---\n\nKeen: `=keen`; clinicians `=keen_g1`; gap `=keen_gap`; years `=years_mean`.\n\n"
            + blocks.map { "```chart\n\($0)\n```\n" }.joined(separator: "\n")
            + "\n```table\nquestion: interest\nbreakdown: group\n```\n\n```table\nquestion: barriers\nbreakdown: group\n```\n"
        func options(_ o: [String: String]) -> String { "{" + o.keys.sorted().map { "\($0): \(o[$0]!)" }.joined(separator: ", ") + "}" }
        return [
            "content/site.yaml": "title: Weighted\nbreakdowns: [group, region]\ndisclosure: {min_cell: 5}\nsynthetic: true\n",
            "content/data/codebook.yaml": """
            survey: {id: w, id_column: respondent_id, weight_column: weight}
            questions:
              - {id: group, type: single, text: Group, options: \(options(groups))}
              - {id: region, type: single, text: Region, options: {1: East, 2: West}}
              - {id: interest, type: likert, text: Interest, top_box: [4, 5], options: \(options(interest))}
              - {id: barriers, type: multi, text: Barriers, options: \(options(barriers))}
              - {id: years, type: numeric, text: Years}
            """,
            "content/data/responses.csv": csv,
            "content/findings.yaml": findings,
            "content/pages/index.md": page,
        ]
    }

    /// The finding a labelled cell shows: an answer (or "Share", a dot-interval's or bar's value)
    /// in a group (or the whole sample).
    static func finding(answer: String, group: String?) -> String? {
        let g = group.flatMap { name in groups.first { $0.value == name }?.key }
        if group != nil && g == nil { return nil }
        let suffix = g.map { "_g\($0)" } ?? ""
        if let code = interest.first(where: { $0.value == answer })?.key { return "i\(code)" + suffix }
        if let code = barriers.first(where: { $0.value == answer })?.key { return "b\(code)" + suffix }
        if answer == "Four or Five" || (answer == "Share" && g != nil) { return "keen" + suffix }
        return nil
    }

    @Test("Each finding equals its chart's CSV, SVG label, table and findings.json, for every chart kind")
    func everyKindAgrees() throws {
        let (folder, result) = try buildSite(Self.content())
        defer { folder.remove() }
        _ = try result.get()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.url.appendingPathComponent("public/data/findings.json"))) as? [String: Any])
        let findings = try #require(json["findings"] as? [String: [String: Any]])
        func value(_ name: String) -> Double? { findings[name]?["value"] as? Double }

        // The weights matter here: a weighted and an unweighted share differ for this survey.
        let keen = try #require(value("keen"))
        let keenRaw = Double(try #require(findings["keen"]?["count"] as? Int)) / Double(try #require(findings["keen"]?["n"] as? Int))
        #expect(NumberFormat.percent(keen) != NumberFormat.percent(keenRaw))

        let html = try folder.read("public/index.html")
        let kinds = ["bar", "grouped-bar", "stacked", "diverging", "dot-interval", "heatmap", "small-multiples", "dumbbell"]
        for kind in kinds { #expect(html.contains("data-kind=\"\(kind)\""), "\(kind)") }

        var checked = 0
        let data = folder.url.appendingPathComponent("public/data")
        for file in try FileManager.default.contentsOfDirectory(atPath: data.path) where file.hasSuffix(".csv") {
            let lines = try String(contentsOf: data.appendingPathComponent(file), encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = lines[0]
            for row in lines.dropFirst() {
                for (j, cell) in row.enumerated() where j > 0 && j < header.count {
                    // Either orientation: answers as rows and groups as columns, or the reverse.
                    let name = Self.finding(answer: row[0], group: header[j]) ?? Self.finding(answer: header[j], group: row[0])
                        ?? (header[j] == "Share" ? Self.finding(answer: row[0], group: nil) : nil)
                    guard let name, let expected = value(name) else { continue }
                    // A table cell reads "25 (14.5%)"; a chart's "14.5%".
                    let shown = cell.contains("(") ? String(cell.split(separator: "(")[1].dropLast()) : cell
                    #expect(shown == NumberFormat.percent(expected), "\(file): \(row[0]) × \(header[j]) shows \(shown), finding \(name) is \(NumberFormat.percent(expected))")
                    checked += 1
                }
            }
        }
        // 5 + 3 bars, 9 grouped, 15 stacked, 15 diverging, 3 dots, 9 heatmap, 9 small multiples, 6 dumbbell, 15 + 9 table cells.
        #expect(checked >= 98, "\(checked) cells checked")

        // The bar chart's SVG labels carry the same (weighted) shares.
        #expect(html.contains(">\(NumberFormat.percent(try #require(value("i5")), decimals: 0))<"))
        // Inline findings, and findings.json's question figures.
        #expect(html.contains(NumberFormat.percent(keen) + " (95% CI"))
        #expect(html.contains(NumberFormat.percent(try #require(value("keen_g1")))))
        let questions = try #require(json["questions"] as? [String: [String: Any]])
        let categories = try #require(questions["interest"]?["categories"] as? [[String: Any]])
        for category in categories {
            let code = try #require(category["code"] as? String)
            #expect(category["proportion"] as? Double == value("i\(code)"), "interest \(code)")
        }
        let yearsMean = try #require(questions["years"]?["mean"] as? Double)
        #expect(abs(yearsMean - (try #require(value("years_mean")))) < 1e-12)
        let interestMean = try #require(questions["interest"]?["mean"] as? Double)
        #expect(abs(interestMean - (try #require(value("interest_mean")))) < 1e-12)
        // The gap is the two findings apart, and every method says it is weighted.
        #expect(abs((try #require(value("keen_gap"))) - (try #require(value("keen_g1"))) + (try #require(value("keen_g3")))) < 1e-12)
        for (name, finding) in findings where name != "keen" || true {
            let method = try #require(finding["method"] as? String, "\(name)")
            #expect(method.contains("weighted") || method.contains("unweighted"), "\(name): \(method)")
        }
        #expect(!html.contains("figure-note\">Share") && !html.contains("figure-note\">Shares"))
        #expect(try folder.read("public/codebook.html").contains("Shares and means are weighted by “weight”; counts (n) are respondents, unweighted."))
    }
}
