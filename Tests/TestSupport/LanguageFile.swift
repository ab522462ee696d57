import Foundation
import Words
import Yams

/// The built-in language files (templates/i18n/LANG.yaml), for tests that draw outside a build.
public enum LanguageFile {
    /// The words of `language` over the English ones, as a build gives a page in that language.
    public static func words(_ language: String) -> Words {
        var table = read("en")
        if language != "en" { table.merge(read(language)) { _, new in new } }
        return Words(language: language, table)
    }

    public static func read(_ language: String) -> [String: String] {
        let url = Repository.templates.appendingPathComponent("i18n/\(language).yaml")
        guard let text = try? String(contentsOf: url, encoding: .utf8),
              let table = try? Yams.load(yaml: text) as? [String: String] else { return [:] }
        return table
    }
}
