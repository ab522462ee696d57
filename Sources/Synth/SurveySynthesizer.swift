import Concurrency
import Foundation
import Diagnostics
import SurveyData

/// Draws a codebook-conformant `responses.csv` from a `SynthSpec`. The same spec, size and seed
/// give the same bytes.
public struct SurveySynthesizer: Sendable {
    public let codebook: Codebook
    public let spec: SynthSpec

    public init(codebook: Codebook, spec: SynthSpec) {
        self.codebook = codebook
        self.spec = spec
    }

    static let notAsked: Int32 = -2
    static let missing: Int32 = -1

    /// One drawn column: option indices (or sample indices for text), or numbers.
    enum Drawn: Sendable {
        case codes([Int32])
        case masks([UInt64])
        case numbers([Double], decimals: Int)
    }

    public func csv(respondents n: Int, seed: UInt64) -> [UInt8] {
        // Each question has its own random stream and sees only the questions before it in the
        // spec, so questions whose earlier dependencies are all drawn can be drawn side by side:
        // the result is the same as drawing them one by one, in order.
        let order = Dictionary(spec.questions.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var waiting = spec.questions.indices.filter { codebook.question(spec.questions[$0].id) != nil }
        var drawn: [String: Drawn] = [:]
        while !waiting.isEmpty {
            let ready = waiting.filter { k in
                dependencies(of: spec.questions[k]).allSatisfy { id in
                    guard let j = order[id], j < k, waiting.contains(j) else { return true }
                    return false
                }
            }
            let visible = drawn
            let results = Parallel.map(ready.count) { r in
                let k = ready[r]
                let rule = spec.questions[k]
                let question = codebook.question(rule.id)!
                let earlier = visible.filter { order[$0.key].map { $0 < k } ?? false }
                var rng = SeededRandom(seed: seed, stream: UInt64(k + 1))
                let asked = askedRows(question, drawn: earlier, n: n)
                return draw(rule, question: question, asked: asked, drawn: earlier, rng: &rng)
            }
            for (r, k) in ready.enumerated() { drawn[spec.questions[k].id] = results[r] }
            waiting.removeAll { ready.contains($0) }
        }
        return write(drawn, n: n, extra: designColumns(drawn, n: n, seed: seed))
    }

    /// The questions a rule reads: its skip logic and the questions it is drawn from.
    func dependencies(of rule: SynthSpec.QuestionRule) -> [String] {
        var ids = codebook.question(rule.id)?.askedIf.map(\.question) ?? []
        switch rule.rule {
        case .shares(let by, _, _): if let by { ids.append(by) }
        case .derive(let from, _): ids.append(from)
        case .logistic(_, _, _, let odds): ids += odds.map(\.question)
        case .counts, .normal, .text: break
        }
        return ids
    }

    // MARK: Skip logic

    func askedRows(_ question: Question, drawn: [String: Drawn], n: Int) -> [Bool] {
        var asked = [Bool](repeating: true, count: n)
        for condition in question.askedIf {
            guard let parent = codebook.question(condition.question), let column = drawn[condition.question] else { continue }
            let wanted = condition.codes.compactMap { parent.optionIndex(of: $0) }
            switch column {
            case .codes(let codes):
                var asks = [Bool](repeating: false, count: parent.options.count)
                for j in wanted { asks[j] = true }
                for i in 0..<n where asked[i] && !(codes[i] >= 0 && Int(codes[i]) < asks.count && asks[Int(codes[i])]) {
                    asked[i] = false
                }
            case .masks(let masks):
                let mask = wanted.reduce(UInt64(0)) { $0 | (1 << UInt64($1)) }
                for i in 0..<n where asked[i] && (masks[i] >= Column.notAskedMask || masks[i] & mask == 0) { asked[i] = false }
            case .numbers:
                break
            }
        }
        return asked
    }

    // MARK: Drawing

    func draw(_ rule: SynthSpec.QuestionRule, question: Question, asked: [Bool], drawn: [String: Drawn],
              rng: inout SeededRandom) -> Drawn {
        let n = asked.count
        var result: Drawn
        switch rule.rule {
        case .counts(let counts):
            let askedCount = asked.count(where: { $0 })
            let quota = Self.largestRemainder(question.options.map { counts[$0.code] ?? 0 }, total: askedCount)
            var pool: [Int32] = []
            pool.reserveCapacity(askedCount)
            for (i, q) in quota.enumerated() { pool += [Int32](repeating: Int32(i), count: q) }
            rng.shuffle(&pool)
            var codes = [Int32](repeating: Self.notAsked, count: n)
            var next = 0
            for i in 0..<n where asked[i] {
                codes[i] = pool[next]
                next += 1
            }
            result = .codes(codes)
        case .shares(let by, let table, let otherwise):
            let parentCodes = by.flatMap { drawn[$0] }.flatMap { d -> [Int32]? in if case .codes(let c) = d { return c } else { return nil } }
            let parent = by.flatMap { codebook.question($0) }
            if question.type == .multi {
                result = .masks(drawMulti(question, asked: asked, parent: parent, parentCodes: parentCodes, table: table,
                                          otherwise: otherwise, rng: &rng))
            } else {
                let weights: (String) -> [Double]? = { key in
                    (table[key] ?? otherwise).map { t in question.options.map { t[$0.code] ?? 0 } }
                }
                var cumulativeByParent: [Int32: [Double]] = [:]
                let marginal = (table[""] ?? otherwise).map { t in Self.cumulative(question.options.map { t[$0.code] ?? 0 }) }
                if let parent {
                    for (i, option) in parent.options.enumerated() {
                        if let w = weights(option.code) { cumulativeByParent[Int32(i)] = Self.cumulative(w) }
                    }
                }
                let fallback = otherwise.map { t in Self.cumulative(question.options.map { t[$0.code] ?? 0 }) }
                // Per parent code (not asked and missing first), its distribution: no lookup per row.
                let byCode = (-2...Int32(parent?.options.count ?? 0)).map { cumulativeByParent[$0] ?? fallback }
                var codes = [Int32](repeating: Self.notAsked, count: n)
                for i in 0..<n where asked[i] {
                    let cumulative = parentCodes.map { byCode[min(Int($0[i]) + 2, byCode.count - 1)] } ?? marginal
                    guard let cumulative, cumulative.last ?? 0 > 0 else {
                        codes[i] = Self.missing
                        continue
                    }
                    codes[i] = Int32(rng.pick(cumulative: cumulative))
                }
                result = .codes(codes)
            }
        case .derive(let from, let map):
            let parent = codebook.question(from)!
            guard case .codes(let parentCodes)? = drawn[from] else { return .codes([Int32](repeating: Self.missing, count: n)) }
            let lookup: [Int32] = parent.options.map { option in
                map[option.code].flatMap { question.optionIndex(of: $0) }.map(Int32.init) ?? Self.missing
            }
            var codes = [Int32](repeating: Self.notAsked, count: n)
            for i in 0..<n where asked[i] {
                codes[i] = parentCodes[i] >= 0 ? lookup[Int(parentCodes[i])] : Self.missing
            }
            result = .codes(codes)
        case .logistic(let code, let otherwise, let share, let odds):
            result = .codes(drawLogistic(question, code: code, otherwise: otherwise, share: share, odds: odds, asked: asked,
                                         drawn: drawn, rng: &rng))
        case .normal(let mean, let sd, let lo, let hi, let decimals):
            var values = [Double](repeating: .nan, count: n)
            var scale = 1.0
            for _ in 0..<decimals { scale *= 10 }
            for i in 0..<n where asked[i] {
                let v = min(hi, max(lo, mean + sd * rng.normal()))
                values[i] = (v * scale).rounded() / scale
            }
            result = .numbers(values, decimals: decimals)
        case .text(let share, let samples):
            var codes = [Int32](repeating: Self.notAsked, count: n)
            for i in 0..<n where asked[i] {
                codes[i] = rng.unit() < share ? Int32(rng.next() % UInt64(samples.count)) : Self.missing
            }
            result = .codes(codes)
        }
        if rule.missing > 0 { applyMissing(&result, rate: rule.missing, asked: asked, rng: &rng) }
        return result
    }

    func applyMissing(_ drawn: inout Drawn, rate: Double, asked: [Bool], rng: inout SeededRandom) {
        switch drawn {
        case .codes(var codes):
            for i in codes.indices where asked[i] && rng.unit() < rate { codes[i] = Self.missing }
            drawn = .codes(codes)
        case .masks(var masks):
            for i in masks.indices where asked[i] && rng.unit() < rate { masks[i] = Column.missingMask }
            drawn = .masks(masks)
        case .numbers(var values, let decimals):
            for i in values.indices where asked[i] && rng.unit() < rate { values[i] = -.infinity }
            drawn = .numbers(values, decimals: decimals)
        }
    }

    /// Each option drawn independently; when `max_choices` caps the picks, the option
    /// probabilities are raised step by step until the shares after capping hit their targets.
    func drawMulti(_ question: Question, asked: [Bool], parent: Question?, parentCodes: [Int32]?,
                   table: [String: [String: Double]], otherwise: [String: Double]?, rng: inout SeededRandom) -> [UInt64] {
        let n = asked.count
        let options = question.options.count
        func targets(_ key: String) -> [Double]? { (table[key] ?? otherwise).map { t in question.options.map { t[$0.code] ?? 0 } } }
        var groups: [Int32: [Double]] = [:]
        if let parent {
            for (i, option) in parent.options.enumerated() { groups[Int32(i)] = targets(option.code) }
        }
        let marginal = targets("") ?? otherwise.flatMap { _ in targets("") }
        let fallback = otherwise.map { t in question.options.map { t[$0.code] ?? 0 } }
        var chosen: [Int] = []
        chosen.reserveCapacity(options)
        func drawRow(_ p: [Double], _ rng: inout SeededRandom, _ chosen: inout [Int]) -> UInt64 {
            var mask: UInt64 = 0
            chosen.removeAll(keepingCapacity: true)
            for j in 0..<options where rng.unit() < p[j] { chosen.append(j) }
            if let cap = question.maxChoices, chosen.count > cap {
                rng.shuffle(&chosen)
                chosen.removeLast(chosen.count - cap)
            }
            if chosen.isEmpty, let best = p.indices.max(by: { p[$0] < p[$1] }) {
                // Everyone who answers names at least one option.
                chosen = [best]
            }
            for j in chosen { mask |= 1 << UInt64(j) }
            return mask
        }
        // Calibrate per group on a sample of rows, with a fixed stream so the steps are smooth.
        var adjusted: [Int32: [Double]] = [:]
        let keys: [Int32] = parentCodes == nil ? [-9] : Array(groups.keys).sorted() + [-1, -2]
        for key in keys {
            guard let goal = key == -9 ? (marginal ?? fallback) : (groups[key] ?? fallback) else { continue }
            var p = goal
            if question.maxChoices != nil {
                for _ in 0..<10 {
                    var calibration = SeededRandom(seed: 0xC0FFEE, stream: UInt64(bitPattern: Int64(key)))
                    var counts = [Double](repeating: 0, count: options)
                    let sample = 60_000
                    for _ in 0..<sample {
                        let m = drawRow(p, &calibration, &chosen)
                        for j in 0..<options where m & (1 << UInt64(j)) != 0 { counts[j] += 1 }
                    }
                    for j in 0..<options where counts[j] > 0 {
                        p[j] = min(0.999, p[j] * goal[j] / (counts[j] / Double(sample)))
                    }
                }
            }
            adjusted[key] = p
        }
        // Per parent code (not asked and missing first), its calibrated probabilities.
        func probabilities(_ code: Int32?) -> [Double]? {
            let key: Int32 = code.map { groups[$0] != nil ? $0 : ($0 < 0 ? $0 : -1) } ?? -9
            let target = code.map { groups[$0] ?? fallback } ?? (marginal ?? fallback)
            return adjusted[key] ?? (target == nil ? nil : adjusted[-1])
        }
        // A code outside the parent's options (never drawn for a choice question) is "other".
        let byCode = (-2...Int32(parent?.options.count ?? 0)).map { probabilities($0) }
        let unconditional = probabilities(nil)
        var masks = [UInt64](repeating: Column.notAskedMask, count: n)
        for i in 0..<n where asked[i] {
            guard let p = parentCodes.map({ byCode[min(Int($0[i]) + 2, byCode.count - 1)] }) ?? unconditional else {
                masks[i] = Column.missingMask
                continue
            }
            masks[i] = drawRow(p, &rng, &chosen)
        }
        return masks
    }

    /// A yes/no answer whose log-odds add up the given odds ratios; the intercept is found by
    /// bisection so that the share over asked respondents equals `share`.
    func drawLogistic(_ question: Question, code: String, otherwise: String, share: Double,
                      odds: [(question: String, ratios: [String: Double])], asked: [Bool], drawn: [String: Drawn],
                      rng: inout SeededRandom) -> [Int32] {
        let n = asked.count
        var eta = [Double](repeating: 0, count: n)
        for term in odds {
            guard let parent = codebook.question(term.question), case .codes(let codes)? = drawn[term.question] else { continue }
            let logOdds = parent.options.map { log(max(1e-9, term.ratios[$0.code] ?? 1)) }
            for i in 0..<n where codes[i] >= 0 { eta[i] += logOdds[Int(codes[i])] }
        }
        let rows = (0..<n).filter { asked[$0] }
        // Newton's method on the mean probability, which rises monotonically with the intercept.
        var b = log(max(1e-9, share) / max(1e-9, 1 - share))
        for _ in 0..<30 where !rows.isEmpty {
            var mean = 0.0, slope = 0.0
            for i in rows {
                let p = 1 / (1 + exp(-(b + eta[i])))
                mean += p
                slope += p * (1 - p)
            }
            mean /= Double(rows.count)
            slope /= Double(rows.count)
            guard slope > 1e-12 else { break }
            let step = (mean - share) / slope
            b -= max(-5, min(5, step))
            if abs(step) < 1e-10 { break }
        }
        let yes = Int32(question.optionIndex(of: code) ?? 0), no = Int32(question.optionIndex(of: otherwise) ?? 1)
        var codes = [Int32](repeating: Self.notAsked, count: n)
        for i in rows { codes[i] = rng.unit() < 1 / (1 + exp(-(b + eta[i]))) ? yes : no }
        return codes
    }

    // MARK: Helpers

    static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        return weights.map { total += max(0, $0); return total }
    }

    /// Whole counts in proportion to `weights` that add up to `total` exactly.
    static func largestRemainder(_ weights: [Double], total: Int) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in 0 } }
        let exact = weights.map { $0 / sum * Double(total) }
        var counts = exact.map { Int($0.rounded(.down)) }
        let order = exact.indices.sorted { (exact[$0] - Double(counts[$0]), -$0) > (exact[$1] - Double(counts[$1]), -$1) }
        var left = total - counts.reduce(0, +)
        var k = 0
        while left > 0 {
            counts[order[k % order.count]] += 1
            left -= 1
            k += 1
        }
        return counts
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
