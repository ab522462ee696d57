import Dispatch

/// Independent jobs on every core, their results in job order: the one way the program splits
/// work (reading, the analysis, the synthesizer, rendering pages, writing files).
public enum Parallel {
    /// `body(0) … body(count - 1)`, run side by side; the results in index order.
    public static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        map(Array(0..<count), body)
    }

    /// `body(i)` for each of `indices`, side by side, the results in the order asked.
    public static func map<T>(_ indices: [Int], _ body: (Int) -> T) -> [T] {
        map(indices, reports: false, progress: { _, _ in }, body)
    }

    /// `body(i)` for each of `indices`, side by side, the results in the order asked. `progress`
    /// hears how many are done about a hundred times over a long run, one call at a time.
    public static func map<T>(_ indices: [Int], progress: (_ done: Int, _ of: Int) -> Void, _ body: (Int) -> T) -> [T] {
        map(indices, reports: true, progress: progress, body)
    }

    private static func map<T>(_ indices: [Int], reports: Bool, progress: (Int, Int) -> Void, _ body: (Int) -> T) -> [T] {
        guard indices.count > 1 else {
            let out = indices.map(body)
            if reports { progress(indices.count, indices.count) }
            return out
        }
        return withoutActuallyEscaping(body) { body in
            withoutActuallyEscaping(progress) { report in
                let slots = Slots<T>(count: indices.count)
                let work = Unchecked(body), tell = Unchecked(report)
                let every = max(1, indices.count / 100)
                DispatchQueue.concurrentPerform(iterations: indices.count) { k in
                    let done = slots.set(k, work.value(indices[k]))
                    if reports && (done % every == 0 || done == indices.count) {
                        slots.reporting.withLock { _ in tell.value(done, indices.count) }
                    }
                }
                return slots.values
            }
        }
    }

    /// The jobs side by side; returns when all have finished.
    public static func run(_ jobs: [() -> Void]) {
        _ = map(jobs.count) { jobs[$0]() }
    }

    /// One slot per job, each written once, read after all have finished.
    private final class Slots<T>: @unchecked Sendable {
        private let stored: Locked<(values: [T?], done: Int)>
        let reporting = Locked(())
        init(count: Int) { stored = Locked((Array(repeating: nil, count: count), 0)) }
        /// Stores a result; returns how many are stored now.
        func set(_ i: Int, _ value: T) -> Int {
            stored.withLock { s in
                s.values[i] = value
                s.done += 1
                return s.done
            }
        }
        var values: [T] { stored.current.values.map { $0! } }
    }

    /// A closure handed to the worker threads, which call it only while `map` waits for them.
    private struct Unchecked<F>: @unchecked Sendable {
        let value: F
        init(_ value: F) { self.value = value }
    }
}

/// Work that may finish after the caller has moved on.
public enum Background {
    /// Lets go of `value` on another thread (freeing a large structure can take tens of
    /// milliseconds); a process that exits first does not wait for it.
    public static func release<T>(_ value: consuming T) {
        let retired = Retired(value)
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(retired) {} }
    }

    /// A value no one else touches any more, handed to the thread that frees it.
    private final class Retired<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }
}
