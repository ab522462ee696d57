import Foundation

/// Runs `body(0)` and `body(1)` at once, one per core, and returns both results in that order.
/// Long pages are converted and rendered this way, in two halves of their top-level blocks.
func onTwoThreads<T>(_ body: @Sendable (Int) -> T) -> (T, T) {
    let results = TwoResults<T>()
    DispatchQueue.concurrentPerform(iterations: 2) { k in results.store(k, body(k)) }
    return (results.values[0]!, results.values[1]!)
}

/// Each slot is written by one thread; the lock orders the writes before the read.
private final class TwoResults<T>: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [T?] = [nil, nil]
    func store(_ k: Int, _ value: T) {
        lock.lock()
        values[k] = value
        lock.unlock()
    }
}
