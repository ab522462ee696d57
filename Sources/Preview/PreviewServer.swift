import Diagnostics
import FlyingFox
import FlyingSocks
import Foundation
import Site

/// `findings serve`: builds the report in memory, serves it on loopback, watches the content and
/// templates, rebuilds what an edit reaches, and tells open pages to reload (or to show the
/// error over the last good version).
public final class PreviewServer: @unchecked Sendable {
    public struct Settings: Sendable {
        public var host = "127.0.0.1"
        public var port: UInt16 = 8000
        public var watch = true
        public init() {}
    }

    let build: BuildOptions
    let settings: Settings
    let log: @Sendable (String) -> Void
    let channel = ReloadChannel()
    let store = SiteStore()
    private var session: BuildSession
    private var server: HTTPServer?

    public init(build: BuildOptions, settings: Settings, log: @escaping @Sendable (String) -> Void) {
        self.build = build
        self.settings = settings
        self.log = log
        session = BuildSession(build)
    }

    /// The address being served, once listening.
    public private(set) var address: String?

    /// Builds, starts listening, and serves until `stop()`.
    public func run() async throws {
        let address: any SocketAddress
        do {
            address = try sockaddr_in.inet(ip4: settings.host, port: settings.port)
        } catch {
            address = try sockaddr_in6.inet6(ip6: settings.host, port: settings.port)
        }
        let server = HTTPServer(address: address, timeout: 15, logger: .disabled,
                                handler: PreviewHandler(store: store, channel: channel,
                                                        allowedHosts: PreviewHandler.allowedHosts(listeningOn: settings.host)))
        self.server = server
        // Listening, or the server's own failure (a port in use) as soon as it happens, not
        // after waiting out a timeout.
        let failure = FailureBox()
        let task = Task {
            do { try await server.run() } catch {
                failure.set(error)
                throw error
            }
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while await !server.isListening {
            if let error = failure.value { throw Self.explained(error, settings: settings) }
            if ContinuousClock.now > deadline {
                task.cancel()
                throw ListenError(description: "the server did not start listening on \(settings.host):\(settings.port) within 10 s")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        let port: UInt16
        switch await server.listeningAddress {
        case .ip4(_, let p), .ip6(_, let p): port = p
        default: port = settings.port
        }
        let url = "http://\(settings.host.contains(":") ? "[\(settings.host)]" : settings.host):\(port)/"
        self.address = url
        var options = build
        // Canonical links and the 404 page point at this server while previewing.
        options.baseURL = url
        session = BuildSession(options)
        rebuild(reason: nil)
        log("Serving \(url) (Ctrl-C to stop)")
        if settings.watch { startWatching() }
        let keepAlive = Task { [channel] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(15))
                await channel.keepAlive()
            }
        }
        defer { keepAlive.cancel() }
        try await task.value
    }

    /// A failure to listen, in words an author can act on.
    public struct ListenError: Error, CustomStringConvertible {
        public var description: String
    }

    static func explained(_ error: any Error, settings: Settings) -> any Error {
        let text = String(describing: error)
        if text.contains("Address already in use") || text.contains("errno: 98") {
            return ListenError(description: "port \(settings.port) on \(settings.host) is already in use (is another findings serve running?): choose another with --port, or --port 0 for any free one")
        }
        if text.contains("Permission denied") || text.contains("errno: 13") {
            return ListenError(description: "port \(settings.port) on \(settings.host) needs privileges to listen on: use a port above 1023, or --port 0 for any free one")
        }
        return error
    }

    /// Stops listening and closes every page's event stream.
    public func stop() async {
        await channel.close()
        await server?.stop(timeout: 1)
    }

    /// Builds again, serving the result (or the error over the last good site), and returns
    /// the time it took and what it redid.
    @discardableResult
    func rebuild(reason: [String]?) -> Duration {
        let start = ContinuousClock.now
        do {
            let site = try session.build()
            let elapsed = ContinuousClock.now - start
            let version = store.replace(site.files)
            tell { await $0.reload(to: version) }
            if let reason {
                let work = site.summary.work
                log("Rebuilt in \(StageTimes.milliseconds(elapsed)) after \(describe(reason)): \(work.pagesRendered) page(s) rendered, "
                    + "\(work.pagesLaidOut) laid out" + (work.dataReloaded ? ", data analysed" : "") + " (\(site.summary.times.line))")
            } else {
                log("Built \(site.summary.pages) pages in \(StageTimes.milliseconds(elapsed))")
            }
            for warning in site.summary.warnings { log(warning.description) }
            return elapsed
        } catch {
            let lines = error.diagnostics.map(\.description)
            for line in lines { log(line) }
            let problem = BuildProblem(lines: lines, workingDirectory: build.workingDirectory)
            tell { await $0.fail(problem) }
            log(store.hasSite ? "Still serving the last good build." : "Nothing to serve until the build succeeds.")
            return ContinuousClock.now - start
        }
    }

    /// Hands an event to the open pages from the build thread, and waits until it is sent.
    private func tell(_ event: @escaping @Sendable (ReloadChannel) async -> Void) {
        let semaphore = DispatchSemaphore(value: 0)
        Task { [channel] in
            await event(channel)
            semaphore.signal()
        }
        semaphore.wait()
    }

    private func describe(_ paths: [String]) -> String {
        let names = Array(Set(paths.map { DisplayPath.name($0, relativeTo: build.workingDirectory) })).sorted()
        return names.count <= 3 ? names.joined(separator: ", ") : "\(names.count) changes"
    }

    private func startWatching() {
        let roots = [build.content, build.templates]
        let watcher = FileWatcher(roots: roots)
        if !watcher.usesInotify { log("Watching by polling every 300 ms (inotify is not available)") }
        let thread = Thread { [self] in
            while true {
                let changed = watcher.next()
                if changed.isEmpty { continue }
                rebuild(reason: changed)
            }
        }
        thread.name = "findings-watch"
        thread.start()
    }
}

/// The files being served, swapped whole after each good build.
final class SiteStore: @unchecked Sendable {
    private let lock = NSLock()
    private var site: ServedSite?
    private var version = 0

