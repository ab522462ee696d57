#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The last step before writing: content-hashed asset names (cached for a year), pre-compressed
/// copies of text files, cache headers for static hosts, and a manifest of every input and output.
enum Publishing {
    static let textExtensions: Set<String> = ["html", "css", "js", "json", "svg", "xml", "csv", "txt", "bib", "ris"]

    /// The content-hashed name of every asset: `assets/NAME.EXT` becomes `assets/NAME.HASH.EXT`
    /// (pages are then rewritten to match with `rewriteQuotedPaths`).
    static func assetRenames(_ files: [(String, Data)]) -> [String: String] {
        var renames: [String: String] = [:]
        for (path, data) in files where path.hasPrefix("assets/") {
            let url = URL(fileURLWithPath: path)
            let hash = String(Codecs.sha256(data).prefix(10))
            renames[path] = url.deletingPathExtension().relativePath + "." + hash + "." + url.pathExtension
        }
        return renames
    }

    /// Replaces every `"assets/…"` whose whole quoted text is a renamed path, in one pass over
    /// the bytes (a search per asset over every page's text took most of a build's time), from
    /// quote to quote with memchr.
    static func rewriteQuotedPaths(_ data: Data, renames: [[UInt8]: [UInt8]]) -> Data {
        let prefix: [UInt8] = Array("\"assets/".utf8)
        let quote = Int32(UInt8(ascii: "\""))
        return data.withUnsafeBytes { raw -> Data in
            guard let base = raw.baseAddress else { return data }
            let n = raw.count
            var out: [UInt8] = []
            var copied = 0
            var i = 0
            while i < n, let hit = memchr(base + i, quote, n - i) {
                let at = base.distance(to: UnsafeRawPointer(hit))
                guard at + prefix.count <= n, memcmp(base + at, prefix, prefix.count) == 0 else {
                    i = at + 1
                    continue
                }
                let start = at + 1
                // The closing quote, within 512 bytes.
                let limit = min(n, start + 512)
                let end = memchr(base + start, quote, limit - start).map { base.distance(to: UnsafeRawPointer($0)) } ?? limit
                i = end
                guard end < n, raw[end] == UInt8(ascii: "\""),
                      let renamed = renames[Array(raw[start..<end])] else { continue }
                if out.isEmpty { out.reserveCapacity(n + 256) }
                out.append(contentsOf: raw[copied..<start])
                out.append(contentsOf: renamed)
                copied = end
            }
            if copied == 0 { return data }
            out.append(contentsOf: raw[copied...])
            return Data(out)
        }
    }

    /// Whether a file gets a `.gz` copy beside it, for hosts that serve pre-compressed files:
    /// text files big enough to gain from it.
    static func shouldCompress(_ path: String, _ data: Data) -> Bool {
        data.count > 256 && textExtensions.contains(pathExtension(path))
    }

    /// What follows the last dot of the file name, as `URL.pathExtension` gives it, without a URL
    /// (which looks up the working folder and asks the disk whether the path is a folder).
    static func pathExtension(_ path: String) -> String {
        let name = path[(path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex)...]
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return String(name[name.index(after: dot)...])
    }

    /// `_headers` (Netlify, Cloudflare Pages): hashed files forever, pages briefly.
    static let headers = """
    /assets/*
      Cache-Control: public, max-age=31536000, immutable
    /*.html
      Cache-Control: public, max-age=300, must-revalidate
    /
      Cache-Control: public, max-age=300, must-revalidate
    /*
      X-Content-Type-Options: nosniff
      Referrer-Policy: strict-origin-when-cross-origin

    """

    /// SHA-256 of every input and output, with the generator's version.
    /// The published manifest: every output's SHA-256, and nothing of the inputs (the SHA-256 of
    /// a small survey's responses would let anyone test a guess at the microdata, and input
    /// paths name draft pages).
    static func manifest(outputs: [(path: String, sha: String)], generator: String) -> Data {
        let json = JSONValue.object([
            ("generator", .string(generator)),
            ("outputs", .object(outputs.sorted { $0.path < $1.path }.map { ($0.path, .string($0.sha)) })),
        ])
        return Data(json.serialized(pretty: true).utf8)
    }

    /// Every file below a folder with its bytes, by path relative to `prefix`.
    static func files(under folder: URL, prefix: String) -> [(String, Data)] {
        let root = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        var out: [(String, Data)] = []
        for case let url as URL in enumerator {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true,
                  !url.lastPathComponent.hasPrefix("."), let data = FileManager.default.contents(atPath: url.path) else { continue }
            out.append((prefix + String(url.standardizedFileURL.path.dropFirst(root.count + 1)), data))
        }
        return out.sorted { $0.0 < $1.0 }
    }
}
