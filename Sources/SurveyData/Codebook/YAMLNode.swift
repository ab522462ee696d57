import Diagnostics
import Yams

/// Small helpers over Yams' composed nodes, which keep every value's position.
extension Node {
    func location(in source: String) -> SourceLocation {
        SourceLocation(file: source, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// The mapping's value for `key`, with the key node (for its position).
    func entry(_ key: String) -> (key: Node, value: Node)? {
        guard case .mapping(let mapping) = self else { return nil }
        for (k, v) in mapping where k.string == key { return (k, v) }
        return nil
    }

    subscript(key key: String) -> Node? { entry(key)?.value }

    var isMapping: Bool { if case .mapping = self { return true } else { return false } }
    var isSequence: Bool { if case .sequence = self { return true } else { return false } }
    var isScalar: Bool { if case .scalar = self { return true } else { return false } }

    /// A scalar's text as written (so `Yes` stays "Yes", `01` stays "01").
    var scalarText: String? { if case .scalar(let s) = self { return s.string } else { return nil } }

    /// A scalar or a sequence of scalars, as text; nil for anything else.
    var scalarList: [String]? {
        if let s = scalarText { return [s] }
        guard case .sequence(let seq) = self else { return nil }
        var out: [String] = []
        for item in seq {
            guard let s = item.scalarText else { return nil }
            out.append(s)
        }
        return out
    }
}

/// Turns a Yams failure into a diagnostic at the YAML's own line and column.
public enum YAMLDiagnostics {
    /// `resolver`: `.default` tags plain scalars (`yes` a bool, `2024-06-01` a timestamp) by
    /// regular expressions; `.basic` tags every one a string, for readers that only take a
    /// scalar's text (`scalarText`, `string`), where the tag is never looked at.
    public static func compose(_ text: String, source: String, resolver: Resolver = .default) throws(DiagnosticsError) -> Node? {
        do {
            // UTF-8 named outright: the default looks the encoding up in the environment on every call.
            return try Yams.compose(yaml: text, resolver, .default, .utf8)
        } catch let error as YamlError {
            throw DiagnosticsError(diagnostic(for: error, source: source, text: text))
        } catch {
            throw DiagnosticsError(.error(at: .start(of: source), "cannot read YAML: \(error)"))
        }
    }

    /// Yams points at the first of two equal keys; the author wants the repeat. It is the next
    /// place the key stands as a key: later on the same line (flow style) or at the same column
    /// of a later line (block style).
    static func secondOccurrence(of key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let spellings = [key, "\"\(key)\"", "'\(key)'"].map { Array($0.unicodeScalars) }
        func isKey(at start: Int, in line: [Unicode.Scalar]) -> Bool {
            var before = start - 1
            while before >= 0 && line[before] == " " { before -= 1 }
            guard before < 0 || ["{", ",", "-"].contains(line[before]) else { return false }
            for spelling in spellings where start + spelling.count <= line.count && Array(line[start..<start + spelling.count]) == spelling {
                var after = start + spelling.count
                while after < line.count && line[after] == " " { after += 1 }
                if after < line.count && line[after] == ":" { return true }
            }
            return false
        }
        let firstLine = lines[first.line - 1]
        var column = first.column
        while column < firstLine.count {
            if isKey(at: column, in: firstLine) { return (first.line, column + 1) }
            column += 1
        }
        for index in first.line..<lines.count where first.column - 1 < lines[index].count {
            if isKey(at: first.column - 1, in: lines[index]) { return (index + 1, first.column) }
        }
        return nil
    }

    /// The usual cause of libyaml's common complaints, said in an author's terms.
    static func likelyFix(_ problem: String) -> String? {
        if problem.contains("mapping values are not allowed") {
            return "a value with \": \" in it (a label such as Privacy: data) must be quoted: \"Privacy: data\""
        }
        if problem.contains("cannot start any plain scalar") || problem.contains("found character that cannot start") {
            return "quote the value: text starting with @, `, %, | or > needs quotes"
        }
        if problem.contains("tab") { return "indent with spaces, not tabs" }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-'") {
            return "check the indentation: the lines of one list or mapping start in the same column"
        }
        if problem.contains("could not find expected ':'") { return "a key needs a colon and a space after it: key: value" }
        if problem.contains("did not find expected ',' or ']'") || problem.contains("did not find expected ',' or '}'") {
            return "a [list] or {mapping} on one line is not closed, or an item in it holds an unquoted , or :"
        }
        return nil
    }

    static func diagnostic(for error: YamlError, source: String, text: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: source, line: mark.line, column: mark.column) }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let text = context.map { "\($0.text); \(problem)" } ?? problem
            let opened = context.map { "it opened at line \($0.mark.line), column \($0.mark.column)" }
            let fix = likelyFix(problem)
            return .error(at: at(mark), "YAML syntax: \(text)", hint: [fix, opened].compactMap { $0 }.joined(separator: "; "))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let place = secondOccurrence(of: duplicates.first ?? "", after: context.mark, in: text)
                ?? (context.mark.line, context.mark.column)
            return .error(at: SourceLocation(file: source, line: place.line, column: place.column),
                          "duplicated key \(duplicates.map { "\"\($0)\"" }.joined(separator: ", ")) in a mapping",
                          hint: "each key may appear once")
        case .reader(let problem, _, _, _):
            return .error(at: .start(of: source), "YAML: \(problem)")
        default:
            return .error(at: .start(of: source), "YAML: \(error)")
        }
    }
}
