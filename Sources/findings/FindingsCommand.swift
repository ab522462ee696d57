import ArgumentParser

@main
struct FindingsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "Build a static report site from survey data and Markdown commentary.",
        discussion: """
        Every number in the report is computed from the data at build time; every chart is drawn \
        as SVG. Problems are reported as PATH:LINE:COLUMN: error: MESSAGE.
        """,
        version: "0.1.0",
        subcommands: [Build.self, Serve.self, Check.self, Analyze.self, SynthCommand.self, Verify.self]
    )
}
