import Diagnostics
import Foundation

/// How much memory a build may use, and whether the inputs fit in it, checked before anything
/// big is read: a build is refused with a clear error rather than killed by the kernel.
///
/// The estimates come from measurements (README, "Security and privacy"): reading responses
/// takes about twice the file's size at its peak; a page about 25 times its Markdown, plus
/// 64 KB for its layout, search entries and compressed copy.
public enum MemoryBudget {
    static let perResponseByte = 2
    static let perPageByte = 25
    static let perPage = 64 * 1024
    static let base = 64 * 1024 * 1024

    /// `FINDINGS_MEMORY_LIMIT` (bytes, or with K, M or G), else the smaller of the cgroup's limit
    /// and the memory the system says is available. A limit that is not a positive size is an
    /// error, never ignored.
    public static func limit(environment: [String: String] = ProcessInfo.processInfo.environment) throws(DiagnosticsError) -> Int? {
        if let text = environment["FINDINGS_MEMORY_LIMIT"] {
            guard let bytes = parse(text) else {
                throw DiagnosticsError(.error(at: .start(of: "FINDINGS_MEMORY_LIMIT"),
                                              "\"\(text)\" is not a memory size",
                                              hint: "write a whole number of bytes, or one with K, M or G, such as 512M or 4G"))
            }
            return bytes
        }
        var limits: [Int] = []
        if let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
           let n = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) { limits.append(n) }
        if let info = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("MemAvailable:") }),
           let kb = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) { limits.append(kb * 1024) }
        return limits.min()
    }

    /// A positive size in bytes, with an optional K, M or G (and B); nil for anything else,
    /// including sizes of 2^60 bytes or more.
    static func parse(_ text: String) -> Int? {
        var t = Substring(text.trimmingCharacters(in: .whitespaces).uppercased())
        let powers: [Character: Double] = ["K": 10, "M": 20, "G": 30]
        if t.count >= 2, t.last == "B", let unit = t.dropLast().last, powers[unit] != nil { t = t.dropLast() }
        var scale = 1.0
        if let unit = t.last, let power = powers[unit] {
            scale = pow(2, power)
            t = t.dropLast()
        }
        guard !t.isEmpty, t.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), t.filter({ $0 == "." }).count <= 1,
              let number = Double(t) else { return nil }
        let bytes = number * scale
        guard bytes.isFinite, bytes >= 1, bytes < 0x1p60 else { return nil }
        return Int(bytes)
    }

    static func describe(_ bytes: Int) -> String {
        bytes >= 1 << 30 ? String(format: "%.1f GB", Double(bytes) / Double(1 << 30))
            : bytes >= 1 << 20 ? String(format: "%.0f MB", Double(bytes) / Double(1 << 20))
            : String(format: "%.0f KB", Double(bytes) / 1024)
    }

    /// Refuses inputs whose estimated peak exceeds `limit`, naming the biggest cause.
    static func check(dataFiles: [(path: String, size: Int)], pages: [(path: String, size: Int)], limit: Int?) throws(DiagnosticsError) {
        guard let limit else { return }
        let data = dataFiles.reduce(0) { $0 + $1.size * perResponseByte }
        let pageBytes = pages.reduce(0) { $0 + $1.size * perPageByte + perPage }
        let need = base + data + pageBytes
        guard need > limit else { return }
        let hint = "the limit is \(describe(limit)); set FINDINGS_MEMORY_LIMIT to change it, or free memory"
        if data >= pageBytes, let biggest = dataFiles.max(by: { $0.size < $1.size }) {
            throw DiagnosticsError(.error(at: .start(of: biggest.path),
                                          "building with this \(describe(biggest.size)) data file would need about \(describe(need)) of memory, more than this machine allows",
                                          hint: hint))
        }
        let biggest = pages.max(by: { $0.size < $1.size })
        throw DiagnosticsError(.error(at: .start(of: biggest?.path ?? "pages"),
                                      "building these \(pages.count) pages (\(describe(pages.reduce(0) { $0 + $1.size })) of Markdown) would need about \(describe(need)) of memory, more than this machine allows",
                                      hint: hint))
    }
}
