import Diagnostics
import SurveyData
import Yams

/// `synth.yaml`: the target a synthetic data set is drawn to, question by question.
///
/// Each question names one way to draw it (see the README's "Synthetic data" section):
/// `counts` (exact counts per code), `shares` (marginal or, with `by`, conditional on an earlier
/// question), `derive` (a function of an earlier question), `logistic` (a yes/no question whose
/// odds depend on earlier ones, its intercept set to hit a target share), `normal` (numeric),
/// `text` (free text drawn from samples). Any question may add `missing: 0.02`, the share of
/// asked respondents whose answer is missing.
public struct SynthSpec: Sendable {
    public enum Rule: Sendable {
        case counts([String: Double])
        case shares(by: String?, table: [String: [String: Double]], otherwise: [String: Double]?)
        case derive(from: String, map: [String: String])
        case logistic(code: String, otherwise: String, share: Double, odds: [(question: String, ratios: [String: Double])])
        case normal(mean: Double, sd: Double, min: Double, max: Double, decimals: Int)
        case text(share: Double, samples: [String])
    }

    public struct QuestionRule: Sendable {
        public var id: String
        public var rule: Rule
        public var missing: Double
        public var location: SourceLocation
    }

    public struct Collaborations: Sendable {
        public var projects: Int
        public var firstYear: Int
        public var lastYear: Int
        public var growth: Double
        public var organisations: [CollaborationTable.Sector: Int]
        public var concentration: Double
        public var mixes: [(sectors: [CollaborationTable.Sector], weight: Double)]
        public var topics: [(String, Double)]
    }

    /// The sampling design the data carry, written as columns after the answers: a stratum
    /// column copied from a question's codes, and clusters (organisations) dealt out among the
    /// respondents who share the answers to `within`, about `size` to a cluster.
    public struct Design: Sendable {
        public var strataColumn: String?
        public var strataFrom: String?
        public var clustersColumn: String?
        public var clustersWithin: [String] = []
        public var clusterSize = 8.0
        public var clusterPrefix = "C"
    }

    public var respondents: Int
    public var seed: UInt64
    public var idPrefix: String
    public var missingCode: String
    public var questions: [QuestionRule]
    public var collaborations: Collaborations?
    public var design: Design?
    public var source: String

    public static func load(text: String, source: String, codebook: Codebook, provinces: ProvinceTable?) throws(DiagnosticsError) -> SynthSpec {
        guard let root = try YAMLDiagnostics.compose(text, source: source), case .mapping(let mapping) = root else {
            throw DiagnosticsError(.error(at: .start(of: source), "synth.yaml must be a mapping with `questions:`"))
        }
        var reader = SpecReader(source: source, codebook: codebook, provinces: provinces)
        let spec = reader.read(mapping)
        try reader.diagnostics.throwIfErrors()
        return spec
    }
}
