import Foundation
import Testing

/// Compares `actual` with a golden file beside the test; records it when missing or when
/// RECORD_SNAPSHOTS=1 is set (and fails, so that someone looks at it). On a mismatch it writes
/// a `-changed` copy beside the golden file.
public func assertSnapshot(_ actual: String, named name: String, ext: String, testFile: String = #filePath,
                           sourceLocation: SourceLocation = #_sourceLocation) {
    let folder = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Snapshots")
    let golden = folder.appendingPathComponent("\(name).\(ext)")
    let changed = folder.appendingPathComponent("\(name)-changed.\(ext)")
    let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
    guard !record, let expected = try? String(contentsOf: golden, encoding: .utf8) else {
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try? actual.write(to: golden, atomically: true, encoding: .utf8)
        Issue.record("Recorded snapshot \(golden.lastPathComponent); review it and run again.", sourceLocation: sourceLocation)
        return
    }
    if expected == actual {
        try? FileManager.default.removeItem(at: changed)
        return
    }
    try? actual.write(to: changed, atomically: true, encoding: .utf8)
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var diff: [String] = []
    for i in 0..<max(a.count, b.count) where (i < a.count ? a[i] : nil) != (i < b.count ? b[i] : nil) {
        if i < a.count { diff.append("-\(a[i].prefix(200))") }
        if i < b.count { diff.append("+\(b[i].prefix(200))") }
        if diff.count > 20 { break }
    }
    Issue.record("Snapshot \(golden.lastPathComponent) differs (see \(changed.lastPathComponent)):\n\(diff.joined(separator: "\n"))",
                 sourceLocation: sourceLocation)
}
