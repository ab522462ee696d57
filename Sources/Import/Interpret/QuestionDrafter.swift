import SurveyData
import Diagnostics
import Foundation

/// What the author asked of an import, beyond the files.
public struct ImportOptions: Sendable {
    /// The variable that identifies respondents (`--id`).
    public var idVariable: String?
    /// Variables kept although they look like identifiers (`--keep`).
    public var keep: Set<String> = []
    /// Variables never merged into a multi-select question (`--no-merge`).
    public var noMerge: Set<String> = []
    public init() {}
}

/// What an import did and inferred, for the summary it prints.
public struct ImportSummary: Sendable {
    public var did: [String] = []
    public var inferences: [String] = []
    public var merged: [String] = []
    public var leftOut: [String] = []
    public var warnings: [Diagnostic] = []
    public init() {}
}

/// A source table → a draft codebook: one question per variable (or per group of variables), its
/// type read from the file where the file says it and inferred, with the reason, where not.
struct QuestionDrafter {
    let table: SourceTable
    let roles: [String: Wenjuanxing.Role]
    let options: ImportOptions
    var ids = QuestionIDs()
    var summary = ImportSummary()
    var errors: [Diagnostic] = []

    init(table: SourceTable, roles: [String: Wenjuanxing.Role], options: ImportOptions) {
        self.table = table
        self.roles = roles
        self.options = options
    }

    static let idNames = ["respondent_id", "respondentid", "respid", "id", "caseid", "case_id", "record_id", "responseid",
                          "response_id", "序号", "编号", "答卷编号", "_uuid", "instanceid", "key"]

    mutating func draft() throws(ImportError) -> (DraftCodebook, ImportSummary) {
        let isWJX = !roles.isEmpty
        let idIndex = try findID()
        var draft = DraftCodebook(surveyID: Self.surveyID(from: table.path), idColumn: "respondent_id")
        if let label = table.fileLabel { draft.title = Translations(label) }
        var handled = Set<Int>()
        if let idIndex {
            let variable = table.variables[idIndex]
            draft.idColumn = ids.id(for: variable.name, position: idIndex + 1)
            draft.extraColumns.append(ResponseColumn(header: draft.idColumn, cells: cells(variable.values)))
            handled.insert(idIndex)
            summary.did.append("respondents identified by \(variable.name)")
        } else {
            draft.idColumn = ids.claim("respondent_id")
            draft.extraColumns.append(ResponseColumn(header: draft.idColumn, cells: .rowNumbers(table.rowCount)))
            summary.inferences.append("respondent_id: the file has no id variable; respondents are numbered 1 to \(table.rowCount) in file order")
        }
        if let weightName = table.weightVariable, let w = table.variables.firstIndex(where: { $0.name == weightName }) {
            try checkWeight(w)
            draft.weightColumn = ids.id(for: weightName, position: w + 1)
            draft.extraColumns.append(ResponseColumn(header: draft.weightColumn!, cells: cells(table.variables[w].values)))
            handled.insert(w)
            summary.did.append("weights from \(weightName), the file's weight variable")
        }
        var groupAt: [Int: MultiGroups.Group] = [:]
        for group in MultiGroups.find(in: table, skip: options.noMerge) {
            groupAt[group.variables[0]] = group
            for v in group.variables.dropFirst() { handled.insert(v) }
            summary.merged.append("\(group.stem): \(group.variables.count) variables → one multi question (\(group.reason))")
        }
        for (index, variable) in table.variables.enumerated() where !handled.contains(index) {
            if let group = groupAt[index] {
                draft.questions.append(multiQuestion(group))
                continue
            }
            if roles[variable.name] == .ipAddress {
                summary.leftOut.append("\(variable.label ?? variable.name): an IP address is never imported")
                continue
            }
            if variable.isIdentifier, !options.keep.contains(variable.name) {
                summary.leftOut.append("\(variable.name): the form marks it an identifier (--keep \(variable.name) imports it)")
                continue
            }
            if !options.keep.contains(variable.name), let reason = Identifiers.reason(variable) {
                summary.leftOut.append("\(variable.name): \(reason) (--keep \(variable.name) imports it)")
                continue
            }
            if let question = question(index, isWJX: isWJX) { draft.questions.append(question) }
        }
        applySkipLogic(&draft)
        for inference in draft.questions.flatMap({ q in q.inferences.map { "\(q.id): \($0)" } }) {
            summary.inferences.append(inference)
        }
        guard errors.isEmpty else { throw ImportError(errors) }
        return (draft, summary)
    }

