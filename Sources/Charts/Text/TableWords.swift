import Words

extension DataTable {
    /// The same table with the generator's own words — column headings and markers such as
    /// "withheld" — in `words` (key `table_` and the word in lower case, runs of other characters
    /// as "_": "95% CI lower" → `table_95_ci_lower`). Labels from the codebook are already in
    /// the page's language and have no such key. The CSV download keeps the English names, which
    /// scripts rely on.
    public func translated(_ words: Words) -> DataTable {
        DataTable(columns: columns.map { Self.word($0, words) }, rows: rows.map { $0.map { Self.word($0, words) } })
    }

    /// `text` in `words` when it is one of the generator's table words, else `text` itself.
    public static func word(_ text: String, _ words: Words) -> String {
        guard !text.isEmpty, text.count < 40, text.first?.isLetter == true || text.first?.isNumber == true else { return text }
        let key = "table_" + key(text)
        return words.has(key) ? words[key] : text
    }

    static func key(_ text: String) -> String {
        var out = ""
        var gap = false
        for ch in text.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                if gap && !out.isEmpty { out.append("_") }
                out.append(ch)
                gap = false
            } else {
                gap = true
            }
        }
        return out
    }
}
