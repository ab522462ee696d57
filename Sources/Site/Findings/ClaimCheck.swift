import Analysis
import Diagnostics

/// Claims the data no longer support.
enum ClaimCheck {
    /// A claim the data no longer support fails the build, at the finding and at every citation.
    static func failures(_ findings: Findings, citations: [String: [SourceLocation]]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for value in findings.values where value.claimHolds == false {
            let name = value.spec.name
            let got = InlineFinding.text(value, form: .full) ?? "no value"
            let shown = value.optionCode.map { "option \($0) (\(value.optionLabel ?? ""))" } ?? got
            let cited = citations[name] ?? []
            let pages = Array(Set(cited.map(\.file))).sorted()
            out.append(.error(at: findings.claimLocations[name] ?? findings.locations[name] ?? .start(of: "findings.yaml"),
                              "claim \"\(value.spec.claimText ?? "")\" of finding \"\(name)\" does not hold: the data give \(shown)",
                              hint: pages.isEmpty ? "no page cites it" : "cited by \(pages.joined(separator: ", "))"))
            for at in cited {
                out.append(.error(at: at, "the data no longer support finding \"\(name)\" (claim \"\(value.spec.claimText ?? "")\"; the data give \(shown))"))
            }
        }
        return out
    }
}
