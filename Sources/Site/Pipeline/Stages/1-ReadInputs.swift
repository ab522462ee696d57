import Analysis
import Concurrency
import Diagnostics
import Formats
import Foundation
import Markdown
import SurveyData
import Words

/// Stage 1: what went in.
extension BuildSession {

    struct Inputs {
        /// The data side (all of content/ but pages/ and templates/) and the build settings.
        var dataKey: String
        /// The templates (templates/ and content/templates/).
        var templatesKey: String
        /// Every input, with the bytes read just now: what the later stages read.
        var inventory = Inventory()
    }

    /// Every input file, checked (no links out, nothing but regular files), with the sizes the
    /// memory check needs; nothing is read yet.
    func listInputs() throws(DiagnosticsError) -> (files: [InputListing.File], dataSizes: [(path: String, size: Int)],
                                                   pageSizes: [(path: String, size: Int)]) {
        let content = self.content
        let excluded = [options.output]
        let fromContent = InputListing(under: options.content, prefix: "content/", excluding: excluded) { content.displayName($0) }
        let templatesRoot = ContentFolder(root: options.templates, workingDirectory: options.workingDirectory)
        let fromTemplates = InputListing(under: options.templates, prefix: "templates/", excluding: excluded) { templatesRoot.displayName($0) }
        var problems = DiagnosticCollector()
        problems.append(contentsOf: fromContent.problems + fromTemplates.problems)
        try problems.throwIfErrors()
        let listed = fromContent.files + fromTemplates.files
        var dataSizes: [(String, Int)] = [], pageSizes: [(String, Int)] = []
        for file in listed {
            if file.path.hasPrefix("content/data/") && file.path.hasSuffix(".csv") {
                dataSizes.append((content.displayName(String(file.path.dropFirst(8))), file.stamp.size))
            }
            if Self.isPage(file.path) { pageSizes.append((content.displayName(String(file.path.dropFirst(8))), file.stamp.size)) }
        }
        return (listed, dataSizes, pageSizes)
    }

    func readInputs(_ listed: [InputListing.File]) throws(DiagnosticsError) -> Inputs {
        var unreadable: [String] = []
        var seen: [String: (stamp: FileStamp, sha: String)] = [:]
        var dataParts = [SiteBuilder.generator, options.baseURL ?? ""]
        var templateParts = [SiteBuilder.generator]
        // A file whose size, modification time and inode are unchanged is not read again; the
        // others are read and hashed on every core.
        let cached = listed.map { file in cache.inputs[file.path].flatMap { $0.stamp == file.stamp && file.stamp.isSettled ? $0.sha : nil } }
        // Large files (a survey's responses) one at a time, so that no two are in memory at once.
        let unread = listed.indices.filter { cached[$0] == nil }
        let small = unread.filter { listed[$0].stamp.size <= 16 << 20 }
        let read = Parallel.map(small) { i in FileManager.default.contents(atPath: listed[i].absolute) }
        var shas = cached
        // The bytes go on to the later stages, which would otherwise read each file again.
        var kept = [Data?](repeating: nil, count: listed.count)
        for (k, i) in small.enumerated() {
            guard let bytes = read[k] else { continue }
            shas[i] = Codecs.sha256(bytes)
            kept[i] = bytes
        }
        // Large files are mapped, hashed and let go; the data stage maps them again to read them.
        for i in unread where listed[i].stamp.size > 16 << 20 {
            shas[i] = MappedFile(path: listed[i].absolute).map { Codecs.sha256($0.bytes) }
        }
        for (file, sha) in zip(listed, shas) {
            guard let sha else {
                // Listed a moment ago and unreadable now: never build as if it were not there.
                unreadable.append(file.path)
                continue
            }
            let path = file.path
            seen[path] = (file.stamp, sha)
            if path.hasPrefix("templates/") || path.hasPrefix("content/templates/") {
                templateParts.append(path + "=" + sha)
            } else if !path.hasPrefix("content/pages/") {
                dataParts.append(path + "=" + sha)
            }
        }
        if !unreadable.isEmpty {
            var problems = DiagnosticCollector()
            for path in unreadable {
                let name = path.hasPrefix("content/") ? content.displayName(String(path.dropFirst(8))) : path
                problems.error(at: .start(of: name), "cannot read the file")
            }
            try problems.throwIfErrors()
        }
        cache.inputs = seen
        let inventory = Inventory(listed.indices.map { i in
            Inventory.File(path: listed[i].path, absolute: listed[i].absolute, size: listed[i].stamp.size, bytes: kept[i])
        })
        return Inputs(dataKey: dataParts.joined(separator: "\n"), templatesKey: templateParts.joined(separator: "\n"),
                      inventory: inventory)
    }

    static func isPage(_ path: String) -> Bool { path.hasPrefix("content/pages/") && path.hasSuffix(".md") }
}
