import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Text in other encodings, turned into UTF-8 through the C library's iconv: GB18030 (which
/// reads GBK and GB2312 files too), UTF-16, and whatever else a file names.
public enum TextEncoding {
    /// `--encoding`'s choices.
    public enum Choice: String, Sendable, CaseIterable {
        case auto, utf8 = "utf-8", gb18030, utf16 = "utf-16"
    }

    /// The bytes decoded from `encoding`; nil when iconv does not know it or a byte sequence is invalid.
    public static func decode(_ bytes: [UInt8], from encoding: String) -> String? {
        if encoding.uppercased() == "UTF-8" {
            return String(validating: bytes, as: UTF8.self)
        }
        let converter = iconv_open("UTF-8", encoding)
        guard converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var input = bytes
        let produced: Int? = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                var inPointer = UnsafeMutableRawPointer(inBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuffer.count
                var outPointer = UnsafeMutableRawPointer(outBuffer.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuffer.count
                guard iconv(converter, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return nil }
                return outBuffer.count - outLeft
            }
        }
        guard let produced else { return nil }
        return String(decoding: output[..<produced], as: UTF8.self)
    }

    /// The encoding of a text file: its byte-order mark, else UTF-8 when every byte sequence is
    /// valid UTF-8, else GB18030 (what Chinese Excel and Wenjuanxing write) when that decodes.
    public static func detect(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return "UTF-8" }
        if bytes.starts(with: [0xFF, 0xFE]) { return "UTF-16LE" }
        if bytes.starts(with: [0xFE, 0xFF]) { return "UTF-16BE" }
        if String(validating: bytes, as: UTF8.self) != nil { return "UTF-8" }
        if decode(bytes, from: "GB18030") != nil { return "GB18030" }
        return nil
    }

    /// The file's text, byte-order mark removed.
    public static func text(of bytes: [UInt8], choice: Choice) -> (text: String, encoding: String)? {
        let encoding: String?
        switch choice {
        case .auto: encoding = detect(bytes)
        case .utf8: encoding = "UTF-8"
        case .gb18030: encoding = "GB18030"
        case .utf16: encoding = bytes.starts(with: [0xFE, 0xFF]) ? "UTF-16BE" : "UTF-16LE"
        }
        guard let encoding else { return nil }
        var body = bytes[...]
        if encoding == "UTF-8", bytes.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if encoding.hasPrefix("UTF-16"), bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { body = body.dropFirst(2) }
        guard let text = decode(Array(body), from: encoding) else { return nil }
        return (text, encoding)
    }
}
