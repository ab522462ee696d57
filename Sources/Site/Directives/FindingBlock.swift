import Formats
import Analysis
import Diagnostics
import Markdown
import Words

/// A ```` ```finding ```` block: one key number, large, with its sentence.
///
/// ```yaml
/// finding: clinician_interest
/// sentence: of clinicians would like to take part in AI research and development.
/// ```
enum FindingBlock {
    static let keys = ["finding", "sentence", "form"]

    static func render(_ body: DirectiveBody, findings: Findings, disclosure: Disclosure,
                       words: Words, codebookPath: String = "codebook.html") throws(DiagnosticsError) -> (String, (String, SourceLocation)) {
        var diagnostics = DiagnosticCollector()
        diagnostics.append(contentsOf: body.unknownKeys(allowed: keys))
        guard let node = body.value("finding"), let name = node.string else {
            throw DiagnosticsError(.error(at: body.blockLocation, "a finding block needs `finding: NAME`"))
        }
        guard let value = findings.value(name) else {
            throw DiagnosticsError(.error(at: body.location(of: node), "unknown finding \"\(name)\"",
                                          hint: Suggestion.hint(for: name, in: findings.values.map(\.spec.name)) ?? "declare it in findings.yaml"))
        }
        let form = InlineFinding.Form(rawValue: body.string("form") ?? "pct") ?? .pct
        let withheld = findings.withheld.contains(name)
        guard let number = InlineFinding.text(value, form: form, disclosure: disclosure, withheld: withheld, words: words)
                ?? InlineFinding.text(value, form: .full, disclosure: disclosure, withheld: withheld, words: words) else {
            throw DiagnosticsError(.error(at: body.location(of: node), "finding \"\(name)\" has no value to show"))
        }
        try diagnostics.throwIfErrors()
        let sentence = body.string("sentence").map(HTMLEscaping.escape) ?? ""
        let ci = withheld ? "" : InlineFinding.text(value, form: .ci, disclosure: disclosure, withheld: false, words: words)
            .map { " (" + words["ci_label"] + " " + $0 + ")" } ?? ""
        let html = """
        <aside class="key-finding" data-finding="\(HTMLEscaping.escape(name))"><p class="key-number">\(HTMLEscaping.escape(number))</p>\
        <p class="key-sentence">\(sentence)<span class="key-ci">\(HTMLEscaping.escape(ci))</span> \
        <a class="finding-source" href="\(codebookPath)#finding-\(HTMLEscaping.escape(name))">\(HTMLEscaping.escape(words["finding_source"]))</a></p></aside>
        """
        return (html, (name, body.location(of: node)))
    }
}
