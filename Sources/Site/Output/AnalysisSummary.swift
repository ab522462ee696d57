import Formats
import Analysis
import SurveyData

/// `findings analyze` without `--json`: the analysis as an author reads it in a terminal, every
/// count shown (it is the author's own view, like the JSON), one question or finding a block.
public enum AnalysisSummary {
    public static func text(_ analysis: SurveyAnalysis, codebook: Codebook, language: String, findings: Findings) -> String {
        var out = "\(NumberFormat.count(analysis.respondents)) respondents, \(codebook.questions.count) questions"
        out += codebook.weightColumn.map { ", weighted by \($0)" } ?? ""
        out += "\n"
        for summary in analysis.questions {
            guard let question = codebook.question(summary.id) else { continue }
            out += "\n\(summary.id) (\(summary.type.rawValue)): \(question.text.text(in: language))\n"
            var base = "  answered \(NumberFormat.count(summary.valid)), missing \(NumberFormat.count(summary.missing))"
            if summary.notAsked > 0 { base += ", not asked \(NumberFormat.count(summary.notAsked))" }
            out += base + "\n"
            let width = summary.categories.map { $0.label.text(in: language).count }.max() ?? 0
            let codeWidth = (summary.categories.map(\.code.count).max() ?? 0) + 2
            for c in summary.categories {
                let label = c.label.text(in: language)
                let share = c.share.proportion.map { NumberFormat.percent($0) } ?? "–"
                out += "  " + c.code.padding(toLength: codeWidth, withPad: " ", startingAt: 0)
                    + label + String(repeating: " ", count: max(1, width - label.count + 2))
                    + NumberFormat.count(c.share.count).leftPadded(7) + share.leftPadded(8) + "\n"
            }
            if let mean = summary.mean { out += "  mean \(NumberFormat.fixed(mean, decimals: 2))" + (summary.sd.map { ", sd \(NumberFormat.fixed($0, decimals: 2))" } ?? "") + "\n" }
            if let n = summary.numeric, let mean = n.mean {
                var line = "  mean \(NumberFormat.fixed(mean, decimals: 2))"
                if let median = n.median { line += ", median \(NumberFormat.fixed(median, decimals: 2))" }
                if let low = n.min, let high = n.max { line += ", range \(NumberFormat.fixed(low, decimals: 2))–\(NumberFormat.fixed(high, decimals: 2))" }
                out += line + "\n"
            }
        }
        if !findings.values.isEmpty {
            out += "\nFindings\n"
            for value in findings.values {
                var line = "  \(value.spec.name): " + (value.optionLabel.map { $0 + ", " } ?? "") + (InlineFinding.text(value, form: .full) ?? "not available")
                if let n = value.n { line += ", n = \(NumberFormat.count(n))" }
                if let claim = value.spec.claimText { line += "; claim \(claim) " + (value.claimHolds == true ? "holds" : "FAILS") }
                out += line + "\n"
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
