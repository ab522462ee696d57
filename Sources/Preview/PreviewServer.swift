import Concurrency
import Diagnostics
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
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
    private var serverTask: Task<Void, any Error>?

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
        let responder = PreviewResponder(handler: PreviewHandler(store: store, channel: channel,
                                                                 allowedHosts: PreviewHandler.allowedHosts(listeningOn: settings.host)))
        // The port actually bound (for --port 0), told by the server once it listens.
        let bound = Locked<(any Error)?>(nil)
        let listening = Locked<Int?>(nil)
        var logger = Logger(label: "findings-serve")
        logger.logLevel = .critical
        let app = Application(
            responder: responder,
            server: .bounded(configuration: .init(idleTimeout: .seconds(30),
                                                  httpDecoderConfiguration: .init(maxHeaderFieldSize: RequestHeadLimit.maxHead,
                                                                                  maxHeaderListSize: RequestHeadLimit.maxHead))),
            configuration: .init(address: .hostname(settings.host, port: Int(settings.port)), serverName: nil),
            onServerRunning: { channel in listening.withLock { $0 = channel.localAddress?.port ?? 0 } },
            logger: logger)
        // Signals are the command's to handle (it closes the pages' streams first), not the service group's.
        let task = Task {
            do { try await app.runService(gracefulShutdownSignals: []) } catch {
                bound.withLock { $0 = error }
                throw error
            }
        }
        serverTask = task
        // Listening, or the server's own failure (a port in use) as soon as it happens.
        let deadline = ContinuousClock.now + .seconds(10)
        while listening.current == nil {
            if let error = bound.current { throw Self.explained(error, settings: settings) }
            if ContinuousClock.now > deadline {
                task.cancel()
                throw ListenError(description: "the server did not start listening on \(settings.host):\(settings.port) within 10 s")
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        let port = UInt16(clamping: listening.current ?? Int(settings.port))
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
        if text.contains("Address already in use") || text.contains("errno: 98") || text.contains("EADDRINUSE") {
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
        serverTask?.cancel()
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
final class SiteStore: Sendable {
    private let state = Locked<(site: ServedSite?, version: Int)>((nil, 0))

    func replace(_ files: [(path: String, data: Data)]) -> Int {
        var map: [String: Data] = [:]
        map.reserveCapacity(files.count)
        for (path, data) in files { map[path] = data }
        let site = ServedSite(files: map)
        return state.withLock { state in
            state = (site, state.version + 1)
            return state.version
        }
    }

    var hasSite: Bool { state.current.site != nil }

    var current: (site: ServedSite?, version: Int) { state.current }
}

/// Hummingbird's entry into PreviewHandler.
struct PreviewResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let handler: PreviewHandler

    func respond(to request: Request, context: Context) async throws -> Response {
        // HTTP/1.1's Host header is the request's authority here.
        await handler.answer(method: request.method, path: request.uri.path, host: request.head.authority)
    }
}

/// Answers every request: the live-reload script and events, and the site's files.
struct PreviewHandler: Sendable {
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

    func answer(method: HTTPRequest.Method, path: String, host: String?) async -> Response {
        if let allowedHosts, !allowedHosts.contains(Self.hostName(host ?? "")) {
            return plain(.forbidden, "This preview answers only to localhost and 127.0.0.1.\n")
        }
        guard method == .get || method == .head else {
            var response = plain(.methodNotAllowed, "Method not allowed\n")
            response.headers[.allow] = "GET, HEAD"
            return response
        }
        // A path that is not UTF-8 is no page, not the front page.
        if path.contains("\u{FFFD}") { return plain(.notFound, "Not found\n") }
        let head = method == .head
        switch path {
        case LiveReload.eventsPath:
            let stream = await channel.listen()
            var headers = HTTPFields()
            headers[.contentType] = "text/event-stream; charset=utf-8"
            headers[.cacheControl] = "no-store"
            headers[HTTPField.Name("X-Accel-Buffering")!] = "no"
            return Response(status: .ok, headers: headers, body: ResponseBody { writer in
                for await data in stream { try await writer.write(ByteBuffer(bytes: data)) }
                try await writer.finish(nil)
            })
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
        switch site.answer(path) {
        case .file(let path, let data):
            let type = ServedSite.contentType(of: path)
            let body = path.hasSuffix(".html") ? LiveReload.inject(into: data, version: version) : data
            return respond(body, type: type, head: head)
        case .redirect(let location):
            var headers = HTTPFields()
            headers[.location] = location
            headers[.contentLength] = "0"
            return Response(status: .movedPermanently, headers: headers)
        case .notFound:
            let page = site.files["404.html"].map { LiveReload.inject(into: $0, version: version) } ?? Data("Not found\n".utf8)
            return respond(page, type: "text/html; charset=utf-8", status: .notFound, head: head)
        }
    }

    private func plain(_ status: HTTPResponse.Status, _ text: String) -> Response {
        respond(Data(text.utf8), type: "text/plain; charset=utf-8", status: status, head: false)
    }

    private func respond(_ data: Data, type: String, status: HTTPResponse.Status = .ok, head: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        headers[.cacheControl] = "no-store"
        headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        headers[.contentLength] = String(data.count)
        return Response(status: status, headers: headers, body: head ? ResponseBody() : ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// HTTP/1.1 as Hummingbird serves it, with RequestHeadLimit in front of its decoder.
struct BoundedHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value
    let inner: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            try channel.pipeline.syncOperations.addHandler(RequestHeadLimit())
        }.flatMap { inner.setup(channel: channel, logger: logger) }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// `.http1(configuration:)` with request heads bounded in size and time.
    static func bounded(configuration: HTTP1Channel.Configuration) -> HTTPServerBuilder {
        HTTPServerBuilder { responder in BoundedHTTP1Channel(inner: HTTP1Channel(responder: responder, configuration: configuration)) }
    }
}