    func replace(_ files: [(path: String, data: Data)]) -> Int {
        var map: [String: Data] = [:]
        map.reserveCapacity(files.count)
        for (path, data) in files { map[path] = data }
        lock.lock()
        defer { lock.unlock() }
        site = ServedSite(files: map)
        version += 1
        return version
    }

    var hasSite: Bool {
        lock.lock()
        defer { lock.unlock() }
        return site != nil
    }

    var current: (site: ServedSite?, version: Int) {
        lock.lock()
        defer { lock.unlock() }
        return (site, version)
    }
}

/// Answers every request: the live-reload script and events, and the site's files.
struct PreviewHandler: HTTPHandler {
    let store: SiteStore
    let channel: ReloadChannel
    /// The host names a request may name in its `Host` header, or nil for any (the server was
    /// told to listen beyond loopback with `--host`).
    var allowedHosts: Set<String>? = nil

    /// On loopback, only loopback names: a page elsewhere that points its own host name at
    /// 127.0.0.1 (DNS rebinding) would otherwise read the preview, drafts and all.
    static func allowedHosts(listeningOn host: String) -> Set<String>? {
        ["127.0.0.1", "::1", "localhost"].contains(host) ? ["127.0.0.1", "localhost", "[::1]", "::1"] : nil
    }

    /// The host name of a `Host` header, without its port.
    static func hostName(_ header: String) -> String {
        let value = header.trimmingCharacters(in: .whitespaces).lowercased()
        if value.hasPrefix("["), let end = value.firstIndex(of: "]") { return String(value[...end]) }
        return String(value.split(separator: ":", maxSplits: 1).first ?? "")
    }

    func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
        if let allowedHosts, !allowedHosts.contains(Self.hostName(request.headers[.host] ?? "")) {
            return HTTPResponse(statusCode: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: Data("This preview answers only to localhost and 127.0.0.1.\n".utf8))
        }
        guard request.method == .GET || request.method == .HEAD else {
            return HTTPResponse(statusCode: .methodNotAllowed, headers: [.init("Allow"): "GET, HEAD"], body: Data("Method not allowed\n".utf8))
        }
        // A path the server could not read as a URL (invalid UTF-8, say) comes through as "":
        // that is no page, not the front page.
        let raw = request.target.path(percentEncoded: true)
        if raw.contains("\u{FFFD}") || (request.path.isEmpty && !raw.isEmpty && raw != "/") {
            return HTTPResponse(statusCode: .notFound, headers: [.contentType: "text/plain; charset=utf-8"], body: Data("Not found\n".utf8))
        }
        let head = request.method == .HEAD
        switch request.path {
        case LiveReload.eventsPath:
            let stream = await channel.listen()
            return HTTPResponse(statusCode: .ok,
                                headers: [.contentType: "text/event-stream; charset=utf-8", .init("Cache-Control"): "no-store",
                                          .init("X-Accel-Buffering"): "no"],
                                body: HTTPBodySequence(from: EventBytes(stream: stream)))
        case LiveReload.scriptPath:
            return respond(Data(LiveReload.script.utf8), type: "text/javascript; charset=utf-8", head: head)
        default:
            break
        }
        let (site, version) = store.current
        guard let site else {
            // The first build failed: a page that shows why, and reloads once it builds.
            let page = Data("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body><h1>The report does not build yet</h1><p>Fix the problems shown; this page reloads when it builds.</p></body></html>".utf8)
            return respond(LiveReload.inject(into: page, version: version), type: "text/html; charset=utf-8", status: .serviceUnavailable, head: head)
        }
        switch site.answer(request.path) {
        case .file(let path, let data):
            let type = ServedSite.contentType(of: path)
            let body = path.hasSuffix(".html") ? LiveReload.inject(into: data, version: version) : data
            return respond(body, type: type, head: head)
        case .redirect(let location):
            return HTTPResponse(statusCode: .movedPermanently, headers: [.location: location], body: Data())
        case .notFound:
            let page = site.files["404.html"].map { LiveReload.inject(into: $0, version: version) } ?? Data("Not found\n".utf8)
            return respond(page, type: "text/html; charset=utf-8", status: .notFound, head: head)
        }
    }

    private func respond(_ data: Data, type: String, status: HTTPStatusCode = .ok, head: Bool) -> HTTPResponse {
        var headers: HTTPHeaders = [.contentType: type, .init("Cache-Control"): "no-store", .init("X-Content-Type-Options"): "nosniff"]
        if head { headers[.contentLength] = String(data.count) }
        return HTTPResponse(statusCode: status, headers: headers, body: head ? Data() : data)
    }
}

/// A stream of server-sent events as the bytes of a chunked response body.
struct EventBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let stream: AsyncStream<Data>

    func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var base: AsyncStream<Data>.Iterator

        mutating func next() async -> UInt8? {
            nil  // FlyingFox reads bodies by buffer (nextBuffer); bytes one at a time are never asked for.
        }

        mutating func nextBuffer(suggested count: Int) async -> [UInt8]? {
            guard let data = await base.next() else { return nil }
            return [UInt8](data)
        }
    }
}

/// The first error of a task, read from another while it runs.
final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    func set(_ error: any Error) { lock.lock(); self.error = error; lock.unlock() }
    var value: (any Error)? { lock.lock(); defer { lock.unlock() }; return error }
}
