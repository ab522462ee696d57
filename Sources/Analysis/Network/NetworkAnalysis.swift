import SurveyData

/// The collaboration network: organisations as nodes, joint projects as weighted edges.
public struct NetworkAnalysis: Sendable {
    public struct Hub: Sendable, Hashable {
        public var id: String
        public var sector: CollaborationTable.Sector
        public var degree: Int
        public var betweenness: Double
        public var projects: Int
    }

    public var projects: Int
    public var organisationsBySector: [CollaborationTable.Sector: Int]
    /// Projects by the set of sectors taking part, keyed like "company+hospital+institute".
    public var projectsBySectorMix: [(mix: String, projects: Int)]
    public var projectsWithAllThreeSectors: Int
    /// Distinct organisation pairs per sector pair, and the joint projects behind them.
    public var edgesBySectorPair: [(pair: String, edges: Int, weight: Int)]
    /// How many organisations have each number of distinct partners.
    public var degreeDistribution: [(degree: Int, organisations: Int)]
    public var hubsByDegree: [Hub]
    public var hubsByBetweenness: [Hub]
    public var projectsByProvince: [(province: String, projects: Int)]
    public var topThreeProvinceShare: Double?
    public var provinceGini: Double?
    public var projectsByTopic: [(topic: String, projects: Int)]
    public var projectsByYear: [(year: Int, projects: Int)]

    /// - Parameter provinces: when given, provinces with no project count as zeros in the Gini.
    public init(_ table: CollaborationTable, provinces: [String]? = nil, hubs: Int = 10) {
        projects = table.projects.count
        var index: [String: Int] = [:]
        var ids: [String] = []
        var sectors: [CollaborationTable.Sector] = []
        var projectCount: [Int] = []
        for project in table.projects {
            for member in project.members where index[member.id] == nil {
                index[member.id] = ids.count
                ids.append(member.id)
                sectors.append(member.sector)
                projectCount.append(0)
            }
            for member in project.members { projectCount[index[member.id]!] += 1 }
        }
        var bySector: [CollaborationTable.Sector: Int] = [:]
        for s in sectors { bySector[s, default: 0] += 1 }
        organisationsBySector = bySector

        var mixes: [String: Int] = [:]
        var allThree = 0
        for project in table.projects {
            let present = Set(project.members.map(\.sector))
            mixes[present.map(\.rawValue).sorted().joined(separator: "+"), default: 0] += 1
            if present.count == 3 { allThree += 1 }
        }
        projectsBySectorMix = mixes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
        projectsWithAllThreeSectors = allThree

        // Edges: every pair of organisations in a project, weighted by their joint projects.
        var weights: [Int: Int] = [:] // key = a * n + b with a < b
        let n = ids.count
        for project in table.projects {
            let members = project.members.map { index[$0.id]! }
            for i in 0..<members.count {
                for j in (i + 1)..<members.count {
                    let (a, b) = (min(members[i], members[j]), max(members[i], members[j]))
                    weights[a * n + b, default: 0] += 1
                }
            }
        }
        var adjacency = [[Int]](repeating: [], count: n)
        var pairEdges: [String: (Int, Int)] = [:]
        for (key, w) in weights {
            let (a, b) = (key / n, key % n)
            adjacency[a].append(b)
            adjacency[b].append(a)
            let pair = [sectors[a].rawValue, sectors[b].rawValue].sorted().joined(separator: "–")
            pairEdges[pair, default: (0, 0)].0 += 1
            pairEdges[pair, default: (0, 0)].1 += w
        }
        for i in adjacency.indices { adjacency[i].sort() }
        edgesBySectorPair = pairEdges.sorted { $0.key < $1.key }.map { ($0.key, $0.value.0, $0.value.1) }

        var degreeCounts: [Int: Int] = [:]
        for list in adjacency { degreeCounts[list.count, default: 0] += 1 }
        degreeDistribution = degreeCounts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }

        let betweenness = Self.betweenness(adjacency)
        let all = (0..<n).map { Hub(id: ids[$0], sector: sectors[$0], degree: adjacency[$0].count, betweenness: betweenness[$0],
                                    projects: projectCount[$0]) }
        hubsByDegree = Array(all.sorted { ($0.degree, $1.id) > ($1.degree, $0.id) }.prefix(hubs))
        hubsByBetweenness = Array(all.sorted { ($0.betweenness, $1.id) > ($1.betweenness, $0.id) }.prefix(hubs))

        var byProvince: [String: Int] = [:]
        for p in provinces ?? [] { byProvince[p] = 0 }
        for project in table.projects { byProvince[project.province, default: 0] += 1 }
        projectsByProvince = byProvince.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
        if projects > 0 {
            topThreeProvinceShare = Double(projectsByProvince.prefix(3).reduce(0) { $0 + $1.projects }) / Double(projects)
            provinceGini = Self.gini(projectsByProvince.map { Double($0.projects) })
        }
        var topics: [String: Int] = [:]
        var years: [Int: Int] = [:]
        for project in table.projects {
            topics[project.topic, default: 0] += 1
            years[project.year, default: 0] += 1
        }
        projectsByTopic = topics.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { ($0.key, $0.value) }
        projectsByYear = years.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Brandes' betweenness centrality for an undirected, unweighted graph (each pair counted once).
    public static func betweenness(_ adjacency: [[Int]]) -> [Double] {
        let n = adjacency.count
        var centrality = [Double](repeating: 0, count: n)
        var stack: [Int] = []
        var predecessors = [[Int]](repeating: [], count: n)
        var sigma = [Double](repeating: 0, count: n)
        var distance = [Int](repeating: -1, count: n)
        var delta = [Double](repeating: 0, count: n)
        var queue = [Int](repeating: 0, count: n)
        for s in 0..<n {
            stack.removeAll(keepingCapacity: true)
            for i in 0..<n {
                predecessors[i].removeAll(keepingCapacity: true)
                sigma[i] = 0
                distance[i] = -1
                delta[i] = 0
            }
            sigma[s] = 1
            distance[s] = 0
            var head = 0, tail = 0
            queue[tail] = s
            tail += 1
            while head < tail {
                let v = queue[head]
                head += 1
                stack.append(v)
                for w in adjacency[v] {
                    if distance[w] < 0 {
                        distance[w] = distance[v] + 1
                        queue[tail] = w
                        tail += 1
                    }
                    if distance[w] == distance[v] + 1 {
                        sigma[w] += sigma[v]
                        predecessors[w].append(v)
                    }
                }
            }
            while let w = stack.popLast() {
                for v in predecessors[w] { delta[v] += sigma[v] / sigma[w] * (1 + delta[w]) }
                if w != s { centrality[w] += delta[w] }
            }
        }
        // Each undirected path was counted from both ends.
        return centrality.map { $0 / 2 }
    }

    /// The Gini coefficient of non-negative values (0 = all equal, near 1 = all in one place).
    public static func gini(_ values: [Double]) -> Double? {
        let total = values.reduce(0, +)
        guard values.count > 1, total > 0 else { return nil }
        let sorted = values.sorted()
        var weighted = 0.0
        for (i, v) in sorted.enumerated() { weighted += Double(i + 1) * v }
        let n = Double(values.count)
        return 2 * weighted / (n * total) - (n + 1) / n
    }
}
