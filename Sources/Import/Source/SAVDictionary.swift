import Foundation

/// The parts of an SPSS system file's dictionary that ReadStat 1.1.8 (Debian's) does not give:
/// the character encoding (record 7.20, else the code page of record 7.3) and the
/// multiple-response sets (records 7.7 and 7.19), whose variables are named by short names
/// mapped to long ones through record 7.13. The layout is the one PSPP documents ("System File
/// Format"); only the dictionary is walked, never the data.
struct SAVDictionary {
    var encoding: String?
    var codePage: Int?
    var responseSets: [RawResponseSet] = []
    /// Short (8-byte) variable names to long ones.
    var longNames: [String: String] = [:]

    struct RawResponseSet {
        var name: String
        var label: String
        var variables: [String]
        var countedValue: String?
    }

    /// The encoding to hand iconv, from the file's own records.
    var iconvEncoding: String? {
        if let encoding {
            let upper = encoding.uppercased()
            if ["GBK", "GB2312", "GB18030", "CP936", "WINDOWS-936", "EUC-CN"].contains(upper) { return "GB18030" }
            return encoding
        }
        switch codePage {
        case 936: return "GB18030"
        case 950: return "BIG5"
        case 65001, nil: return nil
        case 1252: return "WINDOWS-1252"
        case let page?: return "CP\(page)"
        }
    }

    /// Reads the dictionary of `path`; nil when the file is not a readable system file (ReadStat
    /// then says why).
    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        // A dictionary is small; 16 MiB is far beyond any real one.
        guard let data = try? handle.read(upToCount: 16 << 20), data.count >= 176 else { return nil }
        let bytes = [UInt8](data)
        guard bytes[0] == UInt8(ascii: "$"), bytes[1] == UInt8(ascii: "F"), bytes[2] == UInt8(ascii: "L") else { return nil }
        var reader = Reader(bytes: bytes, offset: 64)
        let layout = reader.int32()
        if layout != 2 && layout != 3 { reader.swapped = true }
        reader.offset = 176
        var mrsetText: [[UInt8]] = []
        while let type = reader.int32(), type != 999 {
            switch type {
            case 2:
                guard reader.skip(4), let hasLabel = reader.int32(), let missing = reader.int32(), reader.skip(16) else { return nil }
                if hasLabel == 1 {
                    guard let length = reader.int32(), length >= 0, reader.skip((Int(length) + 3) / 4 * 4) else { return nil }
                }
                guard reader.skip(Int(abs(missing)) * 8) else { return nil }
            case 3:
                guard let count = reader.int32(), count >= 0 else { return nil }
                for _ in 0..<count {
                    guard reader.skip(8), let length = reader.byte() else { return nil }
                    guard reader.skip((Int(length) + 1 + 7) / 8 * 8 - 1) else { return nil }
                }
            case 4:
                guard let count = reader.int32(), count >= 0, reader.skip(Int(count) * 4) else { return nil }
            case 6:
                guard let lines = reader.int32(), lines >= 0, reader.skip(Int(lines) * 80) else { return nil }
            case 7:
                guard let subtype = reader.int32(), let size = reader.int32(), let count = reader.int32(),
                      size >= 0, count >= 0, let body = reader.take(Int(size) * Int(count)) else { return nil }
                switch subtype {
                case 3 where body.count >= 32:
                    var inner = Reader(bytes: body, offset: 28, swapped: reader.swapped)
                    codePage = inner.int32().map(Int.init)
                case 7, 19: mrsetText.append(body)
                case 13: longNames = Self.longNames(body)
                case 20: encoding = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines.union(["\0"]))
                default: break
                }
            default:
                return nil
            }
        }
        let textEncoding = iconvEncoding
        for text in mrsetText { responseSets += Self.responseSets(text, encoding: textEncoding) }
    }

    static func longNames(_ body: [UInt8]) -> [String: String] {
        var names: [String: String] = [:]
        for pair in String(decoding: body, as: UTF8.self).split(separator: "\t") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { names[String(parts[0]).uppercased()] = String(parts[1]) }
        }
        return names
    }

    /// `$name=D1 1 9 Barriers q5_1 q5_2\n`: type, counted value (D, E), label, variables.
    static func responseSets(_ body: [UInt8], encoding: String?) -> [RawResponseSet] {
        var sets: [RawResponseSet] = []
        var i = 0
        func number() -> Int? {
            let start = i
            while i < body.count, body[i] >= 0x30, body[i] <= 0x39 { i += 1 }
            guard i > start else { return nil }
            return Int(String(decoding: body[start..<i], as: UTF8.self))
        }
        func space() { if i < body.count, body[i] == 0x20 { i += 1 } }
        func text(_ count: Int) -> String? {
            guard count >= 0, i + count <= body.count else { return nil }
            defer { i += count }
            return decode(Array(body[i..<(i + count)]), encoding: encoding)
        }
        while i < body.count {
            while i < body.count, body[i] == 0x0A { i += 1 }
            guard i < body.count, let equals = body[i...].firstIndex(of: UInt8(ascii: "=")) else { break }
            let name = String(decoding: body[i..<equals], as: UTF8.self)
            i = equals + 1
            guard i < body.count else { break }
            let kind = body[i]
            i += 1
            var counted: String?
            switch kind {
            case UInt8(ascii: "C"): space()
            case UInt8(ascii: "D"):
                guard let length = number() else { return sets }
                space()
                counted = text(length)
                space()
            case UInt8(ascii: "E"):
                space()
                _ = number()
                space()
                guard let length = number() else { return sets }
                space()
                counted = text(length)
                space()
            default: return sets
            }
            guard let labelLength = number() else { return sets }
            space()
            let label = text(labelLength) ?? ""
            space()
            let end = body[i...].firstIndex(of: 0x0A) ?? body.count
            let variables = String(decoding: body[i..<end], as: UTF8.self).split(separator: " ").map(String.init)
            i = end
            sets.append(RawResponseSet(name: name, label: label, variables: variables, countedValue: counted))
        }
        return sets
    }

    static func decode(_ bytes: [UInt8], encoding: String?) -> String {
        if let encoding, let converted = TextEncoding.decode(bytes, from: encoding) { return converted }
        return String(decoding: bytes, as: UTF8.self)
    }

    struct Reader {
        var bytes: [UInt8]
        var offset: Int
        var swapped = false

        mutating func int32() -> Int32? {
            guard offset + 4 <= bytes.count else { return nil }
            var value: UInt32 = 0
            for k in 0..<4 { value |= UInt32(bytes[offset + k]) << (8 * k) }
            offset += 4
            return Int32(bitPattern: swapped ? value.byteSwapped : value)
        }

        mutating func byte() -> UInt8? {
            guard offset < bytes.count else { return nil }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func skip(_ count: Int) -> Bool {
            guard count >= 0, offset + count <= bytes.count else { return false }
            offset += count
            return true
        }

        mutating func take(_ count: Int) -> [UInt8]? {
            guard count >= 0, offset + count <= bytes.count else { return nil }
            defer { offset += count }
            return Array(bytes[offset..<(offset + count)])
        }
    }
}