    static func surveyID(from path: String) -> String {
        var ids = QuestionIDs()
        let name = (path as NSString).lastPathComponent
        let stem = name.contains(".") ? String(name[..<name.lastIndex(of: ".")!]) : name
        let id = ids.id(for: stem, position: 1).replacingOccurrences(of: "_", with: "-")
        return id == "v1" ? "survey" : id
    }

    func location(row: Int, variable: Int) -> SourceLocation {
        // Text sources count the header as line 1; binary files number respondents from 1.
        let line = table.format.isStatisticalPackage ? row + 1 : row + 2
        return SourceLocation(file: table.path, line: line, column: variable + 1)
    }

    mutating func findID() throws(ImportError) -> Int? {
        var index: Int?
        if let wanted = options.idVariable ?? table.idVariable {
            guard let i = table.variables.firstIndex(where: { $0.name == wanted || $0.label == wanted }) else {
                throw ImportError(table.path, "--id names \(wanted), which is not a variable of the file",
                                  hint: Suggestion.hint(for: wanted, in: table.variables.map(\.name)))
            }
            index = i
        } else if let i = table.variables.firstIndex(where: { roles[$0.name] == .id }) {
            index = i
        } else {
            // A variable named like an id is taken only when it is one: filled and unique.
            let variables = table.variables
            let candidates = Self.idNames.compactMap { name in variables.firstIndex { $0.name.lowercased() == name } }
            return candidates.first { isUnique($0) }
        }
        guard let index else { return nil }
        guard !isUnique(index) else { return index }
        // Say where: every empty id and every repeat, at its row.
        var seen: [String: Int] = [:]
        for row in 0..<table.rowCount {
            let text = table.variables[index].values.text(at: row)
            if text.isEmpty {
                errors.append(.error(at: location(row: row, variable: index), "variable \(table.variables[index].name), row \(row + 1): the respondent id is empty"))
            } else if let first = seen[text] {
                errors.append(.error(at: location(row: row, variable: index),
                                     "variable \(table.variables[index].name), row \(row + 1): id \(text) is also row \(first + 1)'s",
                                     hint: "ids must be unique; name another variable with --id"))
            } else {
                seen[text] = row
            }
            if errors.count >= DiagnosticCollector.defaultLimit { break }
        }
        return index
    }

    /// Every value present and no two alike (numbers compared as numbers, without making text).
    func isUnique(_ index: Int) -> Bool {
        switch table.variables[index].values {
        case .numbers(let values, _):
            var seen = Set<UInt64>(minimumCapacity: values.count)
            for x in values {
                guard !x.isNaN, seen.insert((x == 0 ? 0 : x).bitPattern).inserted else { return false }
            }
            return true
        case .strings(let values):
            var seen = Set<String>(minimumCapacity: values.count)
            for text in values {
                let trimmed = text.trimmedCell
                guard !trimmed.isEmpty, seen.insert(trimmed).inserted else { return false }
            }
            return true
        }
    }

    func cells(_ values: SourceValues) -> ResponseColumn.Cells {
        switch values {
        case .numbers(let v, let tags): return .numbers(v, tags: tags)
        case .strings(let v): return .strings(v)
        }
    }

    mutating func checkWeight(_ index: Int) throws(ImportError) {
        guard case .numbers(let values, _) = table.variables[index].values else {
            throw ImportError(table.path, "the weight variable \(table.variables[index].name) holds text")
        }
        for (row, w) in values.enumerated() where w.isNaN || w < 0 || !w.isFinite {
            errors.append(.error(at: location(row: row, variable: index),
                                 "variable \(table.variables[index].name), row \(row + 1): the weight is \(w.isNaN ? "missing" : CodeText.number(w))",
                                 hint: "every respondent needs a weight of 0 or more"))
            if errors.count >= DiagnosticCollector.defaultLimit { break }
        }
    }

