import Foundation

/// What a build tells whoever watches it: each named stage as it starts, and steps within a long
/// stage. The command line turns these into `[4/7] Rendering commentary and charts` lines and a
/// progress bar; the preview server ignores them.
public enum BuildEvent: Sendable {
    case stage(number: Int, of: Int, name: String)
    case step(done: Int, of: Int)
}

/// How long each stage took, in the order they ran.
public struct StageTimes: Sendable {
    public private(set) var stages: [(name: String, duration: Duration)] = []

    public var total: Duration { stages.reduce(.zero) { $0 + $1.duration } }

    mutating func record(_ name: String, _ duration: Duration) { stages.append((name, duration)) }

    /// "data 31 ms · pages 3 ms · …".
    public var line: String {
        stages.map { "\($0.name) \(Self.milliseconds($0.duration))" }.joined(separator: " · ")
    }

    public static func milliseconds(_ d: Duration) -> String {
        let ms = Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
        return ms < 10 ? String(format: "%.1f ms", ms) : String(format: "%.0f ms", ms)
    }
}

/// Runs the stages of a build in order, timing each and announcing it.
struct StageRunner {
    static let names = ["Reading inputs", "Loading data", "Loading pages", "Rendering commentary and charts",
                        "Applying templates", "Publishing", "Writing"]
    /// Short names for the closing summary.
    static let shortNames = ["inputs", "data", "pages", "render", "templates", "publish", "write"]

    var observe: (BuildEvent) -> Void
    var times = StageTimes()
    private var clock = ContinuousClock()

    init(observe: @escaping (BuildEvent) -> Void) {
        self.observe = observe
    }

    /// Runs stage `number` (1-based), with `name` shown when it differs from the standard one.
    mutating func run<T, E: Error>(_ number: Int, name: String? = nil, _ body: () throws(E) -> T) throws(E) -> T {
        observe(.stage(number: number, of: Self.names.count, name: name ?? Self.names[number - 1]))
        let start = clock.now
        defer { times.record(Self.shortNames[number - 1], clock.now - start) }
        return try body()
    }
}
