import Diagnostics
import Foundation
import Mustache

/// The Mustache templates of a site, loaded from a folder with errors that name the file.
/// An author's `templates/` folder may override any of the built-in files by name.
struct TemplateSet {
    private var library = MustacheLibrary()
    private(set) var names: Set<String> = []
    /// Static files (CSS, scripts, images) under `assets/`, by relative path.
    private(set) var assets: [(path: String, data: Data)] = []

    init(folder: URL, workingDirectory: String) throws(DiagnosticsError) {
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
                assets.append((relative, data))
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
