import Diagnostics
import Foundation

/// One `findings import`: the files read, interpreted into a codebook and responses, checked as
/// `findings check` would, and only then put into the data folder.
public struct ImportRequest: Sendable {
    /// The files, as the author named them and as absolute paths.
    public var files: [(display: String, path: String)]
    public var format: SourceFormat?
    public var sheet: String?
    public var encoding: TextEncoding.Choice = .auto
    public var options = ImportOptions()
    /// The data folder to write into (`content/data`), display and absolute.
    public var destination: (display: String, path: String)
    public var update = false

    public init(files: [(display: String, path: String)], destination: (display: String, path: String)) {
        self.files = files
        self.destination = destination
    }
}

public struct ImportResult: Sendable {
    public var summary: ImportSummary
    public var draft: DraftCodebook
    public var codebookText: String
    public var responses: [UInt8]
    public var written: [String]
}

public enum Importer {
    /// Reads, interprets, checks and writes; nothing is written unless everything succeeded.
    public static func run(_ request: ImportRequest) throws(ImportError) -> ImportResult {
        var result = try prepare(request)
        result.written = try ImportOutput.write(codebook: result.codebookText, responses: result.responses, into: request.destination)
        return result
    }

    /// Everything but writing: the draft, its text and the responses, checked.
    public static func prepare(_ request: ImportRequest) throws(ImportError) -> ImportResult {
        guard !request.files.isEmpty else { throw ImportError("findings", "name a file to import") }
        let (table, roles, did) = try SourceReading.read(request)
        var drafter = QuestionDrafter(table: table, roles: roles, options: request.options)
        var (draft, summary) = try drafter.draft()
        summary.did = did + summary.did
        let headerFormat = request.files.map { ($0.display as NSString).lastPathComponent }.joined(separator: " + ")
        draft.header = [
            "Written by `findings import` from \(headerFormat): \(draft.questions.count) questions, \(table.rowCount) respondents.",
            "Read it through. Every `# inferred:` line is a guess to confirm or change; `source:` names the",
            "variable each question came from. Rename ids, add translations (text: {en: …, zh: …}), top_box",
            "and asked_if as you like: `findings import --update` keeps them when the data are exported again.",
        ]
        if request.update {
            draft = try CodebookUpdate.merge(draft, existing: request.destination, summary: &summary)
        }
        let codebookText = CodebookWriter.text(of: draft)
        let responses = ResponsesWriter.bytes(of: draft.columns)
        try OutputCheck.verify(codebook: codebookText, responses: responses, destination: request.destination.display)
        return ImportResult(summary: summary, draft: draft, codebookText: codebookText, responses: responses, written: [])
    }
}
