import Concurrency
import ArgumentParser
import Dispatch
import Foundation
import Preview
import Site

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the report: build it in memory, serve it, and rebuild and reload pages on every save.",
        discussion: """
        The site is served from memory, exactly as `findings build` would write it, with a small \
        script added to each page that reloads it after a rebuild and shows build errors over it. \
        Nothing is written to the output folder. Editing a page re-renders that page (and the pages \
        whose navigation it changes); editing the data recomputes the analysis.
        """)

    @OptionGroup var folders: ContentOptions

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: UInt16 = 8000

    @Option(help: "The address to listen on. The default serves this machine only.")
    var host = "127.0.0.1"

    @Flag(help: "Build and serve once; do not watch for changes.")
    var noWatch = false

    func run() async throws {
        var settings = PreviewServer.Settings()
        settings.host = host
        settings.port = port
        settings.watch = !noWatch
        let server = PreviewServer(build: folders.buildOptions(), settings: settings) { line in
            FileHandle.standardOutput.write(Data((line + "\n").utf8))
        }
        // Ctrl-C (or a TERM from a process manager) closes the pages' event streams and stops listening.
        let stopping = StopFlag()
        let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler {
                stopping.set()
                Task {
                    await server.stop()
                    FileHandle.standardOutput.write(Data("Stopped.\n".utf8))
                    Foundation.exit(0)
                }
            }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }
        do {
            try await server.run()
        } catch {
            // Stopping on a signal ends the server's run; that is not a failure.
            if stopping.isSet { return }
            let reason = (error as? PreviewServer.ListenError)?.description ?? "cannot serve on \(host):\(port): \(error)"
            FileHandle.standardError.write(Data("error: \(reason)\n".utf8))
            throw ExitCode(1)
        }
        if stopping.isSet {
            // Wait for the signal handler to finish and exit 0.
            try await Task.sleep(for: .seconds(5))
        }
    }
}

/// Set once a stop signal arrived, read from the main task.
final class StopFlag: Sendable {
    private let value = Locked(false)
    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.current }
}
