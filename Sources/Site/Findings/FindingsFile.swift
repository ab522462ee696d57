import Analysis
import Diagnostics
import SurveyData
import Yams

/// `findings.yaml`: named findings the commentary cites, each a small declaration.
///
/// ```yaml
/// clinician_interest:
///   share: interest_rd          # the top box of a likert question by default, or `codes: [...]`
///   where: {group: [1]}
///   claim: "> 0.7"              # also ">= 0.5", "lower > 0", "upper < 0.3"; for rank: "is 1"
/// top_barrier: {rank: barriers, position: 1, claim: "is 1"}
/// interest_gap: {difference: [clinician_interest, clinician_engagement], claim: "lower > 0.4"}
/// ```
struct FindingsFile {
    var specs: [FindingSpec]
    /// Where each finding's name stands, for errors about it.
    var locations: [String: SourceLocation]
    /// Where each finding's `claim:` stands: a claim that fails is reported there.
    var claimLocations: [String: SourceLocation] = [:]

    static let keys = ["share", "mean", "count", "rank", "difference", "codes", "where", "position", "claim", "description"]

    static func load(text: String, source: String, codebook: Codebook) throws(DiagnosticsError) -> FindingsFile {
        guard let root = try YAMLDiagnostics.compose(text, source: source) else { return FindingsFile(specs: [], locations: [:]) }
        guard case .mapping(let mapping) = root else {
            throw DiagnosticsError(.error(at: .start(of: source), "findings.yaml must map finding names to declarations"))
        }
        var diagnostics = DiagnosticCollector()
        var file = FindingsFile(specs: [], locations: [:])
        func at(_ node: Node) -> SourceLocation {
            SourceLocation(file: source, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
        }
        let questionIDs = codebook.questions.map(\.id)
        func question(_ node: Node?, types: [QuestionType]) -> Question? {
            guard let node else { return nil }
            let id = node.string ?? ""
            guard let q = codebook.question(id) else {
                diagnostics.error(at: at(node), "unknown question \"\(id)\"", hint: Suggestion.hint(for: id, in: questionIDs))
                return nil
            }
            if !types.contains(q.type) {
                diagnostics.error(at: at(node), "\"\(id)\" is a \(q.type.rawValue) question; this needs \(types.map(\.rawValue).joined(separator: " or "))")
                return nil
            }
            return q
        }
        for (nameNode, body) in mapping {
            let name = nameNode.string ?? ""
            file.locations[name] = at(nameNode)
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }), !name.isEmpty else {
                diagnostics.error(at: at(nameNode), "finding names use letters, digits, _ and -")
                continue
            }
            guard case .mapping(let m) = body else {
                diagnostics.error(at: at(body), "finding \"\(name)\" must be a mapping such as {share: interest_rd}")
                continue
            }
            for (k, _) in m where !keys.contains(k.string ?? "") {
                diagnostics.error(at: at(k), "unknown key \"\(k.string ?? "")\"", hint: Suggestion.hint(for: k.string ?? "", in: keys))
            }
            var filter: [String: [String]] = [:]
            if let whereNode = m["where"] {
                if case .mapping(let w) = whereNode {
                    for (k, v) in w {
                        guard let q = question(k, types: [.single, .likert, .multi]) else { continue }
                        let codes = v.sequence?.compactMap { $0.string } ?? (v.string.map { [$0] } ?? [])
                        for code in codes where q.optionIndex(of: code) == nil {
                            diagnostics.error(at: at(v), "\"\(code)\" is not an option of \"\(q.id)\"")
                        }
                        filter[q.id] = codes
                    }
                } else {
                    diagnostics.error(at: at(whereNode), "`where` must be a mapping such as {group: [1]}")
                }
            }
            func codes(for q: Question) -> [String] {
                guard let node = m["codes"] else { return [] }
                let list = node.sequence?.compactMap { $0.string } ?? (node.string.map { [$0] } ?? [])
                for code in list where q.optionIndex(of: code) == nil {
                    diagnostics.error(at: at(node), "\"\(code)\" is not an option of \"\(q.id)\"",
                                      hint: "options are \(q.options.map(\.code).joined(separator: ", "))")
                }
                return list
            }
            var kind: FindingSpec.Kind?
            if let node = m["share"], let q = question(node, types: [.single, .likert, .multi]) {
                var list = codes(for: q)
                if list.isEmpty { list = FindingCalculator.defaultCodes(q) }
                if list.isEmpty && q.type != .multi {
                    diagnostics.error(at: at(node), "a share of \"\(q.id)\" needs `codes: [...]`")
                }
                kind = .share(question: q.id, codes: list)
            } else if let node = m["mean"], let q = question(node, types: [.likert, .numeric]) {
                kind = .mean(question: q.id)
            } else if let node = m["count"], let q = question(node, types: [.single, .likert, .multi]) {
                kind = .count(question: q.id, codes: codes(for: q))
            } else if let node = m["rank"], let q = question(node, types: [.single, .multi, .likert]) {
                let position = m["position"].flatMap { $0.string }.flatMap { Int($0) } ?? 1
                kind = .rank(question: q.id, position: position)
            } else if let node = m["difference"] {
                let pair = node.sequence?.compactMap { $0.string } ?? []
                if pair.count != 2 {
                    diagnostics.error(at: at(node), "`difference` names two share findings: [first, second]")
                } else {
                    for other in pair {
                        guard let earlier = file.specs.first(where: { $0.name == other }) else {
                            diagnostics.error(at: at(node), "\"\(other)\" must be a share finding declared above \"\(name)\"",
                                              hint: Suggestion.hint(for: other, in: file.specs.map(\.name)))
                            continue
                        }
                        if case .share = earlier.kind {} else {
                            diagnostics.error(at: at(node), "\"\(other)\" is not a share finding")
                        }
                    }
                    kind = .difference(first: pair[0], second: pair[1])
                }
            } else if m["share"] == nil && m["mean"] == nil && m["count"] == nil && m["rank"] == nil {
                diagnostics.error(at: at(nameNode), "finding \"\(name)\" needs one of share, mean, count, rank or difference")
            }
            var claim: FindingSpec.Claim?
            let claimText = m["claim"]?.string
            if let text = claimText, let node = m["claim"] {
                file.claimLocations[name] = at(node)
                claim = parseClaim(text)
                if claim == nil {
                    diagnostics.error(at: at(node), "cannot read the claim \"\(text)\"",
                                      hint: "write \"> 0.75\", \"> 75%\", \"<= 0.2\", \"lower > 0\" or, for a rank, \"is CODE\"")
                } else if text.contains("%"), let kind, !kind.isShareLike {
                    diagnostics.error(at: at(node), "a claim in % is for a share or a difference of shares; \"\(name)\" is a \(kind.name)",
                                      hint: "write the threshold in the question's own units")
                }
            }
            if let kind {
                file.specs.append(FindingSpec(name: name, kind: kind, filter: filter, claim: claim, claimText: claimText,
                                              description: m["description"]?.string))
            }
        }
        try diagnostics.throwIfErrors()
        return file
    }

    static func parseClaim(_ text: String) -> FindingSpec.Claim? {
        var words = text.split(separator: " ").map(String.init)
        guard !words.isEmpty else { return nil }
        if words[0] == "is", words.count == 2 { return .isOption(words[1]) }
        var bound = FindingSpec.Claim.Bound.value
        if let b = FindingSpec.Claim.Bound(rawValue: words[0]) {
            bound = b
            words.removeFirst()
        }
        // Accept "> 0.75" and ">0.75".
        var op = "", number = ""
        let joined = words.joined()
        for prefix in [">=", "<=", ">", "<"] where joined.hasPrefix(prefix) {
            op = prefix
            number = String(joined.dropFirst(prefix.count))
            break
        }
        // "> 50%" is "> 0.5": shares are proportions.
        let percent = number.hasSuffix("%")
        if percent { number.removeLast() }
        guard !op.isEmpty, let value = Double(number), value.isFinite else { return nil }
        return .compare(bound: bound, op: op, threshold: percent ? value / 100 : value)
    }
}

extension FindingSpec.Kind {
    /// Shares, ranks and differences of shares are proportions, so a claim may be in %.
    var isShareLike: Bool {
        switch self {
        case .share, .rank, .difference: true
        case .mean, .count: false
        }
    }

    var name: String {
        switch self {
        case .share: "share"
        case .mean: "mean"
        case .count: "count"
        case .rank: "rank"
        case .difference: "difference"
        }
    }
}
