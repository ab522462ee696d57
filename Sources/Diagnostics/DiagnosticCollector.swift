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
    /// Every problem is reported once, however many passes meet it (a page rendered again as
    /// another language's fallback meets its own errors twice).
    private var seen = Set<Diagnostic>()

    public var errorCount: Int { keptErrors + droppedErrors }
    public var hasErrors: Bool { errorCount > 0 }
    /// True once as many errors as the limit allows have been kept; readers may stop early.
    public var isFull: Bool { keptErrors >= limit }

    public mutating func append(_ diagnostic: Diagnostic) {
        guard seen.insert(diagnostic).inserted else { return }
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

    /// Takes in a failed stage's problems, with its count of those beyond the cap.
    public mutating func append(_ error: DiagnosticsError) {
        append(contentsOf: error.diagnostics)
        droppedErrors += error.dropped
    }

    /// Replaces the error at `location` (or, if it was not kept, adds the new one).
    public mutating func replace(at location: SourceLocation, with diagnostic: Diagnostic) {
        if let i = diagnostics.firstIndex(where: { $0.location == location && $0.severity == .error }) {
            seen.insert(diagnostic)
            diagnostics[i] = diagnostic
        } else if isFull {
            // Past the cap: the column's error matters more than the cells kept before it.
            diagnostics.append(diagnostic)
            keptErrors += 1
        } else {
            append(diagnostic)
        }
    }

    /// Drops the error at `location`, if kept.
    public mutating func remove(at location: SourceLocation) {
        guard let i = diagnostics.firstIndex(where: { $0.location == location && $0.severity == .error }) else { return }
        diagnostics.remove(at: i)
        keptErrors -= 1
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
        if dropped > 0 { lines.append("… and \(dropped) more error\(dropped == 1 ? "" : "s") (the first \(DiagnosticCollector.defaultLimit) are shown)") }
        return lines.joined(separator: "\n")
    }
}
