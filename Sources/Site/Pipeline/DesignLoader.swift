import Analysis
import Formats
import Diagnostics
import SurveyData

/// The codebook's declared design, built from the responses' design columns, with every
/// problem at its cell or at the codebook key it concerns.
enum DesignLoader {
    static func design(_ spec: DesignSpec, survey: Survey, columns: DesignColumns) throws(DiagnosticsError) -> SurveyDesign {
        var problems = DiagnosticCollector()
        func labels(_ name: String?, _ what: String) -> [String]? {
            guard let name, let values = columns.values[name] else { return nil }
            for (row, value) in values.enumerated() where value.isEmpty {
                problems.error(at: columns.location(of: name, row: row), "the \(what) is missing",
                               hint: "every respondent needs a \(what) in \"\(name)\" when the codebook declares a design")
            }
            return values
        }
        let strata = labels(spec.strata, "stratum")
        let clusters = labels(spec.clusters, "cluster")
        var fpc: [Double]?
        if let name = spec.fpc, let values = columns.values[name] {
            fpc = values.enumerated().map { row, text in
                guard let value = Double(text), value.isFinite, value > 0 else {
                    problems.error(at: columns.location(of: name, row: row), "\"\(text)\" is not a population size",
                                   hint: "the fpc column holds each stratum's population size, a positive number")
                    return 1
                }
                return value
            }
        }
        try problems.throwIfErrors()
        guard strata?.count ?? survey.respondentCount == survey.respondentCount,
              clusters?.count ?? survey.respondentCount == survey.respondentCount else {
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
}
