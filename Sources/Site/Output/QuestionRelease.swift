import Analysis
import SurveyData

/// What of one question's figures may be published: the one rule that the codebook page, the
/// frequency tables, the charts and the public findings.json all answer to, so that no two
/// surfaces together give away a withheld count.
///
/// - The question's respondents are one line that adds up to the published total: answered +
///   missing + not asked. A small answered count is withheld, and so is another part of that
///   line, or answered would follow by subtraction (`protectAnswered`).
/// - Answers that exclude one another (single, Likert) add up to the answered count: complementary
///   suppression across them; a multi-select option stands alone.
/// - A statistic of the answers (mean, sd, quartiles, a Likert top box) is published only when
///   at least `min_cell` answered and, for a Likert question, no answer count it is made of is
///   withheld: a mean times n, or a top box minus the published answers, would recover them.
/// - A numeric question's minimum and maximum are one respondent's answer each: never
///   published, unless `disclosure.extremes: true` (and then only with `min_cell` answers).
public struct QuestionRelease: Sendable {
    public typealias Cell = ComplementarySuppression.Cell
    public var answered: Cell
    public var missing: Cell
    public var notAsked: Cell
    public var categories: [Cell]
    public var statistics: Bool
    public var topBox: Bool
    public var extremes: Bool

    /// - Parameter controlling: answers that other questions' skip logic depends on: their counts
    ///   are bounded by those questions' own figures, so they are the last chosen as complements.
    /// - Parameter askedOfWithheld: the question is asked of answers that another question's
    ///   figures withhold, so its answered count (at most how many gave them) is withheld too.
    public init(answered: Int, missing: Int, notAsked: Int, categories: [Int], exclusive: Bool, likert: Bool,
                topBoxIndices: [Int], controlling: Set<Int> = [], askedOfWithheld: Bool = false, disclosure d: Disclosure) {
        var cells = exclusive && d.minCell > 1
            ? ComplementarySuppression.pattern([categories], minCell: d.minCell, avoid: Set(controlling.map { [0, $0] }))[0]
            : d.categoryPattern(categories, exclusive: exclusive)
        // Answers that no complement can protect within their line (two small ones and nothing
        // else to withhold): the answered count they add up to is withheld instead.
        let withheld = categories.indices.filter { cells[$0] != .published }.map { (categories[$0], cells[$0]) }
        let unprotectable = exclusive && !withheld.isEmpty && !ComplementarySuppression.isProtected(withheld, minCell: d.minCell)
        let status = Self.protectAnswered([answered, missing, notAsked], force: askedOfWithheld || unprotectable, disclosure: d)
        (self.answered, self.missing, self.notAsked) = (status[0], status[1], status[2])
        if self.answered != .published {
            // The answers add up to (or, multi-select, each within) the answered count: with it
            // withheld, every answer is, zeros included, and as a complement: answers shown as
            // "<m", each at least 1, would bound the withheld count from below.
            cells = categories.map { _ in .complementary }
        }
        self.categories = cells
        let enough = self.answered == .published && answered >= d.minCell
        let allShown = !likert || cells.allSatisfy { $0 == .published }
        statistics = enough && allShown
        topBox = enough && topBoxIndices.allSatisfy { $0 < cells.count && cells[$0] == .published }
        extremes = d.extremes && enough
    }

    public init(_ q: QuestionSummary, topBox codes: [String], controlling: Set<String> = [], askedOfWithheld: Bool = false,
                disclosure d: Disclosure) {
        self.init(answered: q.valid, missing: q.missing, notAsked: q.notAsked, categories: q.categories.map(\.share.count),
                  exclusive: q.type == .single || q.type == .likert, likert: q.type == .likert,
                  topBoxIndices: codes.compactMap { code in q.categories.firstIndex { $0.code == code } },
                  controlling: Set(q.categories.indices.filter { controlling.contains(q.categories[$0].code) }),
                  askedOfWithheld: askedOfWithheld, disclosure: d)
    }

    /// Answered, missing, not asked. A small count of any of them is shown as the marker, so no
    /// small number is printed. Only the answered count is protected by a complement: missing
    /// and not asked are the survey's paradata (who skipped a question), which the published
    /// total and answered count bound anyway. When answered is withheld, the smallest other
    /// non-zero part is withheld with it (or a zero when there is none), unless another part
    /// is already withheld.
    static func protectAnswered(_ line: [Int], force: Bool = false, disclosure d: Disclosure) -> [Cell] {
        var cells: [Cell] = line.map { d.isSmall($0) ? .small : .published }
        if force {
            // Asked of withheld answers: not asked is their complement's count, so no part of
            // the line may say "<m" (at least 1) of it.
            cells = cells.map { $0 == .published ? .published : .complementary }
            if cells[0] == .published { cells[0] = .complementary }
        }
        guard cells[0] != .published, cells[1] == .published, cells[2] == .published else { return cells }
        let others = [1, 2].filter { line[$0] > 0 }
        let pick = others.min { line[$0] < line[$1] } ?? 1
        cells[pick] = .complementary
        return cells
    }
}
