import Analysis
import Concurrency
import Diagnostics
import Formats
import Foundation
import Markdown
import SurveyData
import Words

/// Stage 3: the pages, parsed once per text.
extension BuildSession {

    func loadPages(config: SiteConfig, inputs: Inputs) throws(DiagnosticsError) -> [Page] {
        let pages = try ReportLoader.loadPages(content(inputs), reusing: &cache.parsed)
        return ReportLoader.withFallbacks(pages, config: config)
    }
}
