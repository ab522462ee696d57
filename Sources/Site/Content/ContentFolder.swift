import Diagnostics
import Foundation
import SurveyData

/// Where a report's inputs are, and how to name them in diagnostics.
public struct ContentFolder: Sendable {
    public var root: URL
    public var workingDirectory: String

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
        FileManager.default.fileExists(atPath: url(relative).path)
    }

    /// Reads a file's bytes; a missing file is an error at `PATH:1:1`.
    public func bytes(_ relative: String) throws(DiagnosticsError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: url(relative).path) else {
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
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url(folder).path)) ?? []
        return names.filter { $0.hasSuffix("." + ext) && !$0.hasPrefix(".") }.sorted()
    }
}
