import Diagnostics

/// `collaborations.csv`: one row per collaboration project, the network data.
///
/// Columns: `project_id` (unique), `year` (1990–2100), `province` (a code of provinces.csv when that
/// file exists), `topic` (text), and `hospitals`, `institutes`, `companies`: `;`-separated anonymised
/// ids of the organisations of each sector taking part. A project has at least two organisations;
/// an organisation belongs to one sector only.
public struct CollaborationTable: Sendable {
    public enum Sector: String, Sendable, CaseIterable {
        case hospital, institute, company

        /// The CSV column (and synth key) that lists organisations of this sector.
        public var plural: String {
            switch self {
            case .hospital: "hospitals"
            case .institute: "institutes"
            case .company: "companies"
            }
        }
    }

    public struct Project: Sendable, Hashable {
        public var id: String
        public var year: Int
        public var province: String
        public var topic: String
        /// Each participant with its sector, in the order written.
        public var members: [(id: String, sector: Sector)]

        public static func == (a: Project, b: Project) -> Bool {
            a.id == b.id && a.year == b.year && a.province == b.province && a.topic == b.topic
                && a.members.map(\.id) == b.members.map(\.id)
        }

        public func hash(into hasher: inout Hasher) { hasher.combine(id) }
    }

    public var projects: [Project]

    static let columns = ["project_id", "year", "province", "topic", "hospitals", "institutes", "companies"]

    public static func read(_ bytes: [UInt8], source: String, provinces: ProvinceTable?) throws(DiagnosticsError) -> CollaborationTable {
        let table = try CSVTable.read(bytes, source: source)
        var diagnostics = DiagnosticCollector()
        let index = table.columns(columns, diagnostics: &diagnostics)
        try diagnostics.throwIfErrors()
        var projects: [Project] = []
        var seen: [String: Int] = [:]
        var sectorOf: [String: (Sector, Int)] = [:]
        for row in table.rows {
            func cell(_ name: String) -> CSVTable.Cell { row[index[name]!] }
            let id = cell("project_id").text.trimmingSpacesAndTabs
            if id.isEmpty { diagnostics.error(at: cell("project_id").location, "empty project id") }
            if let first = seen[id] {
                diagnostics.error(at: cell("project_id").location, "duplicate project id \"\(id)\"", hint: "first at line \(first)")
            }
            seen[id] = cell("project_id").location.line
            let yearCell = cell("year")
            let year = Int(yearCell.text.trimmingSpacesAndTabs) ?? 0
            if !(1990...2100).contains(year) {
                diagnostics.error(at: yearCell.location, "year \"\(yearCell.text)\" must be a whole number from 1990 to 2100")
            }
            let province = cell("province").text.trimmingSpacesAndTabs
            if let provinces, provinces.province(province) == nil {
                diagnostics.error(at: cell("province").location, "\"\(province)\" is not a code of provinces.csv",
                                  hint: Suggestion.hint(for: province, in: provinces.provinces.map(\.code)))
            }
            var members: [(String, Sector)] = []
            for sector in Sector.allCases {
                let c = cell(sector.plural)
                let ids = c.text.split(separator: ";", omittingEmptySubsequences: false).map { String($0).trimmingSpacesAndTabs }
                if ids == [""] { continue }
                for member in ids {
                    if member.isEmpty {
                        diagnostics.error(at: c.location, "empty organisation id in \"\(c.text)\"")
                        continue
                    }
                    if members.contains(where: { $0.0 == member }) {
                        diagnostics.error(at: c.location, "organisation \"\(member)\" is listed twice in one project")
                        continue
                    }
                    if let (other, line) = sectorOf[member], other != sector {
                        diagnostics.error(at: c.location, "organisation \"\(member)\" is a \(other.rawValue) at line \(line), here a \(sector.rawValue)")
                    }
                    sectorOf[member] = (sector, c.location.line)
                    members.append((member, sector))
                }
            }
            if members.count < 2 {
                diagnostics.error(at: cell("hospitals").location, "a collaboration needs at least two organisations")
            }
            projects.append(Project(id: id, year: year, province: province, topic: cell("topic").text, members: members))
        }
        try diagnostics.throwIfErrors()
        return CollaborationTable(projects: projects)
    }
}
