import Foundation

/// The last step before writing: content-hashed asset names (cached for a year), pre-compressed
/// copies of text files, cache headers for static hosts, and a manifest of every input and output.
enum Publishing {
    static let textExtensions: Set<String> = ["html", "css", "js", "json", "svg", "xml", "csv", "txt", "bib", "ris"]

    /// Renames `assets/NAME.EXT` to `assets/NAME.HASH.EXT` and rewrites every reference to it.
    static func hashAssets(_ files: [(String, Data)]) -> [(String, Data)] {
        var renames: [String: String] = [:]
        for (path, data) in files where path.hasPrefix("assets/") {
            let url = URL(fileURLWithPath: path)
            let hash = String(Codecs.sha256(data).prefix(10))
            renames[path] = url.deletingPathExtension().relativePath + "." + hash + "." + url.pathExtension
        }
        let byBytes = Dictionary(uniqueKeysWithValues: renames.map { (Array($0.key.utf8), Array($0.value.utf8)) })
        return files.map { path, data in
            let newPath = renames[path] ?? path
            guard path.hasSuffix(".html") else { return (newPath, data) }
            return (newPath, rewriteQuotedPaths(data, renames: byBytes))
        }
    }

    /// Replaces every `"assets/…"` whose whole quoted text is a renamed path, in one pass over
    /// the bytes (a search per asset over every page's text took most of a build's time).
    static func rewriteQuotedPaths(_ data: Data, renames: [[UInt8]: [UInt8]]) -> Data {
        let prefix = Array("\"assets/".utf8)
        let quote = UInt8(ascii: "\"")
        let bytes = [UInt8](data)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var i = 0
        var copied = 0
        while i < bytes.count {
            guard bytes[i] == quote, i + prefix.count <= bytes.count, bytes[i..<(i + prefix.count)].elementsEqual(prefix) else {
                i += 1
                continue
            }
            let start = i + 1
            var end = start
            while end < bytes.count && bytes[end] != quote && end - start < 512 { end += 1 }
            if end < bytes.count, bytes[end] == quote, let renamed = renames[Array(bytes[start..<end])] {
                out.append(contentsOf: bytes[copied..<start])
                out.append(contentsOf: renamed)
                copied = end
            }
            i = end
        }
        if copied == 0 { return data }
        out.append(contentsOf: bytes[copied...])
        return Data(out)
    }

    /// A `.gz` copy beside every text file, for hosts that serve pre-compressed files.
    static func compressedCopies(_ files: [(String, Data)]) -> [(String, Data)] {
        files.compactMap { path, data in
            guard textExtensions.contains(URL(fileURLWithPath: path).pathExtension), data.count > 256,
                  let gz = Codecs.gzip(data) else { return nil }
            return (path + ".gz", gz)
        }
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
    static func manifest(inputs: [(String, Data)], outputs: [(String, Data)], generator: String) -> Data {
        let json = JSONValue.object([
            ("generator", .string(generator)),
            ("inputs", .object(inputs.sorted { $0.0 < $1.0 }.map { ($0.0, .string(Codecs.sha256($0.1))) })),
            ("outputs", .object(outputs.sorted { $0.0 < $1.0 }.map { ($0.0, .string(Codecs.sha256($0.1))) })),
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
