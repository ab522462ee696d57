import Foundation
import SurveyData

extension FindingCalculator {
    /// A difference of two shares under a declared design, as `svycontrast(a − b)` gives it: the
    /// difference of the two domain means, its standard error from the difference of their
    /// linearised values (so the covariance of shares of the same respondents counts), a
    /// normal 95% interval and the two-sided p-value 2·Φ(−|d / se|). Shares of the same
    /// respondents (the same `where:`) are compared over those who answered both questions.
    func designDifference(_ design: SurveyDesign, _ a: FindingValue, _ b: FindingValue, _ qa: String, _ ca: [String],
                          _ qb: String, _ cb: [String], into result: inout FindingValue) {
        let xa = answers(qa, codes: ca), xb = answers(qb, codes: cb)
        let paired = a.spec.filter == b.spec.filter
        let keepA = rows(a.spec.filter), keepB = paired ? keepA : rows(b.spec.filter)
        let n = survey.respondentCount
        var domainA = [Bool](repeating: false, count: n), domainB = domainA
        var ya = [Double](repeating: 0, count: n), yb = ya
        for i in 0..<n {
            let validA = keepA[i] && xa[i] != nil, validB = keepB[i] && xb[i] != nil
            let inA = paired ? validA && validB : validA, inB = paired ? validA && validB : validB
            if inA { domainA[i] = true; ya[i] = xa[i]! ? 1 : 0 }
            if inB { domainB[i] = true; yb[i] = xb[i]! ? 1 : 0 }
        }
        guard let first = DesignMean.linearized(ya, in: domainA, design: design),
              let second = DesignMean.linearized(yb, in: domainB, design: design) else { return }
        let (d, se, p) = DesignMean.difference((first.estimate, first.z), (second.estimate, second.z), design: design)
        result.value = d
        result.lower = d - Wilson.z * se
        result.upper = d + Wilson.z * se
        result.n = paired ? first.n : first.n + second.n
        result.pValue = se > 0 ? p : nil
        result.methodKey = paired ? "method_paired_difference_design" : "method_independent_difference_design"
        result.method = (paired ? "design-based paired difference among respondents who answered both"
                                : "design-based difference of shares")
            + " (svycontrast), normal 95% interval and Wald test"
    }
}
