import Foundation

/// A REDCap project: its data dictionary (the 18-column CSV) and a raw data export. Field types
/// give question types, `Choices, Calculations, OR Slider Labels` the options, checkbox fields
/// (`field___1`, `field___2` …) become one multi question, section headers notes, `Identifier?`
/// fields are left out, and `Branching Logic` of the simple forms becomes `asked_if`.
enum REDCapImport {
    static let fieldNameHeaders = ["variable / field name", "field_name"]

    /// Which of the files is a data dictionary; nil when none is.
    static func dictionaryIndex(_ request: ImportRequest) -> Int? {
        for (i, file) in request.files.enumerated() where SourceFormat.from(fileName: file.path) == .csv {
            guard let handle = FileHandle(forReadingAtPath: file.path), let head = try? handle.read(upToCount: 4096) else { continue }
            let text = String(decoding: head, as: UTF8.self).lowercased()
            let firstLine = text.split(separator: "\n").first.map(String.init) ?? ""
            if fieldNameHeaders.contains(where: { firstLine.contains($0) }) { return i }
        }
        return nil
    }

    static func read(_ request: ImportRequest) throws(ImportError) -> (SourceTable, [String: Wenjuanxing.Role], [String]) {
        guard request.files.count == 2, let d = dictionaryIndex(request) else {
            throw ImportError(request.files[0].display, "a REDCap import needs the data dictionary (CSV) and the raw data export (CSV)")
        }
        let dictionaryFile = request.files[d]
        let dataFile = request.files[1 - d]
        let dictionary = try TextTable.csvRows(file: dictionaryFile, encoding: request.encoding).rows
        let dataRows = try TextTable.csvRows(file: dataFile, encoding: request.encoding).rows
        var data = try TextTable.table(rows: dataRows, path: dataFile.display, format: .csv)
        let header = dictionary[0].map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        func column(_ names: String...) -> Int? {
            header.firstIndex { h in names.contains { h == $0 || h.hasPrefix($0) } }
        }
        guard let nameColumn = column("variable / field name", "field_name"), let typeColumn = column("field type", "field_type") else {
            throw ImportError(dictionaryFile.display, "the data dictionary has no Variable / Field Name or Field Type column")
        }
        let labelColumn = column("field label", "field_label")
        let choicesColumn = column("choices, calculations, or slider labels", "select_choices_or_calculations")
        let validationColumn = column("text validation type", "text_validation_type_or_show_slider_number")
        let identifierColumn = column("identifier?", "identifier")
        let branchingColumn = column("branching logic", "branching_logic")
        let sectionColumn = column("section header", "section_header")
        func cell(_ row: [String], _ c: Int?) -> String {
            guard let c, c < row.count else { return "" }
            return row[c].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        var ordered: [SourceVariable] = []
        var used = Set<String>()
        var did = ["read \(dictionaryFile.display): REDCap data dictionary, \(dictionary.count - 1) fields",
                   "read \(dataFile.display): REDCap data export, \(data.rowCount) records"]
        for (r, row) in dictionary.dropFirst().enumerated() {
            let name = cell(row, nameColumn)
            let type = cell(row, typeColumn).lowercased()
            guard !name.isEmpty else { continue }
            let label = plainText(cell(row, labelColumn))
            let choices = parseChoices(cell(row, choicesColumn))
            var notes: [String] = []
            let section = plainText(cell(row, sectionColumn))
            if !section.isEmpty { notes.append("REDCap section: \(section)") }
            let branching = cell(row, branchingColumn)
            let identifier = cell(row, identifierColumn).lowercased() == "y"
            if r == 0 { data.idVariable = name }
            if type == "checkbox" {
                var members: [SourceVariable] = []
                var codes: [String] = []
                for choice in choices {
                    let exported = name + "___" + choice.code.lowercased().replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "_")
                    guard var variable = data.variable(named: exported) else { continue }
                    variable.label = choice.label
                    variable.name = name + "___" + choice.code
                    members.append(variable)
                    codes.append(choice.code)
                    used.insert(exported)
                }
                guard !members.isEmpty else { continue }
                members[0].notes = notes
                members[0].skipLogic = branching.isEmpty ? nil : SkipLogic.redcap(branching)
                members[0].isIdentifier = identifier
                ordered += members
                var set = ResponseSet(name: name, label: label, variables: members.map(\.name), kind: .dichotomies(countedValue: .number(1)))
                set.codes = codes
                data.responseSets.append(set)
                continue
            }
            guard var variable = data.variable(named: name) else { continue }
            used.insert(name)
            variable.label = label.isEmpty ? name : label
            variable.notes = notes
            variable.isIdentifier = identifier
            if !branching.isEmpty { variable.skipLogic = SkipLogic.redcap(branching) }
            switch type {
            case "radio", "dropdown":
                variable.declaredType = .single
                variable.valueLabels = choices.map { ValueLabel(value: value($0.code), label: $0.label) }
            case "yesno":
                variable.declaredType = .single
                variable.valueLabels = [ValueLabel(value: .number(1), label: "Yes"), ValueLabel(value: .number(0), label: "No")]
            case "truefalse":
                variable.declaredType = .single
                variable.valueLabels = [ValueLabel(value: .number(1), label: "True"), ValueLabel(value: .number(0), label: "False")]
            case "calc", "slider":
                variable.declaredType = .numeric
            case "text":
                let validation = cell(row, validationColumn).lowercased()
                variable.declaredType = validation.hasPrefix("integer") || validation.hasPrefix("number") ? .numeric : .text
            default:
                variable.declaredType = .text
            }
            if case .single? = variable.declaredType { variable.measure = .nominal }
            ordered.append(variable)
        }
        let leftOut = data.variables.filter { !used.contains($0.name) }.map(\.name)
        if !leftOut.isEmpty {
            did.append("not in the dictionary, left out: " + leftOut.joined(separator: ", ") + " (REDCap's form status and event columns)")
        }
        data.variables = ordered
        return (data, [:], did)
    }

    /// `1, Yes | 2, No` → [(1, Yes), (2, No)].
    static func parseChoices(_ text: String) -> [(code: String, label: String)] {
        text.split(separator: "|").compactMap { part in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard let comma = trimmed.firstIndex(of: ",") else { return nil }
            let code = trimmed[..<comma].trimmingCharacters(in: .whitespaces)
            let label = trimmed[trimmed.index(after: comma)...].trimmingCharacters(in: .whitespaces)
            return code.isEmpty ? nil : (code, plainText(label))
        }
    }

    static func value(_ code: String) -> SourceValue {
        ValueCoding.number(code).map(SourceValue.number) ?? .text(code)
    }

    /// Field labels may hold HTML; the codebook takes the text.
    static func plainText(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
