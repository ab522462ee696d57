import ArgumentParser
import Site

@main
struct FindingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "Build a static report site from survey data and Markdown commentary.",
        discussion: """
        Every number in the report is computed from the data at build time; every chart is drawn \
        as SVG. Problems are reported as PATH:LINE:COLUMN: error: MESSAGE.

        Start with `findings new my-report`, preview with `findings serve`, publish what \
        `findings build` writes into public/. Shell completions: \
        `findings --generate-completion-script bash` (or zsh, fish).
        """,
        version: SiteBuilder.version,
        subcommands: [Build.self, Serve.self, New.self, ImportCommand.self, Check.self, Analyze.self, SynthCommand.self, Verify.self]
    )
}
