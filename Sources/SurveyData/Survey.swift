/// Whether a respondent answered a question. Every respondent is exactly one of the three.
public enum ResponseStatus: UInt8, Sendable, BitwiseCopyable {
    case valid, missing, notAsked
}

/// One question's answers for every respondent, stored by column as small integers.
public enum Column: Sendable {
    /// Single and Likert answers: the option's index, or `missingCode` / `notAskedCode`.
    case categorical(ColumnValues<Int16>)
    /// Multi-select answers: a bit per chosen option, or `missingMask` / `notAskedMask`.
    case multi(ColumnValues<UInt64>)
    /// Numeric answers with their status (values of non-valid rows are NaN).
    case numeric(values: ColumnValues<Double>, status: ColumnValues<ResponseStatus>)
    /// Free text: only its status, and the text itself when the question may be published.
    case text(status: ColumnValues<ResponseStatus>, values: [String]?)

    public static let missingCode: Int16 = -1
    public static let notAskedCode: Int16 = -2
    public static let missingMask: UInt64 = .max
    public static let notAskedMask: UInt64 = .max - 1
    /// Multi-select questions may have at most this many options (one bit each, two masks reserved).
    public static let maxMultiOptions = 62

    public func status(at row: Int) -> ResponseStatus {
        switch self {
        case .categorical(let codes):
            let c = codes[row]
            return c >= 0 ? .valid : (c == Self.missingCode ? .missing : .notAsked)
        case .multi(let masks):
            let m = masks[row]
            return m == Self.missingMask ? .missing : (m == Self.notAskedMask ? .notAsked : .valid)
        case .numeric(_, let status), .text(let status, _):
            return status[row]
        }
    }
}

/// A validated survey: the codebook, and one column per question in codebook order.
public struct Survey: Sendable {
    public var codebook: Codebook
    public var respondentCount: Int
    public var columns: [Column]
    /// One weight per respondent when the codebook names a weight column.
    public var weights: [Double]?

    public init(codebook: Codebook, respondentCount: Int, columns: [Column], weights: [Double]?) {
        self.codebook = codebook
        self.respondentCount = respondentCount
        self.columns = columns
        self.weights = weights
    }

    public func column(_ id: String) -> Column? {
        codebook.index(of: id).map { columns[$0] }
    }
}
