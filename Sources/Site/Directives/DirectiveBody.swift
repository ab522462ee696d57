import Diagnostics
import Markdown
import SurveyData
import Yams

/// The YAML body of a fenced directive block, with positions mapped back into the page file.
struct DirectiveBody {
    let source: String
    let block: SourceRange
    let mapping: Node.Mapping

    /// Parses the body of a fenced block that starts at `block`; errors point into the page.
    init(yaml: String, block: SourceRange, source: String, name: String) throws(DiagnosticsError) {
        self.source = source
        self.block = block
        // Lines before the body: the fence line itself, so YAML line 1 is the file's line block.startLine + 1.
        let padded = String(repeating: "\n", count: max(0, block.startLine)) + yaml
        let node: Node?
        do {
            node = try YAMLDiagnostics.compose(padded, source: source)
        }
        guard let node, case .mapping(let mapping) = node else {
            throw DiagnosticsError(.error(at: SourceLocation(file: source, line: block.startLine, column: block.startColumn),
                                          "a ```\(name) block needs a YAML mapping, such as `question: barriers`"))
        }
        self.mapping = mapping
    }

    func location(of node: Node) -> SourceLocation {
        SourceLocation(file: source, line: node.mark?.line ?? block.startLine,
                       column: (node.mark?.column ?? 1) + max(0, block.startColumn - 1))
    }

    var blockLocation: SourceLocation {
        SourceLocation(file: source, line: block.startLine, column: block.startColumn)
    }

    func value(_ key: String) -> Node? { mapping[key] }

    func string(_ key: String) -> String? { mapping[key]?.string }

    /// Errors for keys the directive does not know, with a hint.
    func unknownKeys(allowed: [String]) -> [Diagnostic] {
        mapping.compactMap { key, _ in
            let name = key.string ?? ""
            guard !allowed.contains(name) else { return nil }
            return .error(at: location(of: key), "unknown key \"\(name)\"", hint: Suggestion.hint(for: name, in: allowed))
        }
    }
}
