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
        var out: [String] = []
        var word = ""
        var cjk: [Character] = []
        func flushWord() {
            if word.count >= 2 { out.append(word) }
            word = ""
        }
        func flushCJK() {
            if cjk.count == 1 { out.append(String(cjk)) }
            if cjk.count > 1 { for i in 0..<(cjk.count - 1) { out.append(String(cjk[i...i + 1])) } }
            cjk = []
        }
        for ch in text.lowercased() {
            if let v = ch.unicodeScalars.first?.value, (0x3400...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) {
                flushWord()
                cjk.append(ch)
            } else if ch.isLetter || ch.isNumber {
                flushCJK()
                word.append(ch)
            } else {
                flushWord()
                flushCJK()
            }
        }
        flushWord()
        flushCJK()
        return out
    }

    /// The sections of a rendered page: its title and text, then each `<h2>` with what follows.
    static func entries(html: String, path: String, title: String, lang: String) -> [Entry] {
        var entries: [Entry] = []
        var rest = Substring(html)
        var heading = title, anchor = ""
        while true {
            let next = rest.range(of: "<h2 id=\"")
            let chunk = next.map { rest[..<$0.lowerBound] } ?? rest
            let text = plain(String(chunk))
            if !text.isEmpty {
                entries.append(Entry(url: path + (anchor.isEmpty ? "" : "#" + anchor), title: heading == title ? title : title + " › " + heading,
                                     text: text, lang: lang))
            }
            guard let open = next else { break }
            let afterOpen = rest[open.upperBound...]
            guard let quote = afterOpen.firstIndex(of: "\""), let close = afterOpen.range(of: "</h2>") else { break }
            anchor = String(afterOpen[..<quote])
            heading = plain(String(afterOpen[afterOpen.index(after: quote)..<close.lowerBound]))
            rest = afterOpen[close.upperBound...]
        }
        return entries
    }

    /// Text without tags, entities decoded for the common ones, space collapsed.
    static func plain(_ html: String) -> String {
        // Over UTF-8 bytes: the markup is ASCII, so no multi-byte character is ever split.
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count / 2)
        var inTag = false
        var skip = 0
        func starts(_ i: Int, _ word: String) -> Bool {
            var j = i
            for b in word.utf8 {
                guard j < bytes.count, bytes[j] == b else { return false }
                j += 1
            }
            return true
        }
        var i = 0
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "<") {
                // Leave out what is not text: the inline SVG (its data table stays) and scripts.
                if starts(i, "<svg") || starts(i, "<script") { skip += 1 }
                if starts(i, "</svg") || starts(i, "</script") { skip = max(0, skip - 1) }
                inTag = true
            } else if c == UInt8(ascii: ">") {
                inTag = false
                out.append(UInt8(ascii: " "))
            } else if !inTag && skip == 0 {
                out.append(c)
            }
            i += 1
        }
        let text = String(decoding: out, as: UTF8.self)
        let decoded = text.contains("&") ? text.replacingAll("&amp;", "&").replacingAll("&lt;", "<").replacingAll("&gt;", ">")
            .replacingAll("&quot;", "\"").replacingAll("&#39;", "'") : text
        return decoded.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    static func json(_ entries: [Entry]) -> JSONValue {
        var postings: [String: [Int]] = [:]
        for (i, e) in entries.enumerated() {
            for token in Set(tokens(e.title + " " + e.text)) { postings[token, default: []].append(i) }
        }
        return .object([
            ("docs", .array(entries.map { .object([("u", .string($0.url)), ("t", .string($0.title)), ("x", .string(String($0.text.prefix(160)))),
                                                   ("l", .string($0.lang))]) })),
            ("index", .object(postings.keys.sorted().map { ($0, .array(postings[$0]!.sorted().map { .int($0) })) })),
        ])
    }
}

extension String {
    func replacingAll(_ target: String, _ replacement: String) -> String {
        guard contains(target) else { return self }
        return components(separatedBy: target).joined(separator: replacement)
    }
}

import Foundation
