import Diagnostics
import Foundation
import SurveyData

/// `findings import --update`: a new export of the same survey over the codebook the author has
/// edited. Questions are matched by `source:` (else by id); the author's ids, texts and
/// translations, types, options' labels and order, `top_box`, `asked_if`, `missing`, `publish`
/// and question order are kept, and the `survey:` block is kept as written. What the export
/// changed is reported: new and removed variables, new options, labels changed at the source.
enum CodebookUpdate {
    static func merge(_ draft: DraftCodebook, existing folder: (display: String, path: String),
                      summary: inout ImportSummary) throws(ImportError) -> DraftCodebook {
        let display = folder.display.hasSuffix("/") ? folder.display + "codebook.yaml" : folder.display + "/codebook.yaml"
        let path = URL(fileURLWithPath: folder.path).appendingPathComponent("codebook.yaml").path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ImportError(display, "--update needs an existing codebook here", hint: "import without --update the first time")
        }
        let codebook: Codebook
        do { codebook = try CodebookLoader.load(text: text, source: display) } catch {
            throw ImportError(error.diagnostics.map { d in
                var d = d
                d.hint = "fix the codebook before importing over it with --update"
                return d
            })
        }
        var merged = draft
        merged.surveyBlock = surveyBlock(of: text)
        merged.idColumn = codebook.idColumn
        if let id = merged.extraColumns.first { merged.extraColumns[0] = ResponseColumn(header: codebook.idColumn, cells: id.cells) }
        if let weight = codebook.weightColumn, merged.extraColumns.count > 1 {
            merged.extraColumns[1].header = weight
            merged.weightColumn = weight
        }
        var bySource: [String: Int] = [:]
        var byID: [String: Int] = [:]
        for (i, q) in draft.questions.enumerated() {
            bySource[q.source] = i
            byID[q.id] = i
        }
        var used = Set<Int>()
        var questions: [DraftQuestion] = []
        var removed: [String] = []
        for old in codebook.questions {
            guard let i = old.source.flatMap({ bySource[$0] }) ?? byID[old.id], !used.contains(i) else {
                removed.append(old.id)
                continue
            }
            used.insert(i)
            questions.append(carry(old, into: draft.questions[i], summary: &summary))
        }
        var ids = Set(questions.map(\.id))
        for (i, q) in draft.questions.enumerated() where !used.contains(i) {
            var new = q
            while ids.contains(new.id) { new.id += "_new" }
            ids.insert(new.id)
            new.column.header = new.id
            new.notes.insert("new in this export", at: 0)
            questions.append(new)
            summary.did.append("new variable \(q.source): added as \(new.id)")
        }
        for id in removed { summary.did.append("\(id) is not in this export: removed from the codebook") }
        merged.questions = questions
        // Ids that other questions' asked_if name must still exist.
        for (i, q) in merged.questions.enumerated() {
            let kept = q.askedIf.filter { ids.contains($0.question) }
            if kept.count != q.askedIf.count {
                merged.questions[i].askedIf = kept
                summary.did.append("\(q.id): asked_if named a removed question; that condition was dropped")
            }
        }
        return merged
    }

    /// The author's edits of `old` over the fresh `new`.
    static func carry(_ old: Question, into new: DraftQuestion, summary: inout ImportSummary) -> DraftQuestion {
        var q = new
        q.id = old.id
        q.text = old.text
        q.label = old.label
        q.inferences = []
        let compatible = old.type.isCategorical == ["single", "likert", "multi"].contains(new.type)
        if compatible { q.type = old.type.rawValue } else {
            summary.did.append("\(old.id): the export makes it \(new.type), the codebook said \(old.type.rawValue); now \(new.type)")
        }
        if q.type != "text" && q.type != "numeric" {
            var options: [AnswerOption] = []
            var codeOfLabel: [String: String] = [:]
            for option in old.options {
                for language in option.label.languages { codeOfLabel[option.label.byLanguage[language]!] = option.code }
            }
            var remap: [String: String] = [:]
            var taken = Set(old.options.map(\.code))
            var nextCode = (old.options.compactMap { Int($0.code) }.max() ?? 0) + 1
            let isCodedText: Bool
            switch new.column.cells {
            case .coded, .joinedLabels: isCodedText = true
            default: isCodedText = false
            }
            for option in old.options {
                var label = option.label
                if let fresh = new.options.first(where: { $0.code == option.code }), !isCodedText,
                   !option.label.isTranslated, fresh.label.first != option.label.text(in: "") {
                    summary.did.append("\(old.id): option \(option.code) is now labelled \"\(fresh.label.first)\" (was \"\(option.label.text(in: ""))\")")
                    label = fresh.label
                }
                options.append(AnswerOption(code: option.code, label: label))
            }
            for fresh in new.options {
                if isCodedText {
                    // Text exports: the author's code for this label, else a new one.
                    if let code = codeOfLabel[fresh.label.first] {
                        remap[fresh.code] = code
                        continue
                    }
                    while taken.contains(String(nextCode)) { nextCode += 1 }
                    remap[fresh.code] = String(nextCode)
                    taken.insert(String(nextCode))
                    options.append(AnswerOption(code: String(nextCode), label: fresh.label))
                    summary.did.append("\(old.id): new option \(nextCode) \"\(fresh.label.first)\"")
                } else if !taken.contains(fresh.code) {
                    taken.insert(fresh.code)
                    options.append(fresh)
                    summary.did.append("\(old.id): new option \(fresh.code) \"\(fresh.label.first)\"")
                }
            }
            q.options = options
            switch new.column.cells {
            case .coded(let texts, let codes):
                q.column.cells = .coded(texts, codes: codes.mapValues { remap[$0] ?? $0 })
            case .joinedLabels(let texts, let separator, let codes):
                q.column.cells = .joinedLabels(texts, separator: separator, codes: codes.mapValues { remap[$0] ?? $0 })
            default: break
            }
        } else {
            q.options = []
        }
        q.askedIf = old.askedIf.map { ($0.question, $0.codes) }
        q.askedIfNote = nil
        q.topBox = old.topBox
        q.maxChoices = old.maxChoices
        q.publish = old.publish ? true : nil
        q.missing = Array(Set(old.missing).union(new.missing)).sorted()
        q.missingNote = new.missingNote
        q.column.header = old.id
        return q
    }


    /// The lines of the `survey:` block as the author wrote them, with the comments above it.
    static func surveyBlock(of text: String) -> String? {
        let lines = text.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("survey:") }) else { return nil }
        var end = start + 1
        while end < lines.count, lines[end].isEmpty || lines[end].hasPrefix(" ") || lines[end].hasPrefix("#") { end += 1 }
        var block = Array(lines[start..<end])
        while block.last?.trimmingCharacters(in: .whitespaces).isEmpty == true || block.last?.hasPrefix("#") == true { block.removeLast() }
        return block.joined(separator: "\n") + "\n"
    }
}
