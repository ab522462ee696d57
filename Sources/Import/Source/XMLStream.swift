import CLibXML2

/// An XML document parsed as its bytes arrive, by libxml2's SAX2 push parser: a handler hears
/// each element's start (its name and attributes as bytes, nothing copied), text and end. The
/// parser never loads external entities or DTDs.
final class XMLStream {
    protocol Handler: AnyObject {
        func start(_ name: XMLName, _ attributes: XMLAttributes)
        func text(_ bytes: UnsafeBufferPointer<UInt8>)
        func end(_ name: XMLName)
    }

    private let handler: any Handler
    private var context: xmlParserCtxtPtr?
    private var sax = xmlSAXHandler()
    private(set) var failure: (line: Int, column: Int, message: String)?

    init(_ handler: any Handler) {
        self.handler = handler
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { ctx, localname, _, _, _, _, count, _, attributes in
            let stream = Unmanaged<XMLStream>.fromOpaque(ctx!).takeUnretainedValue()
            stream.handler.start(XMLName(bytes: localname!), XMLAttributes(count: Int(count), pointers: attributes))
        }
        sax.endElementNs = { ctx, localname, _, _ in
            let stream = Unmanaged<XMLStream>.fromOpaque(ctx!).takeUnretainedValue()
            stream.handler.end(XMLName(bytes: localname!))
        }
        sax.characters = { ctx, bytes, length in
            let stream = Unmanaged<XMLStream>.fromOpaque(ctx!).takeUnretainedValue()
            stream.handler.text(UnsafeBufferPointer(start: bytes, count: Int(length)))
        }
        sax.serror = { ctx, error in
            guard let ctx, let error else { return }
            let stream = Unmanaged<XMLStream>.fromOpaque(ctx).takeUnretainedValue()
            guard stream.failure == nil, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
            stream.failure = (Int(error.pointee.line), Int(error.pointee.int2), message.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        context = xmlCreatePushParserCtxt(&sax, Unmanaged.passUnretained(self).toOpaque(), nil, 0, nil)
        xmlCtxtUseOptions(context, Int32(XML_PARSE_HUGE.rawValue | XML_PARSE_NONET.rawValue))
    }

    deinit { xmlFreeParserCtxt(context) }

    /// Feeds the next bytes of the document.
    func feed(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, let base = bytes.baseAddress, bytes.count > 0 else { return }
        // libxml2 takes an int length: feed a chunk of more than 2 GiB in parts.
        var offset = 0
        while offset < bytes.count, failure == nil {
            let n = min(bytes.count - offset, 1 << 30)
            if xmlParseChunk(context, base.advanced(by: offset).assumingMemoryBound(to: CChar.self), Int32(n), 0) != 0, failure == nil {
                failure = (1, 1, "malformed XML")
            }
            offset += n
        }
    }

    /// Ends the document; the failure, if it was not well formed.
    func finish() -> (line: Int, column: Int, message: String)? {
        if failure == nil, xmlParseChunk(context, nil, 0, 1) != 0, failure == nil { failure = (1, 1, "malformed XML") }
        return failure
    }
}

/// An element's local name, compared without making a String.
struct XMLName {
    let bytes: UnsafePointer<UInt8>

    /// True when the name is exactly `literal` (ASCII).
    @inline(__always)
    func `is`(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for i in 0..<count where bytes[i] != expected[i] { return false }
        return bytes[count] == 0
    }

    var string: String { String(cString: bytes) }
}

/// An element's attributes as libxml2 hands them over: five pointers each (local name, prefix,
/// URI, value start, value end).
struct XMLAttributes {
    let count: Int
    let pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?

    /// The value of the attribute whose local name (and prefix, for `r:id`) is `name`.
    func value(_ name: StaticString, prefix: StaticString? = nil) -> UnsafeBufferPointer<UInt8>? {
        guard let pointers else { return nil }
        for i in 0..<count {
            guard let local = pointers[5 * i], XMLName(bytes: local).is(name) else { continue }
            if let prefix {
                guard let p = pointers[5 * i + 1], XMLName(bytes: p).is(prefix) else { continue }
            }
            guard let start = pointers[5 * i + 3], let end = pointers[5 * i + 4] else { return nil }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    func string(_ name: StaticString, prefix: StaticString? = nil) -> String? {
        value(name, prefix: prefix).map { XMLAttributes.decodeEntities(String(decoding: $0, as: UTF8.self)) }
    }

    /// Attribute values come from libxml2 with entity references as written (`&amp;`).
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            rest = rest[amp...]
            guard let semi = rest.firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: rest.startIndex)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                if entity.hasPrefix("#x"), let v = UInt32(entity.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) { out.unicodeScalars.append(s) }
                else if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let s = Unicode.Scalar(v) { out.unicodeScalars.append(s) }
                else { out += "&" + entity + ";" }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }

    /// The value as a non-negative integer, parsed from its bytes.
    func integer(_ name: StaticString) -> Int? {
        guard let bytes = value(name), !bytes.isEmpty else { return nil }
        var n = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }
}

import Foundation
