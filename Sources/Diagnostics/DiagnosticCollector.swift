/// Gathers problems from one pass over the input, sorted by place and capped, so an author
/// sees every problem at once rather than one per run.
public struct DiagnosticCollector: Sendable {
    /// Hugo stops at 50, and so do we: past that, the first ones are what need fixing.
    public static let defaultLimit = 50

    public private(set) var diagnostics: [Diagnostic] = []
    public let limit: Int
    /// How many errors were found beyond the limit and not kept.
    public private(set) var droppedErrors = 0

    public init(limit: Int = DiagnosticCollector.defaultLimit) {
        self.limit = limit
    }

    private var keptErrors = 0
    private var keptWarnings = 0

    public var errorCount: Int { keptErrors + droppedErrors }
    public var hasErrors: Bool { errorCount > 0 }
    /// True once as many errors as the limit allows have been kept; readers may stop early.
    public var isFull: Bool { keptErrors >= limit }

    public mutating func append(_ diagnostic: Diagnostic) {
        switch diagnostic.severity {
        case .error:
            if isFull {
                droppedErrors += 1
                return
            }
            keptErrors += 1
        case .warning:
            if keptWarnings >= limit { return }
            keptWarnings += 1
        }
        diagnostics.append(diagnostic)
    }

    public mutating func error(at location: SourceLocation, _ message: String, hint: String? = nil) {
        append(.error(at: location, message, hint: hint))
    }

    public mutating func warning(at location: SourceLocation, _ message: String, hint: String? = nil) {
        append(.warning(at: location, message, hint: hint))
    }

    /// Takes in another collector's problems (and its count of those beyond the cap).
    public mutating func merge(_ other: DiagnosticCollector) {
        append(contentsOf: other.diagnostics)
        droppedErrors += other.droppedErrors
    }

    public mutating func append(contentsOf other: [Diagnostic]) {
        for d in other { append(d) }
    }

    /// Every diagnostic in file, line, column order (stable for equal places).
    public var sorted: [Diagnostic] {
        diagnostics.enumerated()
            .sorted { ($0.element.location, $0.offset) < ($1.element.location, $1.offset) }
            .map(\.element)
    }

    /// Throws `DiagnosticsError` when any error was collected.
    public func throwIfErrors() throws(DiagnosticsError) {
        if hasErrors { throw DiagnosticsError(diagnostics: sorted, dropped: droppedErrors) }
    }
}

/// The failure of a stage: every problem it found, in order.
public struct DiagnosticsError: Error, Sendable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]
    /// Errors beyond the cap that were counted but not kept.
    public var dropped: Int

    public init(diagnostics: [Diagnostic], dropped: Int = 0) {
        self.diagnostics = diagnostics
        self.dropped = dropped
    }

    public init(_ diagnostic: Diagnostic) {
        self.init(diagnostics: [diagnostic])
    }

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    public var description: String {
        var lines = diagnostics.map(\.description)
        if dropped > 0 { lines.append("note: \(dropped) more error(s) not shown") }
        return lines.joined(separator: "\n")
    }
}
