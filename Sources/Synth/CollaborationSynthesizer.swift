import Formats
import SurveyData

/// Draws `collaborations.csv`: projects among hospitals, institutes and companies, where a few
/// organisations take part far more often than others (Zipf weights), so the network has hubs.
public struct CollaborationSynthesizer {
    public let spec: SynthSpec.Collaborations
    public let provinces: ProvinceTable?

    public init(spec: SynthSpec.Collaborations, provinces: ProvinceTable?) {
        self.spec = spec
        self.provinces = provinces
    }

    static let prefix: [CollaborationTable.Sector: String] = [.hospital: "H", .institute: "R", .company: "C"]

    public func csv(seed: UInt64) -> [UInt8] {
        var rng = SeededRandom(seed: seed, stream: 0xC011AB)
        let provinceCodes = provinces?.provinces.map(\.code) ?? ["000000"]
        let provinceWeights = SurveySynthesizer.cumulative(provinces?.provinces.map { Double($0.population) } ?? [1])
        // Organisations: an id, a home province, and a participation weight.
        var homes: [CollaborationTable.Sector: [String]] = [:]
        var weights: [CollaborationTable.Sector: [Double]] = [:]
        for sector in CollaborationTable.Sector.allCases {
            let count = spec.organisations[sector] ?? 1
            homes[sector] = (0..<count).map { _ in provinceCodes[rng.pick(cumulative: provinceWeights)] }
            weights[sector] = SurveySynthesizer.cumulative((1...count).map { 1 / pow(Double($0), spec.concentration) })
        }
        let years = Array(spec.firstYear...spec.lastYear)
        let yearWeights = SurveySynthesizer.cumulative(years.indices.map { pow(spec.growth, Double($0)) })
        let mixWeights = SurveySynthesizer.cumulative(spec.mixes.map(\.weight))
        let topicWeights = SurveySynthesizer.cumulative(spec.topics.map(\.1))
        let width = max(4, String(spec.projects).count)
        var lines = ["project_id,year,province,topic,hospitals,institutes,companies"]
        for p in 1...spec.projects {
            let year = years[rng.pick(cumulative: yearWeights)]
            let mix = spec.mixes[rng.pick(cumulative: mixWeights)].sectors
            var members: [CollaborationTable.Sector: [Int]] = [:]
            for sector in mix {
                let count = spec.organisations[sector] ?? 1
                var pick = rng.pick(cumulative: weights[sector]!)
                var tries = 0
                while members[sector, default: []].contains(pick) && tries < 50 {
                    pick = rng.pick(cumulative: weights[sector]!)
                    tries += 1
                }
                if members[sector, default: []].contains(pick) { pick = (pick + 1) % count }
                members[sector, default: []].append(pick)
            }
            let lead = mix.first!
            let province = homes[lead]![members[lead]![0]]
            let topic = spec.topics[rng.pick(cumulative: topicWeights)].0
            func ids(_ sector: CollaborationTable.Sector) -> String {
                let orgWidth = String(spec.organisations[sector] ?? 1).count
                return (members[sector] ?? []).sorted().map { Self.prefix[sector]! + Self.pad($0 + 1, orgWidth) }.joined(separator: ";")
            }
            lines.append(["P" + Self.pad(p, width), String(year), province, CSVFormat.field(topic),
                          ids(.hospital), ids(.institute), ids(.company)].joined(separator: ","))
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
