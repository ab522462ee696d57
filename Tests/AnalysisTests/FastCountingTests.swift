import Testing
import TestSupport
@testable import Analysis
@testable import SurveyData

/// The fast ways of counting must give exactly what the plain ways give: the joint count of all
/// breakdowns against one table at a time, selection against a full sort, counts against values.
@Suite("Fast counting agrees with plain counting")
struct FastCountingTests {
    /// A seeded survey: two breakdowns (one with skip logic and missing answers), a single, a
    /// likert, a multi with missing and not-asked rows, and optional weights.
    static func survey(rows n: Int, seed: UInt64, weighted: Bool) throws -> Survey {
        let codebook = try CodebookLoader.load(text: """
            survey: {id: t, missing: ["-99"]}
            questions:
              - {id: group, type: single, options: {1: A, 2: B, 3: C}}
              - {id: tier, type: single, options: {1: X, 2: Y}, asked_if: {group: [1, 2]}}
              - {id: use, type: single, options: {1: a, 2: b, 3: c, 4: d}}
              - {id: interest, type: likert, options: {1: l, 2: m, 3: h, 4: v, 5: w}, top_box: [4, 5]}
              - {id: barriers, type: multi, options: {1: p, 2: s, 3: l, 4: o}}
            """, source: "c.yaml")
        var random = SplitMix(seed: seed)
        func code(_ options: Int, missing: Int = 10) -> Int16 {
            let r = Int(random.next() % 100)
            return r < missing ? Column.missingCode : Int16(random.next() % UInt64(options))
        }
        var group: [Int16] = [], tier: [Int16] = [], use: [Int16] = [], interest: [Int16] = [], masks: [UInt64] = []
        for _ in 0..<n {
            let g = code(3)
            group.append(g)
            tier.append(g == 2 || g < 0 ? Column.notAskedCode : code(2, missing: 5))
            use.append(code(4))
            interest.append(code(5, missing: 3))
            let r = random.next() % 20
            masks.append(r == 0 ? Column.missingMask : r == 1 ? Column.notAskedMask : random.next() % 15 + 1)
        }
        let weights = weighted ? (0..<n).map { _ in Double(random.next() % 1000) / 250 + 0.1 } : nil
        return Survey(codebook: codebook, respondentCount: n,
                      columns: [.categorical(ColumnValues(group)), .categorical(ColumnValues(tier)),
                                .categorical(ColumnValues(use)), .categorical(ColumnValues(interest)),
                                .multi(ColumnValues(masks))],
                      weights: weights)
    }

    @Test("Cross-tabs counted jointly over all breakdowns equal those counted one table at a time", arguments: [false, true])
    func jointEqualsPairwise(weighted: Bool) throws {
        let survey = try Self.survey(rows: 3_001, seed: 7, weighted: weighted)
        let breakdowns = [0, 1]
        let keys = try #require(BreakdownKeys(survey, breakdowns: breakdowns))
        for q in 0..<5 {
            let columns = breakdowns.filter { $0 != q && !(q == 0 && $0 == 0) }
            let joint = CrossTabulation.crossTabs(survey, row: q, columns: columns, keys: keys)
            let pairwise = columns.flatMap { CrossTabulation.crossTabs(survey, row: q, column: $0) }
            #expect(!joint.isEmpty)
            // Counts and tests exactly; weighted sums add in another order, so to rounding.
            func unweighted(_ t: CrossTab) -> CrossTab { var t = t; t.weightedColumnShares = nil; t.weightedCells = nil; return t }
            #expect(joint.map(unweighted) == pairwise.map(unweighted))
            for (a, b) in zip(joint, pairwise) {
                #expect((a.weightedColumnShares == nil) == !weighted)
                let x = (a.weightedColumnShares ?? []).flatMap { $0 }, y = (b.weightedColumnShares ?? []).flatMap { $0 }
                #expect(x.count == y.count)
                for (u, v) in zip(x, y) { #expect(abs(u! - v!) <= 1e-12) }
            }
        }
        // Too many combinations: the plain path is taken, with the same tables.
        #expect(BreakdownKeys(survey, breakdowns: breakdowns, largest: 4) == nil)
    }

    @Test("Quantiles by selection equal R's type 7 over a sorted copy")
    func selectionEqualsSort() {
        var random = SplitMix(seed: 3)
        let shapes: [[Double]] = [
            [5], [2, 1], (0..<1000).map(Double.init), (0..<1000).reversed().map(Double.init),
            (0..<997).map { _ in Double(random.next() % 7) }, (0..<2048).map { _ in Double(random.next() % 100_000) / 7 },
            [Double](repeating: 4, count: 300) + [1, 9],
        ]
        let probabilities = [0, 0.25, 0.5, 0.75, 1, 0.1, 0.99]
        for values in shapes {
            let sorted = values.sorted()
            var work = values
            let selected = Descriptive.quantiles(selectingIn: &work, probabilities)
            #expect(selected == probabilities.map { Descriptive.quantile(sorted: sorted, $0) })
        }
        var empty: [Double] = []
        #expect(Descriptive.quantiles(selectingIn: &empty, [0.5]) == [nil])
    }

    @Test("Likert mean and sd from counts equal those over the values")
    func momentsFromCounts() throws {
        let survey = try Self.survey(rows: 2_000, seed: 11, weighted: false)
        let summary = Frequencies.summarize(survey, question: 3)
        guard case .categorical(let codes) = survey.columns[3] else { return }
        let values = codes.filter { $0 >= 0 }.map { Double($0) + 1 }
        let mean = try #require(summary.mean), sd = try #require(summary.sd)
        #expect(abs(mean - Descriptive.mean(values)!) <= 1e-12 * mean)
        #expect(abs(sd - Descriptive.sd(values)!) <= 1e-12 * sd)
        #expect(summary.valid == values.count)
        #expect(summary.missing == codes.filter { $0 == Column.missingCode }.count)
    }
}
