import Concurrency
import CFileSystem
#if canImport(Glibc)
import Glibc
#endif
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

    /// Writes many files under the staging folder: each folder made once, then the files on
    /// every core (making a folder per file and Foundation's file writing were most of a build),
    /// each made unnamed and then named so that two threads writing into one folder do not wait
    /// for each other (`findings_write_new_file`).
    /// A file byte-identical to the one the current site has at that path is hard-linked to it
    /// instead: no new file for the file system to allocate, and unchanged files keep their
    /// modification times, so a sync to hosting sends only what changed.
    /// `published` names files already known to be byte-identical to the current site's: they
    /// are linked without being read again.
    public func write(all files: [(path: String, data: Data)], published: Set<String> = []) throws(DiagnosticsError) {
        var folders = Set<String>()
        for (relative, _) in files {
            guard !relative.hasPrefix("/"), !relative.split(separator: "/").contains("..") else {
                throw DiagnosticsError(.error(at: .start(of: relative), "refusing to write outside the output folder"))
            }
            var folder = (relative as NSString).deletingLastPathComponent
            while !folder.isEmpty && folders.insert(folder).inserted { folder = (folder as NSString).deletingLastPathComponent }
        }
        for folder in folders.sorted() where mkdir(staging.path + "/" + folder, 0o755) != 0 && errno != EEXIST {
            throw DiagnosticsError(.error(at: .start(of: folder), "cannot create the folder: \(String(cString: strerror(errno)))"))
        }
        let root = staging.path
        let previous = destination.path
        // A first build (or one after the site was removed) has nothing to link to.
        let hasPrevious = access(previous, F_OK) == 0
        let failures = Locked<[(path: String, code: Int32)]>([])
        let parts = Workers.count
        _ = Parallel.map(parts) { part in
            for k in stride(from: part, to: files.count, by: parts) {
                let (relative, data) = files[k]
                let old = previous + "/" + relative
                if hasPrevious && (published.contains(relative) || Self.holds(old, exactly: data)) && link(old, root + "/" + relative) == 0 { continue }
                let path = root + "/" + relative
                let folder = (path as NSString).deletingLastPathComponent
                let written = data.withUnsafeBytes { raw in findings_write_new_file(folder, path, raw.baseAddress, raw.count) }
                if written != 0 { let code = errno; failures.withLock { $0.append((relative, code)) } }
            }
        }
        if let (relative, code) = failures.current.min(by: { $0.path < $1.path }) {
            throw DiagnosticsError(.error(at: .start(of: relative), "cannot write: \(String(cString: strerror(code)))"))
        }
    }

    /// Whether `path` is a regular file whose bytes are exactly `data`.
    static func holds(_ path: String, exactly data: Data) -> Bool {
        regularFile(path, size: data.count) == data
    }

    /// The bytes of `path` when it is a regular file, not a link (and, given `size`, of that
    /// size): what a build may take from, or link to in, the current site.
    static func regularFile(_ path: String, size: Int? = nil) -> Data? {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let count = Int(info.st_size)
        if let size, size != count { return nil }
        var bytes = Data(count: count)
        let complete = bytes.withUnsafeMutableBytes { buffer -> Bool in
            var done = 0
            while done < count {
                let n = read(fd, buffer.baseAddress! + done, count - done)
                if n <= 0 { return false }
                done += n
            }
            return true
        }
        return complete ? bytes : nil
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

    /// Writes `files` in place of `destination` in one step (the old folder stays on any error).
    /// `published` names files known to be byte-identical to the ones at those paths in `destination`.
    public static func replace(_ destination: URL, with files: [(path: String, data: Data)], published: Set<String> = []) throws(DiagnosticsError) {
        let output = OutputFolder(destination: destination)
        try output.prepare()
        do throws(DiagnosticsError) {
            try output.write(all: files, published: published)
            try output.commit()
        } catch {
            output.discard()
            throw error
        }
    }

    /// Removes the staging folder after a failed build; the old site stays as it was.
    public func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
