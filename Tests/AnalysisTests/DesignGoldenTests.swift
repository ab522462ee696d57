import Foundation
import Testing
@testable import Analysis

/// Design-based means, proportions, standard errors, design effects and intervals pinned to R's
/// survey package (Oracle/design/design_goldens.json, made by design_goldens.R): stratified,
/// clustered, with an fpc, lonely PSUs under each option, a domain with one PSU in a stratum,
/// weights of very different sizes, and no design at all.
@Suite("Design-based statistics agree with R's survey package")
struct DesignGoldenTests {
    struct Case: Decodable {
        struct Category: Decodable {
            var code: Int
            var estimate: Double
            var se: Double
            var deff: Double
            var ci95: [Double]
            var beta: [Double]
            var degf: Int
            var rows: Int
        }
        struct Mean: Decodable {
            var estimate: Double
            var se: Double
            var ci95: [Double]
            var quantiles: [Double]
        }
        struct Margin: Decodable {
            var strata: [String]
            var shares: [Double]
        }
        var name: String
        var lonely_psu: String
        var weights: [Double]
        var strata: [String]?
        var clusters: [String]?
        var fpc: [Double]?
        var margin: Margin?
        var y: [Double?]
        var x: [Double?]
        var categories: [Category]
        var mean: Mean
        var degf: Int
    }

    static let cases: [Case] = {
        struct File: Decodable { var cases: [Case] }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Oracle/design/design_goldens.json")
        return try! JSONDecoder().decode(File.self, from: try! Data(contentsOf: url)).cases
    }()

    func close(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
        a == b || abs(a - b) <= tolerance * max(abs(a), abs(b))
    }

    /// The case's design, raked to its stratum shares (of the design weights' sum) when it has a margin.
    static func design(_ c: Case) throws -> SurveyDesign {
        let design = try SurveyDesign(weights: c.weights, strata: c.strata, clusters: c.clusters, fpc: c.fpc,
                                      lonelyPSU: SurveyDesign.LonelyPSU(rawValue: c.lonely_psu)!)
        guard let margin = c.margin, let strata = c.strata else { return design }
        let total = c.weights.reduce(0, +)
        let cell = strata.map { Int32(margin.strata.firstIndex(of: $0)!) }
        return design.calibrated(by: try Raking(weights: c.weights, margins: [.init(cell: cell, targets: margin.shares.map { $0 * total })]))
    }

    /// R's tolerance: 1e-9, but 1e-7 for what depends on a raked design's swept variances.
    func tolerance(_ c: Case) -> Double { c.margin == nil ? 1e-9 : 1e-7 }

