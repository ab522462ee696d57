import Testing
import TestSupport
@testable import Analysis
@testable import SurveyData

@Suite("Named findings")
struct FindingTests {
    @Test("Newcombe's interval for independent shares matches the published example (56/70 vs 48/80)")
    func newcombeIndependent() throws {
        let d = try #require(Newcombe.independent(x1: 56, n1: 70, x2: 48, n2: 80))
        #expect(abs(d.difference - 0.2) < 1e-12)
        #expect(abs(d.lower - 0.0524) < 5e-5)
        #expect(abs(d.upper - 0.3339) < 5e-5)
    }

    @Test("Newcombe's paired interval contains the difference and narrows with correlation")
    func newcombePaired() throws {
        let correlated = try #require(Newcombe.paired(both: 40, firstOnly: 10, secondOnly: 2, neither: 48))
        let independentish = try #require(Newcombe.independent(x1: 50, n1: 100, x2: 42, n2: 100))
        #expect(abs(correlated.difference - 0.08) < 1e-12)
        #expect(correlated.lower < 0.08 && 0.08 < correlated.upper)
        #expect(correlated.upper - correlated.lower < independentish.upper - independentish.lower)
    }

    @Test("p-values of differences equal R's mcnemar.test and prop.test (no continuity correction)")
    func differenceTests() throws {
        let mcnemar = try #require(FindingCalculator.mcNemar(firstOnly: 10, secondOnly: 2))
        #expect(abs(mcnemar - 0.020921335337794066) < 1e-12)
        let pearson = try #require(ChiSquareTest.compute([[56, 14], [48, 32]])?.pValue)
        #expect(abs(pearson - 0.0080450813681965643) / 0.008 < 1e-9)
    }

    @Test("Shares, ranks, counts and paired differences over filtered respondents, with claims")
    func calculator() throws {
        let codebook = try CodebookLoader.load(text: MiniSurvey.codebook, source: "codebook.yaml")
        let survey = try SurveyReader.read(csv: Array(MiniSurvey.responses.utf8), source: "r.csv", codebook: codebook).survey
        let specs = [
            FindingSpec(name: "interest", kind: .share(question: "interest", codes: ["3"]), filter: ["group": ["1"]],
                        claim: .compare(bound: .value, op: ">", threshold: 0.5), claimText: "> 0.5"),
            FindingSpec(name: "privacy", kind: .share(question: "barriers", codes: ["1"]), filter: ["group": ["1"]]),
            FindingSpec(name: "gap", kind: .difference(first: "interest", second: "privacy")),
            FindingSpec(name: "top", kind: .rank(question: "barriers", position: 1), claim: .isOption("2"), claimText: "is 2"),
            FindingSpec(name: "clinicians", kind: .count(question: "group", codes: ["1"])),
        ]
        let values = FindingCalculator(survey: survey).compute(specs)
        // Clinicians r1 r2 r4 r6 r7 r9 r10: interest valid for 6 (r6 missing), high for 5.
        #expect(values[0].count == 5 && values[0].n == 6)
        #expect(values[0].claimHolds == true)
        #expect(values[1].count == 5 && values[1].n == 7)
        // Paired over the 6 clinicians valid on both.
        #expect(values[2].n == 6)
        #expect(values[3].optionCode == "1")
        #expect(values[3].claimHolds == false)
        #expect(values[4].value == 7)
    }
}
