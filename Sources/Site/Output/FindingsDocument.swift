import Analysis
import SurveyData

/// The findings/1 document of `../shared/spec/DATA.md`: what `findings analyze --json` prints.
public enum FindingsDocument {
    /// - Parameter disclosure: the rules of what may be published, for the copy under `public/`;
    ///   nil for the author's own view (`findings analyze --json`), which shows every count.
    public static func json(_ analysis: SurveyAnalysis, codebook: Codebook, language: String,
                            findings: Findings = .none, network: NetworkAnalysis? = nil, questionsOnly: Bool = false,
                            disclosure: Disclosure? = nil, releases given: QuestionReleases? = nil) -> JSONValue {
        let released = { (value: JSONValue) -> JSONValue in disclosure.map { $0.apply(to: value) } ?? value }
        let releases = given ?? disclosure.map { QuestionReleases(analysis: analysis, codebook: codebook, disclosure: $0) }
        let questions = JSONValue.object(analysis.questions.map { summary in
            let json = question(summary, codebook: codebook, language: language)
            guard let disclosure, let releases, case .object(let pairs) = json else { return (summary.id, json) }
            return (summary.id, disclosure.releaseQuestion(pairs, valid: summary.valid,
                                                           release: releases[summary.id]!))
        })
        if questionsOnly { return questions }
        return .object([
            ("schema", .string("findings/1")),
            ("respondents", .int(analysis.respondents)),
        ] + (analysis.design.map { [("design", design($0))] } ?? []) + [
            ("questions", questions),
            ("crosstabs", .array(analysis.crosstabs.map { computed in
                guard let disclosure, let releases else { return crosstab(computed) }
                let t = disclosure.release(computed, releases: releases)
                return crosstab(t, pattern: disclosure.pattern(t, releases: releases), disclosure: disclosure)
            })),
            ("findings", .object(findings.values.map { ($0.spec.name, released(finding($0, withheld: findings.withheld.contains($0.spec.name)))) })),
        ] + (network.map { [("network", released(self.network($0)))] } ?? []))
    }

