/// The words of the site's own interface, in each language the report is written in. An author's
/// templates may use them as `{{ui.on_this_page}}` and so on.
enum UIStrings {
    static let strings: [String: [String: String]] = [
        "en": [
            "skip": "Skip to content", "on_this_page": "On this page", "sections": "Report sections",
            "previous_next": "Previous and next page", "language": "Language",
            "synthetic_title": "Illustrative data.",
            "synthetic_text": "The figures on this site are computed from a synthetic data set calibrated to published aggregates; they are not the study's results.",
            "cite": "Cite this report:", "licence": "Licence", "built": "every number is computed from the data at build time.",
            "theme": "Dark or light", "menu": "Sections", "search": "Search the report",
            "fallback": "This page is not yet available in this language; it is shown in English.",
        ],
        "zh": [
            "skip": "跳到正文", "on_this_page": "本页内容", "sections": "报告章节",
            "previous_next": "上一页与下一页", "language": "语言",
            "synthetic_title": "示例数据。",
            "synthetic_text": "本站数字由按已发表汇总数据校准的合成数据计算得出，并非该研究的实际结果。",
            "cite": "引用本报告：", "licence": "许可", "built": "所有数字均在构建时由数据计算得出。",
            "theme": "深色或浅色", "menu": "章节", "search": "搜索报告",
            "fallback": "本页暂无中文版，以下为英文原文；图表标签为中文。",
        ],
    ]

    static func strings(for language: String) -> [String: String] {
        strings[language] ?? strings["en"]!
    }

    static func languageName(_ code: String) -> String {
        ["en": "English", "zh": "中文"][code] ?? code
    }
}
