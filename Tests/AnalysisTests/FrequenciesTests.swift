import Testing
import TestSupport
@testable import Analysis
@testable import SurveyData

@Suite("Frequencies and cross-tabulations of a survey")
struct FrequenciesTests {
    let survey: Survey

    init() throws {
        let codebook = try CodebookLoader.load(text: MiniSurvey.codebook, source: "codebook.yaml")
        survey = try SurveyReader.read(csv: Array(MiniSurvey.responses.utf8), source: "responses.csv", codebook: codebook).survey
    }

    @Test("Skipped respondents leave the denominator and are counted as not asked")
    func skipLogicDenominator() throws {
        let tier = Frequencies.summarize(survey, question: 1)
        #expect(tier.valid == 7)
        #expect(tier.notAsked == 3)
        #expect(tier.missing == 0)
        #expect(tier.categories.map(\.share.count) == [2, 5])
    }

    @Test("Multi-select options are yes/no over respondents who answered at all")
    func multiSelect() {
        let barriers = Frequencies.summarize(survey, question: 2)
        #expect(barriers.valid == 9)
        #expect(barriers.missing == 1)
        #expect(barriers.categories.map(\.share.count) == [6, 4, 3])
        #expect(barriers.categories[0].share.proportion == 6.0 / 9.0)
    }

    @Test("Likert mean, sd and top box")
    func likert() throws {
        let interest = Frequencies.summarize(survey, question: 3)
        #expect(interest.valid == 9)
        #expect(interest.missing == 1)
        let top = try #require(interest.topBox)
        #expect(top.count == 5)
        #expect(abs(interest.mean! - 22.0 / 9.0) < 1e-12)
    }

    @Test("Breakdowns are crossed once; multi options become yes/no tables")
    func crossTabs() {
        let tables = CrossTabulation.all(survey, breakdowns: ["group", "tier"])
        // group × tier once (group listed first), tier is untestable by group (only clinicians).
        #expect(tables.filter { $0.row == "tier" && $0.column == "group" }.isEmpty)
        let groupByTier = tables.first { $0.row == "group" && $0.column == "tier" }
        #expect(groupByTier?.testable == false)
        #expect(groupByTier?.test == nil)
        let privacy = tables.first { $0.row == "barriers" && $0.option == "1" && $0.column == "group" }
        #expect(privacy?.rowCodes == ["yes", "no"])
        #expect(privacy?.counts == [[5, 1], [2, 1]])
        #expect(privacy?.n == 9)
        let testable = tables.filter(\.testable)
        #expect(testable.allSatisfy { $0.pAdjusted != nil && $0.pAdjusted! >= $0.test!.pValue })
    }
}
