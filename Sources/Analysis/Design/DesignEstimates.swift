import SurveyData

/// A question's summary with its shares, intervals and means estimated under a declared design
/// (R's `svymean` / `svyciprop(method = "xlogit")` on `subset(design, valid)`): the proportions
/// are the weighted shares the summary already holds; their intervals become design-based and
/// gain a standard error and a design effect.
enum DesignEstimates {
    static func apply(_ design: SurveyDesign, to summary: inout QuestionSummary, question: Question, column: Column) {
        func apply(_ m: DesignMean?, to share: inout Share) { if let m { share.estimate(m, intervals: design.intervals) } }
        switch column {
        case .categorical(let codes):
            // Every category, the top box and the likert mean from one pass's cell totals.
            let k = question.options.count
            let totals = CellTotals(cell: codes.map { Column.isAnswer($0) ? Int32($0) : -1 }, cells: k, design: design)
            for c in summary.categories.indices {
                apply(totals.mean(of: (0..<k).map { $0 == c ? 1 : 0 }, design: design), to: &summary.categories[c].share)
            }
            if summary.topBox != nil {
                let top = Set(question.topBox.compactMap { question.optionIndex(of: $0) })
                apply(totals.mean(of: (0..<k).map { top.contains($0) ? 1 : 0 }, design: design), to: &summary.topBox!)
            }
            if question.type == .likert, summary.mean != nil, let m = totals.mean(of: question.options.map { Double($0.code) ?? .nan }, design: design) {
                summary.mean = m.estimate
                summary.meanStandardError = m.standardError
                summary.meanInterval = [m.normalInterval.lower, m.normalInterval.upper]
            }
        case .multi(let masks):
            for k in summary.categories.indices {
                let bit = UInt64(1) << UInt64(k)
                let totals = CellTotals(cell: masks.map { Column.isAnswer($0) ? ($0 & bit != 0 ? 0 : 1) : -1 }, cells: 2, design: design)
                apply(totals.mean(of: [1, 0], design: design), to: &summary.categories[k].share)
            }
        case .numeric(let values, let status):
            let domain = status.map { $0 == .valid }
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
