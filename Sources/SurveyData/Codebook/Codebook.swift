import Diagnostics

/// Text with one or more translations, in the order the author wrote them.
public struct LocalizedText: Sendable, Hashable {
    public private(set) var languages: [String]
    public private(set) var byLanguage: [String: String]

    public init(_ text: String) {
        languages = [""]
        byLanguage = ["": text]
    }

    public init(translations: [(language: String, text: String)]) {
        languages = translations.map(\.language)
        byLanguage = Dictionary(translations, uniquingKeysWith: { first, _ in first })
    }

    /// The text in `language`, else in English, else the first one written.
    public func text(in language: String) -> String {
        byLanguage[language] ?? byLanguage["en"] ?? byLanguage[""] ?? byLanguage[languages[0]] ?? ""
    }

    /// True when the text was written with explicit languages (`{en: …, zh: …}`).
    public var isTranslated: Bool { languages != [""] }
}

public enum QuestionType: String, Sendable, CaseIterable {
    case single, multi, likert, numeric, text

    /// Types whose answers are option codes.
    public var isCategorical: Bool { self == .single || self == .multi || self == .likert }
}

public struct AnswerOption: Sendable, Hashable {
    public var code: String
    public var label: LocalizedText
    public init(code: String, label: LocalizedText) {
        self.code = code
        self.label = label
    }
}

/// `asked_if: {group: [1]}`: the question is asked only when `question` holds one of `codes`.
public struct SkipCondition: Sendable, Hashable {
    public var question: String
    public var codes: [String]
    public var location: SourceLocation
}

public struct Question: Sendable, Hashable {
    public var id: String
    public var text: LocalizedText
    public var type: QuestionType
    public var options: [AnswerOption]
    public var askedIf: [SkipCondition]
    public var maxChoices: Int?
    public var topBox: [String]
    /// Missing codes of this question alone, added to the survey's global list.
    public var missing: [String]
    /// Free text is never published unless a question says so.
    public var publish: Bool
    /// Where the question's `id:` value stands in the codebook.
    public var location: SourceLocation
    /// A short name for the question where its whole text does not fit ("Group", "Region"):
    /// notes that name it, headings. Its text when not given.
    public var label: LocalizedText? = nil
    public var name: LocalizedText { label ?? text }
    /// The variable(s) of an imported file the question came from (`source: Q7`), which
    /// `findings import --update` matches a new export by.
    public var source: String? = nil

    public func optionIndex(of code: String) -> Int? {
        options.firstIndex { $0.code == code }
    }
}

/// A sampling design declared in the codebook's `survey.design`: the columns of the responses
/// that hold each respondent's stratum, cluster (primary sampling unit) and stratum population
/// size, and what a stratum with one PSU does. With one, every statistic is design-based.
public struct DesignSpec: Sendable {
    public var strata: String?
    public var clusters: String?
    public var fpc: String?
    /// fail, certainty, adjust or average (R's `options(survey.lonely.psu)`).
    public var lonelyPSU = "fail"
    /// Where `design:` and each of its keys stand, for errors.
    public var location: SourceLocation
    public var keyLocations: [String: SourceLocation] = [:]

    public static let lonelyPSUChoices = ["fail", "certainty", "adjust", "average"]

    /// The columns it names, in the order strata, clusters, fpc.
    public var columns: [String] { [strata, clusters, fpc].compactMap { $0 } }
}

/// Raking to population margins, declared in `survey.calibration`.
public struct CalibrationSpec: Sendable {
    public struct Margin: Sendable {
        public var question: String
        /// The shares by code, given inline; or the CSV file (code,share) they are in.
        public var shares: [(code: String, share: Double)]?
        public var file: String?
        public var location: SourceLocation
    }
    public var margins: [Margin] = []
    /// The population total the shares are of; nil: the sum of the design weights.
    public var population: Double?
    public var location: SourceLocation
}

/// The codebook: what every column means.
public struct Codebook: Sendable {
    public var surveyID: String
    /// The survey's title (an imported file's label); the site's title comes from site.yaml.
    public var title: LocalizedText? = nil
    public var respondentsFile: String
    public var idColumn: String
    public var weightColumn: String?
    /// The sampling design, when declared.
    public var design: DesignSpec?
    /// Raking after the design weights, when declared.
    public var calibration: CalibrationSpec?
    public var missing: [String]
    public var ignoreColumns: [String]
    public var questions: [Question]
    /// The codebook's own file name, for diagnostics.
    public var source: String

    public func question(_ id: String) -> Question? {
        questions.first { $0.id == id }
    }

    public func index(of id: String) -> Int? {
        questions.firstIndex { $0.id == id }
    }
}
