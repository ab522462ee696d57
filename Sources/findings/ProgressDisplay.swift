import Foundation
import Site

/// Shows a build's stages on standard output: `[4/7] Rendering commentary and charts`, with a
/// progress bar redrawn in place when standard output is a terminal, plain lines otherwise.
final class ProgressDisplay: @unchecked Sendable {
    enum Level { case quiet, normal, verbose }

    let level: Level
    let isTerminal: Bool
    private var open = false
    private let lock = NSLock()

    init(level: Level, isTerminal: Bool = isatty(STDOUT_FILENO) == 1) {
        self.level = level
        self.isTerminal = isTerminal
    }

    func handle(_ event: BuildEvent) {
        guard level != .quiet else { return }
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .stage(let number, let total, let name):
            finishLine()
            let line = "[\(number)/\(total)] \(name)"
            if isTerminal {
                write(line)
                open = true
                current = line
            } else {
                write(line + "\n")
            }
        case .step(let done, let total):
            guard isTerminal, open, total > 1 else { return }
            let width = 24
            let filled = total == 0 ? width : width * done / total
            write("\r\(current) " + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + " \(done)/\(total)")
        }
    }

    private var current = ""

    /// Ends a line left open for a progress bar.
    func finishLine() {
        if open { write("\n"); open = false }
    }

    /// The closing summary: what was built, and how long each stage took.
    func summary(_ summary: BuildSummary, output: String, elapsed: Duration) {
        guard level != .quiet else { return }
        lock.lock()
        finishLine()
        lock.unlock()
        let warnings = summary.warnings.count
        print("Built \(summary.pages) pages, \(summary.figures) figures and \(summary.findings) findings into \(output)/ in "
              + StageTimes.milliseconds(elapsed) + (warnings == 0 ? "" : " (\(warnings) warning\(warnings == 1 ? "" : "s"))"))
        if level == .verbose {
            for stage in summary.times.stages {
                print("  " + stage.name.padding(toLength: 10, withPad: " ", startingAt: 0) + StageTimes.milliseconds(stage.duration))
            }
            print("  pages rendered \(summary.work.pagesRendered), laid out \(summary.work.pagesLaidOut)"
                  + (summary.work.dataReloaded ? ", data analysed" : ", data reused"))
        } else {
            print("  " + summary.times.line)
        }
    }

    private func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
