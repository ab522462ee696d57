import Diagnostics
import Foundation
import TestSupport
@testable import Site

/// Builds a content folder (given as `[path: contents]`) with the repository's templates into a
/// temporary folder; the caller removes the folder.
func buildSite(_ files: [String: String]) throws -> (TemporaryFolder, Result<BuildSummary, DiagnosticsError>) {
    let folder = try TemporaryFolder(files)
    let options = BuildOptions(content: folder.url.appendingPathComponent("content"), templates: Repository.templates,
                               output: folder.url.appendingPathComponent("public"), workingDirectory: folder.path)
    do {
        return (folder, .success(try SiteBuilder.build(options)))
    } catch {
        return (folder, .failure(error))
    }
}

/// The build's error lines, or nil when it succeeded.
func errorLines(_ result: Result<BuildSummary, DiagnosticsError>) -> [String]? {
    if case .failure(let error) = result { return error.diagnostics.map(\.description) }
    return nil
}
