import Analysis
import Formats
import Diagnostics
import SurveyData
import Foundation

/// The codebook's declared design, built from the responses' design columns, with every
/// problem at its cell or at the codebook key it concerns.
enum DesignLoader {
    static func design(_ spec: DesignSpec, survey: Survey, columns: DesignColumns) throws(DiagnosticsError) -> SurveyDesign {
        var problems = DiagnosticCollector()
        func labels(_ name: String?, _ what: String) -> LabelColumn? {
            guard let name, let values = columns.values[name] else { return nil }
            if let empty = values.names.firstIndex(of: "").map(Int32.init) {
                for row in values.codes.indices where values.codes[row] == empty {
                    problems.error(at: columns.location(of: name, row: row), "the \(what) is missing",
                                   hint: "every respondent needs a \(what) in \"\(name)\" when the codebook declares a design")
                }
            }
            return values
        }
        let strata = labels(spec.strata, "stratum")
        let clusters = labels(spec.clusters, "cluster")
        var fpc: [Double]?
        if let name = spec.fpc, let values = columns.values[name] {
            fpc = values.codes.indices.map { row in
                let text = values[row]
                guard let value = Double(text), value.isFinite, value > 0 else {
                    problems.error(at: columns.location(of: name, row: row), "\"\(text)\" is not a population size",
                                   hint: "the fpc column holds each stratum's population size, a positive number")
                    return 1
                }
                return value
            }
        }
        try problems.throwIfErrors()
        guard strata?.codes.count ?? survey.respondentCount == survey.respondentCount,
              clusters?.codes.count ?? survey.respondentCount == survey.respondentCount else {
            throw DiagnosticsError(.error(at: spec.location, "the design columns do not have one cell per respondent"))
        }
        let weights = survey.weights ?? [Double](repeating: 1, count: survey.respondentCount)
        do throws(SurveyDesign.Problem) {
            return try SurveyDesign(weights: weights, strata: strata, clusters: clusters, fpc: fpc,
                                    lonelyPSU: SurveyDesign.LonelyPSU(rawValue: spec.lonelyPSU) ?? .fail)
        } catch {
            switch error {
            case .lonelyPSU(let stratum):
                throw DiagnosticsError(.error(at: spec.keyLocations["strata"] ?? spec.location,
                                              "stratum \"\(stratum)\" has only one cluster (PSU), so its variance cannot be estimated",
                                              hint: "set lonely_psu: to certainty, adjust or average (R's options(survey.lonely.psu)), or merge the stratum with another"))
            case .populationBelowSample(let stratum, let population, let sampled):
                throw DiagnosticsError(.error(at: spec.keyLocations["fpc"] ?? spec.location,
                                              "stratum \"\(stratum)\" has a population of \(NumberFormat.fixed(population, decimals: 0)) but \(sampled) sampled \(spec.clusters == nil ? "respondents" : "clusters")",
                                              hint: "the fpc column holds the stratum's population size (in clusters when clusters are given)"))
            case .populationVaries(let stratum):
                throw DiagnosticsError(.error(at: spec.keyLocations["fpc"] ?? spec.location,
                                              "the fpc differs between respondents of stratum \"\(stratum)\"",
                                              hint: "give every respondent of a stratum the same population size"))
            }
        }
    }

    /// The raking of `calibration` on `design`'s weights, each margin checked as R's `rake` needs it.
    static func raking(_ calibration: CalibrationSpec, survey: Survey, design: SurveyDesign, content: ContentFolder) throws(DiagnosticsError) -> Raking {
        var problems = DiagnosticCollector()
        let population = calibration.population ?? design.weights.reduce(0, +)
        var margins: [Raking.Margin] = []
        for margin in calibration.margins {
            let at = margin.location
            guard let q = survey.codebook.index(of: margin.question) else {
                problems.error(at: at, "unknown question \"\(margin.question)\" in calibration margins",
                               hint: Suggestion.hint(for: margin.question, in: survey.codebook.questions.map(\.id)))
                continue
            }
            let question = survey.codebook.questions[q]
            guard case .categorical(let codes) = survey.columns[q], question.type == .single || question.type == .likert else {
                problems.error(at: at, "\"\(margin.question)\" is a \(question.type.rawValue) question; raking needs a single or likert question")
                continue
            }
            if let missing = codes.firstIndex(where: { !Column.isAnswer($0) }) {
                problems.error(at: at, "\"\(margin.question)\" is not answered by every respondent (row \(missing + 1) of the data has none), and raking needs every respondent in a cell")
                continue
            }
            var shares: [(code: String, share: Double)] = margin.shares ?? []
            if let file = margin.file {
                do throws(DiagnosticsError) {
                    let table = try CSVTable.read(try content.bytes(file), source: content.displayName(file))
                    var diagnostics = DiagnosticCollector()
                    let index = table.columns(["code", "share"], diagnostics: &diagnostics)
                    try diagnostics.throwIfErrors()
                    for row in table.rows {
                        let code = row[index["code"]!].text.trimmingSpacesAndTabs, cell = row[index["share"]!]
                        guard let share = Double(cell.text.trimmingSpacesAndTabs), share >= 0, share <= 1 else {
                            problems.error(at: cell.location, "a margin's share must be a number from 0 to 1, not \"\(cell.text)\"")
                            continue
                        }
                        shares.append((code, share))
                    }
                } catch {
                    problems.append(error)
                    continue
                }
            }
            let sum = shares.reduce(0) { $0 + $1.share }
            if abs(sum - 1) > 1e-9 {
                problems.error(at: at, "the shares of margin \"\(margin.question)\" add up to \(sum), not 1")
                continue
            }
            var targets = [Double](repeating: .nan, count: question.options.count)
            for (code, share) in shares {
                guard let o = question.optionIndex(of: code) else {
                    problems.error(at: at, "margin \"\(margin.question)\": \"\(code)\" is not one of its codes")
                    continue
                }
                targets[o] = share * population
            }
            // Every code with respondents needs a target, and every target respondents.
            var present = [Bool](repeating: false, count: question.options.count)
            for c in codes.indices { present[Int(codes[c])] = true }
            var cellOf = [Int32](repeating: -1, count: question.options.count), cellTargets: [Double] = [], cellCodes: [String] = []
            for o in question.options.indices {
                if present[o] && targets[o].isNaN {
                    problems.error(at: at, "margin \"\(margin.question)\": code \"\(question.options[o].code)\" has respondents but no population share")
                } else if !present[o] && !targets[o].isNaN && targets[o] > 0 {
                    problems.error(at: at, "margin \"\(margin.question)\": code \"\(question.options[o].code)\" has a population share but no respondents")
                } else if present[o] {
                    cellOf[o] = Int32(cellTargets.count)
                    cellTargets.append(targets[o])
                    cellCodes.append(question.options[o].code)
                }
            }
            margins.append(Raking.Margin(cell: codes.map { cellOf[Int($0)] }, targets: cellTargets, question: question.id, codes: cellCodes))
        }
        try problems.throwIfErrors()
        do throws(Raking.Problem) {
            return try Raking(weights: design.weights, margins: margins)
        } catch {
            switch error {
            case .emptyCell(let k, _):
                throw DiagnosticsError(.error(at: calibration.margins[k].location, "margin \"\(calibration.margins[k].question)\" has a cell with no weight"))
            case .noConvergence(let passes):
                throw DiagnosticsError(.error(at: calibration.location, "raking did not converge in \(passes) passes",
                                              hint: "the margins may contradict each other or leave a cell with very few respondents"))
            }
        }
    }
}
