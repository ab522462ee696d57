import Foundation
import Site

/// The state every open page listens to: the version of the site being served and, when the
/// last build failed, its problems. Each listener gets a stream of server-sent events.
public actor ReloadChannel {
    public private(set) var version = 0
    public private(set) var problem: BuildProblem?
    private var listeners: [UUID: AsyncStream<Data>.Continuation] = [:]

    public init() {}

    public var listenerCount: Int { listeners.count }

    /// A new listener's events: first where things stand, then every change.
    public func listen() -> AsyncStream<Data> {
        let (stream, continuation) = AsyncStream<Data>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        listeners[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.remove(id) }
        }
        continuation.yield(LiveReload.event("hello", "{\"version\":\(version)}"))
        if let problem { continuation.yield(LiveReload.event("problem", problem.json)) }
        return stream
    }

    private func remove(_ id: UUID) { listeners[id] = nil }

    /// A new good build (`version` of the site): every page reloads.
    public func reload(to version: Int) {
        self.version = version
        let hadProblem = problem != nil
        problem = nil
        if hadProblem { send(LiveReload.event("ok", "{}")) }
        send(LiveReload.event("reload", "{\"version\":\(version)}"))
    }

    /// A failed build: every page shows the problems over the last good version.
    public func fail(_ problem: BuildProblem) {
        self.problem = problem
        send(LiveReload.event("problem", problem.json))
    }

    /// A comment line that keeps idle connections open through proxies and timeouts.
    public func keepAlive() {
        send(Data(": keep-alive\n\n".utf8))
    }

    /// Ends every stream (the server is stopping).
    public func close() {
        for continuation in listeners.values { continuation.finish() }
        listeners = [:]
    }

    private func send(_ data: Data) {
        for continuation in listeners.values { continuation.yield(data) }
    }
}

/// A failed build as the overlay shows it: each diagnostic with the source line it points at.
public struct BuildProblem: Sendable, Equatable {
    public struct Item: Sendable, Equatable {
        public var message: String
        public var excerpt: String?

        public init(message: String, excerpt: String?) {
            self.message = message
            self.excerpt = excerpt
        }
    }

    public var items: [Item]

    public init(items: [Item]) {
        self.items = items
    }

    /// From `PATH:LINE:COLUMN: error: MESSAGE` lines, with the line of the file and a caret
    /// under the column (paths are relative to `workingDirectory`).
    public init(lines: [String], workingDirectory: String) {
        items = lines.map { line in Item(message: line, excerpt: Self.excerpt(for: line, workingDirectory: workingDirectory)) }
    }

    static func excerpt(for line: String, workingDirectory: String) -> String? {
        let parts = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
        guard parts.count == 4, let row = Int(parts[1]), let column = Int(parts[2]), row >= 1 else { return nil }
        let file = String(parts[0])
        let path = file.hasPrefix("/") ? file : workingDirectory + "/" + file
        guard let data = FileManager.default.contents(atPath: path), data.count < 50_000_000 else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard row <= lines.count else { return nil }
        let source = String(lines[row - 1].prefix(300)).replacingOccurrences(of: "\r", with: "")
        let gutter = "\(row) | "
        let caret = String(repeating: " ", count: gutter.count + max(0, min(column, source.count + 1) - 1)) + "^"
        return gutter + source + "\n" + caret
    }

    var json: String {
        JSONValue.object([("diagnostics", .array(items.map { item in
            .object([("message", .string(item.message)), ("excerpt", item.excerpt.map { .string($0) } ?? .null)])
        }))]).serialized()
    }
}
