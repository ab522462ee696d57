import Foundation
import Testing
@testable import Site

@Suite("JSON as the site writes it")
struct JSONValueTests {
    @Test("strings escape quotes, controls, HTML's <>& and JavaScript's line ends; nothing else")
    func escapes() {
        let text = "a\"b\\c\nd\re\tf<g>h&i\u{1}\u{1F}\u{7F}é中文😀\u{2028}\u{2029}\u{2027}\u{202A}"
        #expect(JSONValue.string(text).serialized()
            == "\"a\\\"b\\\\c\\nd\\re\\tf\\u003cg\\u003eh\\u0026i\\u0001\\u001f\u{7F}é中文😀\\u2028\\u2029\u{2027}\u{202A}\"")
        #expect(JSONValue.string("").serialized() == "\"\"")
        #expect(JSONValue.string("\u{E2}").serialized() == "\"\u{E2}\"")
        #expect(JSONValue.object([("k<", .string("v\u{2028}"))]).serialized() == "{\"k\\u003c\":\"v\\u2028\"}")
    }

    @Test("any string reads back exactly, and never holds a raw <, > or line end")
    func roundTrips() throws {
        let pieces = ["\"", "\\", "\n", "\r", "\t", "<", ">", "&", "\u{0}", "\u{1B}", "\u{2028}", "\u{2029}", "\u{2026}",
                      "\u{E2}", "a", "Z", "9", " ", "é", "中", "😀", "e\u{301}", "/"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let json = JSONValue.array([.string(text)]).serialized()
            #expect(!json.contains("<") && !json.contains(">") && !json.contains("\n") && !json.contains("\u{2028}"))
            let back = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
            #expect(back == [text], "\(json)")
        }
    }
}
