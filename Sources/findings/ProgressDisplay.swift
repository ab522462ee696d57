import Concurrency
import Foundation
import Site

/// Shows a build's stages on standard output: `[4/7] Rendering commentary and charts`, with a
/// progress bar redrawn in place when standard output is a terminal, plain lines otherwise.
final class ProgressDisplay: Sendable {
    enum Level { case quiet, normal, verbose }

    let level: Level
    let isTerminal: Bool
    /// Whether a line is left open for a progress bar, and what it says.
    private let line = Locked((open: false, text: ""))

    init(level: Level, isTerminal: Bool = isatty(STDOUT_FILENO) == 1) {
        self.level = level
        self.isTerminal = isTerminal
    }

    func handle(_ event: BuildEvent) {
        guard level != .quiet else { return }
        line.withLock { line in show(event, &line) }
    }

    private func show(_ event: BuildEvent, _ line: inout (open: Bool, text: String)) {
        switch event {
        case .stage(let number, let total, let name):
            finish(&line)
            let text = "[\(number)/\(total)] \(name)"
            if isTerminal {
                write(text)
                line = (true, text)
            } else {
                write(text + "\n")
            }
        case .step(let done, let total):
            guard isTerminal, line.open, total > 1 else { return }
            let width = 24
            let filled = total == 0 ? width : width * done / total
            write("\r\(line.text) " + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + " \(done)/\(total)")
        }
    }

    /// Ends a line left open for a progress bar.
    func finishLine() { line.withLock { finish(&$0) } }

    private func finish(_ line: inout (open: Bool, text: String)) {
        if line.open { write("\n"); line.open = false }
    }

    /// The closing summary: what was built, and how long each stage took.
    func summary(_ summary: BuildSummary, output: String, elapsed: Duration) {
        guard level != .quiet else { return }
        finishLine()
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
