import Foundation

/// The site the preview server answers from: the last good build, held in memory, as
/// `findings build` would write it. Only these files exist for the server: a request can never
/// reach the file system, so no path climbs out of the output folder.
public struct ServedSite: Sendable {
    public var files: [String: Data]

    public init(files: [String: Data]) {
        self.files = files
    }

    public enum Answer: Equatable, Sendable {
        case file(path: String, data: Data)
        /// A folder asked for without its slash: relative links need it.
        case redirect(to: String)
        case notFound
    }

    /// What a request path (already percent-decoded, or not) maps to.
    public func answer(_ requestPath: String) -> Answer {
        guard let path = Self.normalise(requestPath) else { return .notFound }
        if path.isEmpty || path.hasSuffix("/") {
            let index = path + "index.html"
            return files[index].map { .file(path: index, data: $0) } ?? .notFound
        }
        if let data = files[path] { return .file(path: path, data: data) }
        if files[path + "/index.html"] != nil { return .redirect(to: "/" + path + "/") }
        return .notFound
    }

    /// The path inside the site, or nil when it is not one: any `..` or `.` segment, a
    /// backslash, a NUL, or an encoded slash after decoding is refused rather than resolved.
    static func normalise(_ raw: String) -> String? {
        var path = raw
        if let q = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = String(path[..<q]) }
        // Decode until stable, so %252e%252e cannot sneak a dot-segment past one decoding.
        for _ in 0..<3 {
            guard let decoded = path.removingPercentEncoding else { return nil }
            if decoded == path { break }
            path = decoded
        }
        guard !path.contains("\\"), !path.contains("\0") else { return nil }
        let trailingSlash = path.hasSuffix("/")
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." }) { return nil }
        let joined = segments.joined(separator: "/")
        return trailingSlash && !joined.isEmpty ? joined + "/" : joined
    }

    /// The content type of a file, by extension.
    public static func contentType(of path: String) -> String {
        switch URL(fileURLWithPath: path).pathExtension.lowercased() {
        case "html": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "svg": "image/svg+xml"
        case "xml": "application/xml"
        case "csv": "text/csv; charset=utf-8"
        case "txt", "bib", "ris": "text/plain; charset=utf-8"
        case "gz": "application/gzip"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "pdf": "application/pdf"
        default: path.hasSuffix("_headers") ? "text/plain; charset=utf-8" : "application/octet-stream"
        }
    }
}
