import Analysis
import Concurrency
import Diagnostics
import Formats
import Foundation
import Markdown
import SurveyData
import Words

/// Stage 2: the data and everything computed from it.
extension BuildSession {

    func loadData(_ inputs: Inputs, counts: inout BuildSummary.Work) throws(DiagnosticsError) -> LoadedData {
        // A failed build keeps nothing: the next one reads everything again.
        if let cached = cache.data, cached.key == inputs.dataKey { return cached.value }
        cache.data = nil
        counts.dataReloaded = true
        let content = self.content(inputs)
        var (config, codebook, survey, analysis, warnings) = try ReportLoader.loadData(content)
        if let base = options.baseURL { config.baseURL = base }
        // The side tables (with the network analysis), the findings and the references read
        // different files and need only the survey: all three at once.
        let (loadedSurvey, design) = (survey, analysis.design)
        var sideTables: Result<(SideTables, NetworkAnalysis?), DiagnosticsError>!
        var findings: Result<Findings, DiagnosticsError>!
        var references: Result<References?, DiagnosticsError>!
        Parallel.run([
            { sideTables = Result { () throws(DiagnosticsError) in
                let tables = try ReportLoader.loadSideTables(content)
                return (tables, tables.network)
            } },
            { findings = Result { () throws(DiagnosticsError) in try ReportLoader.loadFindings(content, survey: loadedSurvey, design: design) } },
            { references = Result { () throws(DiagnosticsError) in try ReportLoader.loadReferences(content) } },
        ])
        var problems = DiagnosticCollector()
        for failure in [sideTables.error, findings.error, references.error].compactMap({ $0 }) { problems.append(failure) }
        try problems.throwIfErrors()
        let (tables, network) = try sideTables.get()
        let releases = QuestionReleases(analysis: analysis, codebook: codebook, disclosure: config.disclosure)
        let value = LoadedData(config: config, codebook: codebook, survey: survey, analysis: analysis, warnings: warnings,
                               sideTables: tables, network: network,
                               findings: try findings.get().withholding(by: config.disclosure, releases: releases),
                               references: try references.get(), releases: releases)
        cache.data = (inputs.dataKey, value)
        return value
    }
}
