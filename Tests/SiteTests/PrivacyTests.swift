import Foundation
import Testing
import TestSupport
import Privacy
@testable import Site

@Suite("Privacy: free text and respondent ids")
struct PrivacyTests {
    @Test("Redaction takes out e-mail addresses, links, Chinese ID numbers and telephone numbers", arguments: [
        ("Write to li.wei+ai@hospital.example.cn today", "Write to [e-mail removed] today"),
        ("see https://example.org/a?b=1 and www.example.com/x", "see [link removed] and [link removed]"),
        ("身份证 11010519491231002X 号", "身份证 [ID number removed] 号"),
        ("ID 110105194912310021.", "ID [ID number removed]."),
        ("from 112.10.34.7 (Hangzhou)", "from [IP address removed] (Hangzhou)"),
        ("old ID 110105491231002 here", "old ID [ID number removed] here"),
        ("手机13812345678，或 +86 138 1234 5678", "手机[phone number removed]，或 [phone number removed]"),
        ("call 010-12345678 or (021)87654321", "call [phone number removed] or [phone number removed]"),
        ("London +44 20 7946 0958", "London [phone number removed]"),
        ("手机１３８１２３４５６７８", "手机[phone number removed]"),
        ("邮箱 li＠hospital．example．cn", "邮箱 [e-mail removed]"),
        ("ID 110105 19491231 002X here", "ID [ID number removed] here"),
        ("ID 1101 0519 4912 3100 21.", "ID [ID number removed]."),
        ("call (010) 6552-9988 now", "call [phone number removed] now"),
        ("see evil.org/secret or data.example.cn, thanks", "see [link removed] or [link removed], thanks"),
        ("全角句号保留：好，很好。", "全角句号保留:好，很好。"),
    ])
    func redaction(input: String, expected: String) {
        #expect(Redaction.redact(input) == expected)
    }

    @Test("Numbers that identify no one stay", arguments: [
        "5,142 respondents in 31 regions", "In 2024, 61.7% (95% CI 49.0–72.9)", "ward 12, bed 3", "3 of 4 departments",
        "about 20000 images a year", "v2.1.0", "scores 3.5/5 and 4.2/5", "e.g. the mean", "Fig. 2.3 shows", "python3.11 app.py",
    ])
    func harmlessNumbers(text: String) {
        #expect(Redaction.redact(text) == text)
    }

    static func survey(publish: Bool) -> [String: String] {
        var files = MiniSurvey.content
        files["content/data/codebook.yaml"] = MiniSurvey.codebook + """

              - id: comment
                type: text
                publish: \(publish)
            """
        let answers = ["Mail me: wang@example.org", "", "Sharing needs standards", "UNIQUE-SECRET-TOKEN 13812345678",
                       "\"quoted, with a comma\"", "", "ok", "ok", "fine", ""]
        var lines = MiniSurvey.responses.split(separator: "\n").map(String.init)
        lines[0] += ",comment"
        for k in 1..<lines.count { lines[k] += "," + answers[k - 1] }
        files["content/data/responses.csv"] = lines.joined(separator: "\n") + "\n"
        files["content/pages/voices.md"] = "---\ntitle: Voices\n---\n\n```quotes\nquestion: comment\ntitle: In their own words\n```\n"
        return files
    }

    @Test("A quotes block shows free text only redacted, and only when the question may be published")
    func quotes() throws {
        let (folder, result) = try buildSite(Self.survey(publish: true))
        defer { folder.remove() }
        #expect(errorLines(result) == nil, "\(errorLines(result) ?? [])")
        let page = try folder.read("public/voices.html")
        #expect(page.contains("<blockquote><p>Mail me: [e-mail removed]</p></blockquote>"))
        #expect(page.contains("UNIQUE-SECRET-TOKEN [phone number removed]"))
        #expect(page.contains("quoted, with a comma"))
        // "ok" twice is one quote.
        #expect(page.components(separatedBy: "<p>ok</p>").count == 2)
        #expect(page.contains("6 of 6 distinct answers (7 respondents answered)"))
        for (path, data) in try folder.snapshot("public") where !path.hasSuffix(".gz") {
            let text = String(decoding: data, as: UTF8.self)
            #expect(!text.contains("wang@example.org") && !text.contains("13812345678"), "\(path)")
        }

        let (closed, refused) = try buildSite(Self.survey(publish: false))
        defer { closed.remove() }
        #expect(errorLines(refused) == ["content/pages/voices.md:6:11: error: the answers to \"comment\" are not published (once they are cleared for publication, add `publish: true` to the question in codebook.yaml)"])
    }

    @Test("Free text without publish: true appears nowhere under public/")
    func neverPublished() throws {
        var files = Self.survey(publish: false)
        files["content/pages/voices.md"] = "---\ntitle: Voices\n---\n\nNo quotes here.\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        #expect(errorLines(result) == nil)
        for (path, data) in try folder.snapshot("public") where !path.hasSuffix(".gz") {
            #expect(!String(decoding: data, as: UTF8.self).contains("UNIQUE-SECRET-TOKEN"), "\(path)")
        }
    }

