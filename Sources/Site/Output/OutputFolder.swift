import CAtomicSwap
import Diagnostics
import Foundation

/// Writes a build into a staging folder beside the output and swaps it in only when the whole
/// build succeeded, so a failed or killed build never leaves a half-written site.
public struct OutputFolder {
    public let destination: URL
    public let staging: URL

    public init(destination: URL) {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        let name = self.destination.lastPathComponent
        staging = parent.appendingPathComponent(".\(name).staging-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// Clears stale staging folders left by killed builds and makes a fresh one.
    public func prepare() throws(DiagnosticsError) {
        let fm = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let prefixes = [".\(destination.lastPathComponent).staging-", ".\(destination.lastPathComponent).old-"]
        for name in (try? fm.contentsOfDirectory(atPath: parent.path)) ?? [] where prefixes.contains(where: name.hasPrefix) {
            try? fm.removeItem(at: parent.appendingPathComponent(name))
        }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw DiagnosticsError(.error(at: .start(of: destination.path), "cannot create the output folder: \(error.localizedDescription)"))
        }
    }

    /// Writes one file under the staging folder; `relative` may not climb out of it.
    public func write(_ data: Data, to relative: String) throws(DiagnosticsError) {
        guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
            throw DiagnosticsError(.error(at: .start(of: relative), "refusing to write outside the output folder"))
        }
        let url = staging.appendingPathComponent(relative)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try data.write(to: url)
        } catch {
            throw DiagnosticsError(.error(at: .start(of: relative), "cannot write: \(error.localizedDescription)"))
        }
    }

    public func write(_ text: String, to relative: String) throws(DiagnosticsError) {
        try write(Data(text.utf8), to: relative)
    }

    /// Puts the staged site in place of the old one in one step, then removes the old one.
    public func commit() throws(DiagnosticsError) {
        let fm = FileManager.default
        if fm.fileExists(atPath: destination.path) {
            if findings_exchange_paths(staging.path, destination.path) == 0 {
                try? fm.removeItem(at: staging)
                return
            }
            // No atomic exchange here: move the old site aside, then the new one in.
            let old = destination.deletingLastPathComponent()
                .appendingPathComponent(".\(destination.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)")
            do {
                try fm.moveItem(at: destination, to: old)
                try fm.moveItem(at: staging, to: destination)
                try? fm.removeItem(at: old)
            } catch {
                throw DiagnosticsError(.error(at: .start(of: destination.path), "cannot replace the output folder: \(error.localizedDescription)"))
            }
        } else {
            do {
                try fm.moveItem(at: staging, to: destination)
            } catch {
                throw DiagnosticsError(.error(at: .start(of: destination.path), "cannot create the output folder: \(error.localizedDescription)"))
            }
        }
    }

    /// Removes the staging folder after a failed build; the old site stays as it was.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
