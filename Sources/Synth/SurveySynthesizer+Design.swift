import Formats
import SurveyData

extension SurveySynthesizer {
    /// A column written after the answers: each respondent's index into `texts`.
    struct ExtraColumn {
        var name: String
        var codes: [Int32]
        var texts: [[UInt8]]
    }

    /// The design columns `spec.design` asks for. The stratum is the code of the `from`
    /// question (empty where it has none). Clusters: the respondents who share their answers to
    /// `within` (no answer counts as an answer) are shuffled and dealt into about count / size
    /// organisations of uneven sizes (each between half and one and a half of the mean), numbered
    /// in order of first appearance in the data: so an organisation lies within one province,
    /// group and tier, as a hospital's staff do.
    func designColumns(_ drawn: [String: Drawn], n: Int, seed: UInt64) -> [ExtraColumn] {
        guard let design = spec.design else { return [] }
        var columns: [ExtraColumn] = []
        func codes(_ id: String) -> [Int32] {
            if case .codes(let c)? = drawn[id] { return c }
            return [Int32](repeating: Self.missing, count: n)
        }
        if let name = design.strataColumn, let from = design.strataFrom, let question = codebook.question(from) {
            let source = codes(from)
            let empty = Int32(question.options.count)
            columns.append(ExtraColumn(name: name, codes: source.map { $0 >= 0 ? $0 : empty },
                                       texts: question.options.map { Array(CSVFormat.field($0.code).utf8) } + [[]]))
        }
        if let name = design.clustersColumn {
            let within = design.clustersWithin.map(codes)
            var members: [[Int32]: [Int]] = [:]
            var order: [[Int32]] = []
            for i in 0..<n {
                let key = within.map { $0[i] }
                if members[key] == nil { order.append(key) }
                members[key, default: []].append(i)
            }
            var rng = SeededRandom(seed: seed, stream: 0xC1_0057E5)
            var cluster = [Int32](repeating: 0, count: n)
            var next: Int32 = 0
            for key in order {
                var people = members[key]!
                let k = max(1, Int((Double(people.count) / design.clusterSize).rounded()))
                let sizes = Self.largestRemainder((0..<k).map { _ in 0.5 + rng.unit() }, total: people.count)
                rng.shuffle(&people)
                var at = 0
                for size in sizes where size > 0 {
                    for i in people[at..<at + size] { cluster[i] = next }
                    at += size
                    next += 1
                }
            }
            // Numbered in order of first appearance.
            var renumber = [Int32](repeating: -1, count: Int(next))
            var seen: Int32 = 0
            for i in 0..<n where renumber[Int(cluster[i])] < 0 { renumber[Int(cluster[i])] = seen; seen += 1 }
            let digits = String(Int(next)).count
            let texts = (0..<Int(next)).map { j -> [UInt8] in
                let number = String(j + 1)
                return Array((design.clusterPrefix + String(repeating: "0", count: digits - number.count) + number).utf8)
            }
            columns.append(ExtraColumn(name: name, codes: cluster.map { renumber[Int($0)] }, texts: texts))
        }
        return columns
    }
}
