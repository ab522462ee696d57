import Foundation

/// Stage 1's list of every input file, the one source of truth for what later stages read:
/// the content folder's data and pages (through `ContentFolder`), the templates (`TemplateSet`)
/// and the memory check all ask it rather than the file system. It keeps the bytes of the small
/// files it read to hash them, so no stage reads them again; a large file (a survey's responses)
/// is mapped by the stage that reads it.
struct Inventory: Sendable {
    struct File: Sendable {
        /// `content/…` or `templates/…`.
        var path: String
        var absolute: String
        var size: Int
        /// The bytes, when stage 1 read them (small files that changed since the last build).
        var bytes: Data?
    }

    private(set) var files: [String: File] = [:]
    /// Every path, sorted.
    private(set) var paths: [String] = []

    init(_ files: [File] = []) {
        for file in files { self.files[file.path] = file }
        paths = files.map(\.path).sorted()
    }

    func contains(_ path: String) -> Bool { files[path] != nil }

    /// The bytes of a listed file: the ones stage 1 kept, else read now. Nil when it is not listed
    /// or cannot be read.
    func bytes(_ path: String) -> Data? {
        guard let file = files[path] else { return nil }
        return file.bytes ?? FileManager.default.contents(atPath: file.absolute)
    }

    /// The listed files directly inside `folder` (`content/pages`), as names, sorted.
    func names(in folder: String) -> [String] {
        let prefix = folder + "/"
        return paths.compactMap { path in
            guard path.hasPrefix(prefix) else { return nil }
            let name = path.dropFirst(prefix.count)
            return name.contains("/") ? nil : String(name)
        }
    }

    /// The folders directly inside `folder` that hold a listed file, as names, sorted.
    func folders(in folder: String) -> [String] {
        let prefix = folder + "/"
        var out = Set<String>()
        for path in paths where path.hasPrefix(prefix) {
            let rest = path.dropFirst(prefix.count)
            if let slash = rest.firstIndex(of: "/") { out.insert(String(rest[..<slash])) }
        }
        return out.sorted()
    }

    /// The listed files under `folder`, with their paths relative to it.
    func files(under folder: String) -> [(relative: String, file: File)] {
        let prefix = folder + "/"
        return paths.filter { $0.hasPrefix(prefix) }.map { (String($0.dropFirst(prefix.count)), files[$0]!) }
    }
}