    static func share(_ share: Share, extra: [(String, JSONValue)] = []) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = [("count", .int(share.count))]
        if let w = share.weightedCount { pairs.append(("weighted_count", .double(w))) }
        pairs.append(("proportion", .number(share.proportion)))
        if let se = share.standardError { pairs.append(("se", .double(se))) }
        if let deff = share.designEffect { pairs.append(("deff", .number(deff.isFinite ? deff : nil))) }
        if let lo = share.lower, let hi = share.upper {
            pairs.append(("ci95", .array([.double(lo), .double(hi)])))
        } else {
            pairs.append(("ci95", .null))
        }
        return extra + pairs
    }

    static func labelPairs(_ text: LocalizedText, language: String) -> [(String, JSONValue)] {
        var pairs: [(String, JSONValue)] = [("label", .string(text.text(in: language)))]
        if text.isTranslated && text.languages.count > 1 {
            pairs.append(("labels", .object(text.languages.map { ($0, .string(text.byLanguage[$0] ?? "")) })))
        }
        return pairs
    }

    static func question(_ q: QuestionSummary, codebook: Codebook, language: String) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("type", .string(q.type.rawValue)), ("valid", .int(q.valid)), ("missing", .int(q.missing)),
            ("not_asked", .int(q.notAsked)),
        ]
        switch q.type {
        case .single, .multi, .likert:
            pairs.append(("categories", .array(q.categories.map { c in
                .object(share(c.share, extra: [("code", .string(c.code))] + labelPairs(c.label, language: language)))
            })))
            if q.type == .likert {
                pairs.append(("mean", .number(q.mean)))
                pairs += designMean(q)
                pairs.append(("sd", .number(q.sd)))
                if let top = q.topBox {
                    let codes = codebook.question(q.id)?.topBox ?? []
                    pairs.append(("top_box", .object([("codes", .array(codes.map { .string($0) }))] + share(top))))
                }
            }
        case .numeric:
            let n = q.numeric
            pairs += [("mean", .number(n?.mean))] + designMean(q) + [("sd", .number(n?.sd)), ("min", .number(n?.min)), ("q1", .number(n?.q1)),
                      ("median", .number(n?.median)), ("q3", .number(n?.q3)), ("max", .number(n?.max))]
        case .text:
            pairs = Array(pairs.prefix(4))
        }
        return .object(pairs)
    }

    /// A mean's standard error and interval under a declared design.
    static func designMean(_ q: QuestionSummary) -> [(String, JSONValue)] {
        guard let se = q.meanStandardError, let ci = q.meanInterval else { return [] }
        return [("mean_se", .double(se)), ("mean_ci95", .array(ci.map { .double($0) }))]
    }

    /// The declared design: its strata and clusters, degrees of freedom, and the weights.
    static func design(_ d: SurveyDesign) -> JSONValue {
        let w = d.weights
        let sum = w.reduce(0, +), mean = sum / Double(max(1, w.count))
        let sd = w.count > 1 ? (w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(w.count - 1)).squareRoot() : 0
        return .object([
            ("strata", .int(d.strataCount)), ("clusters", .int(d.psuCount)), ("degrees_of_freedom", .int(d.degreesOfFreedom)),
            ("calibrated", .bool(d.raking != nil)),
            ("weights", .object([("min", .number(w.min())), ("max", .number(w.max())), ("mean", .double(mean)), ("sum", .double(sum)),
                                 ("cv", .double(sd / mean))])),
            ("margins", .array((d.raking?.margins ?? []).flatMap { m -> [JSONValue] in
                let total = m.targets.reduce(0, +)
                var achieved = [Double](repeating: 0, count: m.targets.count)
                for i in w.indices { achieved[Int(m.cell[i])] += w[i] }
                return m.codes.indices.map { k in
                    .object([("question", .string(m.question)), ("code", .string(m.codes[k])), ("target", .double(m.targets[k] / total)),
                             ("achieved", .double(achieved[k] / sum))])
                }
            })),
        ])
    }

    static func network(_ n: NetworkAnalysis) -> JSONValue {
        func hub(_ h: NetworkAnalysis.Hub) -> JSONValue {
            .object([("id", .string(h.id)), ("sector", .string(h.sector.rawValue)), ("degree", .int(h.degree)),
                      ("betweenness", .double(h.betweenness)), ("projects", .int(h.projects))])
        }
        return .object([
            ("projects", .int(n.projects)),
            ("organisations", .object(CollaborationTable.Sector.allCases.map { ($0.plural, .int(n.organisationsBySector[$0] ?? 0)) })),
            ("projects_by_sector_mix", .array(n.projectsBySectorMix.map { .object([("sectors", .string($0.mix)), ("projects", .int($0.projects))]) })),
            ("projects_with_all_three_sectors", .int(n.projectsWithAllThreeSectors)),
            ("edges_by_sector_pair", .array(n.edgesBySectorPair.map {
                .object([("pair", .string($0.pair)), ("edges", .int($0.edges)), ("joint_projects", .int($0.weight))])
            })),
            ("degree_distribution", .array(n.degreeDistribution.map { .object([("degree", .int($0.degree)), ("organisations", .int($0.organisations))]) })),
            ("hubs_by_degree", .array(n.hubsByDegree.map(hub))),
            ("hubs_by_betweenness", .array(n.hubsByBetweenness.map(hub))),
            ("projects_by_province", .array(n.projectsByProvince.map { .object([("province", .string($0.province)), ("projects", .int($0.projects))]) })),
            ("top_three_province_share", .number(n.topThreeProvinceShare)),
            ("province_gini", .number(n.provinceGini)),
            ("projects_by_topic", .array(n.projectsByTopic.map { .object([("topic", .string($0.topic)), ("projects", .int($0.projects))]) })),
            ("projects_by_year", .array(n.projectsByYear.map { .object([("year", .int($0.year)), ("projects", .int($0.projects))]) })),
        ])
    }

    static func finding(_ f: FindingValue, withheld: Bool = false) -> JSONValue {
        if withheld {
            // Published as withheld: what it is, never its numbers, nor its base (which can
            // be a group's size that other figures withhold).
            var f = f
            (f.value, f.lower, f.upper, f.count, f.n, f.pValue, f.optionCode, f.optionLabel) = (nil, nil, nil, nil, nil, nil, nil, nil)
            guard case .object(var pairs) = finding(f) else { return finding(f) }
            pairs.insert(("withheld", .bool(true)), at: 0)
            return .object(pairs)
        }
        var pairs: [(String, JSONValue)] = []
        switch f.spec.kind {
        case .share(let q, let codes): pairs += [("kind", .string("share")), ("question", .string(q)), ("codes", .array(codes.map { .string($0) }))]
        case .mean(let q): pairs += [("kind", .string("mean")), ("question", .string(q))]
        case .count(let q, let codes): pairs += [("kind", .string("count")), ("question", .string(q)), ("codes", .array(codes.map { .string($0) }))]
        case .rank(let q, let position): pairs += [("kind", .string("rank")), ("question", .string(q)), ("position", .int(position))]
        case .difference(let a, let b): pairs += [("kind", .string("difference")), ("of", .array([.string(a), .string(b)]))]
        }
        if !f.spec.filter.isEmpty {
            pairs.append(("where", .object(f.spec.filter.keys.sorted().map { k in (k, .array(f.spec.filter[k]!.map { .string($0) })) })))
        }
        if let code = f.optionCode { pairs.append(("option", .string(code))) }
        if let label = f.optionLabel { pairs.append(("label", .string(label))) }
        if let count = f.count { pairs.append(("count", .int(count))) }
        if let n = f.n { pairs.append(("n", .int(n))) }
        pairs.append(("value", .number(f.value)))
        if let lo = f.lower, let hi = f.upper { pairs.append(("ci95", .array([.double(lo), .double(hi)]))) } else { pairs.append(("ci95", .null)) }
        if let p = f.pValue { pairs.append(("p_value", .double(p))) }
        pairs.append(("method", .string(f.method)))
        if let claim = f.spec.claimText {
            pairs.append(("claim", .string(claim)))
            pairs.append(("claim_holds", f.claimHolds.map { .bool($0) } ?? .null))
        }
        return .object(pairs)
    }

    /// A cross-tabulation; with a disclosure `pattern`, as published: withheld cells as "x" and
    /// their shares null, no chi-square or V beside a withheld cell, p-values rounded, and n
    /// withheld when it is small.
    static func crosstab(_ t: CrossTab, pattern: [[ComplementarySuppression.Cell]]? = nil, disclosure: Disclosure? = nil) -> JSONValue {
        func shown(_ i: Int, _ j: Int) -> Bool { pattern.map { $0[i][j] == .published } ?? true }
        let anyWithheld = pattern?.contains { $0.contains { $0 != .published } } ?? false
        let p = { (value: Double?) -> JSONValue in
            guard let value else { return .null }
            return disclosure == nil ? .double(value) : Disclosure.roundedP(value)
        }
        let n: JSONValue = disclosure.map { $0.isSmall(t.n) ? .string($0.marker) : .int(t.n) } ?? .int(t.n)
        var pairs: [(String, JSONValue)] = [
            ("row", .string(t.row)), ("column", .string(t.column)), ("option", t.option.map { .string($0) } ?? .null),
            ("n", n),
            ("counts", .array(t.counts.indices.map { i in .array(t.counts[i].indices.map { j in
                shown(i, j) ? .int(t.counts[i][j]) : .string(Disclosure.complementaryMarker) }) })),
            ("row_codes", .array(t.rowCodes.map { .string($0) })),
            ("column_codes", .array(t.columnCodes.map { .string($0) })),
            ("testable", .bool(t.testable)),
            ("chi_square", anyWithheld ? .null : .number(t.test?.chiSquare)),
            ("df", t.test.map { .int($0.df) } ?? .null),
            ("p_value", p(t.test?.pValue)),
            ("p_adjusted", p(t.pAdjusted)),
            ("cramers_v", anyWithheld ? .null : .number(t.test?.cramersV)),
            ("low_expected", t.test.map { .bool($0.lowExpected) } ?? .null),
        ]
        if let rs = t.raoScott {
            // Like chi-square: with the margins published, the statistic could pin withheld cells down.
            pairs.append(("rao_scott", .object([("f", anyWithheld ? .null : .double(rs.f)), ("ndf", .double(rs.ndf)),
                                                ("ddf", .double(rs.ddf)), ("p_value", p(rs.pValue))])))
        }
        // A comparison touching a withheld cell would give that cell's share away: it is withheld too.
        pairs.append(("column_pairs", .array(t.columnPairs.map { c in
            let r = t.rowCodes.firstIndex(of: c.rowCode), a = t.columnCodes.firstIndex(of: c.a), b = t.columnCodes.firstIndex(of: c.b)
            let published = r != nil && a != nil && b != nil && shown(r!, a!) && shown(r!, b!)
            return .object([("row_code", .string(c.rowCode)), ("a", .string(c.a)), ("b", .string(c.b)),
                            ("difference", published ? .double(c.difference) : .null), ("se", published ? .double(c.standardError) : .null),
                            ("p_value", published ? p(c.pValue) : .null), ("p_adjusted", published ? p(c.pAdjusted) : .null)])
        })))
        if let shares = t.weightedColumnShares {
            pairs.append(("weighted_column_shares", .array(shares.indices.map { i in .array(shares[i].indices.map { j in
                shown(i, j) ? .number(shares[i][j]) : .null }) })))
        }
        return .object(pairs)
    }
}
