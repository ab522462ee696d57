/// BCP 47 language tags as a report uses them (`en`, `zh`, `zh-Hans`, `zh-CN`, `pt-BR`): the
/// tag goes into `lang`, `hreflang` and folder names, so anything else is refused where it is read.
enum LanguageTag {
    /// language (2–3 letters), then optional script (4 letters), region (2 letters or 3
    /// digits) and variants (5–8 characters, or a digit and 3).
    static func isValid(_ tag: String) -> Bool {
        let parts = tag.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy(isLetter) else { return false }
        var rest = parts.dropFirst()
        if let script = rest.first, script.count == 4, script.allSatisfy(isLetter) { rest = rest.dropFirst() }
        if let region = rest.first, (region.count == 2 && region.allSatisfy(isLetter)) || (region.count == 3 && region.allSatisfy(isDigit)) {
            rest = rest.dropFirst()
        }
        return rest.allSatisfy { variant in
            variant.allSatisfy { isLetter($0) || isDigit($0) }
                && ((5...8).contains(variant.count) || (variant.count == 4 && variant.first.map(isDigit) == true))
        }
    }

    static func isLetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }
    static func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }

    static let hint = "write a BCP 47 language tag such as en, zh, zh-Hans or pt-BR"
}
