#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// A bare HTTP/1.1 client over a loopback socket: it sends the request line exactly as given
/// (so a test can ask for `/../x` or `%2e%2e`, which URL types would tidy away) and reads the reply.
public struct HTTPProbe {
    public struct Reply {
        public var status: Int
        public var headers: [String: String]
        public var body: Data
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    public let port: UInt16

    public init(port: UInt16) {
        self.port = port
    }

    /// Sends a raw request and reads the whole reply (the server closes after it).
    public func raw(_ request: String, timeout: TimeInterval = 10) throws -> Reply {
        let socket = try Self.connect(port: port, timeout: timeout)
        defer { close(socket) }
        try Self.send(socket, request)
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if let reply = Self.parse(data), reply.body.count >= Int(reply.headers["content-length"] ?? "-1") ?? Int.max { return reply }
        }
        guard let reply = Self.parse(data) else { throw ProbeError.noReply(String(decoding: data, as: UTF8.self)) }
        return reply
    }

    public func get(_ path: String, method: String = "GET") throws -> Reply {
        try raw("\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
    }

    static func parse(_ data: Data) -> Reply? {
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first, statusLine.split(separator: " ").count >= 2,
              let status = Int(statusLine.split(separator: " ")[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Reply(status: status, headers: headers, body: Data(data[end.upperBound...]))
    }

    static func connect(port: UInt16, timeout: TimeInterval) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ProbeError.socket(errno) }
        var time = timeval(tv_sec: Int(timeout), tv_usec: Int((timeout - floor(timeout)) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw ProbeError.connect(errno) }
        return fd
    }

    static func send(_ socket: Int32, _ text: String) throws {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw ProbeError.socket(errno) }
            sent += n
        }
    }

    public enum ProbeError: Error {
        case socket(Int32), connect(Int32), noReply(String)
    }
}

/// A page's live-reload connection: server-sent events read as they arrive.
public final class EventStreamProbe {
    private let socket: Int32
    private var pending = ""

    public init(port: UInt16, path: String = "/_findings/events") throws {
        socket = try HTTPProbe.connect(port: port, timeout: 0.25)
        try HTTPProbe.send(socket, "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
    }

    deinit { close(socket) }

    /// Waits for the next event named `name`; returns its data line(s), or nil after `timeout`.
    public func next(_ name: String, timeout: TimeInterval = 20) -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65536)
        while Date() < deadline {
            while let end = pending.range(of: "\n\n") {
                let block = String(pending[..<end.lowerBound])
                pending = String(pending[end.upperBound...])
                var event = "", data: [String] = []
                for line in block.split(separator: "\n") {
                    if line.hasPrefix("event: ") { event = String(line.dropFirst(7)) }
                    if line.hasPrefix("data: ") { data.append(String(line.dropFirst(6))) }
                }
                if event == name { return data.joined(separator: "\n") }
            }
            let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                // Chunked transfer: chunk-size lines sit between events; drop lines that are only hex.
                let text = String(decoding: buffer[0..<n], as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
                pending += text.split(separator: "\n", omittingEmptySubsequences: false)
                    .filter { !($0.count > 0 && $0.count <= 8 && $0.allSatisfy(\.isHexDigit) && !$0.hasPrefix("data")) }
                    .joined(separator: "\n")
            } else if n == 0 {
                return nil
            }
        }
        return nil
    }
}
