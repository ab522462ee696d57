import Diagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What a build may write into: never among its own inputs, and never over a folder it did not build.
enum OutputSafety {
    /// The folders inside the content folder that hold its inputs: an output there would be
    /// written over them.
    static let inputFolders = ["data", "pages", "templates"]

    /// The output may not be the content or templates folder, a folder above either, a folder
    /// inside the templates, or one of the content folder's input folders (`content/data`) or
    /// anything inside them; links are resolved before comparing. An output beside the inputs
    /// inside the content folder (`--content . --output public`) is fine: it is never read as input.
    static func checkIsSafe(_ options: BuildOptions) throws(DiagnosticsError) {
        let out = resolved(options.output)
        let refusal = { () -> DiagnosticsError in
            DiagnosticsError(.error(at: .start(of: DisplayPath.name(options.output.standardizedFileURL.path, relativeTo: options.workingDirectory)),
                                    "refusing to build into \(options.output.standardizedFileURL.path): it holds, or lies among, the report's own sources",
                                    hint: "choose an output folder outside data/, pages/ and templates/, such as public"))
        }
        let content = resolved(options.content), templates = resolved(options.templates)
        for protected in [content, templates] where protected == out || isInside(protected, out) { throw refusal() }
        if isInside(out, templates) { throw refusal() }
        for folder in inputFolders {
            let inputs = content + "/" + folder
            if out == inputs || isInside(out, inputs) { throw refusal() }
        }
    }

    /// A build replaces its output folder whole, so it writes only into a folder that is missing,
    /// empty, or a site it built before (one with its `build-manifest.json`), unless forced.
    static func checkIsOurs(_ options: BuildOptions) throws(DiagnosticsError) {
        guard !options.force else { return }
        let path = options.output.standardizedFileURL.path
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        let name = DisplayPath.name(path, relativeTo: options.workingDirectory)
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw DiagnosticsError(.error(at: .start(of: name), "refusing to build into \(path): it is not a folder"))
        }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [])
        if entries.isEmpty || OutputFolder.regularFile(path + "/build-manifest.json") != nil { return }
        throw DiagnosticsError(.error(at: .start(of: name),
                                      "refusing to replace \(path): it holds files that Findings did not build (no build-manifest.json), and a build replaces the whole folder",
                                      hint: "choose another output folder, or pass --force to replace it"))
    }

    /// The absolute path with links resolved as far as the path exists.
    static func resolved(_ url: URL) -> String {
        var path = url.standardizedFileURL.path
        var rest: [String] = []
        while !path.isEmpty && path != "/" {
            if let real = InputListing.realPath(path) { return ([real == "/" ? "" : real] + rest.reversed()).joined(separator: "/") }
            rest.append((path as NSString).lastPathComponent)
            path = (path as NSString).deletingLastPathComponent
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    static func isInside(_ path: String, _ folder: String) -> Bool {
        path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
}
