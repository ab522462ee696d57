/// `findings new --from FILE`: a report around an import, ready to edit: site.yaml, a
/// findings.yaml with the count of respondents, an overview page and a results page with a chart
/// of every question (text questions, which are never published, aside).
public enum StarterReport {
    /// Files of the report's `content/` folder, besides data/codebook.yaml and data/responses.csv.
    public static func files(for draft: DraftCodebook, date: String) -> [(path: String, text: String)] {
        let chinese = isMostlyChinese(draft)
        let words = chinese ? Words.zh : Words.en
        let charted = draft.questions.filter { $0.type != "text" }
        let breakdown = charted.first { $0.type == "single" && (2...6).contains($0.options.count) }
        let counted = charted.first { ["single", "likert", "multi"].contains($0.type) } ?? charted.first
        var site = """
        # site.yaml: the report as a whole. Every key is explained in the Findings README.
        title: \(CodebookWriter.scalar(draft.title?.first ?? words.title))
        subtitle: \(CodebookWriter.quoted(words.subtitle))
        authors:
          - name: Your Name
            affiliation: Your institution
        date: "\(date)"
        license: CC BY 4.0
        language: \(chinese ? "zh" : "en")

        """
        if let breakdown {
            site += """
            # Questions every other question is cross-tabulated by. \(breakdown.id) was chosen because it is the first
            # question with 2 to 6 answers; list the ones your analysis needs.
            breakdowns: [\(breakdown.id)]

            """
        } else {
            site += "# Questions every other question is cross-tabulated by (single or likert questions).\nbreakdowns: []\n"
        }
        site += """
        # Counts from 1 to min_cell - 1 are withheld everywhere in the published site.
        disclosure:
          min_cell: 5

        """
        var findings = "# findings.yaml: named numbers the pages cite as `=name`. Add your own; the README explains them.\n"
        if let counted {
            findings += """
            respondents:
              description: \(CodebookWriter.quoted(words.respondents))
              count: \(counted.id)

            """
        }
        let index = """
        ---
        title: \(CodebookWriter.quoted(words.overview))
        summary: \(CodebookWriter.quoted(words.overviewSummary))
        ---

        <!-- Started by `findings new --from`: write what the survey found here. Preview with
             `findings serve`; the browser reloads each time you save. -->

        \(counted == nil ? "" : words.heard)

        \(words.seeResults)

        """
        var results = """
        ---
        title: \(CodebookWriter.quoted(words.results))
        order: 2
        summary: \(CodebookWriter.quoted(words.resultsSummary))
        ---

        <!-- One chart per question of the codebook, in its order. Give each a title that says what
             it shows, add `breakdown: \(breakdown?.id ?? "QUESTION")` to split it, and write around it. -->

        """
        for question in charted {
            results += """

            ## \(question.text.first.replacingOccurrences(of: "\n", with: " "))

            ```chart
            question: \(question.id)
            ```

            """
        }
        return [("site.yaml", site), ("findings.yaml", findings), ("pages/index.md", index), ("pages/results.md", results)]
    }

    static func isMostlyChinese(_ draft: DraftCodebook) -> Bool {
        let texts = draft.questions.map(\.text.first)
        let chinese = texts.filter { $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }.count
        return chinese * 2 > texts.count
    }

    /// The starter's few sentences: the author's to rewrite, in the report's language.
    struct Words {
        var title, subtitle, respondents, overview, overviewSummary, heard, seeResults, results, resultsSummary: String

        static let en = Words(
            title: "Survey report", subtitle: "Started with findings new --from: replace this text with your own",
            respondents: "People who answered", overview: "Overview", overviewSummary: "What the survey found, in one page.",
            heard: "We heard from `=respondents` people.", seeResults: "Every question is charted on the [results page](results.html).",
            results: "Results", resultsSummary: "Every question of the survey, charted.")
        static let zh = Words(
            title: "调查报告", subtitle: "由 findings new --from 生成：请改写为您自己的文字",
            respondents: "答卷人数", overview: "概览", overviewSummary: "一页纸看调查的发现。",
            heard: "共有 `=respondents` 人参与了调查。", seeResults: "每道题的图表见[结果页](results.html)。",
            results: "结果", resultsSummary: "调查的每道题，逐一成图。")
    }
}
