import Analysis
import SurveyData

/// Every question's release (`QuestionRelease`), decided once per build and asked by every
/// surface. A question's release depends on those of the questions its skip logic depends on,
/// and on which of its answers other questions' skip logic depends on.
public struct QuestionReleases: Sendable {
    private var releases: [String: QuestionRelease] = [:]
    private var codeIndex: [String: [String: Int]] = [:]

    public init(analysis: SurveyAnalysis, codebook: Codebook, disclosure d: Disclosure) {
        var controlling: [String: Set<String>] = [:]
        for question in codebook.questions {
            for condition in question.askedIf { controlling[condition.question, default: []].formUnion(condition.codes) }
        }
        for summary in analysis.questions {
            codeIndex[summary.id] = Dictionary(summary.categories.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { a, _ in a })
        }
        func release(_ id: String, depth: Int) -> QuestionRelease? {
            if let done = releases[id] { return done }
            guard let summary = analysis.question(id) else { return nil }
            var askedOfWithheld = false
            if depth < 8 {
                for condition in codebook.question(id)?.askedIf ?? [] {
                    guard let other = release(condition.question, depth: depth + 1) else { continue }
                    if condition.codes.contains(where: { withheld(other, condition.question, $0) }) { askedOfWithheld = true }
                }
            }
            let made = QuestionRelease(summary, topBox: codebook.question(id)?.topBox ?? [], controlling: controlling[id] ?? [],
                                       askedOfWithheld: askedOfWithheld, disclosure: d)
            releases[id] = made
            return made
        }
        for summary in analysis.questions { _ = release(summary.id, depth: 0) }
    }

    public subscript(_ id: String) -> QuestionRelease? { releases[id] }

    /// Whether answer `code` of question `id` is withheld in its own figures (or the question's
    /// answered count is, which withholds every answer).
    public func isWithheld(_ id: String, code: String) -> Bool {
        guard let release = releases[id] else { return false }
        return withheld(release, id, code)
    }

    /// The answers of question `id` that its own figures withhold.
    public func withheldCodes(_ id: String) -> [String] {
        guard let codes = codeIndex[id] else { return [] }
        return codes.keys.filter { isWithheld(id, code: $0) }.sorted { codes[$0]! < codes[$1]! }
    }

    private func withheld(_ release: QuestionRelease, _ id: String, _ code: String) -> Bool {
        if release.answered != .published { return true }
        guard let k = codeIndex[id]?[code], k < release.categories.count else { return false }
        return release.categories[k] != .published
    }
}
