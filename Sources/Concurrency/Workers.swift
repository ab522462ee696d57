import Foundation

/// How many things run at once: one per core the process may use.
public enum Workers {
    public static var count: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
