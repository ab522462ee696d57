import Formats
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
    .tick-label{fill:#b4b4b4}.grid{stroke:#4a4f57}.whisker{stroke:#e8e8e8}.bar{fill:#6a9fe0}.dot{fill:#6a9fe0}\
    .segment{stroke:#15171a}.zero{stroke:#e8e8e8}}
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
        func field(_ raw: String) -> String { CSVFormat.field(CSVFormat.neutralised(raw)) }
        return ([columns] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// An HTML table (escaped), first column as row headers; with no caption when the figure
    /// around it already says what it is (its figcaption would be read twice).
    public func html(caption: String?) -> String {
        var out = "<table class=\"data-table\">" + (caption.map { "<caption>\(HTMLEscaping.escapeXML($0))</caption>" } ?? "") + "<thead><tr>"
        for c in columns { out += "<th scope=\"col\">\(HTMLEscaping.escapeXML(c))</th>" }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (i, cell) in row.enumerated() {
                out += i == 0 ? "<th scope=\"row\">\(HTMLEscaping.escapeXML(cell))</th>" : "<td>\(HTMLEscaping.escapeXML(cell))</td>"
            }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }
}

/// Shares as text in data tables: one decimal, "withheld" when withheld (`DataTable.translated`
/// puts it in the page's language).
enum TableText {
    static func percent(_ v: Double?) -> String {
        guard let v else { return "withheld" }
        return NumberFormat.percent(v)
    }
}
