import Diagnostics
import SurveyData
import Yams

/// Reads and checks `synth.yaml` against the codebook, reporting every problem at its place.
struct SpecReader {
    let source: String
    let codebook: Codebook
    let provinces: ProvinceTable?
    var diagnostics = DiagnosticCollector()

    func at(_ node: Node) -> SourceLocation {
        SourceLocation(file: source, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    mutating func number(_ node: Node?, _ what: String, min: Double = 0, max: Double = .infinity) -> Double? {
        guard let node else { return nil }
        guard let text = node.string, let v = Double(text), v >= min, v <= max else {
            diagnostics.error(at: at(node), "\(what) must be a number from \(min) to \(max)")
            return nil
        }
        return v
    }

    mutating func read(_ mapping: Node.Mapping) -> SynthSpec {
        var spec = SynthSpec(respondents: 1000, seed: 1, idPrefix: "R", missingCode: codebook.missing.first ?? "",
                             questions: [], collaborations: nil, source: source)
        for (key, value) in mapping {
            switch key.string ?? "" {
            case "respondents": spec.respondents = Int(number(value, "respondents", min: 1) ?? 1)
            case "seed": spec.seed = UInt64(value.string ?? "") ?? { diagnostics.error(at: at(value), "seed must be a whole number ≥ 0"); return 1 }()
            case "id_prefix": spec.idPrefix = value.string ?? "R"
            case "missing_code": spec.missingCode = value.string ?? ""
            case "questions":
                guard case .mapping(let questions) = value else {
                    diagnostics.error(at: at(value), "`questions:` must map question ids to rules")
                    continue
                }
                spec.questions = readQuestions(questions)
            case "collaborations": spec.collaborations = readCollaborations(value)
            case "design": spec.design = readDesign(value)
            default:
                diagnostics.error(at: at(key), "unknown synth key \"\(key.string ?? "")\"",
                                  hint: Suggestion.hint(for: key.string ?? "", in: ["respondents", "seed", "id_prefix", "missing_code", "questions", "collaborations", "design"]))
            }
        }
        return spec
    }

    /// `design: {strata: {column, from}, clusters: {column, within, size, prefix}}`.
    mutating func readDesign(_ node: Node) -> SynthSpec.Design? {
        guard case .mapping(let m) = node else {
            diagnostics.error(at: at(node), "`design:` must be a mapping with `strata:` and/or `clusters:`")
            return nil
        }
        var design = SynthSpec.Design()
        func column(_ node: Node, _ key: String) -> String? {
            guard let name = node.mapping?["column"]?.string, !name.isEmpty else {
                diagnostics.error(at: at(node), "`design.\(key)` needs a `column:` name for responses.csv")
                return nil
            }
            if codebook.question(name) != nil || name == codebook.idColumn {
                diagnostics.error(at: at(node), "design column \"\(name)\" is already a column of the codebook")
            }
            return name
        }
        func categorical(_ node: Node?) -> String? {
            guard let node else { return nil }
            guard let id = node.string, let question = codebook.question(id), question.type == .single || question.type == .likert else {
                diagnostics.error(at: at(node), "\"\(node.string ?? "")\" is not a single or likert question of the codebook")
                return nil
            }
            return id
        }
        for (key, value) in m {
            switch key.string ?? "" {
            case "strata":
                design.strataColumn = column(value, "strata")
                design.strataFrom = categorical(value.mapping?["from"])
                if design.strataFrom == nil && value.mapping?["from"] == nil {
                    diagnostics.error(at: at(value), "`design.strata` needs `from:`, the question whose codes are the strata")
                }
            case "clusters":
                design.clustersColumn = column(value, "clusters")
                design.clustersWithin = (value.mapping?["within"]?.sequence ?? []).compactMap { categorical($0) }
                design.clusterSize = number(value.mapping?["size"], "design.clusters.size", min: 1) ?? 8
                design.clusterPrefix = value.mapping?["prefix"]?.string ?? "C"
            default:
                diagnostics.error(at: at(key), "unknown design key \"\(key.string ?? "")\"", hint: Suggestion.hint(for: key.string ?? "", in: ["strata", "clusters"]))
            }
        }
        return design
    }

    mutating func readQuestions(_ mapping: Node.Mapping) -> [SynthSpec.QuestionRule] {
        var rules: [SynthSpec.QuestionRule] = []
        var defined: Set<String> = []
        for (key, value) in mapping {
            let id = key.string ?? ""
            guard let question = codebook.question(id) else {
                diagnostics.error(at: at(key), "\"\(id)\" is not a codebook question",
                                  hint: Suggestion.hint(for: id, in: codebook.questions.map(\.id)))
                continue
            }
            for condition in question.askedIf where !defined.contains(condition.question) {
                diagnostics.error(at: at(key), "\"\(id)\" is asked only if \"\(condition.question)\" says so; draw that question first")
            }
            if let rule = readRule(value, question: question, defined: defined) {
                let missing = number(value.mapping?["missing"], "missing", min: 0, max: 1) ?? 0
                rules.append(SynthSpec.QuestionRule(id: id, rule: rule, missing: missing, location: at(key)))
            }
            defined.insert(id)
        }
        for question in codebook.questions where !defined.contains(question.id) {
            diagnostics.error(at: question.location, "question \"\(question.id)\" has no rule in \(source)")
        }
        return rules
    }

    mutating func codes(_ node: Node, of question: Question) -> [String: Double]? {
        guard case .mapping(let m) = node else {
            diagnostics.error(at: at(node), "expected a mapping of \(question.id) codes to numbers")
            return nil
        }
        var out: [String: Double] = [:]
        for (k, v) in m {
            let code = k.string ?? ""
            if question.optionIndex(of: code) == nil {
                diagnostics.error(at: at(k), "\"\(code)\" is not an option of \"\(question.id)\"",
                                  hint: "options are \(question.options.map(\.code).joined(separator: ", "))")
            }
            out[code] = number(v, "a share or count") ?? 0
        }
        return out
    }

    mutating func earlier(_ node: Node, _ defined: Set<String>) -> Question? {
        let id = node.string ?? ""
        guard let q = codebook.question(id) else {
            diagnostics.error(at: at(node), "\"\(id)\" is not a codebook question", hint: Suggestion.hint(for: id, in: codebook.questions.map(\.id)))
            return nil
        }
        if !defined.contains(id) { diagnostics.error(at: at(node), "\"\(id)\" must be drawn before it is used") }
        if q.type != .single && q.type != .likert { diagnostics.error(at: at(node), "\"\(id)\" must be a single or likert question") }
        return q
    }

    static let ruleKeys = ["counts", "shares", "by", "otherwise", "derive", "logistic", "normal", "text", "missing"]

    mutating func readRule(_ node: Node, question: Question, defined: Set<String>) -> SynthSpec.Rule? {
        guard case .mapping(let m) = node else {
            diagnostics.error(at: at(node), "the rule for \"\(question.id)\" must be a mapping")
            return nil
        }
        for (k, _) in m where !Self.ruleKeys.contains(k.string ?? "") {
            diagnostics.error(at: at(k), "unknown rule key \"\(k.string ?? "")\"", hint: Suggestion.hint(for: k.string ?? "", in: Self.ruleKeys))
        }
        if let counts = m["counts"] {
            return codes(counts, of: question).map { .counts($0) }
        }
        if let shares = m["shares"] {
            if let byNode = m["by"] {
                guard let parent = earlier(byNode, defined), case .mapping(let table) = shares else {
                    diagnostics.error(at: at(shares), "with `by:`, `shares:` maps each code of the earlier question to shares")
                    return nil
                }
                var out: [String: [String: Double]] = [:]
                for (k, v) in table {
                    let code = k.string ?? ""
                    if parent.optionIndex(of: code) == nil {
                        diagnostics.error(at: at(k), "\"\(code)\" is not an option of \"\(parent.id)\"")
                    }
                    out[code] = codes(v, of: question) ?? [:]
                }
                let otherwise = m["otherwise"].flatMap { codes($0, of: question) }
                return .shares(by: parent.id, table: out, otherwise: otherwise)
            }
            return codes(shares, of: question).map { .shares(by: nil, table: ["": $0], otherwise: nil) }
        }
        if let derive = m["derive"] {
            guard let from = derive.mapping?["from"], let parent = earlier(from, defined) else {
                diagnostics.error(at: at(derive), "`derive` needs `from:` an earlier question")
                return nil
            }
            if let column = derive.mapping?["column"]?.string {
                guard let provinces, column == "region" else {
                    diagnostics.error(at: at(derive), "`column:` reads provinces.csv's `region` column, and needs provinces.csv")
                    return nil
                }
                var map: [String: String] = [:]
                for p in provinces.provinces { map[p.code] = p.region }
                for option in parent.options where map[option.code] == nil {
                    diagnostics.error(at: at(derive), "province \"\(option.code)\" is not in provinces.csv")
                }
                return .derive(from: parent.id, map: map)
            }
            guard case .mapping(let table)? = derive.mapping?["map"] else {
                diagnostics.error(at: at(derive), "`derive` needs `map:` (codes of \(parent.id) to codes of \(question.id)) or `column: region`")
                return nil
            }
            var map: [String: String] = [:]
            for (k, v) in table { map[k.string ?? ""] = v.string ?? "" }
            return .derive(from: parent.id, map: map)
        }
        if let logistic = m["logistic"], case .mapping(let l) = logistic {
            let code = l["code"]?.string ?? ""
            let otherwise = l["otherwise"]?.string ?? ""
            for c in [code, otherwise] where question.optionIndex(of: c) == nil {
                diagnostics.error(at: at(logistic), "logistic `code` and `otherwise` must be options of \"\(question.id)\"")
            }
            let share = number(l["share"], "share", min: 0, max: 1) ?? 0.5
            var odds: [(String, [String: Double])] = []
            if case .mapping(let o)? = l["odds"] {
                for (k, v) in o {
                    guard let parent = earlier(k, defined) else { continue }
                    odds.append((parent.id, codes(v, of: parent) ?? [:]))
                }
            }
            return .logistic(code: code, otherwise: otherwise, share: share, odds: odds)
        }
        if let normal = m["normal"], case .mapping(let n) = normal {
            return .normal(mean: number(n["mean"], "mean", min: -.infinity) ?? 0, sd: number(n["sd"], "sd") ?? 1,
                           min: number(n["min"], "min", min: -.infinity) ?? -.infinity,
                           max: number(n["max"], "max", min: -.infinity) ?? .infinity,
                           decimals: Int(number(n["decimals"], "decimals", max: 6) ?? 0))
        }
        if let text = m["text"], case .mapping(let t) = text {
            let samples = t["samples"]?.sequence?.compactMap { $0.string } ?? []
            if samples.isEmpty { diagnostics.error(at: at(text), "`text` needs `samples:`") }
            return .text(share: number(t["share"], "share", min: 0, max: 1) ?? 0.1, samples: samples)
        }
        diagnostics.error(at: at(node), "no rule for \"\(question.id)\"", hint: "use counts, shares, derive, logistic, normal or text")
        return nil
    }

    mutating func readCollaborations(_ node: Node) -> SynthSpec.Collaborations? {
        guard case .mapping(let m) = node else {
            diagnostics.error(at: at(node), "`collaborations:` must be a mapping")
            return nil
        }
        var spec = SynthSpec.Collaborations(projects: 500, firstYear: 2017, lastYear: 2024, growth: 1.2, organisations: [:],
                                            concentration: 1.0, mixes: [], topics: [])
        spec.projects = Int(number(m["projects"], "projects", min: 1) ?? 500)
        if let years = m["years"]?.sequence, years.count == 2, let a = Int(years[0].string ?? ""), let b = Int(years[1].string ?? ""), a <= b {
            spec.firstYear = a
            spec.lastYear = b
        } else if let years = m["years"] {
            diagnostics.error(at: at(years), "`years` must be [first, last]")
        }
        spec.growth = number(m["growth"], "growth", min: 0.1) ?? 1.2
        spec.concentration = number(m["concentration"], "concentration") ?? 1
        if case .mapping(let orgs)? = m["organisations"] {
            for (k, v) in orgs {
                guard let sector = CollaborationTable.Sector.allCases.first(where: { $0.plural == k.string }) else {
                    diagnostics.error(at: at(k), "organisations are hospitals, institutes or companies")
                    continue
                }
                spec.organisations[sector] = Int(number(v, "a count", min: 1) ?? 1)
            }
        }
        if case .mapping(let mixes)? = m["mixes"] {
            for (k, v) in mixes {
                let parts = (k.string ?? "").split(separator: "+").map(String.init)
                let sectors = parts.compactMap { p in CollaborationTable.Sector.allCases.first { $0.rawValue == p } }
                if sectors.count != parts.count || sectors.count < 2 {
                    diagnostics.error(at: at(k), "a mix names two or more sectors joined by +, such as hospital+company")
                    continue
                }
                spec.mixes.append((sectors, number(v, "a weight") ?? 0))
            }
        }
        if case .mapping(let topics)? = m["topics"] {
            for (k, v) in topics { spec.topics.append((k.string ?? "", number(v, "a weight") ?? 0)) }
        }
        if spec.mixes.isEmpty { spec.mixes = [([.hospital, .company], 1)] }
        if spec.topics.isEmpty { spec.topics = [("General", 1)] }
        for sector in CollaborationTable.Sector.allCases where spec.organisations[sector] == nil { spec.organisations[sector] = 50 }
        return spec
    }
}
