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

    static func sha256(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        _ = data.withUnsafeBytes { raw in findings_sha256(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, &digest) }
        return digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
