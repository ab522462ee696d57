import SurveyData
/// What a source file says, before any interpretation: its variables in file order, each with
/// the metadata the format carries and one value per respondent. Every reader (ReadStat's
/// formats, xlsx, delimited text) produces one; everything after works on it alone.
public struct SourceTable: Sendable {
    /// The file as the author named it, for messages.
    public var path: String
    public var format: SourceFormat
    /// The file label (SPSS) or dataset label (Stata, SAS): the survey's title.
    public var fileLabel: String?
    /// The file's own weight variable (SPSS `WEIGHT BY`, a frequency weight), by name.
    public var weightVariable: String?
    /// The variable a form definition names as the record id (REDCap's first field).
    public var idVariable: String?
    /// The character encoding the text was read in, when the file is not UTF-8.
    public var encoding: String?
    public var variables: [SourceVariable]
    /// Multiple-response sets the file declares (SPSS `MRSETS`).
    public var responseSets: [ResponseSet] = []
    public var rowCount: Int
    /// Question texts known from elsewhere (a Wenjuanxing text export paired with a code export),
    /// by question number.
    public var questionTexts: [Int: String] = [:]

    public init(path: String, format: SourceFormat, variables: [SourceVariable], rowCount: Int) {
        self.path = path
        self.format = format
        self.variables = variables
        self.rowCount = rowCount
    }

    public func variable(named name: String) -> SourceVariable? {
        variables.first { $0.name == name }
    }
}

public enum SourceFormat: String, Sendable, CaseIterable {
    case sav, zsav, por, dta, sas7bdat, xpt, xlsx, csv, redcap, xlsform

    /// The format a file's name says, if any.
    public static func from(fileName: String) -> SourceFormat? {
        let lower = fileName.lowercased()
        guard let dot = lower.lastIndex(of: ".") else { return nil }
        return SourceFormat(rawValue: String(lower[lower.index(after: dot)...]))
    }

    /// Formats whose files carry a dictionary (labels, missing values, measurement levels).
    public var isStatisticalPackage: Bool { [.sav, .zsav, .por, .dta, .sas7bdat, .xpt].contains(self) }
}

/// One variable (column) of a source file.
public struct SourceVariable: Sendable {
    public var name: String
    /// The variable label (SPSS, Stata, SAS) or the column header's text.
    public var label: String?
    public var measure: Measure
    /// Value labels, in the order of their codes.
    public var valueLabels: [ValueLabel] = []
    /// Codes the file declares missing (SPSS user-missing values), besides empty cells.
    public var missingValues: [Double] = []
    /// Ranges the file declares missing (SPSS `MISSING VALUES x (900 THRU 999)`).
    public var missingRanges: [ClosedRange<Double>] = []
    /// Labels of Stata's and SAS's extended missing values (`.a` "refused").
    public var missingLabels: [Character: String] = [:]
    public var values: SourceValues
    /// What a form definition (REDCap, XLSForm) adds: the text in several languages, the type it
    /// declares, its skip logic, whether it marks the field an identifier, remarks (section headers).
    public var translatedLabel: Translations?
    public var declaredType: DeclaredType?
    public var skipLogic: SkipLogic?
    public var isIdentifier = false
    public var notes: [String] = []

    public enum DeclaredType: Sendable {
        case single, numeric, text
        /// Several codes in one cell, joined by `separator` (XLSForm's `select_multiple`: spaces).
        case multi(separator: String)
    }

    public init(name: String, label: String?, measure: Measure = .unknown, values: SourceValues) {
        self.name = name
        self.label = label
        self.measure = measure
        self.values = values
    }

    public enum Measure: String, Sendable {
        case unknown, nominal, ordinal, scale
    }

    public var isNumeric: Bool {
        if case .numbers = values { return true }
        return false
    }

    /// True when `value` is one of the file's declared missing values or inside a missing range.
    public func isDeclaredMissing(_ value: Double) -> Bool {
        missingValues.contains(value) || missingRanges.contains { $0.contains(value) }
    }
}

public struct ValueLabel: Sendable, Hashable {
    public var value: SourceValue
    public var label: String
    /// The label in several languages (XLSForm's `label::English (en)` columns).
    public var translated: Translations?
    public init(value: SourceValue, label: String) {
        self.value = value
        self.label = label
    }
}

/// One cell's value as the file holds it.
public enum SourceValue: Sendable, Hashable, Comparable {
    case number(Double)
    case text(String)

    /// The value as a code of the codebook and a cell of responses.csv: whole numbers without a
    /// decimal point ("3", not "3.0"), other numbers in the shortest form that reads back the same.
    public var text: String {
        switch self {
        case .number(let x): return CodeText.number(x)
        case .text(let t): return t
        }
    }

    public static func < (a: SourceValue, b: SourceValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y
        case (.text(let x), .text(let y)): return x < y
        case (.number, .text): return true
        case (.text, .number): return false
        }
    }
}

/// The values of one variable, one per respondent, in row order.
public enum SourceValues: Sendable {
    /// Numbers; `.nan` is system-missing. `tags` holds the rows whose value is a Stata or SAS
    /// extended missing value (`.a` … `.z`), with its letter.
    case numbers([Double], tags: [Int: Character])
    /// Text; an empty string is an empty cell.
    case strings([String])

    public var count: Int {
        switch self {
        case .numbers(let values, _): return values.count
        case .strings(let values): return values.count
        }
    }

    /// Row `row`'s value as a code: a number as its code text, text trimmed; empty when missing.
    func text(at row: Int) -> String {
        switch self {
        case .numbers(let v, _): return v[row].isNaN ? "" : CodeText.number(v[row])
        case .strings(let v): return v[row].trimmedCell
        }
    }
}

/// A multiple-response set declared in the file: a group of variables that together are one
/// question, either dichotomies (each variable says chosen when it holds `countedValue`) or
/// categories (each variable holds one chosen code).
public struct ResponseSet: Sendable, Hashable {
    public var name: String
    public var label: String
    public var variables: [String]
    public var kind: Kind
    /// The option code of each variable, when the source says (REDCap's checkbox choices).
    public var codes: [String]?
    /// The set's label in several languages (XLSForm).
    public var translatedLabel: Translations?

    public enum Kind: Sendable, Hashable {
        case dichotomies(countedValue: SourceValue)
        case categories
    }

    public init(name: String, label: String, variables: [String], kind: Kind) {
        self.name = name
        self.label = label
        self.variables = variables
        self.kind = kind
    }
}
