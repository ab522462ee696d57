import SurveyData
import Foundation

/// An XLSForm (Kobo, ODK, SurveyCTO): the form's `survey` and `choices` sheets with a data
/// export (CSV or xlsx, "XML values and headers"). `select_one` and `select_multiple` (one
/// column of space-separated choices, or one 0/1 column per choice), `integer`/`decimal`,
/// `text`; `label::English (en)` and `label::Chinese (zh)` become translations; `relevant` of
/// the simple forms becomes `asked_if`.
enum XLSFormImport {
    /// Which file is the form (a workbook with `survey` and `choices` sheets).
    static func formIndex(_ request: ImportRequest) -> Int? {
        for (i, file) in request.files.enumerated() where SourceFormat.from(fileName: file.path) == .xlsx {
            if let names = try? XLSXReader.sheetNames(path: file.path, displayPath: file.display),
               names.contains("survey"), names.contains("choices") { return i }
        }
        return nil
    }

    /// Form types with no answer to import, and those that identify the respondent's device or phone.
    static let structural: Set<String> = ["note", "begin group", "end group", "begin_group", "end_group", "begin repeat", "end repeat",
                                          "begin_repeat", "end_repeat", "start", "end", "today", "audit", "image", "audio", "video",
                                          "file", "geopoint", "geotrace", "geoshape", "barcode", "acknowledge", "hidden", "username"]
    static let deviceIdentifiers: Set<String> = ["deviceid", "subscriberid", "simserial", "phonenumber", "email"]
    static let platformColumns: Set<String> = ["_id", "_uuid", "_submission_time", "_index", "_validation_status", "_notes",
                                               "_status", "_submitted_by", "_tags", "__version__", "_xform_id_string", "_attachments",
                                               "_geolocation", "meta/instanceid", "meta-instanceid", "meta/instancename", "key",
                                               "submissiondate", "start", "end", "today", "deviceid", "formhub/uuid"]

