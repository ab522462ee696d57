import Formats
import Foundation
import Analysis
import Charts
import Diagnostics
import Markdown
import SurveyData

/// A ```` ```table ```` block: a frequency table or a cross-tabulation computed from the data,
/// or, when its body is CSV, a hand-written table. Numbered, captioned, with a CSV download.
///
/// ```yaml
/// question: barriers
/// breakdown: group        # optional: a cross-tabulation with its chi-square test
/// title: …
/// caption: …
/// ```
enum TableBlock {
    static let keys = ["question", "breakdown", "title", "caption", "id"]

    static func render(_ literal: String, info: [String], block: SourceRange, source: String, entry: ReferenceIndex.Entry,
                       context: ChartContext, breakdowns: [String], directory prefix: String = "") throws(DiagnosticsError) -> (html: String, files: [(String, String)]) {
        let firstLine = literal.split(separator: "\n").first.map(String.init) ?? ""
        let isCSV = firstLine.contains(",") && !firstLine.contains(":")
        let table: DataTable
        var title = ""
        var caption = ""
        if isCSV {
            let parsed: CSVTable
            do {
                parsed = try CSVTable.read(Array(literal.utf8), source: source)
            } catch {
                // Positions inside the block are relative to its body: shift them into the page.
                throw DiagnosticsError(diagnostics: error.diagnostics.map { d in
                    var moved = d
                    moved.location.line += block.startLine
                    return moved
                })
            }
            table = DataTable(columns: parsed.header.map(\.text), rows: parsed.rows.map { $0.map(\.text) })
            title = info.dropFirst(2).joined(separator: " ")
        } else {
            let body = try DirectiveBody(yaml: literal, block: block, source: source, name: "table")
            var diagnostics = DiagnosticCollector()
            diagnostics.append(contentsOf: body.unknownKeys(allowed: keys))
            let codebook = context.survey.codebook
            func question(_ key: String) -> Question? {
                guard let node = body.value(key), let id = node.string else { return nil }
                guard let q = codebook.question(id) else {
                    diagnostics.error(at: body.location(of: node), "unknown question \"\(id)\"",
                                      hint: Suggestion.hint(for: id, in: codebook.questions.map(\.id)))
                    return nil
                }
                if !q.type.isCategorical {
                    diagnostics.error(at: body.location(of: node), "a table shows a single, multi or likert question; \"\(id)\" is \(q.type.rawValue)")
                }
                return q
            }
            let q = question("question")
            let b = question("breakdown")
            if body.value("question") == nil { diagnostics.error(at: body.blockLocation, "a table needs `question: ID` (or a CSV body)") }
            if let b, let node = body.value("breakdown"), !breakdowns.contains(b.id) {
                diagnostics.error(at: body.location(of: node), "\"\(b.id)\" is not one of site.yaml's breakdowns",
                                  hint: "breakdowns are \(breakdowns.joined(separator: ", "))")
            }
            try diagnostics.throwIfErrors()
            guard let q else { return ("", []) }
            let language = context.language
            title = body.string("title") ?? q.text.text(in: language)
            caption = body.string("caption") ?? ""
            if let b {
                let built = crossTable(q, by: b, context: context)
                table = built.table
                caption += (caption.isEmpty ? "" : " ") + built.note
            } else {
                table = frequencyTable(q, context: context)
            }
        }
        let legend = context.disclosure.legend(for: table, words: context.words)
        if !legend.isEmpty { caption += (caption.isEmpty ? "" : " ") + legend }
        guard !table.rows.isEmpty else {
            throw DiagnosticsError(.error(at: SourceLocation(file: source, line: block.startLine, column: 1),
                                          "this table has no rows: there is nothing to show"))
        }
        let html = """
        <figure class="table-figure" id="\(entry.id)">
        <figcaption id="\(entry.id)-caption"><span class="figure-number">\(entry.label).</span> \(HTMLEscaping.escape(title))</figcaption>
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="\(entry.id)-caption">\(table.translated(context.words).html(caption: nil))</div>
        \(caption.isEmpty ? "" : "<p class=\"table-note\">\(HTMLEscaping.escape(caption))</p>")
        <p class="downloads"><a href="\(prefix)data/\(entry.id).csv" download>CSV</a></p>
        </figure>
        """
        return (html, [(prefix + "data/\(entry.id).csv", table.csv)])
    }

    static func count(_ n: Int, _ d: Disclosure) -> String { d.isSmall(n) ? d.marker : NumberFormat.count(n) }

