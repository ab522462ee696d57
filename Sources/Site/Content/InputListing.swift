#if canImport(Glibc)
import Glibc
#endif
import Diagnostics
import Foundation

/// The files a build reads from one folder (content/ or templates/): every regular file below
/// it that is not hidden and not in a hidden folder (`.git`, `.DS_Store`), sorted by path.
///
/// This is the one gate every input passes before anything reads it, so it refuses what a
/// build must never read: a link that leads out of the folder (`pages/passwd.md → /etc/passwd`,
/// or `/proc/self/environ`, which would publish the build's secrets), and anything that is not
/// a regular file (a FIFO as `responses.csv` would hang the build). A link to a file inside the
/// folder counts as that file; a link to a folder is not followed. The output folder, when it
/// lies inside, is never an input.
struct InputListing {
    struct File {
        /// Relative to the listing's prefix (`content/pages/a.md`).
        var path: String
        var absolute: String
        var stamp: FileStamp
    }

    var files: [File] = []
    var problems: [Diagnostic] = []

    /// Lists `folder`; `displayName` names a relative path as the author would, for problems.
    init(under folder: URL, prefix: String, excluding excluded: [URL] = [], displayName: (String) -> String = { $0 }) {
        let root = folder.standardizedFileURL.path
        guard let realRoot = Self.realPath(root) else { return }
        let skipped = Set(excluded.flatMap { url -> [String] in
            let path = url.standardizedFileURL.path
            return [path] + (Self.realPath(path).map { [$0] } ?? [])
        })
        walk(root, "", realRoot: realRoot, prefix: prefix, skipped: skipped, displayName: displayName)
        files.sort { $0.path < $1.path }
    }

    private mutating func walk(_ absolute: String, _ relative: String, realRoot: String, prefix: String, skipped: Set<String>,
                               displayName: (String) -> String) {
        // readdir and stat, not FileManager's enumerator: a URL per file made listing 10,000
        // pages take longer than reading and hashing them.
        guard let dir = opendir(absolute) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.baseAddress!.assumingMemoryBound(to: CChar.self))
            }
            if name.hasPrefix(".") { continue }
            let path = absolute + "/" + name
            if skipped.contains(path) { continue }
            var own = stat()
            guard lstat(path, &own) == 0 else { continue }
            var kind = own.st_mode & S_IFMT
            if kind == S_IFDIR {
                walk(path, relative + name + "/", realRoot: realRoot, prefix: prefix, skipped: skipped, displayName: displayName)
                continue
            }
            var info = own
            if kind == S_IFLNK {
                guard let target = Self.realPath(path), target.hasPrefix(realRoot + "/") else {
                    problems.append(.error(at: .start(of: displayName(relative + name)),
                                           "this link leads outside the folder, and a build reads nothing from outside it",
                                           hint: "copy the file in instead of linking to it"))
                    continue
                }
                guard stat(path, &info) == 0 else { continue }
                kind = info.st_mode & S_IFMT
                // A link to a folder inside is not followed: its files are listed where they are.
                if kind == S_IFDIR || skipped.contains(target) { continue }
            }
            guard kind == S_IFREG else {
                problems.append(.error(at: .start(of: displayName(relative + name)),
                                       "this is a \(Self.kindName(kind)), not a regular file: a build reads only regular files",
                                       hint: "replace it with an ordinary file, or move it out of the folder"))
                continue
            }
            let stamp = FileStamp(size: Int(info.st_size), seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec),
                                  inode: UInt(info.st_ino))
            files.append(File(path: prefix + relative + name, absolute: path, stamp: stamp))
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func kindName(_ kind: mode_t) -> String {
        switch kind {
        case S_IFIFO: return "named pipe (FIFO)"
        case S_IFSOCK: return "socket"
        case S_IFCHR: return "character device"
        case S_IFBLK: return "block device"
        default: return "special file"
        }
    }
}
