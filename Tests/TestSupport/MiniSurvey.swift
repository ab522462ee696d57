/// A tiny report used by several test targets: three questions, ten respondents, two pages.
public enum MiniSurvey {
    public static let codebook = """
    survey:
      id: mini
      missing: ["-99"]
    questions:
      - id: group
        type: single
        text: {en: Group, zh: 组别}
        options: {1: Clinician, 2: Industry}
      - id: tier
        type: single
        asked_if: {group: [1]}
        options: {1: Secondary, 2: Tertiary}
      - id: barriers
        type: multi
        max_choices: 2
        options: {1: Privacy, 2: Standards, 3: Law}
      - id: interest
        type: likert
        options: {1: Low, 2: Mid, 3: High}
        top_box: [3]
    """

    public static let responses = """
    respondent_id,group,tier,barriers,interest
    r1,1,2,1;2,3
    r2,1,1,1,3
    r3,2,,2;3,2
    r4,1,2,1,3
    r5,2,,,1
    r6,1,2,1;3,-99
    r7,1,1,2,3
    r8,2,,1;2,2
    r9,1,2,1,3
    r10,1,2,3,2

    """

    public static let site = """
    title: Mini report
    breakdowns: [group, tier]
    disclosure: {min_cell: 2}
    synthetic: true
    """

    public static let indexPage = """
    ---
    title: Overview
    summary: A tiny report.
    ---

    # Ignored top heading

    ## Barriers

    Some *commentary*.

    ```chart
    question: barriers
    title: What holds us back
    ```
    """

    public static let resultsPage = """
    ---
    title: Results
    order: 2
    ---

    ## Groups

    ```chart
    question: group
    ```

    ## Interest

    ```chart
    question: interest
    caption: Interest is high.
    ```
    """

    /// The whole content folder as `[path: contents]`.
    public static var content: [String: String] {
        [
            "content/site.yaml": site,
            "content/data/codebook.yaml": codebook,
            "content/data/responses.csv": responses,
            "content/pages/index.md": indexPage,
            "content/pages/results.md": resultsPage,
        ]
    }
}
