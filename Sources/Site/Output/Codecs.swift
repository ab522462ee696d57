import CCodecs
import Foundation

/// gzip and SHA-256 through the system's libdeflate and libcrypto.
enum Codecs {
    static func gzip(_ data: Data) -> Data? {
        data.withUnsafeBytes { raw -> Data? in
            var length = 0
            guard let out = findings_gzip(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &length) else { return nil }
            defer { free(out) }
            return Data(bytes: out, count: length)
        }
    }

    /// Whether `gz` is a gzip copy of exactly `data`.
    static func gunzip(_ gz: Data, equals data: Data) -> Bool {
        gz.withUnsafeBytes { g in
            data.withUnsafeBytes { d in
                findings_gunzip_equals(g.bindMemory(to: UInt8.self).baseAddress, g.count, d.bindMemory(to: UInt8.self).baseAddress, d.count) == 1
            }
        }
    }

    /// The SHA-256 of `data` in hex. libcrypto cannot fail on valid memory, but if it ever does,
    /// the build stops here (exit 70, the old site untouched): an all-zero digest would make cache
    /// keys and manifest entries collide silently.
    static func sha256(_ data: Data) -> String {
        data.withUnsafeBytes { raw in sha256(raw.bindMemory(to: UInt8.self)) }
    }

    static func sha256(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        let status = findings_sha256(bytes.baseAddress, bytes.count, &digest)
        guard let hex = hex(status: status, digest: digest) else {
            FileHandle.standardError.write(Data("error: SHA-256 failed in libcrypto; nothing was written\n".utf8))
            exit(70)
        }
        return hex
    }

    /// The digest in hex, or nil when the call that made it failed.
    static func hex(status: Int32, digest: [UInt8]) -> String? {
        guard status == 0, digest.count == 32 else { return nil }
        return digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
