import Foundation
import ZIPFoundation

/// An Excel workbook (.xlsx): one sheet's cells as text, the first row its headers. The zip is
/// opened by ZIPFoundation and each part parsed by libxml2 as it is unzipped (XMLStream), so a
/// sheet of a million rows is never held whole, as bytes or as a tree. Shared and inline strings, numbers,
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
        let reader = SheetParser(strings: strings, dateStyles: dateStyles)
        guard try parse(archive, chosen.part, displayPath, with: reader) else {
            throw ImportError(displayPath, "the sheet \"\(chosen.name)\" is missing from the workbook", hint: "the file is damaged")
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

    /// Streams the part `name` through `handler`; false when the workbook has no such part.
    static func parse(_ archive: Archive, _ name: String, _ displayPath: String, with handler: any XMLStream.Handler) throws(ImportError) -> Bool {
        guard let entry = archive[name] else { return false }
        let stream = XMLStream(handler)
        do {
            _ = try archive.extract(entry, bufferSize: 1 << 20) { chunk in
                chunk.withUnsafeBytes { stream.feed($0) }
            }
        } catch {
            throw ImportError(displayPath, "cannot unzip \(name) in the workbook: \(error)", hint: "the file is damaged")
        }
        if let failure = stream.finish() {
            throw ImportError(displayPath, "\(name) in the workbook is not well-formed XML (line \(failure.line), column \(failure.column): \(failure.message))",
                              hint: "the file is damaged")
        }
        return true
    }

    /// Sheet names and their parts, through the workbook's relationships.
    static func workbook(_ archive: Archive, _ displayPath: String) throws(ImportError) -> [(name: String, part: String)] {
        let book = WorkbookParser()
        guard try parse(archive, "xl/workbook.xml", displayPath, with: book) else {
            throw ImportError(displayPath, "the file is a zip but not an Excel workbook (no xl/workbook.xml)")
        }
        let relations = WorkbookParser()
        _ = try parse(archive, "xl/_rels/workbook.xml.rels", displayPath, with: relations)
        var targets: [String: String] = [:]
        for (id, target) in relations.relations {
            targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
        }
        return book.sheets.map { sheet in
            (sheet.name, sheet.relation.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(sheet.sheetID).xml")
        }
    }

    static func sharedStrings(_ archive: Archive, _ displayPath: String) throws(ImportError) -> [String] {
        let reader = SharedStringsParser()
        _ = try parse(archive, "xl/sharedStrings.xml", displayPath, with: reader)
        return reader.strings
    }

    /// Indices of cell styles whose number format is a date or time.
    static func dateStyles(_ archive: Archive, _ displayPath: String) throws(ImportError) -> Set<Int> {
        let reader = StylesParser()
        _ = try parse(archive, "xl/styles.xml", displayPath, with: reader)
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

/// Sheets of workbook.xml, and relationships of workbook.xml.rels.
private final class WorkbookParser: XMLStream.Handler {
    var sheets: [(name: String, relation: String?, sheetID: String)] = []
    var relations: [(id: String, target: String)] = []

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("sheet"), let sheetName = attributes.string("name") {
            sheets.append((sheetName, attributes.string("id", prefix: "r"), attributes.string("sheetId") ?? "1"))
        } else if name.is("Relationship"), let id = attributes.string("Id"), let target = attributes.string("Target") {
            relations.append((id, target))
        }
    }
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
    func end(_ name: XMLName) {}
}

/// The shared strings: each `<si>`'s text runs, phonetic guides (`<rPh>`) left out.
private final class SharedStringsParser: XMLStream.Handler {
    var strings: [String] = []
    var current: [UInt8] = []
    var inText = false
    var inPhonetic = false

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("si") { current.removeAll(keepingCapacity: true) }
        else if name.is("t") { inText = !inPhonetic }
        else if name.is("rPh") { inPhonetic = true }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inText { current.append(contentsOf: bytes) }
    }

    func end(_ name: XMLName) {
        if name.is("si") { strings.append(String(decoding: current, as: UTF8.self)) }
        else if name.is("t") { inText = false }
        else if name.is("rPh") { inPhonetic = false }
    }
}

/// Number formats: the custom ones by id, and each cell style's format.
private final class StylesParser: XMLStream.Handler {
    var customFormats: [Int: String] = [:]
    var cellFormats: [Int] = []
    var inCellXfs = false

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("numFmt") {
            if let id = attributes.integer("numFmtId"), let code = attributes.string("formatCode") { customFormats[id] = code }
        } else if name.is("cellXfs") {
            inCellXfs = true
        } else if name.is("xf"), inCellXfs {
            cellFormats.append(attributes.integer("numFmtId") ?? 0)
        }
    }
    func text(_ bytes: UnsafeBufferPointer<UInt8>) {}
    func end(_ name: XMLName) {
        if name.is("cellXfs") { inCellXfs = false }
    }
}

