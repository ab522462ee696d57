import Words
import Foundation

/// What every chart kind offers: its SVG at a width, the description screen readers hear, and
/// its data as a table (for an HTML table beside the figure and a CSV download).
public protocol Chart: Sendable {
    var id: String { get set }
    var width: Double { get set }
    /// The words of the description and the drawn markers (the page's language files).
    var words: Words { get set }
    var description: String { get }
    var dataTable: DataTable { get }
    func svg() -> String
}

extension Chart {
    /// The same chart drawn for a narrow screen, with its own ids.
    public func narrow(width: Double = 360) -> String {
        var copy = self
        copy.width = width
        copy.id = id + "-narrow"
        return copy.svg()
    }

    /// The SVG on its own, as a file: with a style sheet inside so it looks right anywhere,
    /// in light and dark.
    public func standaloneSVG() -> String {
        let svg = self.svg()
        guard let close = svg.firstIndex(of: ">") else { return svg }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg[...close] + "<style>" + ChartTheme.css + "</style>" + svg[svg.index(after: close)...]
    }
}

/// The chart classes' colours for the light and dark themes, used by standalone SVG files
/// (the site's own style sheet carries the same rules for inline charts).
public enum ChartTheme {
    public static let css = """
    svg{background:#fff}.chart-title,.label,.value-label,.legend-label,.column-label{fill:#1a1a1a}.tick-label{fill:#555}\
    @media (prefers-color-scheme:dark){svg{background:#15171a}.chart-title,.label,.value-label,.legend-label,.column-label{fill:#e8e8e8}\
    .tick-label{fill:#b4b4b4}.grid{stroke:#4a4f57}.whisker{stroke:#e8e8e8}.bar{fill:#6a9fe0}.dot{fill:#6a9fe0}}
    """
}

/// A chart's data as rows and columns of text.
public struct DataTable: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[String]]

    public init(columns: [String], rows: [[String]]) {
        self.columns = columns
        self.rows = rows
    }

    /// RFC 4180 CSV with a header row, safe to open in a spreadsheet: control characters are
    /// dropped, and a cell that a spreadsheet would run as a formula (one starting with `=`, `+`,
    /// `-`, `@`, a tab or a carriage return, as OWASP lists them) gets a leading `'`, except a
    /// real number such as `-3.5` or `-2.1%`.
    public var csv: String {
        func field(_ raw: String) -> String {
            let s = CSVCell.neutralised(raw)
            return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingAll("\"", with: "\"\"") + "\"" : s
        }
        return ([columns] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// An HTML table (escaped), first column as row headers; with no caption when the figure
    /// around it already says what it is (its figcaption would be read twice).
    public func html(caption: String?) -> String {
        var out = "<table class=\"data-table\">" + (caption.map { "<caption>\(SVGText.escape($0))</caption>" } ?? "") + "<thead><tr>"
        for c in columns { out += "<th scope=\"col\">\(SVGText.escape(c))</th>" }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                out += i == 0 ? "<th scope=\"row\">\(SVGText.escape(cell))</th>" : "<td>\(SVGText.escape(cell))</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }
}

/// One cell of a CSV download, made inert for spreadsheets.
public enum CSVCell {
    public static func neutralised(_ cell: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in cell.unicodeScalars where !isDropped(scalar) { scalars.append(scalar) }
        let text = String(scalars)
        // A lone "-" (no value) is not a formula either.
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), text != "-", !isNumber(text) else {
            return text
        }
        return "'" + text
    }

    /// C0 and C1 controls but tab, line feed and carriage return; bidirectional overrides and isolates.
    static func isDropped(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v == 0x09 || v == 0x0A || v == 0x0D { return false }
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
    }

    /// `[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?%?`
    static func isNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.last == UInt8(ascii: "%") { bytes = bytes.dropLast() }
        if let f = bytes.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        let mantissa = bytes.prefix { isDigit($0) || $0 == UInt8(ascii: ".") }
        let digits = mantissa.filter(isDigit).count
        guard digits > 0, mantissa.filter({ $0 == UInt8(ascii: ".") }).count <= 1 else { return false }
        bytes = bytes.dropFirst(mantissa.count)
        if bytes.isEmpty { return true }
        guard bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") else { return false }
        bytes = bytes.dropFirst()
        if let f = bytes.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        return !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}

/// Shares as text in data tables: one decimal, "–" when withheld.
enum TableText {
    static func percent(_ v: Double?) -> String {
        guard let v else { return "withheld" }
        return NumberText.fixed1(v * 100) + "%"
    }
}

extension NumberText {
    /// One decimal; total over every Double (non-finite prints "–", huge values from their digits).
    static func fixed1(_ x: Double) -> String {
        guard x.isFinite else { return "–" }
        guard abs(x) * 10 < 0x1p53 else { return String(format: "%.1f", x) }
        let tenths = Int((abs(x) * 10).rounded())
        return (x < 0 && tenths != 0 ? "-" : "") + "\(tenths / 10).\(tenths % 10)"
    }
}
