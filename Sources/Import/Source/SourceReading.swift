import Foundation

/// Which reader a request's files need, and the one table they make together: a statistical
/// package's file, a sheet or CSV (Wenjuanxing's recognised), a Wenjuanxing text export with its
/// code export, a REDCap dictionary with its data, an XLSForm with its data.
enum SourceReading {
    static func read(_ request: ImportRequest) throws(ImportError) -> (SourceTable, [String: Wenjuanxing.Role], [String]) {
        let first = request.files[0]
        let format = request.format ?? SourceFormat.from(fileName: first.path)
        guard let format else {
            throw ImportError(first.display, "cannot tell the file's format from its name",
                              hint: "name it with --from " + SourceFormat.allCases.map(\.rawValue).joined(separator: "|"))
        }
        for file in request.files where !FileManager.default.isReadableFile(atPath: file.path) {
            throw ImportError(file.display, "no such file, or it cannot be read")
        }
        switch format {
        case .sav, .zsav, .por, .dta, .sas7bdat, .xpt:
            guard request.files.count == 1 else {
                throw ImportError(request.files[1].display, "a \(format.rawValue) file is imported alone")
            }
            let encoding: String? = request.encoding == .auto ? nil : (request.encoding == .gb18030 ? "GB18030" : request.encoding.rawValue.uppercased())
            let table = try ReadStatReader.read(path: first.path, displayPath: first.display, format: format, encoding: encoding)
            var did = ["read \(first.display): \(kind(format)), \(table.rowCount) respondents, \(table.variables.count) variables"]
            if let encoding = table.encoding { did.append("text read as \(encoding), written as UTF-8") }
            if !table.responseSets.isEmpty { did.append("\(table.responseSets.count) multiple-response sets declared in the file") }
            return (table, [:], did)
        case .redcap:
            return try REDCapImport.read(request)
        case .xlsform:
            return try XLSFormImport.read(request)
        case .xlsx, .csv:
            if request.files.count == 2, REDCapImport.dictionaryIndex(request) != nil {
                return try REDCapImport.read(request)
            }
            if request.files.count == 2, XLSFormImport.formIndex(request) != nil {
                return try XLSFormImport.read(request)
            }
            var tables: [SourceTable] = []
            var did: [String] = []
            for file in request.files {
                let (table, line) = try textTable(file, format: request.format ?? SourceFormat.from(fileName: file.path) ?? format, request: request)
                tables.append(table)
                did.append(line)
            }
            var table = tables[0]
            if tables.count == 2 {
                table = try ExportPair.merge(tables[0], tables[1])
                did.append("codes from one export and labels from the other, matched by respondent")
            } else if tables.count > 2 {
                throw ImportError(request.files[2].display, "import one data file, or a text export and a code export of the same survey")
            }
            if Wenjuanxing.recognises(table) {
                let (interpreted, roles, notes) = Wenjuanxing.interpret(table)
                return (interpreted, roles, did + ["recognised a Wenjuanxing (问卷星) export"] + notes)
            }
            return (table, [:], did)
        }
    }

    static func textTable(_ file: (display: String, path: String), format: SourceFormat, request: ImportRequest) throws(ImportError) -> (SourceTable, String) {
        if format == .xlsx {
            let rows = try XLSXReader.read(path: file.path, displayPath: file.display, sheet: request.sheet)
            let table = try TextTable.table(rows: rows, path: file.display, format: .xlsx)
            return (table, "read \(file.display): Excel sheet\(request.sheet.map { " \"\($0)\"" } ?? ""), \(table.rowCount) rows, \(table.variables.count) columns")
        }
        let (rows, encoding) = try TextTable.csvRows(file: file, encoding: request.encoding)
        var table = try TextTable.table(rows: rows, path: file.display, format: .csv)
        if encoding != "UTF-8" { table.encoding = encoding }
        return (table, "read \(file.display): CSV in \(encoding), \(table.rowCount) rows, \(table.variables.count) columns")
    }

    static func kind(_ format: SourceFormat) -> String {
        switch format {
        case .sav, .zsav, .por: return "SPSS"
        case .dta: return "Stata"
        case .sas7bdat, .xpt: return "SAS"
        default: return format.rawValue
        }
    }
}
