import ArgumentParser
import Diagnostics
import Foundation
import Site
import SurveyData
import Synth

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Write a seeded synthetic responses.csv (and collaborations.csv) drawn to a target specification.",
        discussion: "The same spec, size and seed give byte-identical files.")

    @Option(help: "The target specification.")
    var spec = "content/data/synth.yaml"

    @Option(help: "The codebook the data must conform to.")
    var codebook = "content/data/codebook.yaml"

    @Option(help: "provinces.csv, for region lookups and project provinces (optional).")
    var provinces = "content/data/provinces.csv"

    @Option(help: "How many respondents (default: the spec's `respondents`).")
    var respondents: Int?

    @Option(help: "The seed (default: the spec's `seed`).")
    var seed: UInt64?

    @Option(help: "The folder to write responses.csv and collaborations.csv into.")
    var output = "content/data"

    func run() throws {
        let cwd = FileManager.default.currentDirectoryPath
        func name(_ path: String) -> String {
            DisplayPath.name(URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true)).standardizedFileURL.path,
                             relativeTo: cwd)
        }
        func read(_ path: String) throws(DiagnosticsError) -> [UInt8] {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw DiagnosticsError(.error(at: .start(of: name(path)), "the file is missing"))
            }
            return [UInt8](data)
        }
        do {
            let book = try CodebookLoader.load(text: String(decoding: try read(codebook), as: UTF8.self), source: name(codebook))
            let provinceTable = FileManager.default.fileExists(atPath: provinces)
                ? try ProvinceTable.read(try read(provinces), source: name(provinces)) : nil
            let target = try SynthSpec.load(text: String(decoding: try read(spec), as: UTF8.self), source: name(spec),
                                            codebook: book, provinces: provinceTable)
            let n = respondents ?? target.respondents
            let s = seed ?? target.seed
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let responses = SurveySynthesizer(codebook: book, spec: target).csv(respondents: n, seed: s)
            try Data(responses).write(to: URL(fileURLWithPath: output).appendingPathComponent(book.respondentsFile))
            if let collaborations = target.collaborations {
                let csv = CollaborationSynthesizer(spec: collaborations, provinces: provinceTable).csv(seed: s)
                try Data(csv).write(to: URL(fileURLWithPath: output).appendingPathComponent("collaborations.csv"))
            }
        } catch let error as DiagnosticsError {
            throw Reporter.fail(error)
        }
    }
}
