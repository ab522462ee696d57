import SurveyData

/// A question's summary with its shares, intervals and means estimated under a declared design
/// (R's `svymean` / `svyciprop(method = "xlogit")` on `subset(design, valid)`): the proportions
/// are the weighted shares the summary already holds; their intervals become design-based and
/// gain a standard error and a design effect.
enum DesignEstimates {
    static func apply(_ design: SurveyDesign, to summary: inout QuestionSummary, question: Question, column: Column) {
        let n = design.weights.count
        var domain = [Bool](repeating: false, count: n)
        for i in 0..<n { domain[i] = column.status(at: i) == .valid }
        func estimate(_ indicator: [Double], into share: inout Share) {
            if let m = DesignMean(indicator, in: domain, design: design) { share.estimate(m, intervals: design.intervals) }
        }
        switch column {
        case .categorical(let codes):
            for k in summary.categories.indices {
                let code = Int16(k)
                estimate(codes.map { $0 == code ? 1 : 0 }, into: &summary.categories[k].share)
            }
            if summary.topBox != nil {
                let top = Set(question.topBox.compactMap { question.optionIndex(of: $0) }.map(Int16.init))
                estimate(codes.map { top.contains($0) ? 1 : 0 }, into: &summary.topBox!)
            }
            if question.type == .likert, summary.mean != nil {
                let scores = question.options.map { Double($0.code) ?? .nan }
                let x = codes.map { Column.isAnswer($0) ? scores[Int($0)] : 0 }
                if let m = DesignMean(x, in: domain, design: design) {
                    summary.mean = m.estimate
                    summary.meanStandardError = m.standardError
                    summary.meanInterval = [m.normalInterval.lower, m.normalInterval.upper]
                }
            }
        case .multi(let masks):
            for k in summary.categories.indices {
                let bit = UInt64(1) << UInt64(k)
                estimate(masks.map { Column.isAnswer($0) && $0 & bit != 0 ? 1 : 0 }, into: &summary.categories[k].share)
            }
        case .numeric(let values, let status):
            let x = values.indices.map { status[$0] == .valid ? values[$0] : 0 }
            if let m = DesignMean(x, in: domain, design: design) {
                summary.numeric?.mean = m.estimate
                summary.meanStandardError = m.standardError
                summary.meanInterval = [m.normalInterval.lower, m.normalInterval.upper]
            }
            if let q = DesignQuantile.math(x, weights: design.weights, in: domain, probabilities: [0.25, 0.5, 0.75]) {
                summary.numeric?.q1 = q[0]
                summary.numeric?.median = q[1]
                summary.numeric?.q3 = q[2]
            }
        case .text:
            break
        }
    }
}
