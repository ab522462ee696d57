/// A static search index: one entry per page section (and per figure and table caption), with an
/// inverted index of words. Chinese (and other CJK) text is indexed by character bigrams, so
/// Chinese queries find Chinese text without a dictionary; other text by lower-case words.
enum SearchIndex {
    struct Entry {
        var url: String
        var title: String
        var text: String
        var lang: String
    }

    /// Tokens of `text`: lower-case words of letters and digits, and bigrams of CJK characters
    /// (a lone CJK character is its own token). The search script tokenises queries the same way.
    static func tokens(_ text: String) -> [String] {
        // Over Unicode scalars, not Characters (grapheme breaking made this most of a build's
        // time), building each word as UTF-8 bytes. A combining mark continues the word it follows,
        // as it would inside a Character.
        var out: [String] = []
        var word: [UInt8] = []
        var scalars = 0
        var cjk: [Unicode.Scalar] = []
        func flushWord() {
            if scalars >= 2 { out.append(String(decoding: word, as: UTF8.self)) }
            if !word.isEmpty { word.removeAll(keepingCapacity: true) }
            scalars = 0
        }
        func append(_ scalar: Unicode.Scalar) {
            word.append(contentsOf: UTF8.encode(scalar)!)
            scalars += 1
        }
        func flushCJK() {
            if cjk.count == 1 { out.append(String(Character(cjk[0]))) }
            if cjk.count > 1 {
                for i in 0..<(cjk.count - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(cjk[i])
                    pair.append(cjk[i + 1])
                    out.append(String(pair))
                }
            }
            cjk.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                    if !cjk.isEmpty { flushCJK() }
                    word.append(UInt8(v))
                    scalars += 1
                } else if v >= 0x41 && v <= 0x5A {
                    if !cjk.isEmpty { flushCJK() }
                    word.append(UInt8(v + 0x20))
                    scalars += 1
                } else {
                    flushWord()
                    if !cjk.isEmpty { flushCJK() }
                }
            } else if (0x3400...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) {
                flushWord()
                cjk.append(scalar)
            } else {
                let properties = scalar.properties
                let isMark = [.nonspacingMark, .spacingMark, .enclosingMark].contains(properties.generalCategory)
                if isMark && !word.isEmpty {
                    append(scalar)
                } else if properties.isAlphabetic || properties.numericType != nil {
                    if !cjk.isEmpty { flushCJK() }
                    for s in properties.lowercaseMapping.unicodeScalars { append(s) }
                } else {
                    flushWord()
                    if !cjk.isEmpty { flushCJK() }
                }
            }
        }
        flushWord()
        flushCJK()
        return out
    }

    /// The sections of a rendered page: its title and text, then each `<h2>` with what follows.
    static func entries(html: String, path: String, title: String, lang: String) -> [Entry] {
        // Over UTF-8 bytes: the markup searched for is ASCII, so no character is ever split.
        let bytes = Array(html.utf8)
        let open = Array("<h2 id=\"".utf8), close = Array("</h2>".utf8)
        var entries: [Entry] = []
        var heading = title, anchor = ""
        var start = 0
        while true {
            let next = find(open, in: bytes, from: start)
            let text = plain(bytes[start..<(next ?? bytes.count)])
            if !text.isEmpty {
                entries.append(Entry(url: path + (anchor.isEmpty ? "" : "#" + anchor), title: heading == title ? title : title + " › " + heading,
                                     text: text, lang: lang))
            }
            guard let at = next else { break }
            let idStart = at + open.count
            guard let quote = bytes[idStart...].firstIndex(of: UInt8(ascii: "\"")),
                  let end = find(close, in: bytes, from: idStart) else { break }
            anchor = String(decoding: bytes[idStart..<quote], as: UTF8.self)
            heading = plain(bytes[(quote + 1)..<max(quote + 1, end)])
            start = end + close.count
        }
        return entries
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        var i = start
        let last = bytes.count - needle.count
        while i <= last {
            if bytes[i] == first && bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    static func plain(_ html: String) -> String { plain(Array(html.utf8)[...]) }

    /// Text without tags (or the inline SVG and scripts), the common entities decoded, white
    /// space collapsed to single spaces.
    static func plain(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var inTag = false
        var skip = 0
        var space = false
        func starts(_ i: Int, _ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard i + count <= bytes.endIndex else { return false }
            return word.withUTF8Buffer { bytes[i..<(i + count)].elementsEqual($0) }
        }
        func emit(_ c: UInt8) {
            if space && !out.isEmpty { out.append(UInt8(ascii: " ")) }
            space = false
            out.append(c)
        }
        let entities: [(StaticString, UInt8)] = [("&amp;", UInt8(ascii: "&")), ("&lt;", UInt8(ascii: "<")), ("&gt;", UInt8(ascii: ">")),
                                                 ("&quot;", UInt8(ascii: "\"")), ("&#39;", UInt8(ascii: "'"))]
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let c = bytes[i]
            if c == UInt8(ascii: "<") {
                // Leave out what is not text: the inline SVG (its data table stays) and scripts.
                if starts(i, "<svg") || starts(i, "<script") { skip += 1 }
                if starts(i, "</svg") || starts(i, "</script") { skip = max(0, skip - 1) }
                inTag = true
            } else if c == UInt8(ascii: ">") {
                inTag = false
                space = true
            } else if !inTag && skip == 0 {
                if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C || c == 0x0B {
                    space = true
                } else if c == UInt8(ascii: "&"), let (entity, decoded) = entities.first(where: { starts(i, $0.0) }) {
                    emit(decoded)
                    i += entity.utf8CodeUnitCount
                    continue
                } else {
                    emit(c)
                }
            }
            i += 1
        }
        let text = String(decoding: out, as: UTF8.self)
        // Other white space (no-break, ideographic) is rare: collapse it the slow way.
        if text.unicodeScalars.contains(where: { $0.value >= 0x80 && $0.properties.isWhitespace }) {
            return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return text
    }

    /// An entry with its distinct tokens, as the index files it.
    typealias Section = (entry: Entry, tokens: Set<String>)

    /// A page's entries with their tokens: the part of the index that depends on one page.
    static func sections(html: String, path: String, title: String, lang: String) -> [Section] {
        entries(html: html, path: path, title: title, lang: lang).map { ($0, Set(tokens($0.title + " " + $0.text))) }
    }

    /// Each token's entries, in entry order.
    static func postings(_ entries: [Section]) -> [String: [Int]] {
        var postings: [String: [Int]] = [:]
        for (i, e) in entries.enumerated() {
            for token in e.tokens { postings[token, default: []].append(i) }
        }
        return postings
    }

    /// What a search result shows of an entry's text.
    static func excerpt(_ entry: Entry) -> String { String(entry.text.prefix(160)) }

    /// The index of `entries` (each with its tokens, computed once per page by the caller) as JSON
    /// text, written straight out: a 10,000-page site's index is 12 MB, and building it as a tree
    /// of `JSONValue`s first took as long as writing it.
    static func serialized(_ entries: [Section]) -> String {
        let postings = postings(entries)
        var out = ""
        out.reserveCapacity(entries.count * 300 + postings.count * 24)
        out += "{\"docs\":["
        for (i, section) in entries.enumerated() {
            let entry = section.entry
            out += i == 0 ? "{\"u\":" : ",{\"u\":"
            JSONValue.writeString(entry.url, into: &out)
            out += ",\"t\":"
            JSONValue.writeString(entry.title, into: &out)
            out += ",\"x\":"
            JSONValue.writeString(excerpt(entry), into: &out)
            out += ",\"l\":"
            JSONValue.writeString(entry.lang, into: &out)
            out += "}"
        }
        out += "],\"index\":{"
        for (k, token) in postings.keys.sorted().enumerated() {
            if k > 0 { out += "," }
            JSONValue.writeString(token, into: &out)
            out += ":["
            for (j, n) in postings[token]!.enumerated() {
                if j > 0 { out += "," }
                out += String(n)
            }
            out += "]"
        }
        out += "}}"
        return out
    }
}
