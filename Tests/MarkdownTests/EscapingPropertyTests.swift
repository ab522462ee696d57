import Formats
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Markdown
import PropertyBased
import Testing

/// HTML escaping round-trips through a standard parser, in text and in a quoted attribute, and
/// leaves nothing that could open a tag, close an attribute or start an unintended entity.
@Suite("HTML escaping, by property")
struct EscapingPropertyTests {
    static let characters: [Character] = ["a", "Z", "0", " ", "&", "<", ">", "\"", "'", "=", "/", ";", "#", "é", "数", "😀", "\u{202E}", "x"]

    /// The text and the attribute value a standard XML parser reads back.
    final class Reader: NSObject, XMLParserDelegate {
        var text = "", attribute: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            attribute = attributes["a"]
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    @Test("decode(escape(s)) == s, and the escaped form holds no < > \" ' and no bare &")
    func roundTrip() async {
        await propertyCheck(count: 500, input: Gen.element(of: Self.characters).map { $0! }.string(of: 0...24)) { s in
            let escaped = HTMLEscaping.escape(s)
            let forbidden: Set<Character> = ["<", ">", "\"", "'"]
            let hasForbidden = escaped.contains(where: forbidden.contains)
            #expect(!hasForbidden, "\(escaped)")
            var rest = Substring(escaped)
            while let amp = rest.firstIndex(of: "&") {
                let after = rest[amp...]
                let entities = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                let isEntity = entities.contains { after.hasPrefix($0) }
                #expect(isEntity, "bare & in \(escaped)")
                rest = rest[rest.index(after: amp)...]
            }
            let parser = XMLParser(data: Data("<r a=\"\(escaped)\">\(escaped)</r>".utf8))
            let reader = Reader()
            parser.delegate = reader
            #expect(parser.parse(), "not well-formed: \(escaped)")
            #expect(reader.text == s)
            #expect(reader.attribute == s)
        }
    }
}