    static func read(_ request: ImportRequest) throws(ImportError) -> (SourceTable, [String: Wenjuanxing.Role], [String]) {
        guard request.files.count == 2, let f = formIndex(request) else {
            throw ImportError(request.files[0].display, "an XLSForm import needs the form (.xlsx with survey and choices sheets) and its data export")
        }
        let form = request.files[f]
        let dataFile = request.files[1 - f]
        let survey = try XLSXReader.read(path: form.path, displayPath: form.display, sheet: "survey")
        let choicesSheet = try XLSXReader.read(path: form.path, displayPath: form.display, sheet: "choices")
        let dataFormat = SourceFormat.from(fileName: dataFile.path) ?? .csv
        var copy = request
        copy.sheet = nil
        var (data, _) = try SourceReading.textTable(dataFile, format: dataFormat, request: copy)
        guard let surveyHeader = survey.first, let choicesHeader = choicesSheet.first else {
            throw ImportError(form.display, "the form's survey or choices sheet is empty")
        }
        let sHeader = surveyHeader.map { $0.trimmingCharacters(in: .whitespaces) }
        let cHeader = choicesHeader.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let typeColumn = sHeader.firstIndex(of: "type"), let nameColumn = sHeader.firstIndex(of: "name") else {
            throw ImportError(form.display, "the survey sheet needs type and name columns")
        }
        let relevantColumn = sHeader.firstIndex(of: "relevant")
        let surveyLabels = labelColumns(sHeader)
        guard let listColumn = cHeader.firstIndex(where: { $0 == "list_name" || $0 == "list name" }),
              let choiceNameColumn = cHeader.firstIndex(of: "name") else {
            throw ImportError(form.display, "the choices sheet needs list_name and name columns")
        }
        let choiceLabels = labelColumns(cHeader)
        var lists: [String: [ValueLabel]] = [:]
        for row in choicesSheet.dropFirst() {
            let list = row[listColumn].trimmingCharacters(in: .whitespaces)
            let name = row[choiceNameColumn].trimmingCharacters(in: .whitespaces)
            guard !list.isEmpty, !name.isEmpty else { continue }
            let text = translations(row, choiceLabels) ?? Translations(name)
            var label = ValueLabel(value: .text(name), label: text.first)
            label.translated = text
            lists[list, default: []].append(label)
        }
        // Data columns by the last part of their path (`group/q1`, `group-q1` → q1).
        var columnOf: [String: Int] = [:]
        for (i, variable) in data.variables.enumerated() {
            let name = variable.name
            columnOf[name] = i
            if let slash = name.lastIndex(where: { $0 == "/" }) {
                let last = String(name[name.index(after: slash)...])
                if columnOf[last] == nil { columnOf[last] = i }
            }
        }
        var ordered: [SourceVariable] = []
        var did = ["read \(form.display): XLSForm, \(survey.count - 1) rows in its survey sheet",
                   "read \(dataFile.display): data export, \(data.rowCount) submissions"]
        var leftOut: [String] = []
        var used = Set<Int>()
        for row in survey.dropFirst() {
            let typeText = row[typeColumn].trimmingCharacters(in: .whitespaces)
            let name = row[nameColumn].trimmingCharacters(in: .whitespaces)
            let parts = typeText.split(separator: " ", maxSplits: 1).map(String.init)
            guard let type = parts.first?.lowercased(), !name.isEmpty, !structural.contains(typeText.lowercased()), !structural.contains(type) else { continue }
            if deviceIdentifiers.contains(type) {
                if let c = columnOf[name] { used.insert(c) }
                leftOut.append(name)
                continue
            }
            let text = translations(row, surveyLabels) ?? Translations(name)
            let relevant = relevantColumn.map { row[$0].trimmingCharacters(in: .whitespaces) } ?? ""
            let list = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? "" : ""
            if type == "select_multiple" || type == "select_multiple_from_file" {
                let choices = lists[list] ?? []
                if let c = columnOf[name] {
                    used.insert(c)
                    var variable = data.variables[c]
                    variable.name = name
                    variable.translatedLabel = text
                    variable.label = text.first
                    variable.valueLabels = choices
                    variable.declaredType = .multi(separator: " ")
                    if case .numbers(let numbers, _) = variable.values {
                        variable.values = .strings(numbers.map { $0.isNaN ? "" : CodeText.number($0) })
                    }
                    if !relevant.isEmpty { variable.skipLogic = SkipLogic.xlsform(relevant) }
                    ordered.append(variable)
                    for choice in choices { if let split = columnOf["\(data.variables[c].name)/\(choice.value.text)"] { used.insert(split) } }
                } else {
                    // Only the split columns `q/choice`, 0/1.
                    var members: [SourceVariable] = []
                    var codes: [String] = []
                    for choice in choices {
                        guard let c = data.variables.firstIndex(where: { $0.name == "\(name)/\(choice.value.text)" || $0.name.hasSuffix("/\(name)/\(choice.value.text)") }) else { continue }
                        used.insert(c)
                        var member = data.variables[c]
                        member.name = "\(name)_\(choice.value.text)"
                        member.label = choice.label
                        member.translatedLabel = choice.translated
                        members.append(member)
                        codes.append(choice.value.text)
                    }
                    guard !members.isEmpty else { continue }
                    if !relevant.isEmpty { members[0].skipLogic = SkipLogic.xlsform(relevant) }
                    ordered += members
                    var set = ResponseSet(name: name, label: text.first, variables: members.map(\.name), kind: .dichotomies(countedValue: .number(1)))
                    set.codes = codes
                    set.translatedLabel = text
                    data.responseSets.append(set)
                }
                continue
            }
            guard let c = columnOf[name] else { continue }
            used.insert(c)
            var variable = data.variables[c]
            variable.name = name
            variable.translatedLabel = text
            variable.label = text.first
            if !relevant.isEmpty { variable.skipLogic = SkipLogic.xlsform(relevant) }
            switch type {
            case "select_one", "select_one_from_file":
                variable.declaredType = .single
                variable.measure = .nominal
                let choices = lists[list] ?? []
                if case .numbers(let numbers, _) = variable.values {
                    // Choice names that are numbers: keep them as numbers, labelled.
                    variable.values = .numbers(numbers, tags: [:])
                    variable.valueLabels = choices.map { choice in
                        var label = ValueLabel(value: ValueCoding.number(choice.value.text).map(SourceValue.number) ?? choice.value, label: choice.label)
                        label.translated = choice.translated
                        return label
                    }
                } else {
                    variable.valueLabels = choices
                }
            case "integer", "decimal", "range":
                variable.declaredType = .numeric
            case "text", "date", "datetime", "time", "string":
                variable.declaredType = .text
            default:
                break
            }
            ordered.append(variable)
        }
        for (i, variable) in data.variables.enumerated() where !used.contains(i) {
            if variable.name == "_uuid" || variable.name == "meta/instanceID" || variable.name == "KEY" || variable.name == "_id" {
                if data.idVariable == nil || variable.name == "_uuid" {
                    data.idVariable = variable.name
                }
            }
        }
        if let id = data.idVariable, let c = data.variables.firstIndex(where: { $0.name == id }) {
            ordered.insert(data.variables[c], at: 0)
            used.insert(c)
        }
        let platform = data.variables.enumerated().filter { !used.contains($0.offset) }.map(\.element.name)
        if !platform.isEmpty { did.append("not questions of the form (the platform's own columns), left out: " + platform.joined(separator: ", ")) }
        if !leftOut.isEmpty { did.append("device and phone identifiers, left out: " + leftOut.joined(separator: ", ")) }
        data.variables = ordered
        return (data, [:], did)
    }

    /// `label`, `label::English (en)`, `label::Chinese (zh)`, `label::中文`: column and language.
    static func labelColumns(_ header: [String]) -> [(column: Int, language: String)] {
        header.enumerated().compactMap { i, name in
            if name == "label" { return (i, "") }
            guard name.hasPrefix("label::") else { return nil }
            let language = String(name.dropFirst("label::".count))
            if let open = language.lastIndex(of: "("), language.hasSuffix(")") {
                return (i, String(language[language.index(after: open)..<language.index(before: language.endIndex)]).lowercased())
            }
            let known = ["english": "en", "chinese": "zh", "中文": "zh", "简体中文": "zh", "french": "fr", "spanish": "es", "arabic": "ar"]
            return (i, known[language.lowercased()] ?? language.lowercased())
        }
    }

    static func translations(_ row: [String], _ columns: [(column: Int, language: String)]) -> Translations? {
        let entries = columns.compactMap { c -> (language: String, text: String)? in
            guard c.column < row.count else { return nil }
            let text = row[c.column].trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? nil : (c.language, text)
        }
        guard !entries.isEmpty else { return nil }
        if entries.count == 1 { return Translations(entries[0].text) }
        return Translations(entries: entries.map { ($0.language.isEmpty ? "en" : $0.language, $0.text) })
    }
}
