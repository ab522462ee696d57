import Foundation
import Testing
import TestSupport

/// The shipped report: no number typed by hand, and built again from other data.
@Suite("The report's commentary")
struct ReportContentTests {
    static let pages = Repository.content.appendingPathComponent("pages")

    /// The prose of a page: front matter, inline code (cited findings), fenced blocks and link
    /// targets removed.
    static func prose(_ text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        if lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") { lines.removeSubrange(0...end) }
        var out: [String] = []
        var fenced = false
        for line in lines {
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { fenced.toggle(); continue }
            if !fenced { out.append(line) }
        }
        var body = out.joined(separator: "\n")
        while let open = body.range(of: "`"), let close = body.range(of: "`", range: open.upperBound..<body.endIndex) {
            body.replaceSubrange(open.lowerBound..<close.upperBound, with: "")
        }
        return body
    }

    @Test("No page types a percentage or a count by hand")
    func noHandTypedNumbers() throws {
        let top = try FileManager.default.contentsOfDirectory(atPath: Self.pages.path).filter { $0.hasSuffix(".md") }
        let chinese = try FileManager.default.contentsOfDirectory(atPath: Self.pages.appendingPathComponent("zh").path)
            .filter { $0.hasSuffix(".md") }.map { "zh/" + $0 }
        #expect(top.count >= 12)
        #expect(chinese.count >= 2)
        let files = top + chinese
        for file in files {
            let text = Self.prose(try String(contentsOf: Self.pages.appendingPathComponent(file), encoding: .utf8))
            let scalars = Array(text)
            for (i, ch) in scalars.enumerated() where ch == "%" && i > 0 && scalars[i - 1].isNumber {
                // "95% confidence" names the method, not a result.
                let after = String(scalars[(i + 1)..<min(scalars.count, i + 13)])
                if String(scalars[max(0, i - 2)..<i]) == "95" && (after.hasPrefix(" confidence") || after.hasPrefix("置信")) { continue }
                Issue.record("\(file): a hand-typed percentage near \"\(String(scalars[max(0, i - 20)...i]))\"")
            }
            // Counts such as "5,142" or "4731" in prose (years and list numbers aside).
            let words = text.split(whereSeparator: { $0.isWhitespace || "().;:".contains($0) })
            for word in words where word.contains(where: \.isNumber) {
                let digits = word.filter { $0.isASCII && $0.isNumber }
                let isYear = digits.count == 4 && (digits.hasPrefix("19") || digits.hasPrefix("20"))
                if digits.count >= 3 && !isYear && !word.contains("@") && !word.contains("/") {
                    Issue.record("\(file): a hand-typed number \"\(word)\"")
                }
            }
        }
    }

    @Test("The report rebuilds from data drawn with another seed, or fails only on claims")
    func anotherSeed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.copyItem(at: Repository.content, to: folder.url.appendingPathComponent("content"))
        try FileManager.default.copyItem(at: Repository.templates, to: folder.url.appendingPathComponent("templates"))
        let synth = try runFindings(["synth", "--seed", "7", "--respondents", "3000"], in: folder.url)
        #expect(synth.status == 0, "\(synth.stderr)")
        let build = try runFindings(["build", "--quiet"], in: folder.url)
        if build.status != 0 {
            let lines = build.stderr.split(separator: "\n")
            #expect(lines.allSatisfy { $0.contains("does not hold") || $0.contains("no longer support") || $0.contains("warning:") },
                    "only claims may fail: \(build.stderr)")
        }
        #expect(try String(contentsOf: folder.url.appendingPathComponent("content/data/responses.csv"), encoding: .utf8).hasPrefix("respondent_id,"))
    }
}
