import Foundation

/// The two files written into the data folder: first into a temporary folder beside it, then
/// each renamed into place, so a failed import leaves the folder as it was.
enum ImportOutput {
    static func write(codebook: String, responses: [UInt8], into destination: (display: String, path: String)) throws(ImportError) -> [String] {
        let fm = FileManager.default
        let folder = URL(fileURLWithPath: destination.path)
        let staging = folder.deletingLastPathComponent().appendingPathComponent(".findings-import-\(getpid())")
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            try? fm.removeItem(at: staging)
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
            defer { try? fm.removeItem(at: staging) }
            try Data(codebook.utf8).write(to: staging.appendingPathComponent("codebook.yaml"))
            try Data(responses).write(to: staging.appendingPathComponent("responses.csv"))
            for name in ["responses.csv", "codebook.yaml"] {
                guard rename(staging.appendingPathComponent(name).path, folder.appendingPathComponent(name).path) == 0 else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
                }
            }
        } catch {
            throw ImportError(destination.display, "cannot write the imported data: \(error.localizedDescription)")
        }
        let base = destination.display.hasSuffix("/") ? destination.display : destination.display + "/"
        return [base + "codebook.yaml", base + "responses.csv"]
    }
}
