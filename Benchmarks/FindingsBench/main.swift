// findings-bench: the in-process side of `make bench`. Each command does one job on a data folder
// (codebook.yaml + responses.csv) and prints `job rows seconds` so the script can set it beside
// the same job in other tools, timed as whole processes in the same run.
import Analysis
import Charts
import Foundation
import Markdown
import Site
import SurveyData
import Synth

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func load(_ folder: String) throws -> Survey {
    let codebookText = try String(contentsOfFile: folder + "/codebook.yaml", encoding: .utf8)
    let codebook = try CodebookLoader.load(text: codebookText, source: "codebook.yaml")
    guard let file = MappedFile(path: folder + "/" + codebook.respondentsFile) else { throw CocoaError(.fileNoSuchFile) }
    return try SurveyReader.read(bytes: file.bytes, source: "responses.csv", codebook: codebook, consumed: file.release).survey
}

func writeBytes(of text: inout String, to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
    defer { close(fd) }
    try text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            guard n > 0 else { throw CocoaError(.fileWriteUnknown) }
            offset += n
        }
    }
}

let args = CommandLine.arguments
guard args.count >= 3 else {
    print("usage: findings-bench load|analyze DIR [OUT.json] | synth N SPECDIR OUTDIR")
    exit(2)
}
do {
    switch args[1] {
    case "load":
        var survey: Survey?
        let t = try seconds { survey = try load(args[2]) }
        print("load \(survey!.respondentCount) \(t)")
    case "analyze":
        var rows = 0
        let t = try seconds {
            let survey = try load(args[2])
            rows = survey.respondentCount
            let analysis = SurveyAnalysis(survey, breakdowns: ["group", "hospital_tier", "region"])
            let json = FindingsDocument.json(analysis, codebook: survey.codebook, language: "en").serialized()
            if args.count > 3 { try json.write(toFile: args[3], atomically: false, encoding: .utf8) }
        }
        print("analyze \(rows) \(t)")
    case "synth":
        let n = Int(args[2])!
        let specDir = args[3], out = args[4]
        let codebook = try CodebookLoader.load(text: String(contentsOfFile: specDir + "/codebook.yaml", encoding: .utf8), source: "codebook.yaml")
        let provinces = try ProvinceTable.read([UInt8](try Data(contentsOf: URL(fileURLWithPath: specDir + "/provinces.csv"))), source: "provinces.csv")
        let spec = try SynthSpec.load(text: String(contentsOfFile: specDir + "/synth.yaml", encoding: .utf8), source: "synth.yaml",
                                      codebook: codebook, provinces: provinces)
        var bytes: [UInt8] = []
        let t = seconds { bytes = SurveySynthesizer(codebook: codebook, spec: spec).csv(respondents: n, seed: spec.seed) }
        try Data(bytes).write(to: URL(fileURLWithPath: out))
        print("synth \(n) \(t)")
    case "charts":
        // N bar charts of 8–12 bars with intervals, written as SVG files: the matplotlib anchor's job.
        let n = Int(args[2])!
        let out = args.count > 3 ? args[3] : nil
        if let out { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
        let labels = ["Data privacy rules", "Lack of funding", "Lack of time", "Unclear IP", "Poor data quality",
                      "No suitable partners", "Institutional approval", "Lack of AI skills", "Liability concerns", "Other",
                      "Regulatory clarity", "Interoperability"]
        var rng = SeededRandom(seed: 7)
        var bytes = 0
        let t = try seconds {
            for i in 0..<n {
                let k = 8 + Int(rng.next() % 5)
                let bars = (0..<k).map { j -> BarDatum in
                    let v = 0.02 + rng.unit() * 0.68
                    return BarDatum(label: labels[j], value: v, lower: v - 0.02, upper: v + 0.02,
                                    valueLabel: "\(Int((v * 100).rounded()))%")
                }
                let svg = BarChart(id: "chart-\(i)", title: "Chart \(i)", bars: bars).svg()
                bytes += svg.utf8.count
                if let out { try svg.write(toFile: "\(out)/chart\(i).svg", atomically: false, encoding: .utf8) }
            }
        }
        print("charts \(n) \(t) \(bytes / max(1, n))")
    case "markdown":
        // One CommonMark file to HTML, as the `cmark` command does: parse, then render.
        let text = try String(contentsOfFile: args[2], encoding: .utf8)
        var html = ""
        let t = seconds { html = HTMLRenderer().render(MarkdownDocument.parse(text)) }
        // Written as its UTF-8 bytes, as `cmark` writes them: Foundation's `write(toFile:)` copies first.
        if args.count > 3 { try writeBytes(of: &html, to: args[3]) }
        print("markdown \(text.utf8.count) \(t)")
    default:
        print("unknown job \(args[1])")
        exit(2)
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
