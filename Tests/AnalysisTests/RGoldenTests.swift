import Foundation
import Testing
@testable import Analysis

/// Statistics pinned to R's own functions (values in Oracle/goldens.json, made by Oracle/goldens.R).
@Suite("Statistics agree with R")
struct RGoldenTests {
    nonisolated(unsafe) static let goldens: [String: Any] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Oracle/goldens.json")
        let data = try! Data(contentsOf: url)
        return try! JSONSerialization.jsonObject(with: data) as! [String: Any]
    }()

    func close(_ a: Double?, _ b: Double, tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        if a == b { return true }
        return abs(a - b) <= tolerance * max(abs(a), abs(b))
    }

    @Test("Wilson intervals equal prop.test(x, n, correct = FALSE), also at 0 and n")
    func wilson() {
        for case let c as [String: Any] in Self.goldens["wilson"] as! [Any] {
            let x = c["x"] as! Int, n = c["n"] as! Int
            let ci = Wilson.interval(count: x, n: n)
            #expect(close(ci?.lower, (c["lower"] as! NSNumber).doubleValue), "lower \(x)/\(n)")
            #expect(close(ci?.upper, (c["upper"] as! NSNumber).doubleValue), "upper \(x)/\(n)")
        }
    }

    @Test("Chi-square tests equal chisq.test(t, correct = FALSE)")
    func chiSquare() throws {
        for case let c as [String: Any] in Self.goldens["chisq"] as! [Any] {
            let counts = (c["counts"] as! [[NSNumber]]).map { $0.map(\.intValue) }
            let test = try #require(ChiSquareTest.compute(counts))
            #expect(close(test.chiSquare, (c["chi_square"] as! NSNumber).doubleValue), "\(counts)")
            #expect(test.df == c["df"] as! Int)
            #expect(close(test.pValue, (c["p_value"] as! NSNumber).doubleValue), "p of \(counts): \(test.pValue)")
            #expect(close(test.cramersV, (c["cramers_v"] as! NSNumber).doubleValue))
            #expect(test.lowExpected == c["low_expected"] as! Bool)
        }
    }

    @Test("Upper chi-square tails equal pchisq(x, df, lower.tail = FALSE) to 1e-12")
    func pchisq() {
        for case let c as [String: Any] in Self.goldens["pchisq"] as! [Any] {
            let x = (c["x"] as! NSNumber).doubleValue, df = (c["df"] as! NSNumber).doubleValue
            let value = ChiSquareDistribution.upperTail(x, df: df)
            #expect(close(value, (c["upper"] as! NSNumber).doubleValue, tolerance: 1e-12), "x=\(x) df=\(df): \(value)")
        }
    }

    @Test("Benjamini–Hochberg equals p.adjust(p, \"BH\")")
    func bh() {
        let bh = Self.goldens["bh"] as! [String: Any]
        let p = (bh["p"] as! [NSNumber]).map(\.doubleValue)
        let expected = (bh["adjusted"] as! [NSNumber]).map(\.doubleValue)
        let adjusted = MultipleTesting.benjaminiHochberg(p)
        for (a, e) in zip(adjusted, expected) { #expect(close(a, e)) }
        #expect(MultipleTesting.benjaminiHochberg([nil, 0.5, nil]) == [nil, 0.5, nil])
    }

    @Test("Mean, sd and type-7 quartiles equal R's")
    func descriptive() {
        let d = Self.goldens["descriptive"] as! [String: Any]
        let x = (d["x"] as! [NSNumber]).map(\.doubleValue)
        let sorted = x.sorted()
        #expect(close(Descriptive.mean(x), (d["mean"] as! NSNumber).doubleValue))
        #expect(close(Descriptive.sd(x), (d["sd"] as! NSNumber).doubleValue))
        #expect(close(Descriptive.quantile(sorted: sorted, 0.25), (d["q1"] as! NSNumber).doubleValue))
        #expect(close(Descriptive.quantile(sorted: sorted, 0.5), (d["median"] as! NSNumber).doubleValue))
        #expect(close(Descriptive.quantile(sorted: sorted, 0.75), (d["q3"] as! NSNumber).doubleValue))
    }
}
