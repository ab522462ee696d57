import SurveyData

/// The codebook an import writes, before it is written: every question with where it came from
/// and what was inferred about it, and the columns of responses.csv.
public struct DraftCodebook: Sendable {
    public var surveyID: String
    public var title: Translations?
    public var idColumn: String
    public var weightColumn: String?
    public var missing: [String] = []
    public var questions: [DraftQuestion] = []
    /// Columns of responses.csv that are not questions (the id, the weight), in order.
    public var extraColumns: [ResponseColumn] = []
    /// Lines for the top of the codebook: where it came from.
    public var header: [String] = []
    /// The `survey:` block as an author wrote it (kept by `--update`), in place of a written one.
    public var surveyBlock: String?

    public init(surveyID: String, idColumn: String) {
        self.surveyID = surveyID
        self.idColumn = idColumn
    }

    /// Every column of responses.csv, in order: the id first, the weight, then the questions.
    public var columns: [ResponseColumn] {
        extraColumns + questions.map(\.column)
    }
}

/// Text in one or more languages, in the order written: the codebook's own `LocalizedText`.
public typealias Translations = LocalizedText

extension LocalizedText {
    /// (language, text) in the order written; one untagged text has the language "".
    public var entries: [(language: String, text: String)] { languages.map { ($0, byLanguage[$0] ?? "") } }
    public init(entries: [(language: String, text: String)]) { self.init(translations: entries) }
    /// The text first written.
    public var first: String { languages.first.flatMap { byLanguage[$0] } ?? "" }
}

public struct DraftQuestion: Sendable {
    public var id: String
    /// The variable(s) of the source file it came from.
    public var source: String
    public var text: Translations
    public var label: Translations?
    public var type: String
    public var options: [AnswerOption] = []
    public var missing: [String] = []
    /// Why each missing code is missing ("98 Don't know, declared missing").
    public var missingNote: String?
    public var askedIf: [(question: String, codes: [String])] = []
    /// Skip logic the source states but the codebook cannot (kept for the author, reported).
    public var askedIfNote: String?
    public var maxChoices: Int?
    public var topBox: [String] = []
    public var publish: Bool?
    /// What was inferred rather than read: written as `# inferred: …` above the question.
    public var inferences: [String] = []
    /// Other remarks for the author, written as comments.
    public var notes: [String] = []
    public var column: ResponseColumn

    public init(id: String, source: String, text: Translations, type: String, column: ResponseColumn) {
        self.id = id
        self.source = source
        self.text = text
        self.type = type
        self.column = column
    }
}

/// One column of responses.csv and how each row's cell is made from the source.
public struct ResponseColumn: Sendable {
    public var header: String
    public var cells: Cells

    public init(header: String, cells: Cells) {
        self.header = header
        self.cells = cells
    }

    public enum Cells: Sendable {
        /// Numbers as codes; NaN is empty; tagged rows are written `.a`.
        case numbers([Double], tags: [Int: Character])
        /// Text as it is (trimmed), quoted as CSV needs.
        case strings([String])
        /// Text replaced by its code; text not in the map is written as it is.
        case coded([String], codes: [String: String])
        /// A multi-select question from several columns: the codes of the columns whose cell is
        /// chosen, joined by `;`. `chosen` tells a cell's value apart.
        case dichotomies([SourceValues], codes: [String], counted: SourceValue?)
        /// A multi-select question in one column of labels joined by a separator (Wenjuanxing's `┋`).
        case joinedLabels([String], separator: String, codes: [String: String])
        /// 1, 2, 3 … (no id in the source).
        case rowNumbers(Int)
    }

    public var rowCount: Int {
        switch cells {
        case .numbers(let v, _): return v.count
        case .strings(let v), .coded(let v, _), .joinedLabels(let v, _, _): return v.count
        case .dichotomies(let columns, _, _): return columns.first?.count ?? 0
        case .rowNumbers(let n): return n
        }
    }
}
