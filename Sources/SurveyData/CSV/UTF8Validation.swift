import Diagnostics

/// Finds the first byte that is not valid UTF-8, so a GBK export is reported where it goes wrong.
public enum UTF8Validation {
    /// The first invalid byte of a file as a located error (line, byte column), with the hint
    /// every reader gives; nil when the bytes are valid UTF-8.
    public static func problem(in bytes: [UInt8], source: String) -> Diagnostic? {
        bytes.withUnsafeBufferPointer { buffer in firstInvalidByte(in: buffer).map { diagnostic(at: $0, in: buffer, source: source) } }
    }

    /// The error for the invalid byte at `offset`: its line and byte column, and the GBK hint.
    static func diagnostic(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>, source: String) -> Diagnostic {
        var line = 1, lineStart = 0
        for i in 0..<offset where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        return .error(at: SourceLocation(file: source, line: line, column: offset - lineStart + 1),
                      "invalid UTF-8 (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))",
                      hint: "save the file as UTF-8; exports from some survey platforms and editors use GBK")
    }

    /// The offset of the first invalid byte, or nil when all of `bytes` is valid UTF-8.
    static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = bytes.count
        var i = 0
        while i < n {
            // Fast path: thirty-two, then eight ASCII bytes at a time.
            if i + 32 <= n {
                let raw = UnsafeRawPointer(bytes.baseAddress! + i)
                let any = raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
                if any & 0x8080_8080_8080_8080 == 0 {
                    i += 32
                    continue
                }
            }
            if i + 8 <= n {
                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(b & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(b & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(b & 0x07)
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
    }
}
