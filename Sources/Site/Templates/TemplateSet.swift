import Diagnostics
import EmbeddedFiles
import Foundation
import Mustache
import SurveyData
import Words
import Yams

/// The Mustache templates of a site, loaded from folders with errors that name the file. A later
/// folder overrides an earlier one file by file: the templates built into the program, then the
/// shared `templates/`, then a report's `content/templates/` (a template, an asset, or the
/// interface words in `i18n/LANG.yaml`).
struct TemplateSet {
    private var library = MustacheLibrary()
    /// The same templates parsed for the typed renderer (nil once one uses something only
    /// swift-mustache supports, such as transforms; then swift-mustache renders everything).
    private var fast: [String: TypedTemplate]? = [:]

    /// Whether layouts go through the typed renderer (false: swift-mustache renders them).
    var usesTypedRenderer: Bool { fast != nil }
    private(set) var names: Set<String> = []
    /// Static files (CSS, scripts, images) under `assets/`, by relative path.
    private(set) var assets: [(path: String, data: Data)] = []
    /// The generator's words per language from `i18n/LANG.yaml`: the built-in files, then each
    /// folder's, key by key.
    private(set) var strings: [String: [String: String]] = [:]

    /// The built-in templates overridden by each layer in turn: (relative path, bytes, path to show).
    init(layers: [[(relative: String, data: Data, display: String)]]) throws(DiagnosticsError) {
        try load(DefaultTemplates.files.map { ($0.path, $0.data, "(built-in templates)/" + $0.path) })
        for layer in layers { try load(layer) }
    }

    init(folder: URL, workingDirectory: String) throws(DiagnosticsError) {
        try self.init(folders: [folder], workingDirectory: workingDirectory)
    }

    /// The built-in templates overridden by `folders`; the first must exist when `requireFirst`.
    init(folders: [URL], workingDirectory: String, requireFirst: Bool = true) throws(DiagnosticsError) {
        try load(DefaultTemplates.files.map { ($0.path, $0.data, "(built-in templates)/" + $0.path) })
        for (k, folder) in folders.enumerated() {
            if (k > 0 || !requireFirst) && !FileManager.default.fileExists(atPath: folder.path) { continue }
            try load(folder, workingDirectory: workingDirectory)
        }
    }

    /// A language's words over the English ones (so a language file may leave a word out).
    func strings(for language: String) -> [String: String] {
        (strings["en"] ?? [:]).merging(strings[language] ?? [:]) { _, new in new }
    }

    func words(for language: String) -> Words { Words(language: language, strings(for: language)) }

    /// The built-in English words, for what is written outside any page (the command line's
    /// summaries, findings.json).
    static let englishWords: Words = {
        let set = try? TemplateSet(layers: [])
        return set?.words(for: "en") ?? .none
    }()

    /// A language's name in itself (its file's `language_name`), or its tag.
    func languageName(_ code: String) -> String { strings[code]?["language_name"] ?? code }

    private mutating func load(_ folder: URL, workingDirectory: String) throws(DiagnosticsError) {
        var diagnostics = DiagnosticCollector()
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else {
            throw DiagnosticsError(.error(at: .start(of: DisplayPath.name(folder.path, relativeTo: workingDirectory)),
                                          "the templates folder is missing"))
        }
        var files: [URL] = []
        for case let url as URL in enumerator where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append(url)
        }
        files.sort { $0.path < $1.path }
        let base = folder.standardizedFileURL.path + "/"
        var entries: [(String, Data, String)] = []
        for url in files {
            let display = DisplayPath.name(url.standardizedFileURL.path, relativeTo: workingDirectory)
            guard let data = fm.contents(atPath: url.path) else {
                diagnostics.error(at: .start(of: display), "cannot read the file")
                continue
            }
            entries.append((String(url.standardizedFileURL.path.dropFirst(base.count)), data, display))
        }
        try diagnostics.throwIfErrors()
        try load(entries)
    }

    /// Loads templates, assets and interface words from (relative path, bytes, path to show).
    private mutating func load(_ entries: [(relative: String, data: Data, display: String)]) throws(DiagnosticsError) {
        var diagnostics = DiagnosticCollector()
        for (relative, data, display) in entries {
            if relative.hasSuffix(".mustache") {
                let name = String(relative.dropLast(".mustache".count))
                guard let text = String(data: data, encoding: .utf8) else {
                    diagnostics.error(at: .start(of: display), "cannot read the template as UTF-8")
                    continue
                }
                do {
                    try library.register(text, named: name)
                    names.insert(name)
                    do throws(TemplateParser.Failure) {
                        fast?[name] = try TemplateParser.parse(text)
                    } catch {
                        fast = nil
                    }
                } catch let error as MustacheTemplate.ParserError {
                    diagnostics.error(at: SourceLocation(file: display, line: error.context.lineNumber, column: error.context.columnNumber),
                                      "template syntax: \(error.error)")
                } catch {
                    diagnostics.error(at: .start(of: display), "template syntax: \(error)")
                }
            } else if relative.hasPrefix("assets/") {
                assets.removeAll { $0.path == relative }
                assets.append((relative, data))
            } else if relative.hasPrefix("i18n/") && relative.hasSuffix(".yaml") {
                let language = String(relative.dropFirst(5).dropLast(5))
                do throws(DiagnosticsError) {
                    guard let node = try YAMLDiagnostics.compose(String(decoding: data, as: UTF8.self), source: display),
                          case .mapping(let mapping) = node else { continue }
                    for (key, value) in mapping {
                        if let k = key.string, let v = value.string { strings[language, default: [:]][k] = v }
                    }
                } catch {
                    diagnostics.append(error)
                }
            }
        }
        try diagnostics.throwIfErrors()
    }

    /// Renders a template; an unknown name is an error rather than an empty page.
    func render(_ name: String, _ context: [String: TemplateValue]) throws(DiagnosticsError) -> String {
        if let page = renderTyped(name, .object(context)) { return page }
        return try renderWithSwiftMustache(name, context.mapValues(\.any))
    }

    func render(_ name: String, _ context: [String: Any]) throws(DiagnosticsError) -> String {
        if let page = renderTyped(name, TemplateValue(context)) { return page }
        return try renderWithSwiftMustache(name, context)
    }

    /// The typed renderer's page, or nil when swift-mustache must render it.
    private func renderTyped(_ name: String, _ context: @autoclosure () -> TemplateValue) -> String? {
        guard let fast, names.contains(name), let template = fast[name] else { return nil }
        return template.render(TypedTemplate.Context(stack: [context()], indentation: nil, inherited: nil, library: fast))
    }

    /// Renders with swift-mustache itself (what the typed renderer is tested against).
    func renderWithSwiftMustache(_ name: String, _ context: [String: Any]) throws(DiagnosticsError) -> String {
        guard names.contains(name), let html = library.render(context, withTemplate: name) else {
            throw DiagnosticsError(.error(at: .start(of: "templates/\(name).mustache"), "template \"\(name)\" not found in templates/"))
        }
        return html
    }
}
