import Foundation
import Testing
import TestSupport
@testable import Site

/// A third language is one file: `templates/i18n/de.yaml` beside `pages/de/`. Every word the
/// generator writes on a German page — chart descriptions and notes, table headings and notes,
/// figure labels, finding tooltips, markers, navigation — comes from that file, so none of the
/// English or Chinese words of the built-in files is left on the page.
@Suite("A third language")
struct ThirdLanguageTests {
    /// German words for the test: a numbered token per key (`⟨W12⟩`, so no English key name shows
    /// either), with the placeholders its English word uses.
    static func token(_ key: String) -> String {
        "⟨W\(LanguageFile.read("en").keys.sorted().firstIndex(of: key)!)⟩"
    }

    static func germanWords() -> String {
        let english = LanguageFile.read("en")
        var lines = ["# Wörter des Generators (test)"]
        for key in english.keys.sorted() {
            let placeholders = english[key]!.matches(of: /\{[a-z_]+\}/).map { String($0.output) }
            let value = key == "language_name" ? "Deutsch" : token(key) + placeholders.map { " " + $0 }.joined()
            lines.append("\(key): \"\(value)\"")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let codebook = """
    survey:
      id: umfrage
    questions:
      - id: group
        type: single
        text: {en: Group, de: Gruppe}
        options: {1: {en: Clinician, de: Klinikpersonal}, 2: {en: Industry, de: Industrievertretung}, 3: {en: Research, de: Forschungspersonal}}
      - id: tier
        type: single
        text: {en: Tier, de: Versorgungsstufe}
        asked_if: {group: [1]}
        options: {1: {en: Secondary, de: Sekundär}, 2: {en: Tertiary, de: Tertiär}}
      - id: barriers
        type: multi
        text: {en: Barriers, de: Hindernisse}
        options: {1: {en: Privacy, de: Datenschutz}, 2: {en: Standards, de: Normen}, 3: {en: Law, de: Recht}}
      - id: interest
        type: likert
        text: {en: Interest, de: Interesse}
        options: {1: {en: None, de: Kein}, 2: {en: Low, de: Gering}, 3: {en: Some, de: Mittel}, 4: {en: High, de: Hoch}, 5: {en: Very high, de: Sehr hoch}}
        top_box: [4, 5]
      - id: engaged
        type: single
        text: {en: Engaged, de: Beteiligt}
        options: {1: {en: "Yes", de: Ja}, 2: {en: "No", de: Nein}}
      - id: years
        type: numeric
        text: {en: Years, de: Jahre}
      - id: province
        type: single
        text: {en: Region, de: Provinz}
        options: {"11": {en: Beijing, de: Peking}, "12": {en: Tianjin, de: Tianjin}, "13": {en: Hebei, de: Hebei}}
      - id: comment
        type: text
        text: {en: Comment, de: Kommentar}
        publish: true
    """

    /// 240 respondents, drawn the same way every time; a rare barrier leaves some cells withheld.
    static var responses: String {
        var rng = SplitMix(seed: 7)
        var lines = ["respondent_id,group,tier,barriers,interest,engaged,years,province,comment"]
        let comments = ["Mehr Schulungen", "Klare Regeln", "Gemeinsame Datenräume", "Bessere Normen"]
        for i in 1...240 {
            let group = 1 + Int(rng.next() % 3)
            let tier = group == 1 ? String(1 + Int(rng.next() % 2)) : ""
            var barriers = (1...2).filter { _ in rng.next() % 2 == 0 }.map(String.init)
            if i % 60 == 0 { barriers.append("3") }
            let interest = 1 + Int(rng.next() % 5)
            let engaged = 1 + Int(rng.next() % 2)
            let years = 1 + Int(rng.next() % 30)
            let province = ["11", "12", "13"][Int(rng.next() % 3)]
            lines.append("r\(i),\(group),\(tier),\(barriers.joined(separator: ";")),\(interest),\(engaged),\(years),\(province),\(comments[i % 4])")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let germanPage = """
    ---
    title: Überblick
    ---

    ## Ergebnisse

    Interesse: `=interest`; Abstand `=gap`. Siehe [](#fig-barriers).

    ```finding
    finding: interest
    sentence: haben hohes Interesse.
    ```

    ```chart
    question: barriers
    ```

    ```chart
    question: interest
    kind: grouped-bar
    breakdown: group
    ```

    ```chart
    question: interest
    kind: small-multiples
    breakdown: group
    ```

    ```chart
    question: interest
    kind: stacked
    breakdown: group
    ```

    ```chart
    question: interest
    kind: diverging
    breakdown: group
    id: fig-diverging
    ```

    ```chart
    question: barriers
    kind: heatmap
    breakdown: group
    ```

    ```chart
    question: interest
    kind: dot-interval
    breakdown: group
    ```

    ```chart
    kind: dumbbell
    question: interest
    versus: engaged
    versus_codes: ["1"]
    breakdown: group
    ```

    ```chart
    question: years
    ```

    ```chart
    question: province
    kind: tile-map
    ```

    ```chart
    data: network
    ```

    ```chart
    data: projects-per-year
    ```

    ```table
    question: interest
    ```

    ```table
    question: engaged
    breakdown: group
    ```

    ```table
    question: barriers
    breakdown: group
    ```

    ```quotes
    question: comment
    ```
    """

    @Test("templates/i18n/de.yaml and pages/de/index.md make a German page with no English or Chinese generated word")
    func germanPage() throws {
        let files: [String: String] = [
            "content/site.yaml": "title: Umfrage\nbreakdowns: [group, tier]\ndisclosure: {min_cell: 5}\n",
            "content/data/codebook.yaml": Self.codebook,
            "content/data/responses.csv": Self.responses,
            "content/data/provinces.csv": "code,iso,name_en,name_zh,name_de,type,region,population,row,col\n"
                + "11,CN-BJ,Beijing,北京市,Peking,municipality,1,100,0,0\n12,CN-TJ,Tianjin,天津市,Tianjin,municipality,1,50,0,1\n"
                + "13,CN-HE,Hebei,河北省,Hebei,province,1,70,1,0\n",
            "content/data/collaborations.csv": "project_id,year,province,topic,hospitals,institutes,companies\n"
                + "P1,2020,11,Screening,H1,,C1\nP2,2021,12,Diagnosis,H1;H2,R1,\nP3,2022,13,Screening,H2,R1,C1\n",
            "content/findings.yaml": "interest:\n  share: interest\ntop:\n  share: interest\n  codes: [\"5\"]\ngap:\n  difference: [interest, top]\n",
            "content/pages/index.md": "---\ntitle: Overview\n---\n\nText.\n",
            "content/pages/de/index.md": Self.germanPage,
            "content/templates/i18n/de.yaml": Self.germanWords(),
        ]
        let (folder, result) = try buildSite(files)
        defer { folder.remove() }
        _ = try result.get()
        let html = try folder.read("public/de/index.html")
        #expect(html.contains("<html lang=\"de\">"))
        #expect(html.contains(Self.token("figure_label") + " 12"))
        #expect(html.contains(Self.token("chart_bar")))
        let text = Self.readerText(html)
        try? text.write(toFile: NSTemporaryDirectory() + "findings-german-page.txt", atomically: true, encoding: .utf8)
        // No Chinese at all (the page has no Chinese data either).
        let cjk = text.unicodeScalars.filter { (0x3000...0x9FFF).contains($0.value) || (0xFF00...0xFFEF).contains($0.value) }
        #expect(cjk.isEmpty, "Chinese on the German page: \(String(String.UnicodeScalarView(cjk.prefix(40))))")
        // No English word of the built-in files (the German file replaces each one).
        let english = LanguageFile.read("en").filter { $0.key != "language_name" }
        for (key, value) in english.sorted(by: { $0.key < $1.key }) {
            for fragment in value.split(separator: /\{[a-z_]+\}/).map({ $0.trimmingCharacters(in: .whitespacesAndNewlines.union(.punctuationCharacters)) })
            where fragment.count >= 4 && fragment.contains(where: \.isLetter) && fragment != "Findings" {
                #expect(!text.contains(fragment), "\(key): \"\(fragment)\" is on the German page")
            }
        }
        for word in ["Figure", "Table", "Share", "respondents", "withheld", "answered", "Data for", "References", " of the "] {
            #expect(!text.contains(word), "\"\(word)\" is on the German page")
        }
    }

    /// What a reader meets: the text between tags (scripts and styles left out) and the text of
    /// attributes that are read or shown (title, alt, aria-label, placeholder, content).
    static func readerText(_ html: String) -> String {
        var body = html.replacing(/<script[\s\S]*?<\/script>/, with: " ").replacing(/<style[\s\S]*?<\/style>/, with: " ")
        let attributes = body.matches(of: /(?:title|alt|aria-label|placeholder|content)="([^"]*)"/).map { String($0.output.1) }
        body = body.replacing(/<[^>]*>/, with: " ")
        return body + "\n" + attributes.joined(separator: "\n")
    }
}
