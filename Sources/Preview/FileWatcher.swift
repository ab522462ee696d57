#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// Watches folders (and every folder below them) for files being written, created, moved or
/// deleted: through inotify on Linux, by comparing modification times every 300 ms elsewhere or
/// when inotify is unavailable. `next()` blocks until something changed and the writes have
/// settled, then returns the changed paths.
public final class FileWatcher: @unchecked Sendable {
    private let roots: [URL]
    private var inotify: Int32 = -1
    private var watched: [Int32: String] = [:]
    private var snapshot: [String: (Date, Int)] = [:]
    /// How long the files must stay quiet before a change is reported (an editor's save is often
    /// several events: a temporary file, a rename, a delete).
    public var settle: Duration = .milliseconds(3)

    public var usesInotify: Bool { inotify >= 0 }

    public init(roots: [URL], forcePolling: Bool = false) {
        self.roots = roots.map(\.standardizedFileURL)
        #if os(Linux)
        if !forcePolling {
            inotify = inotify_init1(Int32(IN_CLOEXEC))
            if inotify >= 0 { for root in self.roots { watchTree(root.path) } }
        }
        #endif
        if inotify < 0 { snapshot = takeSnapshot() }
    }

    deinit {
        if inotify >= 0 { close(inotify) }
    }

    /// Blocks until files change; returns their paths (empty when only folders changed).
    public func next() -> [String] {
        #if os(Linux)
        if inotify >= 0 { return nextFromInotify() }
        #endif
        return nextByPolling()
    }

    /// Names editors and the system write beside the real files, which never change the site.
    public static func isNoise(_ path: String) -> Bool {
        let name = URL(fileURLWithPath: path).lastPathComponent
        return name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name == "4913" || name.hasPrefix("#")
    }

    // MARK: inotify

    #if os(Linux)
    private func watchTree(_ path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
            // A root that does not exist yet (content/templates): watch its parent for it.
            let parent = (path as NSString).deletingLastPathComponent
            if parent != path && FileManager.default.fileExists(atPath: parent) { addWatch(parent) }
            return
        }
        addWatch(path)
        let children = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for name in children where !name.hasPrefix(".") {
            let child = path + "/" + name
            var childIsDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: child, isDirectory: &childIsDirectory), childIsDirectory.boolValue {
                watchTree(child)
            }
        }
    }

    private func addWatch(_ path: String) {
        let mask = UInt32(IN_CLOSE_WRITE) | UInt32(IN_MOVED_TO) | UInt32(IN_MOVED_FROM) | UInt32(IN_CREATE)
            | UInt32(IN_DELETE) | UInt32(IN_DELETE_SELF) | UInt32(IN_ATTRIB)
        let wd = inotify_add_watch(inotify, path, mask)
        if wd >= 0 { watched[wd] = path }
    }

    private func nextFromInotify() -> [String] {
        var changed: [String] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            // Wait for the first event, then keep reading until the writes settle.
            let timeout: Int32 = changed.isEmpty ? -1 : Int32(settle.components.attoseconds / 1_000_000_000_000_000) + Int32(settle.components.seconds * 1000)
            var poller = pollfd(fd: inotify, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, timeout)
            if ready == 0 { return changed }
            if ready < 0 { if errno == EINTR { continue }; return changed }
            let count = buffer.withUnsafeMutableBytes { read(inotify, $0.baseAddress, $0.count) }
            if count <= 0 { continue }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameStart = offset + MemoryLayout<inotify_event>.size
                let nameBytes = buffer[nameStart..<min(count, nameStart + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset = nameStart + length
                guard let folder = watched[wd] else { continue }
                if mask & UInt32(IN_IGNORED) != 0 { watched[wd] = nil; continue }
                let path = name.isEmpty ? folder : folder + "/" + name
                if mask & UInt32(IN_ISDIR) != 0 {
                    if mask & (UInt32(IN_CREATE) | UInt32(IN_MOVED_TO)) != 0 && isInsideRoots(path) { watchTree(path) }
                    changed.append(path)
                    continue
                }
                guard isInsideRoots(path), !Self.isNoise(path) else { continue }
                changed.append(path)
            }
        }
    }
    #endif

    private func isInsideRoots(_ path: String) -> Bool {
        roots.contains { path == $0.path || path.hasPrefix($0.path + "/") }
    }

    // MARK: polling

    private func takeSnapshot() -> [String: (Date, Int)] {
        var out: [String: (Date, Int)] = [:]
        for root in roots {
            guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey],
                                                              options: [.skipsHiddenFiles]) else { continue }
            for case let url as URL in walker {
                let values = try? url.resourceValues(forKeys: [.contentModificationDateKey, .fileSizeKey])
                out[url.standardizedFileURL.path] = (values?.contentModificationDate ?? .distantPast, values?.fileSize ?? -1)
            }
        }
        return out
    }

    private func nextByPolling() -> [String] {
        while true {
            Thread.sleep(forTimeInterval: 0.3)
            let now = takeSnapshot()
            let changed = Set(now.keys).union(snapshot.keys).filter { path in
                guard let a = now[path], let b = snapshot[path] else { return true }
                return a.0 != b.0 || a.1 != b.1
            }
            snapshot = now
            let files = changed.filter { !Self.isNoise($0) }.sorted()
            if !files.isEmpty { return files }
        }
    }
}
