/// A named finding as the author declares it in `findings.yaml`, already checked against the codebook.
public struct FindingSpec: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// The share of respondents (among `where`) whose answer is one of `codes`.
        case share(question: String, codes: [String])
        /// The mean of a likert or numeric question.
        case mean(question: String)
        /// How many respondents answered with one of `codes` (all valid answers when empty).
        case count(question: String, codes: [String])
        /// The option of a multi or single question at a rank by share (1 = largest).
        case rank(question: String, position: Int)
        /// One share finding minus another, with Newcombe's interval.
        case difference(first: String, second: String)
    }

    /// A claim the data must support, or the build fails.
    public enum Claim: Sendable, Hashable {
        public enum Bound: String, Sendable { case value, lower, upper }
        case compare(bound: Bound, op: String, threshold: Double)
        /// For a rank finding: the option at that rank has this code.
        case isOption(String)
    }

    public var name: String
    public var kind: Kind
    /// Respondent filter: question → codes (AND across questions).
    public var filter: [String: [String]]
    public var claim: Claim?
    /// The claim as the author wrote it, for messages.
    public var claimText: String?
    public var description: String?

    public init(name: String, kind: Kind, filter: [String: [String]] = [:], claim: Claim? = nil, claimText: String? = nil,
                description: String? = nil) {
        self.name = name
        self.kind = kind
        self.filter = filter
        self.claim = claim
        self.claimText = claimText
        self.description = description
    }
}

/// A finding's computed value.
public struct FindingValue: Sendable, Hashable {
    public var spec: FindingSpec
    /// Shares and differences are proportions (0…1); means are in the question's units; counts are whole.
    public var value: Double?
    public var lower: Double?
    public var upper: Double?
    public var count: Int?
    public var n: Int?
    /// For rank findings: the option's code and label.
    public var optionCode: String?
    public var optionLabel: String?
    /// How it was computed, in English (findings/1's `method`)...
    public var method: String
    /// ...and the same as a key of the language files with the values it names, for pages.
    public var methodKey: String = ""
    public var methodValues: [String: String] = [:]
    /// Nil when there is no claim; false when the data contradict it.
    public var claimHolds: Bool?
    /// For a difference: the test's p-value (McNemar's when paired, Pearson's chi-square when
    /// independent; neither with continuity correction).
    public var pValue: Double?
}
