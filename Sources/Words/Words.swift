/// The words the generator itself writes, in one language: chart descriptions, notes under
/// figures and tables, table headings, page titles, interface labels. They come from
/// `templates/i18n/LANG.yaml` (the built-in English file under every other), so a language is
/// one file and an author can override any word.
///
/// A word may hold placeholders, `{name}`, filled by `phrase(_:_:)`; a placeholder the language
/// leaves out is simply not said (Chinese descriptions drop the English units, for example).
public struct Words: Sendable, Hashable {
    /// The BCP 47 tag of the language these words are in.
    public let language: String
    private let table: [String: String]

    public init(language: String, _ table: [String: String]) {
        self.language = language
        self.table = table
    }

    /// No words at all: every lookup gives its key back, so a missing word shows as its name.
    public static let none = Words(language: "en", [:])

    /// The word stored under `key`, or the key itself when the language files lack it (the
    /// built-in English file has every key the generator uses; a test holds it to that).
    public subscript(key: String) -> String { table[key] ?? key }

    /// Whether the language files hold `key`.
    public func has(_ key: String) -> Bool { table[key] != nil }

    /// All the words, by key (for templates, which show them as `{{ui.KEY}}`).
    public var all: [String: String] { table }

    /// The word under `key` with each `{name}` replaced by `values[name]`.
    public func phrase(_ key: String, _ values: [String: String] = [:]) -> String {
        Self.fill(self[key], values)
    }

    /// `template` with each `{name}` replaced by `values[name]` (an unknown name stays as written).
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return out + rest[open...] }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = values[name] { out += value } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// `items` joined as a list in this language: "a, b and c" / "a、b和c".
    public func list(_ items: [String], lastJoiner: String = "list_and") -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: self["list_comma"]) + self[lastJoiner] + items.last!
    }
}
