import Foundation

/// A mean (a proportion, for a 0/1 indicator) over a domain of a design, as R's
/// `svymean(~y, subset(design, domain), deff = TRUE)` and `svyciprop(method = "xlogit")`
/// compute it: the domain keeps the whole design, so every PSU counts towards the variance.
public struct DesignMean: Sendable, Equatable {
    public var estimate: Double
    public var standardError: Double
    /// The design effect: the variance over a simple random sample's of the same size, without
    /// replacement from a population the size of the weights' sum.
    public var designEffect: Double
    /// `degf` of the domain, for intervals.
    public var degreesOfFreedom: Int
    /// Respondents of the domain, and the sum of their weights.
    public var n: Int
    public var sumOfWeights: Double
    /// R's `nrow(subset(design, domain))`: the domain's respondents, or every respondent when
    /// the design is calibrated (R keeps a calibrated design's rows and zeroes their weights).
    public var rows: Int

    /// The domain mean of `y` and its linearised values (R's influence functions): their total
    /// has the mean's variance, and a difference of two means is the difference of theirs.
    public static func linearized(_ y: [Double], in domain: [Bool], design: SurveyDesign)
        -> (estimate: Double, z: [Double], n: Int, sumOfWeights: Double, spread: Double)? {
        let w = design.weights
        var sumW = 0.0, sumWY = 0.0, count = 0
        for i in y.indices where domain[i] && w[i] != 0 {
            sumW += w[i]
            sumWY += w[i] * y[i]
            count += 1
        }
        guard count > 0, sumW > 0 else { return nil }
        let mean = sumWY / sumW
        var z = [Double](repeating: 0, count: y.count)
        var spread = 0.0
        for i in y.indices where domain[i] && w[i] != 0 {
            let d = y[i] - mean
            z[i] = w[i] * d / sumW
            spread += w[i] * d * d
        }
        return (mean, z, count, sumW, spread)
    }

    init(estimate: Double, standardError: Double, designEffect: Double, degreesOfFreedom: Int, n: Int, sumOfWeights: Double, rows: Int) {
        self.estimate = estimate
        self.standardError = standardError
        self.designEffect = designEffect
        self.degreesOfFreedom = degreesOfFreedom
        self.n = n
        self.sumOfWeights = sumOfWeights
        self.rows = rows
    }

    public init?(_ y: [Double], in domain: [Bool], design: SurveyDesign) {
        guard let (mean, z, count, sumW, spread) = Self.linearized(y, in: domain, design: design) else { return nil }
        let variance = design.variance(ofTotal: z)
        estimate = mean
        standardError = variance.squareRoot()
        // svyvar: the weighted variance with n/(n − 1); the SRS variance of a mean of n drawn
        // without replacement from a population of Σw.
        let n = Double(count)
        let s2 = spread / sumW * n / (n - 1)
        let srs = s2 * (sumW - n) / (sumW * n)
        designEffect = variance / srs
        degreesOfFreedom = design.degreesOfFreedom(in: domain)
        self.n = count
        sumOfWeights = sumW
        rows = design.raking == nil ? count : y.count
    }

    /// The 95% (or `level`) interval of a proportion on the logit scale, with t quantiles on
    /// the domain's degrees of freedom (R's `svyciprop(method = "xlogit")`).
    public func logitInterval(level: Double = 0.95) -> (lower: Double, upper: Double) {
        let p = estimate
        let logit = log(p / (1 - p)), se = standardError / (p * (1 - p))
        let t = StudentT.quantile(1 - (1 - level) / 2, df: Double(degreesOfFreedom))
        func expit(_ x: Double) -> Double { exp(x) / (1 + exp(x)) }
        return (expit(logit - t * se), expit(logit + t * se))
    }

    /// Korn and Graubard's interval (R's `svyciprop(method = "beta")`): the Clopper–Pearson
    /// interval on the effective sample size p(1 − p)/se², scaled by the ratio of t quantiles on
    /// the rows less one and on the domain's degrees of freedom.
    public func betaInterval(level: Double = 0.95) -> (lower: Double, upper: Double) {
        let p = estimate, alpha = 1 - level
        let ratio = StudentT.quantile(alpha / 2, df: Double(rows - 1)) / StudentT.quantile(alpha / 2, df: Double(degreesOfFreedom))
        let effective = p * (1 - p) / (standardError * standardError) * ratio * ratio
        return (BetaDistribution.quantile(alpha / 2, a: effective * p, b: effective * (1 - p) + 1),
                BetaDistribution.quantile(1 - alpha / 2, a: effective * p + 1, b: effective * (1 - p)))
    }

    /// The 95% interval `estimate ± z · se` of a mean (R's `confint(svymean(~x, sub))`, whose
    /// default is the normal quantile).
    public var normalInterval: (lower: Double, upper: Double) {
        (estimate - Wilson.z * standardError, estimate + Wilson.z * standardError)
    }
}

extension DesignMean {
    /// a − b for two means of the same design from their linearised values, as `svycontrast`
    /// gives it: the difference, its standard error, and the two-sided p of d / se.
    public static func difference(_ a: (estimate: Double, z: [Double]), _ b: (estimate: Double, z: [Double]), design: SurveyDesign)
        -> (difference: Double, standardError: Double, pValue: Double) {
        let d = a.estimate - b.estimate
        let se = design.variance(ofTotal: zip(a.z, b.z).map { $0 - $1 }).squareRoot()
        return (d, se, erfc(abs(d / se) / 2.0.squareRoot()))
    }
}

extension Share {
    /// The share as estimated under a design by `m`: its proportion, standard error, design
    /// effect and the interval `method` names (the estimate itself, at 0 or 1 or without
    /// degrees of freedom); the counts stay the respondents. Wilson keeps the weighted share's
    /// interval on Kish's effective n.
    mutating func estimate(_ m: DesignMean, intervals method: IntervalMethod) {
        proportion = m.estimate
        standardError = m.standardError
        designEffect = m.designEffect
        if method == .wilson {
            // On the design's estimate, so every surface showing this share gives one interval.
            if let n = effectiveN, let ci = Wilson.interval(proportion: m.estimate, n: n) { (lower, upper) = (ci.lower, ci.upper) }
            return
        }
        effectiveN = nil
        if m.estimate > 0 && m.estimate < 1 && m.degreesOfFreedom > 0 && m.rows > 1 {
            (lower, upper) = method == .beta ? m.betaInterval() : m.logitInterval()
        } else {
            (lower, upper) = (m.estimate, m.estimate)
        }
    }
}
