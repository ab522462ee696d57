import Diagnostics
import Foundation
import Mustache
import SurveyData
import Yams

/// The Mustache templates of a site, loaded from folders with errors that name the file. A later
/// folder overrides an earlier one file by file: a report's `content/templates/` overrides the
/// shared `templates/` (a template, an asset, or the interface words in `i18n/LANG.yaml`).
struct TemplateSet {
    private var library = MustacheLibrary()
    private(set) var names: Set<String> = []
    /// Static files (CSS, scripts, images) under `assets/`, by relative path.
    private(set) var assets: [(path: String, data: Data)] = []
    /// Interface words per language from `i18n/LANG.yaml`, over the built-in ones.
    private(set) var strings: [String: [String: String]] = UIStrings.strings

    init(folder: URL, workingDirectory: String) throws(DiagnosticsError) {
        try self.init(folders: [folder], workingDirectory: workingDirectory)
    }

    init(folders: [URL], workingDirectory: String) throws(DiagnosticsError) {
        for (k, folder) in folders.enumerated() {
            // Only the first folder must exist; overrides are optional.
            if k > 0 && !FileManager.default.fileExists(atPath: folder.path) { continue }
            try load(folder, workingDirectory: workingDirectory)
        }
    }

    func strings(for language: String) -> [String: String] {
        (strings["en"] ?? [:]).merging(strings[language] ?? [:]) { _, new in new }
    }

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
        for url in files {
            let relative = String(url.standardizedFileURL.path.dropFirst(base.count))
            let display = DisplayPath.name(url.standardizedFileURL.path, relativeTo: workingDirectory)
            if relative.hasSuffix(".mustache") {
                let name = String(relative.dropLast(".mustache".count))
                guard let data = fm.contents(atPath: url.path), let text = String(data: data, encoding: .utf8) else {
                    diagnostics.error(at: .start(of: display), "cannot read the template as UTF-8")
                    continue
                }
                do {
                    try library.register(text, named: name)
                    names.insert(name)
                } catch let error as MustacheTemplate.ParserError {
                    diagnostics.error(at: SourceLocation(file: display, line: error.context.lineNumber, column: error.context.columnNumber),
                                      "template syntax: \(error.error)")
                } catch {
                    diagnostics.error(at: .start(of: display), "template syntax: \(error)")
                }
            } else if relative.hasPrefix("assets/"), let data = fm.contents(atPath: url.path) {
                assets.removeAll { $0.path == relative }
                assets.append((relative, data))
            } else if relative.hasPrefix("i18n/") && relative.hasSuffix(".yaml"), let data = fm.contents(atPath: url.path) {
                let language = String(relative.dropFirst(5).dropLast(5))
                do throws(DiagnosticsError) {
                    guard let node = try YAMLDiagnostics.compose(String(decoding: data, as: UTF8.self), source: display),
                          case .mapping(let mapping) = node else { continue }
                    for (key, value) in mapping {
                        if let k = key.string, let v = value.string { strings[language, default: [:]][k] = v }
                    }
                } catch {
                    diagnostics.append(contentsOf: error.diagnostics)
                }
            }
        }
        try diagnostics.throwIfErrors()
    }

    /// Renders a template; an unknown name is an error rather than an empty page.
    func render(_ name: String, _ context: [String: Any]) throws(DiagnosticsError) -> String {
        guard names.contains(name), let html = library.render(context, withTemplate: name) else {
            throw DiagnosticsError(.error(at: .start(of: "templates/\(name).mustache"), "template \"\(name)\" not found in templates/"))
        }
        return html
    }
}
