import Analysis
import Concurrency
import Diagnostics
import Formats
import Foundation
import Markdown
import SurveyData
import Words

/// Stage 6: hashed asset names, .gz copies, headers, the manifest.
extension BuildSession {

    /// The `.gz` copy already published at `path`, when it inflates to exactly `bytes`. A
    /// rebuild takes it instead of compressing again: inflating is several times cheaper, and
    /// compression was a sixth of a 1,000-page rebuild.
    static func publishedCopy(of bytes: Data, at path: String) -> Data? {
        guard let gz = OutputFolder.regularFile(path), Codecs.gunzip(gz, equals: bytes) else { return nil }
        return gz
    }

    func publish(_ files: [(String, Data)], rendered: [RenderedPage], data: LoadedData,
                         inputs: Inputs, takenFromPublished: inout Set<String>) -> [(String, Data)] {
        let renames = Publishing.assetRenames(files)
        let renamesKey = renames.keys.sorted().map { $0 + ">" + renames[$0]! }.joined(separator: "\n")
        let byBytes = Dictionary(uniqueKeysWithValues: renames.map { (Array($0.key.utf8), Array($0.value.utf8)) })
        var hashedHTML: [String: (input: Data, renames: String, output: Data)] = [:]
        var out: [(String, Data)] = files.map { path, bytes in (renames[path] ?? path, bytes) }
        // Pages point at the hashed names; rewritten on every core, unless the cache has them.
        var toRewrite: [Int] = []
        for (i, (path, bytes)) in files.enumerated() where path.hasSuffix(".html") {
            if let old = cache.hashedHTML[path], old.renames == renamesKey, old.input == bytes {
                hashedHTML[path] = old
                out[i].1 = old.output
            } else {
                toRewrite.append(i)
            }
        }
        let rewritten = Parallel.map(toRewrite) { i in Publishing.rewriteQuotedPaths(files[i].1, renames: byBytes) }
        for (k, i) in toRewrite.enumerated() {
            hashedHTML[files[i].0] = (files[i].1, renamesKey, rewritten[k])
            out[i].1 = rewritten[k]
        }
        cache.hashedHTML = hashedHTML
        // Hashes and gzip copies of files that changed, on every core; the rest from the cache.
        var outputs: [String: Cache.Output] = [:]
        let precompress = data.config.precompress
        let wantsGzip = { (i: Int) in precompress && Publishing.shouldCompress(out[i].0, out[i].1) }
        let stale = out.indices.filter { i in
            // A cached file is reused only if its gzip copy is as the setting now asks.
            guard let old = cache.outputs[out[i].0], old.data == out[i].1, (old.gzip != nil) == wantsGzip(i) else { return true }
            outputs[out[i].0] = old
            return false
        }
        let published = options.output.path
        let hasPublished = access(published, F_OK) == 0
        let fresh = Parallel.map(stale) { i -> (output: Cache.Output, gzipWasPublished: Bool) in
            let (path, bytes) = out[i]
            guard wantsGzip(i) else { return ((bytes, Codecs.sha256(bytes), nil), false) }
            if hasPublished, let copy = Self.publishedCopy(of: bytes, at: published + "/" + path + ".gz") {
                return ((bytes, Codecs.sha256(bytes), (copy, Codecs.sha256(copy))), true)
            }
            return ((bytes, Codecs.sha256(bytes), Codecs.gzip(bytes).map { ($0, Codecs.sha256($0)) }), false)
        }
        for (k, i) in stale.enumerated() {
            outputs[out[i].0] = fresh[k].output
            if fresh[k].gzipWasPublished { takenFromPublished.insert(out[i].0 + ".gz") }
        }
        var compressed: [(String, Data)] = []
        var compressedSHAs: [String: String] = [:]
        for (path, _) in out {
            guard let gzip = outputs[path]?.gzip else { continue }
            compressed.append((path + ".gz", gzip.data))
            compressedSHAs[path + ".gz"] = gzip.sha
        }
        out += compressed
        out.append(("_headers", Data(Publishing.headers.utf8)))
        var shas = out.map { path, bytes in (path, outputs[path]?.sha ?? compressedSHAs[path] ?? Codecs.sha256(bytes)) }
        shas.sort { $0.0 < $1.0 }
        out.append(("build-manifest.json", Publishing.manifest(outputs: shas, generator: SiteBuilder.generator)))
        cache.outputs = outputs
        return out
    }
}
