import Formats
import Charts
import Foundation
import Site
import Testing
import TestSupport

@Suite("Number formats are total")
struct NumberFormatTests {
    @Test("No formatter traps on any Double: 20,000 random bit patterns, the extremes, and the old trap at 9.2e18")
    func noTrap() {
        var random = SplitMix(seed: 42)
        var values: [Double] = [9.3e18, -9.3e18, 1e300, .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .leastNonzeroMagnitude,
                                .infinity, -.infinity, .nan, 0, -0.0, 9_007_199_254_740_993]
        for _ in 0..<20_000 { values.append(Double(bitPattern: random.next())) }
        for v in values {
            for decimals in [0, 1, 2] { _ = NumberFormat.fixed(v, decimals: decimals) }
            _ = NumberFormat.percent(v)
            _ = SVGNumber.format(v)
        }
        #expect(NumberFormat.fixed(9.3e18, decimals: 1) == "9300000000000000000.0")
        #expect(NumberFormat.fixed(.infinity, decimals: 1) == "–")
        #expect(NumberFormat.fixed(-2.25, decimals: 1) == "-2.3")
        #expect(SVGNumber.format(1e300).hasPrefix("1000000000"))
    }
}