    // MARK: Questions

    mutating func multiQuestion(_ group: MultiGroups.Group) -> DraftQuestion {
        let variables = group.variables.map { table.variables[$0] }
        let labels = variables.map { $0.label ?? $0.name }
        let set = table.responseSets.first { $0.name == group.stem }
        let (shared, rest) = MultiGroups.splitLabels(labels)
        let text = set.map(\.label).flatMap { $0.isEmpty ? nil : $0 } ?? (shared.count >= 2 ? shared : group.stem)
        let optionLabels = shared.count >= 2 ? rest : labels
        var question = DraftQuestion(id: ids.id(for: group.stem, position: group.variables[0] + 1),
                                     source: variables.map(\.name).joined(separator: " "), text: set?.translatedLabel ?? Translations(text), type: "multi",
                                     column: ResponseColumn(header: "", cells: .dichotomies(variables.map(\.values), codes: group.codes, counted: group.counted)))
        let translated = variables.compactMap(\.translatedLabel)
        if translated.count == variables.count {
            question.options = zip(group.codes, translated).map { AnswerOption(code: $0, label: $1) }
        } else {
            question.options = zip(group.codes, optionLabels).map { AnswerOption(code: $0, label: Translations($1)) }
        }
        if set == nil { question.inferences.append("multi: \(group.reason)") }
        question.column.header = question.id
        return question
    }

    mutating func question(_ index: Int, isWJX: Bool) -> DraftQuestion? {
        var variable = table.variables[index]
        let role = roles[variable.name]
        if role == .duration, case .strings(let texts) = variable.values {
            var values: [Double] = []
            values.reserveCapacity(texts.count)
            for (row, text) in texts.enumerated() {
                if let s = Wenjuanxing.seconds(text) { values.append(s) } else {
                    values.append(.nan)
                    if !text.trimmingCharacters(in: .whitespaces).isEmpty {
                        summary.warnings.append(.warning(at: location(row: row, variable: index),
                                                         "variable \(variable.name), row \(row + 1): \"\(text)\" is not a duration; left empty"))
                    }
                }
            }
            variable.values = .numbers(values, tags: [:])
            variable.measure = .scale
        }
        let text = variable.translatedLabel ?? Translations(variable.label ?? variable.name)
        var question = DraftQuestion(id: ids.id(for: variable.name, position: index + 1), source: variable.name,
                                     text: text, type: "text", column: ResponseColumn(header: "", cells: .strings([])))
        question.notes = variable.notes
        if role == .duration {
            question.notes.append("Wenjuanxing's 所用时间 (time taken), in seconds")
        }
        if let declared = variable.declaredType {
            declaredQuestion(&question, variable, declared, index: index)
            question.column.header = question.id
            return question
        }
        switch variable.values {
        case .numbers(let values, let tags):
            numericQuestion(&question, variable, values: values, tags: tags, index: index, isWJX: isWJX)
        case .strings(let texts) where table.format.isStatisticalPackage && variable.valueLabels.isEmpty:
            // A string variable of SPSS, Stata or SAS without value labels is free text.
            question.type = "text"
            question.column.cells = .strings(texts)
        case .strings(let texts):
            textQuestion(&question, variable, texts: texts, index: index, isWJX: isWJX)
        }
        question.column.header = question.id
        return question
    }

