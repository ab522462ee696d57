import Analysis
import Diagnostics
import Foundation
import Markdown
import SurveyData

/// The parsers an author's files go through, callable on arbitrary bytes by the fuzz targets
/// (`make fuzz`): each must return or throw a diagnostic, never crash or hang.
public enum FuzzingEntryPoints {
    /// A small survey every page and findings file is checked against.
    private static let codebookText = """
    survey: {id: fuzz, missing: ["-99"]}
    questions:
      - {id: group, type: single, text: {en: Group, zh: 组别}, options: {1: Clinician, 2: Industry}}
      - {id: tier, type: single, asked_if: {group: [1]}, options: {1: Secondary, 2: Tertiary}}
      - {id: barriers, type: multi, max_choices: 2, options: {1: Privacy, 2: Standards, 3: Law}}
      - {id: interest, type: likert, options: {1: Low, 2: Mid, 3: High}, top_box: [3]}
      - {id: years, type: numeric}
      - {id: note, type: text, publish: true}
    """
    private static let responses = """
    respondent_id,group,tier,barriers,interest,years,note
    r1,1,2,1;2,3,4,hello
    r2,1,1,1,3,10,
    r3,2,,2;3,2,7,"a, b"
    r4,1,2,1,3,-99,
    r5,2,,,1,2,x
    r6,1,2,1;3,-99,5,
    """

    private struct Fixture: @unchecked Sendable {
        let codebook: Codebook
        let survey: Survey
        let analysis: SurveyAnalysis
        let findings: Findings
        let config: SiteConfig
    }

    private static let fixture: Fixture = {
        let codebook = try! CodebookLoader.load(text: codebookText, source: "codebook.yaml")
        let survey = try! SurveyReader.read(csv: Array(responses.utf8), source: "responses.csv", codebook: codebook).survey
        let config = try! SiteConfig.load(text: "title: Fuzz\nbreakdowns: [group]\ndisclosure: {min_cell: 2}\n", source: "site.yaml")
        let file = try! FindingsFile.load(text: "share_high: {share: interest}\nn: {count: group}\n", source: "findings.yaml", codebook: codebook)
        let findings = Findings(values: FindingCalculator(survey: survey).compute(file.specs), locations: file.locations)
        return Fixture(codebook: codebook, survey: survey, analysis: SurveyAnalysis(survey, breakdowns: config.breakdowns),
                       findings: findings, config: config)
    }()

    /// Reads `bytes` as responses.csv of the small survey.
    public static func responses(_ bytes: [UInt8]) {
        _ = try? SurveyReader.read(csv: bytes, source: "responses.csv", codebook: fixture.codebook)
    }

    /// Loads `text` as a codebook.
    public static func codebook(_ text: String) {
        _ = try? CodebookLoader.load(text: text, source: "codebook.yaml")
    }

    /// Loads `text` as findings.yaml against the small survey and computes every finding.
    public static func findingsFile(_ text: String) {
        guard let file = try? FindingsFile.load(text: text, source: "findings.yaml", codebook: fixture.codebook) else { return }
        _ = FindingCalculator(survey: fixture.survey).compute(file.specs)
    }

    /// Renders `text` as a page: front matter, Markdown, directives, inline findings, citations.
    public static func page(_ text: String) {
        let (yaml, body, offset) = FrontMatter.split(text)
        var matter = FrontMatter()
        if let yaml {
            guard let parsed = try? FrontMatter.parse(yaml, source: "page.md") else { return }
            matter = parsed
        }
        let page = Page(slug: "page", source: "page.md", frontMatter: matter, document: MarkdownDocument.parse(body, lineOffset: offset),
                        text: text)
        let f = fixture
        let charts = ChartContext(survey: f.survey, analysis: f.analysis, tables: SideTables(), network: nil,
                                  disclosure: Disclosure(minCell: 2), words: TemplateSet.englishWords,
                                  releases: QuestionReleases(analysis: f.analysis, codebook: f.codebook, disclosure: Disclosure(minCell: 2)))
        let renderer = PageRenderer(codebook: f.codebook, analysis: f.analysis, config: f.config, findings: f.findings,
                                    charts: ChartBuilder(context: charts), bibliography: nil)
        _ = try? renderer.render(page, references: ReferenceIndex(pages: [(page, "page.html")]))
    }
}
