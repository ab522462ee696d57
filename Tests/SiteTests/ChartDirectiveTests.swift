import Diagnostics
import Foundation
import Testing
import TestSupport
@testable import Site

@Suite("Chart blocks of every kind")
struct ChartDirectiveTests {
    func build(_ page: String, extra: [String: String] = [:]) throws -> (TemporaryFolder, Result<BuildSummary, DiagnosticsError>) {
        var files = MiniSurvey.content
        files["content/pages/results.md"] = "---\ntitle: Results\n---\n\n" + page
        files.merge(extra) { $1 }
        return try buildSite(files)
    }

    @Test("Breakdown kinds draw from the cross-tabs", arguments: ["grouped-bar", "small-multiples", "stacked", "diverging", "dot-interval", "heatmap"])
    func breakdownKinds(_ kind: String) throws {
        let question = ["grouped-bar", "heatmap", "small-multiples"].contains(kind) ? "barriers" : "interest"
        let (folder, result) = try build("```chart\nquestion: \(question)\nkind: \(kind)\nbreakdown: group\n```\n")
        defer { folder.remove() }
        _ = try result.get()
        let html = try folder.read("public/results.html")
        #expect(html.contains("data-kind=\"\(kind)\""))
    }

    @Test("A dumbbell sets one share against another in each group")
    func dumbbell() throws {
        let page = "```chart\nkind: dumbbell\nquestion: interest\nversus: barriers\nversus_codes: [\"1\"]\nbreakdown: group\nseries: [Keen, Privacy]\n```\n"
        let (folder, result) = try build(page)
        defer { folder.remove() }
        _ = try result.get()
        let html = try folder.read("public/results.html")
        #expect(html.contains("data-kind=\"dumbbell\""))
        #expect(html.contains(">Keen<") && html.contains(">Privacy<"))
    }

    @Test("Tile map, network and line from the side tables")
    func sideTableKinds() throws {
        let provinces = "code,iso,name_en,name_zh,type,region,population,row,col\n11,CN-BJ,Beijing,北京市,municipality,1,100,0,0\n12,CN-TJ,Tianjin,天津市,municipality,1,50,0,1\n"
        let collaborations = "project_id,year,province,topic,hospitals,institutes,companies\nP1,2020,11,Screening,H1,,C1\nP2,2021,12,Diagnosis,H1;H2,R1,\n"
        let page = "```chart\ndata: network\n```\n\n```chart\ndata: projects-per-year\n```\n"
        let (folder, result) = try build(page, extra: ["content/data/provinces.csv": provinces, "content/data/collaborations.csv": collaborations])
        defer { folder.remove() }
        _ = try result.get()
        let html = try folder.read("public/results.html")
        #expect(html.contains("data-kind=\"network\""))
        #expect(html.contains("data-kind=\"line\""))
    }

    @Test("An option nobody in a group chose is 0.0% in a heatmap, not 'withheld'")
    func zeroIsACount() throws {
        var files = MiniSurvey.content
        // Nobody chooses "Law" (3): its yes/no tables have no "yes" row at all.
        files["content/data/responses.csv"] = MiniSurvey.responses.replacingOccurrences(of: "2;3", with: "2").replacingOccurrences(of: "1;3", with: "1")
            .replacingOccurrences(of: ",3,2\n", with: ",1,2\n")
        files["content/pages/results.md"] = "---\ntitle: Results\n---\n\n```chart\nquestion: barriers\nkind: heatmap\nbreakdown: group\n```\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        _ = try result.get()
        let csv = try folder.read("public/data/fig-barriers-by-group.csv")
        #expect(csv.contains("Law,0.0%,0.0%"), "\(csv)")
    }

    @Test("A numeric question's chart without kind: is its histogram")
    func numericDefaultsToHistogram() throws {
        var files = MiniSurvey.content
        files["content/data/codebook.yaml"] = MiniSurvey.codebook + "\n  - {id: years, type: numeric}\n"
        var lines = MiniSurvey.responses.split(separator: "\n").map(String.init)
        for i in lines.indices { lines[i] += i == 0 ? ",years" : ",\(i * 3)" }
        files["content/data/responses.csv"] = lines.joined(separator: "\n") + "\n"
        files["content/pages/results.md"] = "---\ntitle: Results\n---\n\n```chart\nquestion: years\n```\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        _ = try result.get()
        #expect(try folder.read("public/results.html").contains("data-kind=\"histogram\""))
    }

    @Test("Mistakes in a chart block point at the block's lines")
    func errors() throws {
        let page = "```chart\nquestion: interest\nkind: stacked-bar\n```\n\n```chart\nquestion: barriers\nkind: stacked\nbreakdown: tier\n```\n\n```chart\nquestion: interest\nkind: heatmap\nbreakdown: interest\n```\n"
        let (folder, result) = try build(page)
        defer { folder.remove() }
        let lines = try #require(errorLines(result), "the build should fail")
        #expect(lines.contains("content/pages/results.md:7:7: error: unknown chart kind \"stacked-bar\" (did you mean \"stacked\"?)"))
        #expect(lines.contains { $0.hasPrefix("content/pages/results.md:11:11: error: a stacked chart cannot show \"barriers\"") })
        #expect(lines.contains { $0.hasPrefix("content/pages/results.md:19:12: error: \"interest\" is not one of site.yaml's breakdowns") })
    }
}
