import Testing
@testable import Analysis
@testable import SurveyData

@Suite("Collaboration network analysis")
struct NetworkTests {
    @Test("Betweenness on a path and a star, as networkx and igraph count it")
    func betweenness() {
        // Path 0 - 1 - 2 - 3: the inner nodes lie on 2 shortest paths each.
        #expect(NetworkAnalysis.betweenness([[1], [0, 2], [1, 3], [2]]) == [0, 2, 2, 0])
        // Star with centre 0 and four leaves: C(4, 2) = 6 paths through the centre.
        #expect(NetworkAnalysis.betweenness([[1, 2, 3, 4], [0], [0], [0], [0]]) == [6, 0, 0, 0, 0])
        // A square: two shortest paths between opposite corners, each node carries half of one.
        #expect(NetworkAnalysis.betweenness([[1, 3], [0, 2], [1, 3], [0, 2]]) == [0.5, 0.5, 0.5, 0.5])
    }

    @Test("Gini of projects across provinces")
    func gini() {
        #expect(NetworkAnalysis.gini([0, 0, 0, 10]) == 0.75)
        #expect(NetworkAnalysis.gini([5, 5, 5]) == 0)
        #expect(NetworkAnalysis.gini([]) == nil)
    }

    @Test("Sectors, mixes, edges, hubs, provinces, topics and years from collaborations.csv")
    func analysis() throws {
        let csv = """
        project_id,year,province,topic,hospitals,institutes,companies
        P1,2020,110000,Screening,H1,R1,C1
        P2,2021,110000,Screening,H1,,C2
        P3,2021,310000,Diagnosis,H2,R1,
        P4,2022,440000,Workflow,H1;H2,,

        """
        let table = try CollaborationTable.read(Array(csv.utf8), source: "c.csv", provinces: nil)
        let network = NetworkAnalysis(table, provinces: ["110000", "310000", "440000", "120000"])
        #expect(network.projects == 4)
        #expect(network.organisationsBySector == [.hospital: 2, .institute: 1, .company: 2])
        #expect(network.projectsWithAllThreeSectors == 1)
        #expect(network.projectsBySectorMix.first { $0.mix == "company+hospital" }?.projects == 1)
        // H1 partners: R1, C1, C2, H2 → degree 4; H1–H2 and R1–H2 etc.
        #expect(network.hubsByDegree.first?.id == "H1")
        #expect(network.hubsByDegree.first?.degree == 4)
        #expect(network.edgesBySectorPair.first { $0.pair == "hospital–hospital" }?.edges == 1)
        #expect(network.projectsByProvince.first?.province == "110000")
        #expect(network.topThreeProvinceShare == 1.0)
        #expect(network.projectsByProvince.count == 4)
        #expect(network.projectsByYear.map(\.projects) == [1, 2, 1])
        #expect(network.projectsByTopic.first?.topic == "Screening")
    }
}
