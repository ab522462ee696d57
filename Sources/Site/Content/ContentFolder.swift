import Diagnostics
import Foundation
import SurveyData

/// Where a report's inputs are, and how to name them in diagnostics.
public struct ContentFolder: Sendable {
    public var root: URL
    public var workingDirectory: String
    /// Stage 1's list of inputs, when a build made one: then every question about the folder is
    /// answered from it (the same files, and the bytes already read), not from the file system.
    var inventory: Inventory?

    public init(root: URL, workingDirectory: String = FileManager.default.currentDirectoryPath) {
        self.root = root.standardizedFileURL
        self.workingDirectory = workingDirectory
    }

    public func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// The path as the author would name it.
    public func displayName(_ relative: String) -> String {
        DisplayPath.name(url(relative).path, relativeTo: workingDirectory)
    }

    public func exists(_ relative: String) -> Bool {
        if let inventory { return inventory.contains("content/" + relative) }
        return FileManager.default.fileExists(atPath: url(relative).path)
    }

    /// Reads a file's bytes; a missing file is an error at `PATH:1:1`.
    public func bytes(_ relative: String) throws(DiagnosticsError) -> [UInt8] {
        guard let data = inventory.map({ $0.bytes("content/" + relative) }) ?? FileManager.default.contents(atPath: url(relative).path) else {
            throw DiagnosticsError(.error(at: .start(of: displayName(relative)), exists(relative) ? "cannot read the file" : "the file is missing"))
        }
        return [UInt8](data)
    }

    /// Reads a UTF-8 text file (or takes its `bytes`, when the caller has read them already).
    public func text(_ relative: String, bytes: Data? = nil) throws(DiagnosticsError) -> String {
        let raw: [UInt8]
        if let bytes { raw = [UInt8](bytes) } else { raw = try self.bytes(relative) }
        guard let text = String(validating: raw, as: UTF8.self) else {
            // Where it goes wrong, as the CSV reader says it: a GBK page or codebook is common.
            throw DiagnosticsError(UTF8Validation.problem(in: raw, source: displayName(relative))
                ?? .error(at: .start(of: displayName(relative)), "the file is not valid UTF-8"))
        }
        return text
    }

    /// The names of files in a folder with an extension, sorted.
    public func files(in folder: String, withExtension ext: String) -> [String] {
        let names = inventory?.names(in: "content/" + folder) ?? (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) && !$0.hasPrefix(".") }.sorted()
    }

    /// The names of the folders inside a folder, sorted.
    public func folders(in folder: String) -> [String] {
        if let inventory { return inventory.folders(in: "content/" + folder) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: url(folder + "/" + name).path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }
}
