import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// An Excel workbook (.xlsx): one sheet's cells as text, the first row its headers. The zip is
/// opened by ZIPFoundation and each part parsed by Foundation's streaming XML parser (libxml2),
/// so a sheet of a million rows is never held as a tree. Shared and inline strings, numbers,
/// booleans and dates (by their cell style's number format) are read; a formula's cached value is used.
enum XLSXReader {
    /// The sheets' names, in workbook order.
    static func sheetNames(path: String, displayPath: String) throws(ImportError) -> [String] {
        let archive = try open(path, displayPath)
        return try workbook(archive, displayPath).map(\.name)
    }

    /// The sheet's rows of text, padded to the header's width.
    static func read(path: String, displayPath: String, sheet: String?) throws(ImportError) -> [[String]] {
        let archive = try open(path, displayPath)
        let sheets = try workbook(archive, displayPath)
        guard !sheets.isEmpty else { throw ImportError(displayPath, "the workbook has no sheets") }
        let chosen: (name: String, part: String)
        if let sheet {
            guard let found = sheets.first(where: { $0.name == sheet }) else {
                throw ImportError(displayPath, "the workbook has no sheet \"\(sheet)\"",
                                  hint: "its sheets are " + sheets.map(\.name).joined(separator: ", "))
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        let strings = try sharedStrings(archive, displayPath)
        let dateStyles = try dateStyles(archive, displayPath)
        guard let data = try part(archive, chosen.part, displayPath) else {
            throw ImportError(displayPath, "the sheet \"\(chosen.name)\" is missing from the workbook", hint: "the file is damaged")
        }
        let parser = XMLParser(data: data)
        let reader = SheetParser(strings: strings, dateStyles: dateStyles)
        parser.delegate = reader
        guard parser.parse() else {
            throw ImportError(displayPath, line: parser.lineNumber, column: parser.columnNumber,
                              "the sheet \"\(chosen.name)\" is not valid XML: \(parser.parserError?.localizedDescription ?? "unreadable")",
                              hint: "the file is damaged")
        }
        if let merged = reader.mergedHeader {
            throw ImportError(displayPath, "the sheet \"\(chosen.name)\" has merged header cells (\(merged))",
                              hint: "unmerge them so that every column has its own header, one row high")
        }
        var rows = reader.rows
        let width = rows.map(\.count).max() ?? 0
        for i in rows.indices where rows[i].count < width {
            rows[i] += Array(repeating: "", count: width - rows[i].count)
        }
        return rows
    }

    static func open(_ path: String, _ displayPath: String) throws(ImportError) -> Archive {
        do {
            return try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw ImportError(displayPath, "cannot open the workbook: it is not a complete .xlsx (zip) file",
                              hint: "an .xls file from old Excel must be saved as .xlsx first")
        }
    }

    static func part(_ archive: Archive, _ name: String, _ displayPath: String) throws(ImportError) -> Data? {
        guard let entry = archive[name] else { return nil }
        var data = Data()
        data.reserveCapacity(Int(entry.uncompressedSize))
        do {
            _ = try archive.extract(entry, skipCRC32: true) { data.append($0) }
        } catch {
            throw ImportError(displayPath, "cannot read \(name) in the workbook: \(error)", hint: "the file is damaged")
        }
        return data
    }

    /// Sheet names and their parts, through the workbook's relationships.
    static func workbook(_ archive: Archive, _ displayPath: String) throws(ImportError) -> [(name: String, part: String)] {
        guard let book = try part(archive, "xl/workbook.xml", displayPath) else {
            throw ImportError(displayPath, "the file is a zip but not an Excel workbook (no xl/workbook.xml)")
        }
        let relations = try part(archive, "xl/_rels/workbook.xml.rels", displayPath).map { ElementCollector.collect($0, "Relationship") } ?? []
        var targets: [String: String] = [:]
        for r in relations {
            guard let id = r["Id"], let target = r["Target"] else { continue }
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        return ElementCollector.collect(book, "sheet").compactMap { sheet in
            guard let name = sheet["name"] else { return nil }
            let id = sheet["r:id"] ?? sheet.first { $0.key.hasSuffix(":id") }?.value
            let target = id.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(sheet["sheetId"] ?? "1").xml"
            return (name, target)
        }
    }

    static func sharedStrings(_ archive: Archive, _ displayPath: String) throws(ImportError) -> [String] {
        guard let data = try part(archive, "xl/sharedStrings.xml", displayPath) else { return [] }
        let parser = XMLParser(data: data)
        let reader = SharedStringsParser()
        parser.delegate = reader
        guard parser.parse() else { throw ImportError(displayPath, "the workbook's shared strings are not valid XML", hint: "the file is damaged") }
        return reader.strings
    }

    /// Indices of cell styles whose number format is a date or time.
    static func dateStyles(_ archive: Archive, _ displayPath: String) throws(ImportError) -> Set<Int> {
        guard let data = try part(archive, "xl/styles.xml", displayPath) else { return [] }
        let parser = XMLParser(data: data)
        let reader = StylesParser()
        parser.delegate = reader
        _ = parser.parse()
        var dates = Set<Int>()
        for (index, format) in reader.cellFormats.enumerated() {
            if (14...22).contains(format) || (45...47).contains(format) { dates.insert(index); continue }
            if let code = reader.customFormats[format] {
                let bare = code.replacingOccurrences(of: "\"[^\"]*\"", with: "", options: .regularExpression)
                    .replacingOccurrences(of: "\\[[^\\]]*\\]", with: "", options: .regularExpression).lowercased()
                if bare.contains("y") || bare.contains("d") || bare.contains("h") || bare.contains("m") && !bare.contains("0") {
                    dates.insert(index)
                }
            }
        }
        return dates
    }

    /// An Excel serial date as ISO 8601 (the 1900 date system; 60 is Excel's phantom 1900-02-29).
    static func date(_ serial: Double) -> String {
        let days = Int(serial.rounded(.down))
        let seconds = Int(((serial - Double(days)) * 86_400).rounded())
        let epoch = days > 60 ? days - 25_569 : days - 25_568
        let date = Date(timeIntervalSince1970: Double(epoch) * 86_400 + Double(seconds))
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = seconds == 0 ? [.withFullDate] : [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate]
        var text = formatter.string(from: date)
        if seconds != 0 { text = text.replacingOccurrences(of: "T", with: " ") }
        return text
    }
}

/// The attributes of every element of one name in a small part (workbook, relationships).
private final class ElementCollector: NSObject, XMLParserDelegate {
    let name: String
    var found: [[String: String]] = []
    init(name: String) { self.name = name }

    static func collect(_ data: Data, _ name: String) -> [[String: String]] {
        let parser = XMLParser(data: data)
        let collector = ElementCollector(name: name)
        parser.delegate = collector
        _ = parser.parse()
        return collector.found
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if element == name { found.append(attributes) }
    }
}

private final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false
    var inPhonetic = false

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch element {
        case "si": current = ""
        case "t": inText = !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "si": strings.append(current)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }
}

private final class StylesParser: NSObject, XMLParserDelegate {
    var customFormats: [Int: String] = [:]
    var cellFormats: [Int] = []
    var inCellXfs = false

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch element {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: cellFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if element == "cellXfs" { inCellXfs = false }
    }
}

/// A worksheet's `<sheetData>`, row by row, cells placed by their `r` reference.
private final class SheetParser: NSObject, XMLParserDelegate {
    let strings: [String]
    let dateStyles: Set<Int>
    var rows: [[String]] = []
    var row: [String] = []
    var rowNumber = 0
    var column = 0
    var type = ""
    var style = 0
    var value = ""
    var inValue = false
    var mergedHeader: String?

    init(strings: [String], dateStyles: Set<Int>) {
        self.strings = strings
        self.dateStyles = dateStyles
    }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch element {
        case "row":
            let number = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            // Rows the sheet leaves out are empty rows.
            while rowNumber + 1 < number {
                rows.append([])
                rowNumber += 1
            }
            rowNumber = number
            row = []
            column = 0
        case "c":
            column = attributes["r"].map(Self.columnIndex) ?? column
            type = attributes["t"] ?? "n"
            style = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v", "t":
            inValue = true
        case "mergeCell":
            if let ref = attributes["ref"], Self.touchesFirstRow(ref) { mergedHeader = ref }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inValue { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        switch element {
        case "v", "t": inValue = false
        case "c":
            let text: String
            switch type {
            case "s": text = Int(value).flatMap { $0 < strings.count ? strings[$0] : nil } ?? ""
            case "b": text = value == "1" ? "TRUE" : "FALSE"
            case "inlineStr", "str", "e": text = value
            default:
                if dateStyles.contains(style), let serial = Double(value) { text = XLSXReader.date(serial) } else { text = Self.number(value) }
            }
            while row.count < column { row.append("") }
            if row.count == column { row.append(text) } else if column < row.count { row[column] = text }
            column += 1
        case "row":
            rows.append(row)
        default: break
        }
    }

    /// Excel writes numbers as their shortest decimal; whole numbers `3` stay `3`, `3.0E-2` becomes 0.03.
    static func number(_ text: String) -> String {
        guard text.contains("E") || text.contains("e") || text.hasSuffix(".0"), let x = Double(text) else { return text }
        return CodeText.number(x)
    }

    /// `AB12` → 27.
    static func columnIndex(_ reference: String) -> Int {
        var index = 0
        for scalar in reference.unicodeScalars {
            guard scalar.value >= 65 && scalar.value <= 90 else { break }
            index = index * 26 + Int(scalar.value - 64)
        }
        return index - 1
    }

    static func touchesFirstRow(_ ref: String) -> Bool {
        let first = ref.split(separator: ":").first.map(String.init) ?? ref
        return first.drop { $0.isLetter } == "1"
    }
}