    @Test("Proportions: svymean estimate, se and deff; svyciprop xlogit interval; degf of the domain", arguments: cases.map(\.name))
    func proportions(_ name: String) throws {
        let c = Self.cases.first { $0.name == name }!
        let design = try Self.design(c)
        #expect(design.degreesOfFreedom == c.degf)
        let domain = c.y.map { $0 != nil }
        for category in c.categories {
            let indicator = c.y.map { $0 == Double(category.code) ? 1.0 : 0.0 }
            let m = try #require(DesignMean(indicator, in: domain, design: design))
            let tolerance = tolerance(c)
            #expect(close(m.estimate, category.estimate), "\(name) \(category.code) estimate \(m.estimate) vs \(category.estimate)")
            #expect(close(m.standardError, category.se, tolerance: tolerance), "\(name) \(category.code) se \(m.standardError) vs \(category.se)")
            #expect(close(m.designEffect, category.deff, tolerance: tolerance), "\(name) \(category.code) deff \(m.designEffect) vs \(category.deff)")
            #expect(m.degreesOfFreedom == category.degf, "\(name) degf")
            #expect(m.rows == category.rows, "\(name) rows")
            let ci = m.logitInterval()
            #expect(close(ci.lower, category.ci95[0], tolerance: tolerance) && close(ci.upper, category.ci95[1], tolerance: tolerance),
                    "\(name) \(category.code) ci \(ci) vs \(category.ci95)")
            let beta = m.betaInterval()
            #expect(close(beta.lower, category.beta[0], tolerance: tolerance) && close(beta.upper, category.beta[1], tolerance: tolerance),
                    "\(name) \(category.code) beta \(beta) vs \(category.beta)")
        }
    }

    @Test("Means: svymean estimate and se, confint", arguments: cases.map(\.name))
    func means(_ name: String) throws {
        let c = Self.cases.first { $0.name == name }!
        let design = try Self.design(c)
        let x = c.x.map { $0 ?? 0 }, domain = c.x.map { $0 != nil }
        let m = try #require(DesignMean(x, in: domain, design: design))
        let tolerance = tolerance(c)
        #expect(close(m.estimate, c.mean.estimate), "\(name) mean \(m.estimate) vs \(c.mean.estimate)")
        #expect(close(m.standardError, c.mean.se, tolerance: tolerance), "\(name) se \(m.standardError) vs \(c.mean.se)")
        #expect(close(m.normalInterval.lower, c.mean.ci95[0], tolerance: tolerance)
                && close(m.normalInterval.upper, c.mean.ci95[1], tolerance: tolerance), "\(name) ci")
        let quartiles = try #require(DesignQuantile.math(x, weights: design.weights, in: domain, probabilities: [0.25, 0.5, 0.75]))
        #expect(quartiles == c.mean.quantiles, "\(name) svyquantile \(quartiles) vs \(c.mean.quantiles)")
    }

    @Test("svyquantile's math rule: exact hits, ties, the smallest value's quirk, zero weights")
    func quantileRule() {
        // svyquantile(~x, svydesign(ids = ~1, weights = ~w, data = d), p, ci = FALSE) in R 4.1.
        let all = [Bool](repeating: true, count: 5)
        #expect(DesignQuantile.math([1, 2, 3], weights: [5, 1, 1], in: [true, true, true], probabilities: [0.25]) == [2])
        #expect(DesignQuantile.math([3, 1, 2, 2, 5], weights: [1, 1, 1, 1, 1], in: all, probabilities: [0.2, 0.5, 0.6, 1]) == [1, 2, 2, 5])
        #expect(DesignQuantile.math([3, 1, 2, 2, 5], weights: [1, 0, 1, 1, 1], in: all, probabilities: [0.25, 0.5]) == [2, 2])
        #expect(DesignQuantile.math([4], weights: [2], in: [true], probabilities: [0.5]) == [4])
        #expect(DesignQuantile.math([4], weights: [2], in: [false], probabilities: [0.5]) == nil)
    }

    @Test("beta quantiles equal R's qbeta")
    func betaQuantiles() {
        // qbeta(p, a, b) in R.
        let expected: [(Double, Double, Double, Double)] = [(0.025, 2, 9, 2.5210726326833362e-02), (0.975, 3, 8, 5.5609546230764140e-01),
                                                            (0.025, 0.5, 40.5, 1.2199306575186349e-05), (0.5, 1, 1, 0.5),
                                                            (0.975, 812.3, 3012.7, 2.2546642191584754e-01)]
        for (p, a, b, q) in expected { #expect(close(BetaDistribution.quantile(p, a: a, b: b), q, tolerance: 1e-10), "qbeta(\(p), \(a), \(b))") }
        #expect(BetaDistribution.quantile(0.025, a: 0, b: 12) == 0)
        #expect(BetaDistribution.quantile(0.975, a: 12, b: 0) == 1)
    }

    @Test("A raked design's PSU totals from the cell sums equal sweeping every respondent ten times, as R does")
    func sweptTotals() throws {
        // Three margins of uneven cells, uneven weights, 300 PSUs of 1 to 20 respondents.
        var state: UInt64 = 42
        func next() -> Double { state = state &* 6364136223846793005 &+ 1442695040888963407; return Double(state >> 11) * 0x1.0p-53 }
        let n = 3000
        let weights = (0..<n).map { _ in 0.2 + 5 * next() }
        let cells = [3, 4, 2].map { k in (0..<n).map { _ in Int32(min(k - 1, Int(next() * Double(k)))) } }
        let margins = zip(cells, [3, 4, 2]).map { cell, k in
            Raking.Margin(cell: cell, targets: (0..<k).map { _ in 1000 * (0.5 + next()) })
        }
        let raking = try Raking(weights: weights, margins: margins)
        let psu = (0..<n).map { Int32($0 / 10) }
        let design = try SurveyDesign(weights: weights, clusters: psu.map { "P\($0)" }).calibrated(by: raking)
        for trial in 0..<3 {
            let z = (0..<n).map { i in trial == 2 && i % 3 == 0 ? 0 : next() - 0.4 }
            var expected = [Double](repeating: 0, count: 300)
            for (i, value) in raking.sweep(z).enumerated() { expected[Int(psu[i])] += value }
            let ours = design.psuTotals(of: z)
            let scale = expected.map(abs).max()!
            #expect(zip(ours, expected).allSatisfy { abs($0 - $1) <= 1e-11 * scale }, "trial \(trial)")
        }
    }

    @Test("A stratum with one PSU is an error under lonely_psu: fail, naming the stratum")
    func lonelyFails() {
        let c = Self.cases.first { $0.name == "lonely PSU, certainty" }!
        #expect(throws: SurveyDesign.Problem.lonelyPSU(stratum: "S2")) {
            try SurveyDesign(weights: c.weights, strata: c.strata, clusters: c.clusters, lonelyPSU: .fail)
        }
    }

    @Test("An fpc below the PSUs sampled in its stratum is an error")
    func fpcBelowSample() {
        let c = Self.cases.first { $0.name == "strata, clusters and fpc" }!
        let small = zip(c.fpc!, c.strata!).map { $1 == "S2" ? 2 : $0 }
        #expect(throws: SurveyDesign.Problem.populationBelowSample(stratum: "S2", population: 2, sampled: 5)) {
            try SurveyDesign(weights: c.weights, strata: c.strata, clusters: c.clusters, fpc: small)
        }
    }

    @Test("t quantiles equal R's qt")
    func studentT() {
        // qt(0.975, c(1, 2, 5, 12, 30, 249, 1e6)) in R.
        let expected: [(Double, Double)] = [(1, 12.706204736174694), (2, 4.3026527297494619), (5, 2.5705818356363137),
                                            (12, 2.1788128296672284), (30, 2.0422724563012378), (249, 1.96953686764035),
                                            (1e6, 1.9599663568141066)]
        for (df, q) in expected { #expect(close(StudentT.quantile(0.975, df: df), q, tolerance: 1e-10), "df \(df)") }
    }
}

extension Raking {
    /// The reference: the linearised values swept by each margin's cell means, ten times over (R's
    /// `svyrecvar` for a raked design): z − w_k · mean over the cell of (z / w_k).
    func sweep(_ z: [Double]) -> [Double] {
        var z = z
        for _ in 0..<10 {
            for (k, m) in margins.enumerated() {
                let psw = stepWeights[k]
                var sums = [Double](repeating: 0, count: m.targets.count), counts = sums
                for i in z.indices {
                    sums[Int(m.cell[i])] += z[i] / psw[i]
                    counts[Int(m.cell[i])] += 1
                }
                for i in z.indices { z[i] -= psw[i] * sums[Int(m.cell[i])] / counts[Int(m.cell[i])] }
            }
        }
        return z
    }
}