    mutating func numericQuestion(_ q: inout DraftQuestion, _ variable: SourceVariable, values: [Double], tags: [Int: Character],
                                  index: Int, isWJX: Bool) {
        q.column.cells = .numbers(values, tags: tags)
        // Observed values, in order, with the first row of each.
        var firstRow: [Double: Int] = [:]
        for (row, x) in values.enumerated() where !x.isNaN && firstRow[x] == nil { firstRow[x] = row }
        var missing: [(code: String, why: String)] = []
        var missingSet = Set<Double>()
        for x in variable.missingValues { missingSet.insert(x) }
        for x in firstRow.keys where variable.missingRanges.contains(where: { $0.contains(x) }) { missingSet.insert(x) }
        if isWJX {
            for code in Wenjuanxing.skippedCodes { if let x = Double(code), firstRow[x] != nil { missingSet.insert(x) } }
        }
        let labelOf = Dictionary(variable.valueLabels.compactMap { l -> (Double, String)? in
            if case .number(let x) = l.value { return (x, l.label) } else { return nil }
        }, uniquingKeysWith: { a, _ in a })
        for x in missingSet.sorted() {
            var why = labelOf[x].map { "\(CodeText.number(x)) \($0)" } ?? CodeText.number(x)
            if isWJX, Wenjuanxing.skippedCodes.contains(CodeText.number(x)), !variable.isDeclaredMissing(x) {
                why += x == -3 ? " (Wenjuanxing: skipped)" : " (Wenjuanxing: not shown)"
            }
            missing.append((CodeText.number(x), why))
        }
        let tagLetters = Set(tags.values).sorted()
        for tag in tagLetters {
            missing.append((".\(tag)", variable.missingLabels[tag].map { ".\(tag) \($0)" } ?? ".\(tag)"))
        }
        if !missing.isEmpty {
            q.missing = missing.map(\.code)
            q.missingNote = (missing.count == 1 ? "missing: " : "missing: ") + missing.map(\.why).joined(separator: ", ")
            if !variable.missingValues.isEmpty || !variable.missingRanges.isEmpty || !tagLetters.isEmpty {
                q.missingNote! += "; declared missing in the file"
            }
            if !variable.missingRanges.isEmpty {
                q.missingNote! += " (range " + variable.missingRanges.map { "\(CodeText.number($0.lowerBound)) thru \(CodeText.number($0.upperBound))" }.joined(separator: ", ") + ")"
            }
        }
        let labelled = variable.valueLabels.filter {
            if case .number(let x) = $0.value { return !missingSet.contains(x) && !variable.isDeclaredMissing(x) }
            return false
        }
        let valid = firstRow.keys.filter { !missingSet.contains($0) }
        if !labelled.isEmpty && !(variable.measure == .scale && valid.count > labelled.count * 2) {
            q.options = labelled.map { AnswerOption(code: $0.value.text, label: $0.translated ?? Translations($0.label)) }
            let known = Set(labelled.map(\.value.text))
            for x in valid.sorted() where !known.contains(CodeText.number(x)) {
                let code = CodeText.number(x)
                q.options.append(AnswerOption(code: code, label: Translations("unlabelled \(code)")))
                summary.warnings.append(.warning(at: location(row: firstRow[x]!, variable: index),
                                                 "variable \(variable.name), row \(firstRow[x]! + 1): \(code) is not in its label set; kept as the option \"unlabelled \(code)\"",
                                                 hint: "give it a label in codebook.yaml"))
            }
            let ordered = labelled.map(\.label)
            switch variable.measure {
            case .ordinal where (4...11).contains(labelled.count):
                q.type = "likert"
                q.inferences.append("likert from \(labelled.count) ordered labels (measurement level ordinal)")
            case .unknown where Scales.isLikert(ordered):
                q.type = "likert"
                q.inferences.append("likert: the labels are a known agreement scale")
            case .unknown:
                q.type = "single"
                q.inferences.append("single from its \(labelled.count) value labels (the file has no measurement level)")
            default:
                q.type = "single"
            }
            return
        }
        let wholeNumbers = valid.allSatisfy { $0.rounded() == $0 }
        if variable.measure != .scale, wholeNumbers, (2...12).contains(valid.count) {
            if variable.measure == .unknown && valid.count > 7 {
                q.type = "numeric"
                q.inferences.append("numeric: \(valid.count) distinct whole numbers and no value labels")
                return
            }
            q.type = "single"
            q.options = valid.sorted().map { AnswerOption(code: CodeText.number($0), label: Translations(CodeText.number($0))) }
            q.inferences.append("single: \(valid.count) distinct whole numbers and no value labels; give the options their labels")
            return
        }
        q.type = "numeric"
        if variable.measure != .scale {
            q.inferences.append("numeric: \(valid.count) distinct values and no value labels")
        }
    }

