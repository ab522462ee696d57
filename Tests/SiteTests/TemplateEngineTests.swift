import Foundation
import Testing
import TestSupport
@testable import Site

/// Layouts are rendered by a typed Mustache renderer; swift-mustache is the reference. Every
/// template here must render to exactly the same text with both.
@Suite("The typed template renderer agrees with swift-mustache")
struct TemplateEngineTests {
    nonisolated(unsafe) static let context: [String: Any] = [
        "lang": "en",
        "title": "Tom & \"Jerry\" <b>'s</b>",
        "yes": true, "no": false, "empty": [Any](), "blank": "",
        "names": ["Ann", "Bo <i>", "Cy"],
        "nav": [["title": "Overview", "href": "index.html", "current": true],
                ["title": "Data & methods", "href": "methods.html", "current": false]] as [[String: Any]],
        "page": ["title": "Results", "path": "results.html", "is_index": false, "content": "<p>Body\nwith lines</p>\n",
                 "nested": ["deep": ["value": "found"]]] as [String: Any],
        "site": ["title": "Survey", "subtitle": "Sub", "synthetic": true] as [String: Any],
        "ui": ["skip": "Skip to content", "menu": "Menu"],
        "toc": [["text": "One", "id": "one"], ["text": "Two", "id": "two"]],
        "value": "top",
    ]

    static let templates: [String: String] = [
        "variables": "{{title}} {{{title}}} {{& title}} {{ page.title }} {{missing}} {{yes}} {{no}}|{{page.nested.deep.value}}|{{page.missing.deep}}\n",
        "sections": "{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}notN{{/no}}{{^empty}}E{{/empty}}{{#empty}}x{{/empty}}{{^missing}}M{{/missing}}{{#blank}}[{{.}}]{{/blank}}\n",
        "lists": "<ul>\n{{#nav}}\n  <li><a href=\"{{href}}\"{{#current}} aria-current=\"page\"{{/current}}>{{title}}</a> {{value}}</li>\n{{/nav}}\n</ul>\n{{#names}}{{.}},{{/names}}\n",
        "objects": "{{#page}}{{title}} at {{path}} in {{site.title}}; {{.title}} {{.value}}{{/page}}\n{{#page.nested}}{{#deep}}{{value}}{{/deep}}{{/page.nested}}\n",
        "standalone": "Begin\n  {{#yes}}  \n  inside\n  {{/yes}}\n{{! a comment\n   over lines }}\n  {{^no}}\nnot\n{{/no}}  \nEnd {{#yes}}\ninline\n{{/yes}} tail\n",
        "crlf": "A\r\n{{#yes}}\r\nB\r\n{{/yes}}\r\nC {{title}}\r\n",
        "partials": "Before\n  {{> piece}}\n{{> piece}} after\n\t{{>piece}}\n",
        "piece": "piece line 1 {{value}}\npiece line 2\n",
        "delimiters": "{{=<% %>=}}\n<% title %> {{not a tag}}\n<%={{ }}=%>\n{{value}}\n",
        "base": "<html>\n{{$head}}<title>{{title}}</title>{{/head}}\n<body>\n  {{$main}}\n  default main\n  {{/main}}\n{{$footer}}{{> piece}}{{/footer}}\n</body>\n</html>\n",
        "child": "{{! fills the base }}\n{{<base}}\n{{$main}}\n<main>\n  {{{page.content}}}\n</main>\n{{/main}}\n{{/base}}\n",
        "middle": "{{<base}}{{$head}}<title>middle</title>{{/head}}{{/base}}",
        "grandchild": "{{<middle}}\n  {{$main}}\n    grand {{value}}\n  {{/main}}\n{{/middle}}\n",
        "unicode": "报告：{{title}} — {{#names}}«{{.}}»{{/names}}\n",
        "noNewline": "  {{#yes}}\nlast{{/yes}}",
    ]

    func bothRenderings() throws -> [(String, String, String)] {
        let folder = try TemporaryFolder(Dictionary(uniqueKeysWithValues: Self.templates.map { ("templates/\($0.key).mustache", $0.value) }))
        defer { folder.remove() }
        let set = try TemplateSet(folder: folder.url.appendingPathComponent("templates"), workingDirectory: folder.path)
        #expect(set.usesTypedRenderer)
        return try Self.templates.keys.sorted().map { name in
            (name, try set.render(name, Self.context), try set.renderWithSwiftMustache(name, Self.context))
        }
    }

