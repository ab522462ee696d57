/// The generator's own words in a chart's or table's data table — column headings and
/// markers — in the page's language. Labels from the codebook are already translated;
/// these are the words the generator itself writes.
public enum TableWords {
    static let chinese: [String: String] = [
        "Answer": "选项", "Share": "占比", "Group": "组别", "95% CI lower": "95% CI 下限",
        "95% CI upper": "95% CI 上限", "95% CI": "95% CI", "withheld": "不公布", "Answered": "作答",
        "Missing": "缺失", "Not asked": "未提问", "Total": "合计", "Count": "人数",
        "Value": "数值", "Region": "地区", "Respondents": "受访者", "Code": "编码",
        "From": "自", "To (not included)": "至（不含）", "Answers": "回答数", "Organisation": "机构",
        "Sector": "部门", "Partners": "合作方数", "Year": "年份", "adjusted p": "校正 p",
        "not testable": "无法检验", "Range": "范围",
    ]

    /// The word in `language`, or the word itself where there is no translation.
    public static func word(_ word: String, in language: String) -> String {
        language == "zh" ? (chinese[word] ?? word) : word
    }
}

extension DataTable {
    /// The same table with the generator's words in `language` (for the HTML table; the CSV
    /// download keeps its English column names, which scripts rely on).
    public func inLanguage(_ language: String) -> DataTable {
        guard language != "en" else { return self }
        return DataTable(columns: columns.map { TableWords.word($0, in: language) },
                         rows: rows.map { $0.map { TableWords.word($0, in: language) } })
    }
}
