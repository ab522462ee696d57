import Diagnostics

/// A text export ("按文本", answers as labels) and a code export ("按序号", answers as codes) of
/// the same survey: the codes come from the one, their labels from the other, matched cell by
/// cell through the respondent's id (the first column, Wenjuanxing's 序号).
enum ExportPair {
    static func merge(_ a: SourceTable, _ b: SourceTable) throws(ImportError) -> SourceTable {
        let (codes, texts) = numericShare(a) >= numericShare(b) ? (a, b) : (b, a)
        guard let codeID = codes.variables.first, let textID = texts.variables.first(where: { $0.name == codeID.name }) else {
            throw ImportError(texts.path, "the two exports do not share an id column (\(codes.variables.first?.name ?? "none"))")
        }
        var rowOfID: [String: Int] = [:]
        for row in 0..<texts.rowCount { rowOfID[textID.values.text(at: row)] = row }
        var merged = codes
        var diagnostics: [Diagnostic] = []
        for (v, variable) in codes.variables.enumerated() {
            guard case .numbers(let numbers, _) = variable.values,
                  let t = texts.variables.firstIndex(where: { $0.name == variable.name }),
                  case .strings(let labels) = texts.variables[t].values else { continue }
            var labelOf: [Double: String] = [:]
            for row in 0..<codes.rowCount where !numbers[row].isNaN {
                guard let other = rowOfID[codeID.values.text(at: row)] else { continue }
                let label = labels[other].trimmingCharacters(in: .whitespacesAndNewlines)
                if label.isEmpty { continue }
                if let known = labelOf[numbers[row]], known != label {
                    diagnostics.append(.error(at: SourceLocation(file: texts.path, line: other + 2, column: t + 1),
                                              "column \(variable.name): code \(CodeText.number(numbers[row])) is \"\(known)\" elsewhere but \"\(label)\" here",
                                              hint: "are the two files exports of the same survey?"))
                    continue
                }
                labelOf[numbers[row]] = label
            }
            merged.variables[v].valueLabels = labelOf.keys.sorted().map { ValueLabel(value: .number($0), label: labelOf[$0]!) }
        }
        guard diagnostics.isEmpty else { throw ImportError(Array(diagnostics.prefix(DiagnosticCollector.defaultLimit))) }
        for variable in texts.variables where codes.variable(named: variable.name) == nil {
            if case .question(let number, let text)? = Wenjuanxing.header(variable.name) { merged.questionTexts[number] = text }
        }
        return merged
    }

    static func numericShare(_ table: SourceTable) -> Double {
        Double(table.variables.filter(\.isNumeric).count) / Double(max(1, table.variables.count))
    }
}
