import Foundation

/// One problem found in the input, printed gcc-style so editors can jump to it.
public struct Diagnostic: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// A suggestion appended to the message, such as `did you mean "group"?`.
    public var hint: String?

    public init(_ severity: Severity = .error, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
    }

    public static func error(at location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    public static func warning(at location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hint: hint)
    }

    /// `PATH:LINE:COLUMN: error: MESSAGE (hint)`, all on one line.
    public var description: String {
        var text = "\(location): \(severity.rawValue): \(message.singleLine)"
        if let hint { text += " (\(hint.singleLine))" }
        return text
    }
}

extension String {
    /// The text with line breaks shown as `\n`, so a diagnostic stays on one line.
    var singleLine: String {
        guard contains(where: \.isNewline) else { return self }
        return replacingOccurrences(of: "\r\n", with: "\\n")
            .replacingOccurrences(of: "\n", with: "\\n")
            .replacingOccurrences(of: "\r", with: "\\r")
    }
}
