import Diagnostics
import SurveyData

/// The written codebook and responses read back as `findings check` reads them: an import that
/// would not build is a fault of the importer, reported and not written.
enum OutputCheck {
    static func verify(codebook: String, responses: [UInt8], destination: String) throws(ImportError) {
        let base = destination.hasSuffix("/") ? destination : destination + "/"
        do {
            let loaded = try CodebookLoader.load(text: codebook, source: base + "codebook.yaml")
            _ = try SurveyReader.read(csv: responses, source: base + "responses.csv", codebook: loaded)
        } catch {
            var diagnostics = error.diagnostics
            for i in diagnostics.indices {
                diagnostics[i].message = "the import would write data that do not pass `findings check`: " + diagnostics[i].message
                diagnostics[i].hint = "this is a fault in findings import; please report it with the file"
            }
            throw ImportError(diagnostics)
        }
    }
}
