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
    public static func compose(_ text: String, source: String) throws(DiagnosticsError) -> Node? {
        do {
            return try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw DiagnosticsError(diagnostic(for: error, source: source, text: text))
        } catch {
            throw DiagnosticsError(.error(at: .start(of: source), "cannot read YAML: \(error)"))
        }
    }

    /// Yams points at the first of two equal keys; the author wants the repeat.
    static func secondOccurrence(of key: String, after first: Mark, in text: String) -> (line: Int, column: Int)? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard first.line >= 1, first.line <= lines.count else { return nil }
        for index in first.line..<lines.count {
            let line = Array(lines[index].unicodeScalars)
            let start = first.column - 1
            guard start >= 0, start < line.count else { continue }
            let rest = String(String.UnicodeScalarView(line[start...]))
            for candidate in [key, "\"\(key)\"", "'\(key)'"] where rest.hasPrefix(candidate) {
                let after = rest.dropFirst(candidate.count).drop { $0 == " " }
                if after.hasPrefix(":") && line[..<start].allSatisfy({ $0 == " " || $0 == "-" || $0 == "{" || $0 == "," }) {
                    return (index + 1, first.column)
                }
            }
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
            return .error(at: at(mark), "YAML syntax: \(text)")
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