    @Test("Variables, sections, lists, standalone lines, partials, delimiters and inheritance")
    func sameText() throws {
        for (name, fast, reference) in try bothRenderings() {
            #expect(fast == reference, "\(name):\n\(fast)\n--- swift-mustache:\n\(reference)")
        }
    }

    @Test("The built-in layout renders the same with both, for the index and for another page")
    func builtInLayout() throws {
        let folder = try TemporaryFolder([:])
        defer { folder.remove() }
        let set = try TemplateSet(folders: [Repository.templates], workingDirectory: folder.path)
        #expect(set.usesTypedRenderer)
        for isIndex in [true, false] {
            var context = Self.context
            context["page"] = ["title": "Results", "path": isIndex ? "index.html" : "results.html", "is_index": isIndex,
                               "content": "<p>Body</p>\n", "has_summary": !isIndex, "summary": "Sum & more", "root": "./",
                               "is_fallback": !isIndex, "content_lang": "en"] as [String: Any]
            context["has_toc"] = true
            context["versions"] = [["lang": "zh", "name": "中文", "href": "zh/index.html", "current": false]]
            context["has_versions"] = true
            context["meta"] = [["name": "citation_title", "content": "S"], ["property": "og:title", "content": "R"]]
            context["previous"] = ["title": "Back", "href": "a.html"]
            context["jsonld"] = "{\"@type\":\"Report\"}"
            #expect(try set.render("layout", context) == set.renderWithSwiftMustache("layout", context))
        }
    }

    @Test("Templates with swift-mustache's own extensions are rendered by swift-mustache")
    func extensionsFallBack() throws {
        let folder = try TemporaryFolder(["templates/t.mustache": "{{#names}}{{#first()}}first: {{/first()}}{{.}} {{/names}}"])
        defer { folder.remove() }
        let set = try TemplateSet(folder: folder.url.appendingPathComponent("templates"), workingDirectory: folder.path)
        #expect(!set.usesTypedRenderer)
        #expect(try set.render("t", Self.context) == "first: Ann Bo &lt;i&gt; Cy ")
    }

    /// Random templates of text, line ends, spaces and every supported tag, sections balanced.
    static func randomTemplate(_ random: inout SplitMix, depth: Int = 0) -> String {
        let pieces = ["a", " ", "  ", "\n", "\r\n", "\t", "<p>", "{{title}}", "{{{title}}}", "{{& page.title}}", "{{value}}",
                      "{{missing}}", "{{! note }}", "{{!\n two lines \n}}", "{{> piece}}", "  {{> piece}}\n", "{{yes}}"]
        var out = ""
        for _ in 0..<Int(random.next() % 8) {
            let roll = random.next() % 10
            if roll < 7 || depth > 2 {
                out += pieces[Int(random.next() % UInt64(pieces.count))]
            } else {
                let name = ["yes", "no", "nav", "names", "page", "empty", "missing", "blank"][Int(random.next() % 8)]
                let open = random.next() % 2 == 0 ? "#" : "^"
                let lead = ["", "\n", "  ", "\n  "][Int(random.next() % 4)], trail = ["", "\n", " \n"][Int(random.next() % 3)]
                out += "\(lead){{\(open)\(name)}}\(trail)" + randomTemplate(&random, depth: depth + 1) + "\(lead){{/\(name)}}\(trail)"
            }
        }
        return out
    }

    @Test("Random templates render the same with both")
    func randomTemplates() throws {
        var random = SplitMix(seed: 42)
        var files = ["templates/piece.mustache": Self.templates["piece"]!]
        for k in 0..<1000 { files["templates/r\(k).mustache"] = Self.randomTemplate(&random) }
        let folder = try TemporaryFolder(files)
        defer { folder.remove() }
        let set = try TemplateSet(folder: folder.url.appendingPathComponent("templates"), workingDirectory: folder.path)
        #expect(set.usesTypedRenderer)
        for k in 0..<1000 {
            let fast = try set.render("r\(k)", Self.context), reference = try set.renderWithSwiftMustache("r\(k)", Self.context)
            #expect(fast == reference, "template: \(files["templates/r\(k).mustache"]!.debugDescription)")
        }
    }
}
