/// The words of the site's own interface. The templates' `i18n/LANG.yaml` files hold them for
/// each language (these English ones are the fallback when a templates folder has none);
/// templates use them as `{{ui.on_this_page}}` and so on.
enum UIStrings {
    static let strings: [String: [String: String]] = [
        "en": [
            "skip": "Skip to content", "on_this_page": "On this page", "sections": "Report sections",
            "previous_next": "Previous and next page", "language": "Language",
            "synthetic_title": "Illustrative data.",
            "synthetic_text": "The figures on this site are computed from synthetic data; they are not the results of a real survey.",
            "cite": "Cite this report:", "licence": "Licence", "built": "every number is computed from the data at build time.",
            "theme": "Dark or light", "menu": "Sections", "search": "Search the report",
            "fallback": "This page is not yet available in this language; it is shown in English.",
            "not_found_title": "Page not found",
            "not_found_summary": "There is no page at this address. The sections of the report are listed above.",
            "not_found_link": "Go to the overview", "references_title": "References", "works_cited": "Works cited in this report",
            "adjusted_p": "adjusted p", "marker_small": "%m: fewer than %n respondents, withheld.",
            "marker_complement": "x: withheld so that a count under %n cannot be worked out from the others.",
            "marker_withheld": "Withheld: too few respondents to publish.", "sentence_gap": " ",
        ],
    ]

    static func strings(for language: String) -> [String: String] {
        strings[language] ?? strings["en"]!
    }

    static func languageName(_ code: String) -> String {
        ["en": "English", "zh": "中文"][code] ?? code
    }
}
