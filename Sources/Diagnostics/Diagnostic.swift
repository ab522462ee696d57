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
    /// The text on one line with nothing a terminal would act on: line breaks shown as `\n` and
    /// `\r`, tabs as `\t`, other control characters (an escape sequence from a CSV cell, a
    /// bidirectional override) as `\u{…}`.
    var singleLine: String {
        guard unicodeScalars.contains(where: Self.isUnsafe) else { return self }
        var out = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            guard Self.isUnsafe(scalar) else {
                out.append(scalar)
                continue
            }
            let shown: String
            switch scalar {
            case "\n": shown = "\\n"
            case "\r": shown = "\\r"
            case "\t": shown = "\\t"
            default: shown = "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
            out.append(contentsOf: shown.unicodeScalars)
        }
        return String(out)
    }

    private static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return true
        case .format: return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
        default: return false
        }
    }
}
