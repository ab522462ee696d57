import Diagnostics
import Yams

/// Reads `codebook.yaml` into a `Codebook`, reporting every problem at its place in the YAML.
public enum CodebookLoader {
    public static func load(text: String, source: String) throws(DiagnosticsError) -> Codebook {
        guard let root = try YAMLDiagnostics.compose(text, source: source) else {
            throw DiagnosticsError(.error(at: .start(of: source), "the codebook is empty",
                                          hint: "it needs a `survey:` mapping and a `questions:` list"))
        }
        var reader = Reader(source: source)
        let codebook = reader.read(root)
        try reader.diagnostics.throwIfErrors()
        return codebook
    }

    struct Reader {
        let source: String
        var diagnostics = DiagnosticCollector()

        mutating func error(_ node: Node, _ message: String, hint: String? = nil) {
            diagnostics.error(at: node.location(in: source), message, hint: hint)
        }

        mutating func read(_ root: Node) -> Codebook {
            var codebook = Codebook(surveyID: "survey", respondentsFile: "responses.csv", idColumn: "respondent_id",
                                    weightColumn: nil, design: nil, calibration: nil, missing: [], ignoreColumns: [], questions: [], source: source)
            guard root.isMapping else {
                error(root, "the codebook must be a mapping with `survey:` and `questions:`")
                return codebook
            }
            for (key, _) in root.mapping ?? [:] where !["survey", "questions"].contains(key.string ?? "") {
                error(key, "unknown codebook key \"\(key.string ?? "")\"",
                      hint: Suggestion.hint(for: key.string ?? "", in: ["survey", "questions"]))
            }
            if let survey = root[key: "survey"] { readSurvey(survey, into: &codebook) }
            if let calibration = codebook.calibration, codebook.design == nil {
                diagnostics.error(at: calibration.location, "calibration rakes a design's weights, and the codebook declares no design",
                                  hint: "add `design: {}` to survey: (no strata or clusters), or the design the sample was drawn with")
            }
            guard let questions = root.entry("questions") else {
                error(root, "the codebook has no `questions:` list")
                return codebook
            }
            guard case .sequence(let items) = questions.value, !items.isEmpty else {
                error(questions.value, "`questions:` must be a non-empty list")
                return codebook
            }
            codebook.questions = items.compactMap { readQuestion($0) }
            checkReferences(&codebook)
            return codebook
        }

        static let surveyKeys = ["id", "respondents_file", "id_column", "weight_column", "design", "calibration", "missing",
                                 "ignore_columns", "synthetic", "title"]
        static let designKeys = ["strata", "clusters", "fpc", "lonely_psu"]

        mutating func readCalibration(_ key: Node, _ node: Node) -> CalibrationSpec? {
            guard case .mapping(let mapping) = node else {
                error(node, "`calibration:` must be a mapping with `margins:` and optionally `population:`")
                return nil
            }
            var spec = CalibrationSpec(location: key.location(in: source))
            for (k, value) in mapping {
                switch k.string ?? "" {
                case "population":
                    if let text = scalar(value, "population"), let n = Double(text), n > 0, n.isFinite { spec.population = n } else {
                        error(value, "`population` must be a positive number")
                    }
                case "margins":
                    guard case .mapping(let margins) = value, !margins.isEmpty else {
                        error(value, "`margins:` must map questions to their population shares, such as {group: {1: 0.55, 2: 0.45}}")
                        continue
                    }
                    for (question, shares) in margins {
                        var margin = CalibrationSpec.Margin(question: question.string ?? "", location: question.location(in: source))
                        guard case .mapping(let entries) = shares else {
                            error(shares, "the margin of \"\(margin.question)\" must map codes to shares, or be {file: data/FILE.csv}")
                            continue
                        }
                        if entries.count == 1, entries[0].0.string == "file" {
                            margin.file = scalar(entries[0].1, "file")
                        } else {
                            var list: [(code: String, share: Double)] = []
                            for (code, share) in entries {
                                guard let c = code.scalarText?.trimmingSpacesAndTabs, let text = share.scalarText, let v = Double(text), v >= 0, v <= 1 else {
                                    error(share, "a margin's share must be a number from 0 to 1")
                                    continue
                                }
                                list.append((c, v))
                            }
                            margin.shares = list
                        }
                        spec.margins.append(margin)
                    }
                default:
                    error(k, "unknown calibration key \"\(k.string ?? "")\"", hint: Suggestion.hint(for: k.string ?? "", in: ["margins", "population"]))
                }
            }
            if spec.margins.isEmpty { error(node, "`calibration:` needs `margins:`") }
            return spec
        }