    /// A question whose type a form definition (REDCap, XLSForm) declares.
    mutating func declaredQuestion(_ q: inout DraftQuestion, _ variable: SourceVariable, _ declared: SourceVariable.DeclaredType, index: Int) {
        switch (declared, variable.values) {
        case (.text, _):
            q.type = "text"
            q.column.cells = cells(variable.values)
        case (.numeric, .numbers(let values, let tags)), (.single, .numbers(let values, let tags)):
            numericQuestion(&q, variable, values: values, tags: tags, index: index, isWJX: false)
            if case .numeric = declared { q.type = "numeric"; q.options = []; q.inferences = [] }
        case (.numeric, .strings):
            q.type = "text"
            q.column.cells = cells(variable.values)
            summary.warnings.append(.warning(at: location(row: 0, variable: index),
                                             "variable \(variable.name): the form says numbers but the data hold text; imported as text"))
        case (.single, .strings(let texts)), (.multi, .strings(let texts)):
            q.options = variable.valueLabels.map { AnswerOption(code: $0.value.text, label: $0.translated ?? Translations($0.label)) }
            var known = Set(q.options.map(\.code))
            var separator: String?
            if case .multi(let s) = declared { separator = s }
            for (row, raw) in texts.enumerated() {
                let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
                let codes = separator.map { text.components(separatedBy: $0).filter { !$0.isEmpty } } ?? (text.isEmpty ? [] : [text])
                for code in codes where !known.contains(code) {
                    known.insert(code)
                    q.options.append(AnswerOption(code: code, label: Translations("unlabelled \(code)")))
                    summary.warnings.append(.warning(at: location(row: row, variable: index),
                                                     "variable \(variable.name), row \(row + 1): \(code) is not one of its choices; kept as the option \"unlabelled \(code)\""))
                }
            }
            let identity = Dictionary(q.options.map { ($0.code, $0.code) }, uniquingKeysWith: { a, _ in a })
            if let separator {
                q.type = "multi"
                q.column.cells = .joinedLabels(texts, separator: separator, codes: identity)
            } else {
                q.type = "single"
                q.column.cells = .coded(texts, codes: identity)
            }
        case (.multi, .numbers(let values, let tags)):
            // One choice per cell, written as a number: a multi question answered once.
            numericQuestion(&q, variable, values: values, tags: tags, index: index, isWJX: false)
            q.type = "multi"
        }
    }

    /// Skip logic from a form, as `asked_if` where it says what `asked_if` can and the data agree;
    /// otherwise kept as a comment, and reported.
    mutating func applySkipLogic(_ draft: inout DraftCodebook) {
        var idOf: [String: Int] = [:]
        for (i, q) in draft.questions.enumerated() {
            for name in q.source.split(separator: " ") { idOf[String(name)] = i }
            idOf[q.source] = i
        }
        for set in table.responseSets { if let first = set.variables.first, let i = idOf[first] { idOf[set.name] = i } }
        for variable in table.variables {
            guard let logic = variable.skipLogic, let target = idOf[variable.name] else { continue }
            let name = draft.questions[target].id
            func keep(_ why: String) {
                draft.questions[target].askedIfNote = "skip logic in the form: \(logic.text) (\(why))"
                summary.warnings.append(.warning(at: SourceLocation(file: table.path, line: 1, column: 1),
                                                 "\(name): skip logic \"\(logic.text)\" is not applied: \(why); it is kept as a comment in the codebook"))
            }
            guard let terms = logic.terms else {
                keep("asked_if says only which answers of other questions ask it")
                continue
            }
            var conditions: [(question: String, codes: [String])] = []
            var controlling: [(index: Int, codes: Set<String>)] = []
            var problem: String?
            for term in terms {
                guard let c = idOf[term.variable] else { problem = "it names \(term.variable), which was not imported"; break }
                let question = draft.questions[c]
                guard ["single", "likert", "multi"].contains(question.type) else { problem = "\(question.id) is a \(question.type) question"; break }
                let codes = Set(question.options.map(\.code))
                guard term.codes.allSatisfy(codes.contains) else { problem = "it names codes \(question.id) does not have"; break }
                conditions.append((question.id, term.codes))
                controlling.append((c, Set(term.codes)))
            }
            if let problem { keep(problem); continue }
            let answeredAnyway = answersWhereNotAsked(draft.questions[target], controlling.map { (draft.questions[$0.index], $0.codes) })
            if answeredAnyway > 0 {
                keep("\(answeredAnyway) respondents answered where it says they were not asked")
                continue
            }
            draft.questions[target].askedIf = conditions
        }
    }

