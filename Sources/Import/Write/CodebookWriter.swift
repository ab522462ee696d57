import SurveyData
/// codebook.yaml from a draft, as an author would write it: one question after another, the
/// source variable named, every inference a `# inferred:` comment above what it decided.
enum CodebookWriter {
    static func text(of draft: DraftCodebook) -> String {
        var out = ""
        for line in draft.header { out += "# \(line)\n" }
        if let block = draft.surveyBlock {
            out += block
        } else {
            out += "survey:\n"
            out += "  id: \(scalar(draft.surveyID))\n"
            if let title = draft.title { out += "  title: \(translations(title))\n" }
            out += "  respondents_file: responses.csv\n"
            out += "  id_column: \(scalar(draft.idColumn))\n"
            if let weight = draft.weightColumn { out += "  weight_column: \(scalar(weight))\n" }
            if !draft.missing.isEmpty { out += "  missing: \(list(draft.missing))\n" }
        }
        out += "\nquestions:\n"
        for (i, question) in draft.questions.enumerated() {
            if i > 0 { out += "\n" }
            out += text(of: question)
        }
        return out
    }

    static func text(of q: DraftQuestion) -> String {
        var out = ""
        for note in q.notes { out += comment(note, indent: "  ") }
        for inference in q.inferences { out += comment("inferred: " + inference, indent: "  ") }
        out += "  - id: \(scalar(q.id))\n"
        out += "    source: \(scalar(q.source))\n"
        out += "    type: \(q.type)\n"
        out += "    text: \(translations(q.text))\n"
        if let label = q.label { out += "    label: \(translations(label))\n" }
        if !q.askedIf.isEmpty {
            let conditions = q.askedIf.map { "\(scalar($0.question)): \(list($0.codes))" }.joined(separator: ", ")
            out += "    asked_if: {\(conditions)}\n"
        }
        if let note = q.askedIfNote { out += comment(note, indent: "    ") }
        if let max = q.maxChoices { out += "    max_choices: \(max)\n" }
        if !q.options.isEmpty {
            out += "    options:\n"
            for option in q.options { out += "      \(scalar(option.code)): \(translations(option.label))\n" }
        }
        if !q.topBox.isEmpty { out += "    top_box: \(list(q.topBox))\n" }
        if !q.missing.isEmpty {
            out += "    missing: \(list(q.missing))"
            if let note = q.missingNote { out += "  # \(note.singleLine)" }
            out += "\n"
        }
        if let publish = q.publish { out += "    publish: \(publish)\n" }
        return out
    }

    static func comment(_ text: String, indent: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "\(indent)# \($0)\n" }.joined()
    }

    static func translations(_ t: Translations) -> String {
        if t.entries.count == 1, t.entries[0].language.isEmpty { return scalar(t.entries[0].text) }
        return "{" + t.entries.map { "\($0.language.isEmpty ? "en" : $0.language): \(scalar($0.text))" }.joined(separator: ", ") + "}"
    }

    static func list(_ items: [String]) -> String {
        "[" + items.map { quoted($0) }.joined(separator: ", ") + "]"
    }

    /// A YAML scalar: plain when YAML reads it back as the same text, else double-quoted.
    static func scalar(_ text: String) -> String {
        isPlain(text) ? text : quoted(text)
    }

    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Letters, digits, `_`, `-`, `.` and spaces inside, starting with a letter or digit, not a
    /// word YAML reads as something else (`yes`, `null`, `true`, `~`).
    static func isPlain(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first),
              let last = text.unicodeScalars.last, last != " " else { return false }
        let reserved: Set<String> = ["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"]
        guard !reserved.contains(text.lowercased()) else { return false }
        // Numbers YAML might normalise (leading zeros, exponents, 0x, 0o) stay quoted.
        if text.count > 1, text.hasPrefix("0"), !text.hasPrefix("0.") { return false }
        if text.contains(where: { $0 == "e" || $0 == "E" }), Double(text) != nil { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil || "_-. ".unicodeScalars.contains($0) }
            && !text.contains("  ") && !text.contains(" #")
    }
}

extension String {
    var singleLine: String { replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ") }
}