    /// Answer, n, %, 95% CI, withheld below the disclosure threshold (QuestionRelease: the same
    /// rule as the codebook page and findings.json).
    static func frequencyTable(_ q: Question, context: ChartContext) -> DataTable {
        let d = context.disclosure
        guard let summary = context.analysis.question(q.id) else { return DataTable(columns: [], rows: []) }
        let release = context.releases[summary.id]!
        var rows = summary.categories.enumerated().map { k, c -> [String] in
            let small = release.categories[k] != .published
            let ci = (c.share.lower, c.share.upper)
            return [c.label.text(in: context.language), d.cellText(c.share.count, release.categories[k], format: NumberFormat.count),
                    small ? "withheld" : (c.share.proportion.map { NumberFormat.percent($0) } ?? "–"),
                    small ? "" : (ci.0.map { NumberFormat.percent($0) + "–" + NumberFormat.percent(ci.1 ?? 0) } ?? "")]
        }
        rows.append(["Answered", d.cellText(summary.valid, release.answered, format: NumberFormat.count), "", ""])
        if summary.missing > 0 || release.missing != .published {
            rows.append(["Missing", d.cellText(summary.missing, release.missing, format: NumberFormat.count), "", ""])
        }
        if summary.notAsked > 0 || release.notAsked != .published {
            rows.append(["Not asked", d.cellText(summary.notAsked, release.notAsked, format: NumberFormat.count), "", ""])
        }
        return DataTable(columns: ["Answer", "n", "%", "95% CI"], rows: rows)
    }

    /// Counts and column shares by a breakdown, with the chi-square test and BH-adjusted p. A
    /// table that withholds a cell publishes no test statistic (with the margins published, it
    /// would pin the withheld cells down) and its p only rounded. One test (a single or Likert
    /// question) is stated once, in the note; a multi-select question has a test per option row.
    static func crossTable(_ q: Question, by b: Question, context: ChartContext) -> (table: DataTable, note: String) {
        let d = context.disclosure
        let tables = context.analysis.crosstabs(row: q.id, column: b.id)
        let groups = b.options.map { $0.label.text(in: context.language) }
        let perRow = tables.count > 1
        var rows: [[String]] = []
        var tests: [String] = []
        for computed in tables {
            let t = d.release(computed, releases: context.releases)
            let totals = t.columnCodes.indices.map { j in t.counts.reduce(0) { $0 + $1[j] } }
            let pattern = d.pattern(t, releases: context.releases)
            let withholds = pattern.contains { $0.contains { $0 != .published } }
            if let test = t.test {
                let p = t.pAdjusted ?? test.pValue
                let adjusted = context.words["adjusted_p"]
                tests.append(withholds ? "p \(formatP(test.pValue)), \(adjusted) \(formatP(p))"
                    : "χ²(\(test.df)) = \(NumberFormat.fixed(test.chiSquare, decimals: 1)), p \(formatP(test.pValue)), V = \(NumberFormat.fixed(test.cramersV, decimals: 2)), \(adjusted) \(formatP(p))")
            } else if let rs = t.raoScott {
                // Under a design: Rao–Scott's F with its (fractional) degrees of freedom.
                let p = t.pAdjusted ?? rs.pValue
                let adjusted = context.words["adjusted_p"]
                tests.append(withholds ? "p \(formatP(rs.pValue)), \(adjusted) \(formatP(p))"
                    : "F(\(NumberFormat.fixed(rs.ndf, decimals: 2)), \(NumberFormat.fixed(rs.ddf, decimals: 1))) = \(NumberFormat.fixed(rs.f, decimals: 2)), p \(formatP(rs.pValue)), \(adjusted) \(formatP(p))")
            }
            for (i, code) in t.rowCodes.enumerated() {
                if t.option != nil && code == "no" { continue }
                let name = t.option.flatMap { o in q.options.first { $0.code == o } }?.label.text(in: context.language)
                    ?? q.options.first { $0.code == code }?.label.text(in: context.language) ?? code
                var row = [name]
                for option in b.options {
                    guard let j = t.columnCodes.firstIndex(of: option.code) else { row.append("–"); continue }
                    let n = t.counts[i][j]
                    // Counts raw; shares weighted when the survey has weights, as every share is.
                    let share = t.weightedColumnShares?[i][j] ?? Double(n) / Double(max(1, totals[j]))
                    row.append(d.cellText(n, pattern[i][j]) { n in
                        "\(NumberFormat.count(n)) (\(NumberFormat.percent(share)))"
                    })
                }
                if perRow {
                    let p = t.test?.pValue ?? t.raoScott?.pValue
                    row.append(p.map { cellP(t.pAdjusted ?? $0) } ?? "not testable")
                }
                rows.append(row)
            }
        }
        let words = context.words
        var note = words[context.analysis.design != nil ? "note_crosstab_design"
            : context.survey.weights != nil ? "note_crosstab_weighted" : "note_crosstab"]
        let testKey = context.analysis.design == nil ? "note_chi_square" : "note_rao_scott"
        if !perRow, let first = tests.first { note = words.phrase(testKey, ["test": first]) + note }
        if !perRow && tests.isEmpty { note += words["note_not_testable"] }
        if tables.contains(where: { $0.test?.lowExpected == true }) { note += words["note_low_expected"] }
        return (DataTable(columns: [""] + groups + (perRow ? ["adjusted p"] : []), rows: rows), note)
    }

    static func cellP(_ p: Double) -> String { p < 0.001 ? "<0.001" : significant(p) }

    /// p-values as journals print them, to two significant digits.
    static func formatP(_ p: Double) -> String {
        if p < 0.001 { return "< 0.001" }
        return "= " + significant(p)
    }

    static func significant(_ p: Double) -> String {
        let decimals = max(2, 1 - Int(log10(p).rounded(.down)))
        return NumberFormat.fixed(p, decimals: decimals)
    }
}
