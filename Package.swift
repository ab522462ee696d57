// swift-tools-version:6.1
// Findings: survey data + Markdown commentary -> a static report site.
// Targets are listed bottom-up; each imports only what is above it in this list.
// Linux only (Debian 12 is what CI runs): the file layer uses Linux calls (O_TMPFILE, renameat2,
// st_mtim) and the program links mimalloc.
import PackageDescription

// `make fuzz` builds with FINDINGS_FUZZ=1: our own targets get libFuzzer's coverage and
// AddressSanitizer, and the fuzz targets under Fuzz/ exist.
let fuzzing = Context.environment["FINDINGS_FUZZ"] != nil
let instrumented: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []

let package = Package(
    name: "Findings",
    products: [
        .executable(name: "findings", targets: ["findings"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libcmark's C API, through a relative shim header.
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        // ReadStat's C API (SPSS, Stata and SAS files); Debian ships no .pc file for it.
        .systemLibrary(name: "CReadStat", providers: [.apt(["libreadstat-dev"]), .brew(["readstat"])]),
        // libxml2's streaming (SAX2) parser, for the parts of an xlsx workbook: a sheet of a million
        // rows is parsed as it is unzipped, never held whole.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        // An allocator for libcmark that frees a whole parse at once (C: it is handed to libcmark as function pointers).
        .target(name: "CCmarkArena", dependencies: ["CCmark"]),
        // Linux file calls Swift's Glibc module does not expose: an atomic swap of two folders, and
        // files made unnamed (O_TMPFILE) and then named.
        .target(name: "CFileSystem"),
        // gzip (libdeflate) and SHA-256 (OpenSSL's libcrypto), for pre-compressed files and the build manifest.
        .target(name: "CCodecs", linkerSettings: [.linkedLibrary("deflate"), .linkedLibrary("crypto")]),
        // Writes a folder's files into Swift source (run by the EmbedFiles plugin at build time).
        .executableTarget(name: "embed-files"),
        .plugin(name: "EmbedFiles", capability: .buildTool(), dependencies: ["embed-files"]),
        // The default templates and the new-report scaffold, carried inside the program.
        .target(name: "EmbeddedFiles", plugins: ["EmbedFiles"]),
        // The words the generator writes, looked up in a language's i18n file, with placeholders.
        .target(name: "Words"),
        // Work on every core: a parallel map with progress, a lock-protected value, the worker count.
        .target(name: "Concurrency"),
        // Numbers as the report prints them, CSV fields, and markup escaping: one home each.
        .target(name: "Formats"),
        // Source locations and the one `file:line:col: error: message` format.
        .target(name: "Diagnostics", swiftSettings: instrumented),
        // What identifies a respondent in free text: redaction for published quotes, and the
        // identifier columns an import leaves out.
        .target(name: "Privacy"),
        // Codebook + CSV -> a validated, columnar Survey.
        .target(name: "SurveyData", dependencies: ["Diagnostics", "Concurrency", "Yams"], swiftSettings: instrumented),
        // `findings import`: SPSS, Stata, SAS (ReadStat), xlsx (ZIPFoundation + libxml2), delimited text, Wenjuanxing, REDCap and XLSForm -> a codebook and responses.csv.
        .target(name: "Import", dependencies: ["Diagnostics", "SurveyData", "Privacy", "CReadStat", "CLibXML2",
                                               .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        // Seeded synthetic survey data drawn to a target specification.
        .target(name: "Synth", dependencies: ["SurveyData", "Diagnostics", "Formats", "Concurrency", "Yams"]),
        // Pure statistics over a Survey: frequencies, intervals, tests.
        .target(name: "Analysis", dependencies: ["SurveyData", "Concurrency"], swiftSettings: instrumented),
        // A small grammar of graphics that writes deterministic SVG.
        .target(name: "Charts", dependencies: ["Words", "Formats"], swiftSettings: instrumented),
        // libcmark -> an immutable Swift tree with source positions -> HTML.
        .target(name: "Markdown", dependencies: ["CCmark", "CCmarkArena", "Formats"], swiftSettings: instrumented),
        // The build pipeline: load, analyse, chart, render, write public/.
        .target(name: "Site", dependencies: [
            "Diagnostics", "Words", "Formats", "Concurrency", "SurveyData", "Analysis", "Charts", "Markdown", "Privacy", "Yams", "CFileSystem", "CCodecs", "EmbeddedFiles",
            .product(name: "Mustache", package: "swift-mustache"),
        ], swiftSettings: instrumented),
        // `findings serve`: the site in memory over HTTP, rebuilt on every save, pages reloaded.
        // Hummingbird (SwiftNIO): header sizes bounded by its HTTP decoder, request heads bounded
        // in size and time by our own handler in front of it, idle connections closed.
        .target(name: "Preview", dependencies: [
            "Site", "Diagnostics", "Concurrency", .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"), .product(name: "HTTPTypes", package: "swift-http-types"),
        ]),
        // The command-line tool.
        // Linked against mimalloc, which then serves every malloc in the process (the Swift
        // runtime's included): a build allocates millions of small strings and arrays, and glibc's
        // allocator took 7% of a build's time more than mimalloc does.
        .executableTarget(name: "findings", dependencies: [
            "Site", "Diagnostics", "Concurrency", "SurveyData", "Synth", "Preview", "EmbeddedFiles", "Import",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ], linkerSettings: [.linkedLibrary("mimalloc")]),
        // The in-process side of `make bench` (Benchmarks/run.sh times whole processes beside other tools).
        .executableTarget(name: "findings-bench", dependencies: ["Site", "SurveyData", "Analysis", "Synth", "Charts", "Markdown"],
                          path: "Benchmarks/FindingsBench"),
        // Helpers shared by the test targets: temporary content folders, running the CLI.
        .target(name: "TestSupport", dependencies: ["Words", "Yams"], path: "Tests/TestSupport"),
        .testTarget(name: "SurveyDataTests", dependencies: ["SurveyData", "TestSupport",
                                                     .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "SurveyData", "TestSupport"], exclude: ["Oracle"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Words", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown", "CCmark", "CCmarkArena", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Words", "Privacy", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "SynthTests", dependencies: ["Synth", "SurveyData", "TestSupport"]),
        .testTarget(name: "ImportTests", dependencies: ["Import", "SurveyData", "Analysis", "TestSupport", "Yams"], exclude: ["Fixtures"]),
        .testTarget(name: "PreviewTests", dependencies: ["Preview", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["Site", "TestSupport", "EmbeddedFiles"], exclude: ["Fixtures"]),
    ]
)

if fuzzing {
    package.targets.append(.target(name: "FuzzDriver", path: "Fuzz/Driver",
                                   swiftSettings: [.unsafeFlags(["-sanitize=fuzzer,address"])]))
    for name in ["responses", "codebook", "findings", "page"] {
        package.targets.append(.executableTarget(name: "fuzz-\(name)", dependencies: ["Site", "FuzzDriver"], path: "Fuzz/\(name)",
                                                 swiftSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])],
                                                 linkerSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])]))
    }
}
