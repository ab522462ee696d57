import Concurrency
import SurveyData

/// The analysis of one survey: what `findings analyze` prints and every page draws on.
public struct SurveyAnalysis: Sendable {
    public var respondents: Int
    public var questions: [QuestionSummary]
    public var crosstabs: [CrossTab]

    /// The declared sampling design every estimate is made under, when there is one.
    public var design: SurveyDesign?
    /// Whether shares are weighted: by the survey's weights, or by a calibrated design's.
    public var weighted: Bool

    public init(_ survey: Survey, breakdowns: [String], design: SurveyDesign? = nil) {
        // Calibrated: every weighted number (weighted counts, cross-tab shares) uses the raked weights.
        var survey = survey
        if let raked = design?.raking?.weights { survey.weights = raked }
        respondents = survey.respondentCount
        weighted = survey.weights != nil
        questions = Frequencies.summarize(survey)
        crosstabs = CrossTabulation.all(survey, breakdowns: breakdowns)
        self.design = design
        // Column comparisons for every table, on the declared design or else on the weights
        // alone (svydesign(ids = ~1, weights = ~w)); under a design the Rao–Scott test replaces
        // the raw-count chi-square, and BH runs over its p-values.
        // Unweighted without a design, a table's counts are all the comparisons need.
        let fromCounts = design == nil && survey.weights == nil
        let weightsOnly = design != nil || fromCounts ? nil : try? SurveyDesign(weights: survey.weights!, lonelyPSU: .certainty)
        let tables = crosstabs, respondents = survey.respondentCount
        if let design {
            // Under a design: one pass's PSU totals of every cell give the test and the comparisons;
            // the tables of one multi question's options against one breakdown share that pass.
            var groups: [[Int]] = [], groupOf: [String: Int] = [:]
            for (k, table) in tables.enumerated() {
                let key = table.row + "\u{0}" + table.column
                if table.option != nil, let g = groupOf[key] { groups[g].append(k); continue }
                if table.option != nil { groupOf[key] = groups.count }
                groups.append([k])
            }
            let done = Parallel.map(groups.count) { g -> [CrossTab] in
                let members = groups[g].map { tables[$0] }
                // Batched while the wide table's PSU totals stay small (not with a PSU per respondent).
                let width = members.reduce(0) { $0 + $1.rowCodes.count * $1.columnCodes.count }
                let totals = members.count > 1 && design.psuCount * width <= 1 << 22
                    ? DesignTables.optionTotals(members, survey: survey, design: design)
                    : nil
                return members.indices.map { m in
                    var table = members[m]
                    let t = totals?[m] ?? CellTotals(cell: DesignTables.cells(table, survey: survey),
                                                      cells: table.rowCodes.count * table.columnCodes.count, design: design)
                    table.columnPairs = DesignTables.columnPairs(table, totals: t, design: design)
                    table.test = nil
                    table.raoScott = DesignTables.raoScott(table, totals: t, design: design)
                    return table
                }
            }
            for (g, members) in groups.enumerated() { for (m, k) in members.enumerated() { crosstabs[k] = done[g][m] } }
        } else {
            crosstabs = Parallel.map(tables.count) { k in
                var table = tables[k]
                if fromCounts {
                    table.columnPairs = DesignTables.columnPairs(fromCounts: table, respondents: respondents)
                } else if let weightsOnly {
                    let (rows, columns) = DesignTables.positions(table, survey: survey)
                    table.columnPairs = DesignTables.columnPairs(table, rows: rows, columns: columns, design: weightsOnly)
                }
                return table
            }
        }
        if design != nil {
            let adjusted = MultipleTesting.benjaminiHochberg(crosstabs.map { $0.raoScott?.pValue })
            for k in crosstabs.indices { crosstabs[k].pAdjusted = adjusted[k] }
        }
        if let design {
            let summaries = questions
            questions = Parallel.map(summaries.count) { q in
                var summary = summaries[q]
                DesignEstimates.apply(design, to: &summary, question: survey.codebook.questions[q], column: survey.columns[q])
                return summary
            }
        }
    }

    public func question(_ id: String) -> QuestionSummary? {
        questions.first { $0.id == id }
    }

    /// The cross-tabulations of `row` by `column`. Two breakdowns are crossed once (DATA.md), so
    /// the later one by the earlier is the same table transposed: every pair of breakdowns has
    /// its table either way round.
    public func crosstabs(row: String, column: String) -> [CrossTab] {
        let direct = crosstabs.filter { $0.row == row && $0.column == column }
        if !direct.isEmpty { return direct }
        return crosstabs.filter { $0.row == column && $0.column == row && $0.option == nil }.map { $0.transposed() }
    }
}