/// A worksheet's `<sheetData>`, row by row, cells placed by their `r` reference.
private final class SheetParser: XMLStream.Handler {
    let strings: [String]
    let dateStyles: Set<Int>
    var rows: [[String]] = []
    var row: [String] = []
    var rowNumber = 0
    var column = 0
    var type: UInt8 = UInt8(ascii: "n")
    var inlineString = false
    var style = 0
    var value: [UInt8] = []
    var inValue = false
    var mergedHeader: String?

    init(strings: [String], dateStyles: Set<Int>) {
        self.strings = strings
        self.dateStyles = dateStyles
    }

    func start(_ name: XMLName, _ attributes: XMLAttributes) {
        if name.is("c") {
            if let reference = attributes.value("r") { column = Self.columnIndex(reference) }
            let t = attributes.value("t")
            type = t?.first ?? UInt8(ascii: "n")
            inlineString = t.map { $0.count == 9 } ?? false   // "inlineStr"
            style = attributes.integer("s") ?? 0
            value.removeAll(keepingCapacity: true)
        } else if name.is("v") || name.is("t") {
            inValue = true
        } else if name.is("row") {
            let number = attributes.integer("r") ?? rowNumber + 1
            // Rows the sheet leaves out are empty rows.
            while rowNumber + 1 < number {
                rows.append([])
                rowNumber += 1
            }
            rowNumber = number
            row = []
            column = 0
        } else if name.is("mergeCell") {
            if let ref = attributes.string("ref"), Self.touchesFirstRow(ref) { mergedHeader = ref }
        }
    }

    func text(_ bytes: UnsafeBufferPointer<UInt8>) {
        if inValue { value.append(contentsOf: bytes) }
    }

    func end(_ name: XMLName) {
        if name.is("c") {
            let text: String
            switch type {
            case UInt8(ascii: "s") where !inlineString:
                // "s": an index into the shared strings ("str" is a formula's text).
                if value.count > 0, value.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let i = Int(String(decoding: value, as: UTF8.self)),
                   i < strings.count { text = strings[i] } else { text = String(decoding: value, as: UTF8.self) }
            case UInt8(ascii: "b"): text = value == [UInt8(ascii: "1")] ? "TRUE" : "FALSE"
            case UInt8(ascii: "n"):
                let raw = String(decoding: value, as: UTF8.self)
                if dateStyles.contains(style), let serial = Double(raw) { text = XLSXReader.date(serial) } else { text = Self.number(raw, value) }
            default: text = String(decoding: value, as: UTF8.self)
            }
            if row.count < column { row.append(contentsOf: repeatElement("", count: column - row.count)) }
            if row.count == column { row.append(text) } else { row[column] = text }
            column += 1
        } else if name.is("v") || name.is("t") {
            inValue = false
        } else if name.is("row") {
            rows.append(row)
        }
    }

    /// Excel writes numbers as their shortest decimal; whole numbers `3` stay `3`, `3.0E-2` becomes 0.03.
    static func number(_ text: String, _ bytes: [UInt8]) -> String {
        let exponent = bytes.contains(UInt8(ascii: "E")) || bytes.contains(UInt8(ascii: "e"))
        let pointZero = bytes.count >= 2 && bytes[bytes.count - 2] == UInt8(ascii: ".") && bytes[bytes.count - 1] == UInt8(ascii: "0")
        guard exponent || pointZero, let x = Double(text) else { return text }
        return CodeText.number(x)
    }

    /// `AB12` → 27.
    static func columnIndex(_ reference: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        for b in reference {
            guard b >= 65 && b <= 90 else { break }
            index = index * 26 + Int(b - 64)
        }
        return index - 1
    }

    static func touchesFirstRow(_ ref: String) -> Bool {
        let first = ref.split(separator: ":").first.map(String.init) ?? ref
        return first.drop { $0.isLetter } == "1"
    }
}
