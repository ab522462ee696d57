import Diagnostics

/// A problem with a file being imported, located in it: `PATH:LINE:COLUMN: error: MESSAGE`. For a
/// binary file (SPSS, Stata, SAS) LINE is the respondent's row and COLUMN the variable's
/// position, and the message names both ("variable Q7, row 214: …").
public struct ImportError: Error, Sendable {
    public var diagnostics: [Diagnostic]

    public init(_ path: String, line: Int = 1, column: Int = 1, _ message: String, hint: String? = nil) {
        diagnostics = [.error(at: SourceLocation(file: path, line: line, column: column), message, hint: hint)]
    }

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }
}
