import Foundation
import Testing
import TestSupport
@testable import Site

/// A report whose codebook declares a design (strata and clusters), analysed as R's survey
/// package analyses it: Fixtures/design/design-reference.json was written by
/// `Rscript ../shared/spec/design_reference.R Tests/SiteTests/Fixtures/design`.
@Suite("A report with a declared design agrees with R's survey package")
struct DesignReportTests {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/design")

    func close(_ a: Any?, _ b: Any?, tolerance: Double = 1e-9) -> Bool {
        guard let a = (a as? NSNumber)?.doubleValue, let b = (b as? NSNumber)?.doubleValue else { return false }
        return a == b || abs(a - b) <= tolerance * max(abs(a), abs(b))
    }

    func questions0(_ document: [String: Any]) -> [String: Any] { document["questions"] as? [String: Any] ?? [:] }

    static func object(_ data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// design: strata and clusters; design-weights-only: `design: {}`, which is R's
    /// svydesign(ids = ~1, weights = ~weight); design-calibrated: strata and clusters raked to
    /// two margins (one inline, one from a CSV file).
    @Test("Every category's proportion, se, deff and logit interval, every mean, the design summary, Rao–Scott and column comparisons",
          arguments: ["design", "design-weights-only", "design-calibrated"])
    func againstR(_ name: String) throws {
        let fixture = Self.fixture.deletingLastPathComponent().appendingPathComponent(name)
        let reference = try Self.object(Data(contentsOf: fixture.appendingPathComponent("design-reference.json")))
        let options = BuildOptions(content: fixture, templates: Repository.templates, output: URL(fileURLWithPath: "/tmp/unused"),
                                   workingDirectory: fixture.path)
        let report = try BuildSession(options).analyze()
        let ours = try Self.object(Data(FindingsDocument.json(report.analysis, codebook: report.codebook, language: "en").serialized(pretty: false).utf8))
        let design = try #require(ours["design"] as? [String: Any]), rDesign = try #require(reference["design"] as? [String: Any])
        for key in ["strata", "clusters", "degrees_of_freedom"] { #expect(design[key] as? Int == rDesign[key] as? Int, "design \(key)") }
        let weights = try #require(design["weights"] as? [String: Any]), rWeights = try #require(rDesign["weights"] as? [String: Any])
        for key in ["min", "max", "mean", "sum", "cv"] { #expect(close(weights[key], rWeights[key]), "weights \(key)") }
        #expect(design["calibrated"] as? Bool == rDesign["calibrated"] as? Bool)
        if name == "design-calibrated" {
            // One number: a raking question's weighted counts are its raked shares of the population.
            let group = try #require((questions0(ours)["group"] as? [String: Any])?["categories"] as? [[String: Any]])
            let total = try #require((weights["sum"] as? NSNumber)?.doubleValue)
            for (c, share) in zip(group, [0.55, 0.25, 0.20]) {
                #expect(close(((c["weighted_count"] as? NSNumber)?.doubleValue ?? 0) / total, share, tolerance: 1e-9), "weighted count of group \(c["code"]!)")
            }
        }
        let margins = (design["margins"] as? [[String: Any]]) ?? [], rMargins = (rDesign["margins"] as? [[String: Any]]) ?? []
        #expect(margins.count == rMargins.count)
        for (m, rm) in zip(margins, rMargins) {
            #expect(m["question"] as? String == rm["question"] as? String && m["code"] as? String == rm["code"] as? String)
            #expect(close(m["target"], rm["target"]) && close(m["achieved"], rm["achieved"], tolerance: 1e-9), "margin \(rm)")
        }
        let questions = try #require(ours["questions"] as? [String: Any]), rQuestions = try #require(reference["questions"] as? [String: Any])
        var compared = 0
        for (id, rq) in rQuestions {
            let r = try #require(rq as? [String: Any]), q = try #require(questions[id] as? [String: Any])
            for key in ["valid", "missing", "not_asked"] { #expect(q[key] as? Int == r[key] as? Int, "\(id) \(key)") }
            let cats = (q["categories"] as? [[String: Any]]) ?? [], rCats = (r["categories"] as? [[String: Any]]) ?? []
            #expect(cats.count == rCats.count, "\(id) categories")
            for (c, rc) in zip(cats, rCats) {
                #expect(c["count"] as? Int == rc["count"] as? Int, "\(id) \(rc["code"]!) count")
                for key in ["proportion", "se", "deff"] {
                    // A raking variable's own shares are fixed by the raking: their se and deff are
                    // rounding noise (1e-14 and below) in R and here alike.
                    let noise = key != "proportion" && abs((rc[key] as? NSNumber)?.doubleValue ?? 1) < 1e-10
                        && abs((c[key] as? NSNumber)?.doubleValue ?? 1) < 1e-10
                    #expect(noise || close(c[key], rc[key]), "\(id) \(rc["code"]!) \(key): \(c[key] ?? "nil") vs \(rc[key]!)")
                    compared += 1
                }
                let ci = c["ci95"] as? [Any], rci = rc["ci95"] as? [Any]
                #expect(close(ci?[0], rci?[0]) && close(ci?[1], rci?[1]), "\(id) \(rc["code"]!) ci95")
            }
            for key in ["mean", "mean_se"] where r[key] != nil {
                #expect(close(q[key], r[key]), "\(id) \(key): \(q[key] ?? "nil") vs \(r[key]!)")
                compared += 1
            }
            if let rci = r["mean_ci95"] as? [Any] {
                let ci = q["mean_ci95"] as? [Any]
                #expect(close(ci?[0], rci[0]) && close(ci?[1], rci[1]), "\(id) mean_ci95")
            }
            if let rTop = r["top_box"] as? [String: Any] {
                let top = q["top_box"] as? [String: Any]
                #expect(close(top?["proportion"], rTop["proportion"]), "\(id) top box")
            }
        }
        #expect(compared > 40)
        // Every cross-tabulation: the Rao–Scott test, BH over the tests, and every column comparison.
        let tables = try #require(ours["crosstabs"] as? [[String: Any]]), rTables = try #require(reference["crosstabs"] as? [[String: Any]])
        #expect(tables.count == rTables.count)
        var pairsCompared = 0
        for r in rTables {
            let key = "\(r["row"]!) × \(r["column"]!) \(r["option"] ?? "")"
            let t = try #require(tables.first { $0["row"] as? String == r["row"] as? String && $0["column"] as? String == r["column"] as? String
                && ($0["option"] as? String) == (r["option"] as? String) }, "\(key)")
            let rs = try #require(t["rao_scott"] as? [String: Any], "\(key) rao_scott"), rRS = try #require(r["rao_scott"] as? [String: Any])
            for field in ["f", "ndf", "ddf", "p_value"] { #expect(close(rs[field], rRS[field]), "\(key) rao_scott \(field): \(rs[field]!) vs \(rRS[field]!)") }
            #expect(close(t["p_adjusted"], r["p_adjusted"]), "\(key) p_adjusted")
            #expect(t["chi_square"] is NSNull, "\(key): no raw-count chi-square under a design")
            let pairs = try #require(t["column_pairs"] as? [[String: Any]]), rPairs = try #require(r["column_pairs"] as? [[String: Any]])
            #expect(pairs.count == rPairs.count, "\(key) column pairs")
            for (c, rc) in zip(pairs, rPairs) {
                #expect(c["row_code"] as? String == rc["row_code"] as? String && c["a"] as? String == rc["a"] as? String
                        && c["b"] as? String == rc["b"] as? String, "\(key) pair order")
                for field in ["difference", "se", "p_value", "p_adjusted"] {
                    #expect(close(c[field], rc[field]), "\(key) \(rc["row_code"]!) \(rc["a"]!)-\(rc["b"]!) \(field): \(c[field]!) vs \(rc[field]!)")
                }
                pairsCompared += 1
            }
        }
        #expect(pairsCompared > 20)
    }

    @Test("Without a design, column comparisons are those of svydesign(ids = ~1, weights = ~weight), and the test stays Pearson's")
    func comparisonsWithoutDesign() throws {
        func document(_ codebook: (String) -> String) throws -> [String: Any] {
            let folder = try TemporaryFolder()
            defer { folder.remove() }
            let source = Self.fixture.deletingLastPathComponent().appendingPathComponent("design-weights-only")
            for (path, data) in try TemporaryFolder.files(under: source) where !path.hasSuffix(".json") {
                let text = path == "data/codebook.yaml" ? codebook(String(decoding: data, as: UTF8.self)) : String(decoding: data, as: UTF8.self)
                try folder.write([path: text])
            }
            let options = BuildOptions(content: folder.url, templates: Repository.templates, output: URL(fileURLWithPath: "/tmp/unused"),
                                       workingDirectory: folder.path)
            let report = try BuildSession(options).analyze()
            return try Self.object(Data(FindingsDocument.json(report.analysis, codebook: report.codebook, language: "en").serialized(pretty: false).utf8))
        }
        let unweighted = { (codebook: String) in codebook.replacingOccurrences(of: "  weight_column: weight\n", with: "")
            .replacingOccurrences(of: "  ignore_columns: [region, hospital]\n", with: "  ignore_columns: [region, hospital, weight]\n") }
        // Weighted (one pass over the respondents per table), and unweighted (from the counts alone).
        for change in [{ (c: String) in c }, unweighted] {
        let declared = try document { change($0) }
        let plain = try document { change($0).replacingOccurrences(of: "  design: {}\n", with: "") }
        #expect(plain["design"] == nil)
        let a = try #require(declared["crosstabs"] as? [[String: Any]]), b = try #require(plain["crosstabs"] as? [[String: Any]])
        for (t, u) in zip(a, b) {
            let tp = try #require(t["column_pairs"] as? [[String: Any]]), up = try #require(u["column_pairs"] as? [[String: Any]])
            #expect(tp.count == up.count && !up.isEmpty)
            for (c, d) in zip(tp, up) { for f in ["difference", "se", "p_value", "p_adjusted"] { #expect(close(c[f], d[f], tolerance: 1e-12)) } }
            #expect(u["rao_scott"] == nil && !(u["chi_square"] is NSNull), "no design: Pearson's test as before")
        }
        }
    }

    @Test("Named findings inherit the design: shares as svyciprop(xlogit), a paired difference as svycontrast (findings_reference.R)")
    func findingsAgainstR() throws {
        let reference = try Self.object(Data(contentsOf: Self.fixture.appendingPathComponent("findings-reference.json")))
        let options = BuildOptions(content: Self.fixture, templates: Repository.templates, output: URL(fileURLWithPath: "/tmp/unused"),
                                   workingDirectory: Self.fixture.path)
        let report = try BuildSession(options).analyze()
        for name in ["a_share", "b_share", "gap"] {
            let value = try #require(report.findings.value(name)), r = try #require(reference[name] as? [String: Any])
            let ci = try #require(r["ci95"] as? [Any])
            #expect(close(value.value, r["value"]) && close(value.lower, ci[0]) && close(value.upper, ci[1]), "\(name): \(value)")
            if let p = r["p_value"] { #expect(close(value.pValue, p, tolerance: 1e-7), "\(name) p") }
        }
    }

    @Test("site.yaml intervals: beta gives R's svyciprop(method = \"beta\") everywhere, wilson Wilson's on Kish's n; quartiles are svyquantile's")
    func intervalMethods() throws {
        let reference = try Self.object(Data(contentsOf: Self.fixture.appendingPathComponent("findings-reference.json")))
        let files = try TemporaryFolder.files(under: Self.fixture).filter { !$0.key.hasSuffix(".json") }
            .reduce(into: [String: String]()) { $0["content/" + $1.key] = String(decoding: $1.value, as: UTF8.self) }
        for method in ["beta", "wilson"] {
            var changed = files
            changed["content/site.yaml"]! += "intervals: \(method)\n"
            let (folder, result) = try buildSite(changed)
            defer { folder.remove() }
            _ = try result.get()
            let document = try Self.object(Data(try folder.read("public/data/findings.json").utf8))
            let findings = try #require(document["findings"] as? [String: Any])
            let shares = try #require(document["questions"] as? [String: Any])
            for name in ["a_share", "b_share"] {
                let ours = try #require(findings[name] as? [String: Any]), r = try #require(reference[name] as? [String: Any])
                let ci = try #require(ours["ci95"] as? [Double])
                if method == "beta" {
                    let beta = try #require(r["beta"] as? [Double])
                    #expect(close(ci[0], beta[0]) && close(ci[1], beta[1]), "\(name) beta \(ci) vs \(beta)")
                } else {
                    // Wilson on Kish's effective n of the share's valid respondents, as without a design.
                    let value = try #require(ours["value"] as? Double), n = try #require(ours["n"] as? Double)
                    #expect(ci[0] < value && value < ci[1] && n > 0)
                    let logit = try #require(r["ci95"] as? [Double])
                    #expect(!close(ci[0], logit[0]), "wilson differs from the logit interval")
                }
            }
            // The chart of the same question shows the same interval as the finding.
            let interest = try #require(shares["interest"] as? [String: Any])
            let top = try #require(interest["top_box"] as? [String: Any])
            let a = try #require(findings["a_share"] as? [String: Any])
            #expect(top["ci95"] as? [Double] == a["ci95"] as? [Double], "one interval for one number")
            let page = try folder.read("public/index.html")
            #expect(page.contains(method == "beta" ? "(Korn–Graubard method)" : "(Wilson method on Kish’s effective n)")
                    || page.contains(method == "beta" ? "(Korn–Graubard method)" : "(Wilson method on Kish&#39;s effective n)"),
                    "the note names the \(method) interval")
        }
        // Quartiles of a numeric question under a design: svyquantile(ci = FALSE), qrule "math".
        let options = BuildOptions(content: Self.fixture, templates: Repository.templates, output: URL(fileURLWithPath: "/tmp/unused"),
                                   workingDirectory: Self.fixture.path)
        let years = try #require(try BuildSession(options).analyze().analysis.question("years")?.numeric)
        let quartiles: [Double?] = [years.q1, years.median, years.q3]
        #expect(quartiles == (reference["years_quartiles"] as? [Double] ?? []).map { Optional($0) })
        // An unknown method is an error at its key.
        var wrong = files
        wrong["content/site.yaml"]! += "intervals: exact\n"
        let (folder, result) = try buildSite(wrong)
        defer { folder.remove() }
        #expect((errorLines(result) ?? []).contains { $0.contains("site.yaml:4:12: error: `intervals` must be logit, beta or wilson") }, "\(errorLines(result) ?? [])")
    }

    @Test("A table whose Rao–Scott matrix is singular (a question nested in the breakdown) has no test, as R's solve() refuses it")
    func singularTable() throws {
        var files = try TemporaryFolder.files(under: Self.fixture).filter { !$0.key.hasSuffix(".json") }
            .reduce(into: [String: String]()) { $0["content/" + $1.key] = String(decoding: $1.value, as: UTF8.self) }
        // "team" is the group itself, coded apart: every team lies within one group.
        files["content/data/codebook.yaml"]! += "  - id: team\n    type: single\n    text: Team\n    options: {a: A, b: B, c: C}\n"
        let lines = files["content/data/responses.csv"]!.split(separator: "\n", omittingEmptySubsequences: true)
        files["content/data/responses.csv"] = lines.enumerated().map { k, line in
            let group = line.split(separator: ",")[1]
            return line + "," + (k == 0 ? "team" : ["1": "a", "2": "b", "3": "c"][String(group)] ?? "-99")
        }.joined(separator: "\n") + "\n"
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        _ = try result.get()
        let document = try Self.object(Data(try folder.read("public/data/findings.json").utf8))
        let tables = try #require(document["crosstabs"] as? [[String: Any]])
        let nested = try #require(tables.first { $0["row"] as? String == "team" && $0["column"] as? String == "group" })
        #expect(nested["rao_scott"] == nil, "no test on a singular matrix: \(nested["rao_scott"] ?? "")")
        let other = try #require(tables.first { $0["row"] as? String == "interest" && $0["column"] as? String == "group" })
        #expect(other["rao_scott"] != nil)
    }

    @Test("The site says what was done: design-based intervals under charts, the Rao–Scott test under tables, deff on the codebook page")
    func siteStatesTheMethod() throws {
        let files = try TemporaryFolder.files(under: Self.fixture).filter { !$0.key.hasSuffix(".json") }
            .reduce(into: [String: String]()) { $0["content/" + $1.key] = String(decoding: $1.value, as: UTF8.self) }
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        _ = try result.get()
        let page = try folder.read("public/index.html"), codebook = try folder.read("public/codebook.html")
        #expect(page.contains("lines show 95% intervals from the survey design (logit method)"))
        #expect(page.contains("Rao–Scott design-based test: F("))
        #expect(!page.contains("Pearson"))
        #expect(codebook.contains("<th scope=\"col\">Design effect</th>") && codebook.contains("<th scope=\"col\">Weighted n</th>"))
        #expect(codebook.contains("design-based share of valid answers"))
        // Calibrated: the notes say to what.
        let calibrated = try TemporaryFolder.files(under: Self.fixture.deletingLastPathComponent().appendingPathComponent("design-calibrated"))
            .filter { !$0.key.hasSuffix(".json") }
            .reduce(into: [String: String]()) { $0["content/" + $1.key] = String(decoding: $1.value, as: UTF8.self) }
        let (raked, rakedResult) = try buildSite(calibrated)
        defer { raked.remove() }
        _ = try rakedResult.get()
        #expect(try raked.read("public/index.html").contains("with the weights calibrated to the population by Group and Sex (logit method)"))
        // A raking margin has no design effect on the codebook page, and says why.
        #expect(try raked.read("public/codebook.html").contains("The weights were calibrated to this question’s population shares")
                || raked.read("public/codebook.html").contains("The weights were calibrated to this question&#39;s population shares"))
    }

    @Test("Design problems are errors at the cell or the codebook key, naming the stratum")
    func designErrors() throws {
        let base = try TemporaryFolder.files(under: Self.fixture).filter { !$0.key.hasSuffix(".json") }
        func build(_ change: (inout [String: String]) -> Void) throws -> [String] {
            var files = base.mapValues { String(decoding: $0, as: UTF8.self) }.reduce(into: [String: String]()) { $0["content/" + $1.key] = $1.value }
            change(&files)
            let (folder, result) = try buildSite(files)
            defer { folder.remove() }
            return errorLines(result) ?? []
        }
        // An empty cluster cell.
        let empty = try build { files in
            var lines = files["content/data/responses.csv"]!.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var cells = lines[5].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[7] = ""
            lines[5] = cells.joined(separator: ",")
            files["content/data/responses.csv"] = lines.joined(separator: "\n")
        }
        #expect(empty.contains { $0.contains("responses.csv:6:") && $0.contains("the cluster is missing") }, "\(empty)")
        // A stratum with one cluster under lonely_psu: fail.
        let lonely = try build { files in
            files["content/data/responses.csv"] = files["content/data/responses.csv"]!.replacingOccurrences(of: ",west,H2,", with: ",solo,H2,")
        }
        #expect(lonely.contains { $0.contains("codebook.yaml") && $0.contains("stratum \"solo\" has only one cluster") && $0.contains("lonely_psu") }, "\(lonely)")
        // Calibration: shares that do not add up, a margin on a question some did not answer, a code
        // with respondents but no share, and calibration without a design.
        func calibrated(_ margins: String, design: Bool = true) throws -> [String] {
            try build { files in
                var codebook = files["content/data/codebook.yaml"]!
                codebook = codebook.replacingOccurrences(of: "  design:\n", with: "  calibration:\n    margins: \(margins)\n  design:\n")
                if !design { codebook = codebook.replacingOccurrences(of: "  design:\n    strata: region\n    clusters: hospital\n", with: "") }
                files["content/data/codebook.yaml"] = codebook
            }
        }
        let sums = try calibrated("{group: {1: 0.5, 2: 0.25, 3: 0.20}}")
        #expect(sums.contains { $0.contains("codebook.yaml") && $0.contains("the shares of margin \"group\" add up to 0.95") }, "\(sums)")
        let missing = try calibrated("{interest: {1: 0.2, 2: 0.2, 3: 0.2, 4: 0.2, 5: 0.2}}")
        #expect(missing.contains { $0.contains("\"interest\" is not answered by every respondent") }, "\(missing)")
        let noShare = try calibrated("{group: {1: 0.75, 2: 0.25}}")
        #expect(noShare.contains { $0.contains("code \"3\" has respondents but no population share") }, "\(noShare)")
        let noDesign = try calibrated("{group: {1: 0.55, 2: 0.25, 3: 0.20}}", design: false)
        #expect(noDesign.contains { $0.contains("calibration rakes a design's weights") && $0.contains("design: {}") }, "\(noDesign)")
        // An unknown design key, and a column the codebook names that the data lack.
        let unknown = try build { files in
            files["content/data/codebook.yaml"] = files["content/data/codebook.yaml"]!.replacingOccurrences(of: "clusters: hospital", with: "cluster: hospital")
        }
        #expect(unknown.contains { $0.contains("codebook.yaml") && $0.contains("unknown design key \"cluster\"") }, "\(unknown)")
        let absent = try build { files in
            files["content/data/codebook.yaml"] = files["content/data/codebook.yaml"]!.replacingOccurrences(of: "clusters: hospital", with: "clusters: hospital\n    fpc: beds")
        }
        #expect(absent.contains { $0.contains("responses.csv") && $0.contains("no design column \"beds\"") }, "\(absent)")
    }
}
