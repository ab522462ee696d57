"""A report whose every text field an author or a survey platform controls carries markup,
script, dangerous URLs, XML and CSS specials, bidi overrides and NUL bytes. It must build into a
site where none of it runs or changes the structure of a page, an SVG or the JSON-LD."""
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, Server, make_driver

FINDINGS = ROOT / ".build" / "debug" / "findings"
# One string to put everywhere: each part tries another way out of its context.
H = ('<script>window.__pwned=1</script>"><img src=x onerror="window.__pwned=2">'
     "'\u202e]]></svg><svg onload=\"window.__pwned=3\">}</style><style>*{display:none}</style>&amp;&#x3c;")
Y = json.dumps(H)  # the same, as a YAML (JSON-compatible) double-quoted scalar
BAD_URL = "javascript:window.__pwned=5"


def hostile_report(tmp_path):
    report = tmp_path / "hostile"
    made = subprocess.run([str(FINDINGS), "new", str(report)], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    content = report / "content"
    (content / "site.yaml").write_text(f"""title: {Y}
subtitle: {Y}
authors:
  - name: {Y}
    affiliation: {Y}
date: "2026-01-01"
license: {Y}
language: en
breakdowns: [group]
disclosure: {{min_cell: 3}}
synthetic: true
""")
    codebook = (content / "data" / "codebook.yaml").read_text()
    codebook = codebook.replace("text: {en: Which group do you belong to?, zh: 您属于哪一类？}", f"text: {{en: {Y}, zh: {Y}}}")
    codebook = codebook.replace("1: {en: Clinician, zh: 临床医生}", f"1: {{en: {Y}, zh: {Y}}}")
    codebook = codebook.replace("1: Privacy and security", f"1: {Y}")
    codebook += f"""  - id: comment
    type: text
    text: {{en: {Y}}}
    publish: true
"""
    (content / "data" / "codebook.yaml").write_text(codebook)
    rows = (content / "data" / "responses.csv").read_text().splitlines()
    quoted = '"' + H.replace('"', '""') + ' \x00 write to me at someone@example.org"'
    rows = [rows[0] + ",comment"] + [r + "," + (quoted if i % 2 else "") for i, r in enumerate(rows[1:])]
    (content / "data" / "responses.csv").write_text("\n".join(rows) + "\n")
    findings = (content / "findings.yaml").read_text().replace(
        "description: People who answered", f"description: {Y}")
    (content / "findings.yaml").write_text(findings)
    (content / "references.yaml").write_text(f"""- id: evil
  type: article-journal
  title: {Y}
  author: [{{family: {Y}, given: {Y}}}]
  container-title: {Y}
  issued: {{date-parts: [[2024]]}}
  URL: {json.dumps(BAD_URL)}
  DOI: {Y}
""")
    index = (content / "pages" / "index.md").read_text()
    index = re.sub(r"summary: .*", lambda m: f"summary: {Y}", index.replace("title: Overview", f"title: {Y}"), count=1)
    index += f"""

## {H}

{H}

A [link]({BAD_URL}), an ![image](data:text/html;base64,PHNjcmlwdD4=), <{BAD_URL}>, and [@evil].

Null \x00 byte and a right-to-left override \u202e here.

```chart
question: barriers
title: {Y}
caption: {Y}
```

```table
question: group
title: {Y}
```

```quotes
question: comment
title: {Y}
```
"""
    (content / "pages" / "index.md").write_text(index)
    return report


class Structure(HTMLParser):
    """Every start tag with its attributes, and the text of <title> and JSON-LD scripts."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.title, self.jsonld, self._in = [], "", [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "title":
            self._in = "title"
        if tag == "script" and dict(attrs).get("type") == "application/ld+json":
            self._in = "jsonld"
            self.jsonld.append("")

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "jsonld":
            self.jsonld[-1] += data


def dangerous_url(value):
    squashed = re.sub(r"[\x00-\x20]", "", value or "").lower()
    return squashed.startswith(("javascript:", "vbscript:", "data:"))


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    report = hostile_report(tmp_path_factory.mktemp("hostile"))
    built = subprocess.run([str(FINDINGS), "build", "--quiet"], cwd=report, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    return report / "public"


def test_no_injected_element_or_attribute_in_any_page(hostile_site):
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) >= 3
    for page in pages:
        parsed = Structure()
        parsed.feed(page.read_text())
        for tag, attrs in parsed.tags:
            where = f"{page.name}: <{tag} {attrs}>"
            assert not any(name.startswith("on") for name in attrs), where
            # The 404 page is served at any path, so its base is the host's root.
            bases = ("./", "../", "/") if page.name == "404.html" else ("./", "../")
            assert tag not in ("iframe", "object", "embed", "style", "base") or tag == "base" and attrs.get("href") in bases, where
            assert not (tag == "img" and attrs.get("src") == "x"), where
            for name in ("href", "src", "action", "formaction", "xlink:href", "poster"):
                assert not dangerous_url(attrs.get(name)), where
            if tag == "script":
                assert attrs.get("type") == "application/ld+json" or re.fullmatch(r"assets/\w+\.[0-9a-f]{10}\.js", attrs.get("src", "")), where
        # The hostile text survives as text: escaped, not dropped.
        assert "<script>window.__pwned=1</script>" in parsed.title or page.name in ("404.html",) or "zh" in str(page), page
        for block in parsed.jsonld:
            json.loads(block)
            assert "</script" not in block.lower()


def test_every_svg_is_well_formed_and_inert(hostile_site):
    svgs = sorted(hostile_site.rglob("*.svg"))
    assert svgs
    for svg in svgs:
        root = ET.parse(svg).getroot()
        for element in root.iter():
            assert not element.tag.endswith("script"), svg
            assert not any(name.lower().startswith("on") for name in element.attrib), svg
            for name, value in element.attrib.items():
                assert not (name.endswith("href") and dangerous_url(value)), svg


def test_free_text_is_published_only_redacted(hostile_site):
    text = "\n".join(p.read_text(errors="replace") for p in hostile_site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".csv"))
    assert "someone@example.org" not in text
    assert "[e-mail removed]" in text  # the answers were published, redacted
    assert "\x00" not in text


def test_nothing_runs_in_a_browser(hostile_site):
    server = Server(hostile_site)
    driver = make_driver()
    try:
        for page in server.pages():
            driver.get(f"{server.origin}/{page}")
            assert driver.execute_script("return window.__pwned === undefined"), page
            assert driver.execute_script("return document.querySelectorAll('img[src=x], svg[onload], [onerror]').length") == 0, page
    finally:
        driver.quit()
        server.close()


def test_unsafe_site_settings_are_refused(tmp_path):
    report = hostile_report(tmp_path)
    for base in ("javascript:alert(1)//", "data:text/html,x"):
        built = subprocess.run([str(FINDINGS), "build", "--base-url", base], cwd=report, capture_output=True, text=True)
        assert built.returncode == 1, base
        assert "error:" in built.stderr and "base" in built.stderr.lower(), built.stderr
    # A page's file name becomes its address: one that would need escaping is refused, at the file.
    evil = report / "content" / "pages" / 'evil"><img src=x onerror=alert(1)>.md'
    evil.write_text("---\ntitle: Evil\n---\nText.\n")
    built = subprocess.run([str(FINDINGS), "build"], cwd=report, capture_output=True, text=True)
    assert built.returncode == 1
    assert 'content/pages/evil"><img src=x onerror=alert(1)>.md:1:1: error: a page\'s file name becomes its address' in built.stderr
    assert not (report / "public").exists()