        mutating func readDesign(_ key: Node, _ node: Node) -> DesignSpec? {
            guard case .mapping(let mapping) = node else {
                error(node, "`design:` must be a mapping of strata, clusters, fpc and lonely_psu")
                return nil
            }
            var spec = DesignSpec(location: key.location(in: source))
            for (k, value) in mapping {
                let name = k.string ?? ""
                spec.keyLocations[name] = value.location(in: source)
                switch name {
                case "strata": spec.strata = scalar(value, name)
                case "clusters": spec.clusters = scalar(value, name)
                case "fpc": spec.fpc = scalar(value, name)
                case "lonely_psu":
                    let choice = scalar(value, name) ?? "fail"
                    if DesignSpec.lonelyPSUChoices.contains(choice) { spec.lonelyPSU = choice } else {
                        error(value, "`lonely_psu` must be one of \(DesignSpec.lonelyPSUChoices.joined(separator: ", ")), not \"\(choice)\"")
                    }
                default:
                    error(k, "unknown design key \"\(name)\"", hint: Suggestion.hint(for: name, in: Self.designKeys))
                }
            }
            return spec
        }

        mutating func readSurvey(_ node: Node, into codebook: inout Codebook) {
            guard case .mapping(let mapping) = node else {
                error(node, "`survey:` must be a mapping")
                return
            }
            for (key, value) in mapping {
                let name = key.string ?? ""
                switch name {
                case "id": codebook.surveyID = scalar(value, name) ?? codebook.surveyID
                case "respondents_file": codebook.respondentsFile = scalar(value, name) ?? codebook.respondentsFile
                case "id_column": codebook.idColumn = scalar(value, name) ?? codebook.idColumn
                case "weight_column": codebook.weightColumn = scalar(value, name)
                case "design": codebook.design = readDesign(key, value)
                case "calibration": codebook.calibration = readCalibration(key, value)
                case "missing": codebook.missing = list(value, name)
                case "ignore_columns": codebook.ignoreColumns = list(value, name)
                case "synthetic": break // a note for readers of the codebook; site.yaml decides the banner
                case "title": codebook.title = text(value, name)
                default:
                    error(key, "unknown survey key \"\(name)\"", hint: Suggestion.hint(for: name, in: Self.surveyKeys))
                }
            }
        }

        mutating func scalar(_ node: Node, _ key: String) -> String? {
            guard let text = node.scalarText else {
                error(node, "`\(key)` must be a single value")
                return nil
            }
            return text.trimmingSpacesAndTabs
        }

        mutating func list(_ node: Node, _ key: String) -> [String] {
            guard let items = node.scalarList else {
                error(node, "`\(key)` must be a value or a list of values")
                return []
            }
            return items.map(\.trimmingSpacesAndTabs)
        }

        mutating func text(_ node: Node, _ key: String) -> LocalizedText? {
            if let text = node.scalarText { return LocalizedText(text) }
            guard case .mapping(let mapping) = node else {
                error(node, "`\(key)` must be text or a mapping of languages, such as {en: …, zh: …}")
                return nil
            }
            var translations: [(String, String)] = []
            for (lang, value) in mapping {
                guard let t = value.scalarText, let l = lang.string else {
                    error(value, "each translation of `\(key)` must be text")
                    continue
                }
                translations.append((l, t))
            }
            guard !translations.isEmpty else {
                error(node, "`\(key)` has no translation")
                return nil
            }
            return LocalizedText(translations: translations)
        }

        static let questionKeys = ["id", "text", "label", "type", "options", "asked_if", "max_choices", "top_box", "missing", "publish", "source"]

        mutating func readQuestion(_ node: Node) -> Question? {
            guard case .mapping(let mapping) = node else {
                error(node, "each question must be a mapping with at least `id:` and `type:`")
                return nil
            }
            for (key, _) in mapping where !Self.questionKeys.contains(key.string ?? "") {
                error(key, "unknown question key \"\(key.string ?? "")\"",
                      hint: Suggestion.hint(for: key.string ?? "", in: Self.questionKeys))
            }
            guard let idNode = node[key: "id"], let id = idNode.scalarText?.trimmingSpacesAndTabs, !id.isEmpty else {
                error(node, "a question has no `id:`")
                return nil
            }
            guard let typeNode = node[key: "type"] else {
                error(idNode, "question \"\(id)\" has no `type:`", hint: "one of single, multi, likert, numeric, text")
                return nil
            }
            guard let typeName = typeNode.scalarText, let type = QuestionType(rawValue: typeName) else {
                let written = typeNode.scalarText ?? ""
                error(typeNode, "question \"\(id)\" has unknown type \"\(written)\"",
                      hint: Suggestion.hint(for: written, in: QuestionType.allCases.map(\.rawValue))
                          ?? "one of single, multi, likert, numeric, text")
                return nil
            }
            var question = Question(id: id, text: LocalizedText(id), type: type, options: [], askedIf: [],
                                    maxChoices: nil, topBox: [], missing: [], publish: false,
                                    location: idNode.location(in: source))
            if let t = node[key: "text"] { question.text = text(t, "text") ?? question.text }
            if let l = node[key: "label"] { question.label = text(l, "label") }
            if let s = node[key: "source"] { question.source = scalar(s, "source") }
            if let options = node[key: "options"] {
                question.options = readOptions(options, question: id)
            }
            if type.isCategorical && question.options.isEmpty && node[key: "options"] == nil {
                error(idNode, "\(type.rawValue) question \"\(id)\" has no `options:`")
            }
            if !type.isCategorical, let options = node.entry("options") {
                error(options.key, "a \(type.rawValue) question has no options")
            }
            if let askedIf = node[key: "asked_if"] { question.askedIf = readAskedIf(askedIf) }
            if let entry = node.entry("max_choices") {
                if type != .multi { error(entry.key, "`max_choices` applies only to multi questions") }
                if let n = entry.value.scalarText.flatMap({ Int($0) }), n >= 1 {
                    question.maxChoices = n
                } else {
                    error(entry.value, "`max_choices` must be a whole number of at least 1")
                }
            }
            if let entry = node.entry("top_box") {
                if type != .likert { error(entry.key, "`top_box` applies only to likert questions") }
                question.topBox = list(entry.value, "top_box")
                for code in question.topBox where question.optionIndex(of: code) == nil {
                    error(entry.value, "top_box code \"\(code)\" is not an option of \"\(id)\"",
                          hint: "options are \(question.options.map(\.code).joined(separator: ", "))")
                }
            }
            if let missing = node[key: "missing"] { question.missing = list(missing, "missing") }
            if let entry = node.entry("publish") {
                switch entry.value.scalarText?.lowercased() {
                case "true", "yes": question.publish = true
                case "false", "no": question.publish = false
                default: error(entry.value, "`publish` must be true or false")
                }
            }
            return question
        }

