#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Testing
import TestSupport
@testable import Site

@Suite("Writing a built site into place")
struct OutputFolderTests {
    static func files(_ count: Int, changed: Int = -1) -> [(path: String, data: Data)] {
        var out: [(path: String, data: Data)] = [("empty.txt", Data()), ("deep/er/still/x.json", Data("{}".utf8)),
                                                  ("big.bin", Data((0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }))]
        for i in 0..<count {
            out.append(("p\(i).html", Data("page \(i)\(i == changed ? " changed" : "")".utf8)))
            out.append(("sub/p\(i).html.gz", Data(repeating: UInt8(i % 251), count: i * 7)))
        }
        return out
    }

    static func info(_ path: String) -> stat {
        var s = stat()
        #expect(lstat(path, &s) == 0, "\(path)")
        return s
    }

    @Test("every file arrives whole with the usual permissions, many threads into one folder; a rebuild links what did not change")
    func writesAndRelinks() throws {
        for base in [try TemporaryFolder().url, URL(fileURLWithPath: "/dev/shm/findings-test-\(UUID().uuidString)")] {
            defer { try? FileManager.default.removeItem(at: base) }
            guard (try? FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)) != nil else { continue }
            let site = base.appendingPathComponent("public")
            try SiteBuilder.write(Self.files(300), to: site)
            let mask = umask(0o022)
            umask(mask)
            for (path, data) in Self.files(300) {
                #expect(FileManager.default.contents(atPath: site.path + "/" + path) == data, "\(path)")
                let s = Self.info(site.path + "/" + path)
                #expect(s.st_mode & 0o777 == 0o644 & ~mask && s.st_nlink == 1 && s.st_mode & S_IFMT == S_IFREG, "\(path)")
            }
            let before = (Self.info(site.path + "/p1.html").st_ino, Self.info(site.path + "/p2.html").st_ino)
            try SiteBuilder.write(Self.files(300, changed: 2), to: site)
            #expect(Self.info(site.path + "/p1.html").st_ino == before.0)
            #expect(Self.info(site.path + "/p2.html").st_ino != before.1)
            #expect(FileManager.default.contents(atPath: site.path + "/p2.html") == Data("page 2 changed".utf8))
            let left = try FileManager.default.contentsOfDirectory(atPath: base.path)
            #expect(left == ["public"], "no staging folder is left beside the site")
        }
    }
}