    @Test("No respondent id of the shipped report appears under public/")
    func noRespondentIDs() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        let options = BuildOptions(content: folder.url.appendingPathComponent("content"), templates: folder.url.appendingPathComponent("templates"),
                                   output: folder.url.appendingPathComponent("public"), workingDirectory: folder.path)
        _ = try SiteBuilder.build(options)
        let csv = try folder.read("content/data/responses.csv")
        let ids = Set(csv.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",", maxSplits: 1).first.map(String.init) })
        #expect(ids.count > 5000)
        // Every token shaped like an id (a letter and digits) in every published file, checked against the ids.
        let pattern = try NSRegularExpression(pattern: "[A-Za-z]+[0-9]{3,}")
        var checked = 0
        for (path, data) in try folder.snapshot("public") where !path.hasSuffix(".gz") {
            let text = String(decoding: data, as: UTF8.self)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let token = String(text[Range(match.range, in: text)!])
                checked += 1
                #expect(!ids.contains(token), "\(path) holds respondent id \(token)")
            }
        }
        #expect(checked > 0)
    }

    @Test("With min_cell 30, no count from 1 to 29 appears in any count field, table column or download under public/")
    func noSmallCountAnywhere() throws {
        let folder = try TemporaryFolder.copyOfReport()
        defer { folder.remove() }
        let site = try folder.read("content/site.yaml")
        try folder.write(["content/site.yaml": site.replacingOccurrences(of: "min_cell: 5", with: "min_cell: 30")])
        let options = BuildOptions(content: folder.url.appendingPathComponent("content"), templates: folder.url.appendingPathComponent("templates"),
                                   output: folder.url.appendingPathComponent("public"), workingDirectory: folder.path)
        _ = try SiteBuilder.build(options)
        func isSmall(_ text: String) -> Bool {
            guard let n = Int(text.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)) else { return false }
            return n >= 1 && n < 30
        }
        var scanned = 0, withheld = 0
        let countKeys: Set<String> = ["count", "counts", "n", "valid", "missing", "not_asked"]
        let countHeaders: Set<String> = ["n", "respondents", "count", "受访者", "人数"]
        func walk(_ value: Any, _ path: String, counting: Bool) {
            if let object = value as? [String: Any] {
                for (key, v) in object { walk(v, path + "/" + key, counting: countKeys.contains(key)) }
            } else if let array = value as? [Any] {
                for v in array { walk(v, path, counting: counting) }
            } else if counting, let number = value as? NSNumber {
                scanned += 1
                #expect(!isSmall(number.stringValue), "\(path): \(number)")
            } else if counting, let text = value as? String, text.hasPrefix("<") || text == "x" {
                withheld += 1
            }
        }
        let tableCell = try NSRegularExpression(pattern: "<t[hd][^>]*>(.*?)</t[hd]>", options: .dotMatchesLineSeparators)
        let tag = try NSRegularExpression(pattern: "<[^>]*>")
        func cells(_ html: String) -> [String] {
            tableCell.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
                let inner = String(html[Range(match.range(at: 1), in: html)!])
                return tag.stringByReplacingMatches(in: inner, range: NSRange(inner.startIndex..., in: inner), withTemplate: "")
                    .replacingOccurrences(of: "&lt;", with: "<").trimmingCharacters(in: .whitespaces)
            }
        }
        for (path, data) in try folder.snapshot("public") where !path.hasSuffix(".gz") {
            let text = String(decoding: data, as: UTF8.self)
            if path.hasSuffix("findings.json") {
                let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
                for part in ["questions", "crosstabs", "findings"] { walk(json[part] as Any, path + ":" + part, counting: false) }
            } else if path.hasSuffix(".csv") {
                let rows = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                let columns = rows.first?.indices.filter { countHeaders.contains(rows[0][$0].lowercased()) } ?? []
                for row in rows.dropFirst() {
                    for c in columns where c < row.count {
                        scanned += 1
                        #expect(!isSmall(row[c]), "\(path): \(row)")
                    }
                }
            } else if path.hasSuffix(".html") {
                for table in text.components(separatedBy: "<table").dropFirst() {
                    let body = table.components(separatedBy: "</table>")[0]
                    let rows = body.components(separatedBy: "<tr>").dropFirst().map(cells)
                    guard let header = rows.first else { continue }
                    let columns = header.indices.filter { countHeaders.contains(header[$0].lowercased()) }
                    for row in rows.dropFirst() {
                        for c in columns where c < row.count {
                            scanned += 1
                            if row[c].hasPrefix("<") { withheld += 1 }
                            #expect(!isSmall(row[c]), "\(path): \(row)")
                        }
                    }
                }
            }
        }
        // Not vacuous: thousands of counts were looked at, and small ones were there to withhold.
        #expect(scanned > 1000)
        #expect(withheld > 10)
    }
}