        mutating func readOptions(_ node: Node, question: String) -> [AnswerOption] {
            guard case .mapping(let mapping) = node, !mapping.isEmpty else {
                error(node, "`options:` of \"\(question)\" must be a mapping of codes to labels, such as {1: Yes, 2: No}")
                return []
            }
            var options: [AnswerOption] = []
            for (key, value) in mapping {
                guard let code = key.scalarText?.trimmingSpacesAndTabs, !code.isEmpty else {
                    error(key, "an option code must be a plain value")
                    continue
                }
                if code.contains(";") {
                    error(key, "option code \"\(code)\" may not contain \";\", which separates multi-select answers")
                }
                guard let label = text(value, "label of option \(code)") else { continue }
                options.append(AnswerOption(code: code, label: label))
            }
            return options
        }

        mutating func readAskedIf(_ node: Node) -> [SkipCondition] {
            guard case .mapping(let mapping) = node, !mapping.isEmpty else {
                error(node, "`asked_if:` must be a mapping such as {group: [1]}")
                return []
            }
            var conditions: [SkipCondition] = []
            for (key, value) in mapping {
                guard let codes = value.scalarList, !codes.isEmpty else {
                    error(value, "`asked_if` codes must be a value or a list of values")
                    continue
                }
                conditions.append(SkipCondition(question: key.string ?? "", codes: codes.map(\.trimmingSpacesAndTabs),
                                                location: key.location(in: source)))
            }
            return conditions
        }

        /// Checks what one question says of others: duplicate ids and skip-logic targets.
        mutating func checkReferences(_ codebook: inout Codebook) {
            var seen: [String: SourceLocation] = [:]
            for question in codebook.questions {
                if let first = seen[question.id] {
                    diagnostics.error(at: question.location, "duplicate question id \"\(question.id)\"",
                                      hint: "first defined at line \(first.line)")
                } else {
                    seen[question.id] = question.location
                }
                if question.id == codebook.idColumn || question.id == codebook.weightColumn
                    || codebook.design?.columns.contains(question.id) == true {
                    diagnostics.error(at: question.location, "question id \"\(question.id)\" is also the id, weight or a design column")
                }
            }
            let ids = codebook.questions.map(\.id)
            for question in codebook.questions {
                for condition in question.askedIf {
                    guard let target = codebook.question(condition.question) else {
                        diagnostics.error(at: condition.location,
                                          "asked_if of \"\(question.id)\" names unknown question \"\(condition.question)\"",
                                          hint: Suggestion.hint(for: condition.question, in: ids))
                        continue
                    }
                    if condition.question == question.id {
                        diagnostics.error(at: condition.location, "question \"\(question.id)\" cannot depend on itself")
                    }
                    guard target.type.isCategorical else {
                        diagnostics.error(at: condition.location,
                                          "asked_if must name a single, likert or multi question; \"\(target.id)\" is \(target.type.rawValue)")
                        continue
                    }
                    for code in condition.codes where target.optionIndex(of: code) == nil {
                        diagnostics.error(at: condition.location,
                                          "asked_if code \"\(code)\" is not an option of \"\(target.id)\"",
                                          hint: "options are \(target.options.map(\.code).joined(separator: ", "))")
                    }
                }
            }
        }
    }
}

extension String {
    /// Trims spaces and tabs only, as DATA.md defines for codes and ids.
    public var trimmingSpacesAndTabs: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
