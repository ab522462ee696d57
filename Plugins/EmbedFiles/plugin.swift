import Foundation
import PackagePlugin

/// Embeds the default templates (`templates/`) and the new-report scaffold (`scaffold/`) in the
/// target as Swift source, so `findings` works in a folder that has neither.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "embed-files")
        var commands: [Command] = []
        for (folder, name) in [("templates", "DefaultTemplates"), ("scaffold", "Scaffold")] {
            let root = context.package.directoryURL.appending(path: folder)
            let output = context.pluginWorkDirectoryURL.appending(path: name + ".swift")
            commands.append(.buildCommand(displayName: "Embedding \(folder)/", executable: tool.url,
                                          arguments: [root.path, output.path, name],
                                          inputFiles: files(under: root), outputFiles: [output]))
        }
        return commands
    }

    private func files(under root: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
            .sorted { $0.path < $1.path }
    }
}
