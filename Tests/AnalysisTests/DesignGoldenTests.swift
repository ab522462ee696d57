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
            var degf: Int
        }
        struct Mean: Decodable {
            var estimate: Double
            var se: Double
            var ci95: [Double]
        }
        var name: String
        var lonely_psu: String
        var weights: [Double]
        var strata: [String]?
        var clusters: [String]?
        var fpc: [Double]?
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

    static func design(_ c: Case) throws -> SurveyDesign {
        try SurveyDesign(weights: c.weights, strata: c.strata, clusters: c.clusters, fpc: c.fpc,
                         lonelyPSU: SurveyDesign.LonelyPSU(rawValue: c.lonely_psu)!)
    }

    @Test("Proportions: svymean estimate, se and deff; svyciprop xlogit interval; degf of the domain", arguments: cases.map(\.name))
    func proportions(_ name: String) throws {
        let c = Self.cases.first { $0.name == name }!
        let design = try Self.design(c)
        #expect(design.degreesOfFreedom == c.degf)
        let domain = c.y.map { $0 != nil }
        for category in c.categories {
            let indicator = c.y.map { $0 == Double(category.code) ? 1.0 : 0.0 }
            let m = try #require(DesignMean(indicator, in: domain, design: design))
            #expect(close(m.estimate, category.estimate), "\(name) \(category.code) estimate \(m.estimate) vs \(category.estimate)")
            #expect(close(m.standardError, category.se), "\(name) \(category.code) se \(m.standardError) vs \(category.se)")
            #expect(close(m.designEffect, category.deff), "\(name) \(category.code) deff \(m.designEffect) vs \(category.deff)")
            #expect(m.degreesOfFreedom == category.degf, "\(name) degf")
            let ci = m.logitInterval()
            #expect(close(ci.lower, category.ci95[0]) && close(ci.upper, category.ci95[1]),
                    "\(name) \(category.code) ci \(ci) vs \(category.ci95)")
        }
    }

    @Test("Means: svymean estimate and se, confint", arguments: cases.map(\.name))
    func means(_ name: String) throws {
        let c = Self.cases.first { $0.name == name }!
        let design = try Self.design(c)
        let m = try #require(DesignMean(c.x.map { $0 ?? 0 }, in: c.x.map { $0 != nil }, design: design))
        #expect(close(m.estimate, c.mean.estimate), "\(name) mean \(m.estimate) vs \(c.mean.estimate)")
        #expect(close(m.standardError, c.mean.se), "\(name) se \(m.standardError) vs \(c.mean.se)")
        #expect(close(m.normalInterval.lower, c.mean.ci95[0]) && close(m.normalInterval.upper, c.mean.ci95[1]), "\(name) ci")
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
