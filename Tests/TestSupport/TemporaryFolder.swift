import Foundation

/// A folder under the system's temporary directory, filled from a `[path: contents]` literal.
public struct TemporaryFolder {
    public let url: URL

    public init(_ files: [String: String] = [:]) throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("findings-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try write(files)
    }

    public var path: String { url.path }

    public func write(_ files: [String: String]) throws {
        for (relative, contents) in files {
            try write(Data(contents.utf8), to: relative)
        }
    }

    public func write(_ data: Data, to relative: String) throws {
        let file = url.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: file)
    }

    public func read(_ relative: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(relative), encoding: .utf8)
    }

    public func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: url.appendingPathComponent(relative).path)
    }

    /// Every file below `relative` with its bytes, for byte-for-byte comparisons of a whole tree.
    public func snapshot(_ relative: String) throws -> [String: Data] {
        let root = url.appendingPathComponent(relative).standardizedFileURL
        var files: [String: Data] = [:]
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return files }
        for case let file as URL in enumerator {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                files[String(file.standardizedFileURL.path.dropFirst(root.path.count))] = try Data(contentsOf: file)
            }
        }
        return files
    }

    /// Every file below a folder, by relative path.
    public static func files(under root: URL) throws -> [String: Data] {
        let base = root.standardizedFileURL.path
        var files: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return files }
        for case let url as URL in walker where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }

    /// A folder holding a copy of the shipped report: content/ and templates/.
    public static func copyOfReport() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        for name in ["content", "templates"] {
            try FileManager.default.copyItem(at: Repository.root.appendingPathComponent(name), to: folder.url.appendingPathComponent(name))
        }
        return folder
    }

    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}

/// Paths of this repository, found from this source file.
public enum Repository {
    public static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    public static var templates: URL { root.appendingPathComponent("templates") }
    public static var content: URL { root.appendingPathComponent("content") }

    /// The `findings` executable that `swift build` made beside the test bundle.
    public static var findingsExecutable: URL {
        let candidates = [
            Bundle.main.bundleURL.appendingPathComponent("findings"),
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("findings"),
            root.appendingPathComponent(".build/debug/findings"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[2]
    }
}

/// The result of running the command-line tool.
public struct CommandResult {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs `findings` with arguments in a working directory, as an author would.
public func runFindings(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> CommandResult {
    let process = Process()
    process.executableURL = Repository.findingsExecutable
    process.arguments = arguments
    if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
    process.currentDirectoryURL = directory
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandResult(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                         stderr: String(decoding: errData, as: UTF8.self))
}
