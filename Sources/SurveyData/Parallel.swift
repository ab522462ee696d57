import Dispatch
import Foundation

/// Independent jobs on every core, results kept in job order (the one way the data layer, the
/// analysis and the synthesizer split work).
public enum Parallel {
    /// `body(0) … body(count - 1)`, run side by side; the results in index order.
    public static func map<T>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        let results = Results<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in results.set(i, body(i)) }
        return results.values.map { $0! }
    }

    /// One slot per job, each written once, read after all have finished.
    private final class Results<T>: @unchecked Sendable {
        private(set) var values: [T?]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: nil, count: count) }
        func set(_ index: Int, _ value: T) {
            lock.lock()
            values[index] = value
            lock.unlock()
        }
    }
}