    /// How many respondents answered `question` where the conditions say it was not asked.
    func answersWhereNotAsked(_ question: DraftQuestion, _ conditions: [(DraftQuestion, Set<String>)]) -> Int {
        var count = 0
        var bytes: [UInt8] = []
        func cell(_ q: DraftQuestion, _ row: Int) -> String {
            bytes.removeAll(keepingCapacity: true)
            ResponsesWriter.appendCell(q.column.cells, row: row, to: &bytes)
            var text = String(decoding: bytes, as: UTF8.self)
            if text.hasPrefix("\"") { text = String(text.dropFirst().dropLast()) }
            return text
        }
        for row in 0..<table.rowCount {
            let answer = cell(question, row)
            if answer.isEmpty || question.missing.contains(answer) { continue }
            let asked = conditions.allSatisfy { q, codes in
                cell(q, row).split(separator: ";").contains { codes.contains(String($0)) }
            }
            if !asked { count += 1 }
        }
        return count
    }

    mutating func textQuestion(_ q: inout DraftQuestion, _ variable: SourceVariable, texts: [String], index: Int, isWJX: Bool) {
        switch ValueCoding.classify(texts) {
        case .numbers(let values):
            var copy = variable
            copy.values = .numbers(values, tags: [:])
            numericQuestion(&q, copy, values: values, tags: [:], index: index, isWJX: isWJX)
        case .labels(let labels, let scale):
            var codes: [String: String] = [:]
            var options: [AnswerOption] = []
            var missing: [String] = []
            for label in labels {
                if isWJX, let code = Wenjuanxing.skippedLabels[label] {
                    codes[label] = code
                    missing.append(code)
                    continue
                }
                let code = String(options.count + 1)
                codes[label] = code
                options.append(AnswerOption(code: code, label: Translations(label)))
            }
            q.options = options
            q.missing = missing
            if !missing.isEmpty { q.missingNote = "Wenjuanxing's codes for skipped (-3) and not shown (-2)" }
            q.column.cells = .coded(texts, codes: codes)
            if scale && options.count >= 4 {
                q.type = "likert"
                q.inferences.append("likert: codes 1–\(options.count) in the order of a known scale")
            } else {
                q.type = "single"
                q.inferences.append(scale ? "single: codes in the order of a known scale"
                                          : options.count == 1 ? "single: code 1 given to the one answer" : "single: codes 1–\(options.count) given to the answers in order of first appearance; reorder them if the answers have an order")
            }
        case .joinedLabels(let labels):
            var codes: [String: String] = [:]
            for (i, label) in labels.enumerated() { codes[label] = String(i + 1) }
            q.type = "multi"
            q.options = labels.enumerated().map { AnswerOption(code: String($0.offset + 1), label: Translations($0.element)) }
            q.column.cells = .joinedLabels(texts, separator: ValueCoding.multiSeparator, codes: codes)
            q.inferences.append("multi: answers joined by ┋; codes 1–\(labels.count) in order of first appearance")
        case .freeText:
            q.type = "text"
            q.column.cells = .strings(texts)
        }
    }
}
