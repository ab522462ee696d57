"""An attacker who reads every file of a built site and tries to work out the counts it withholds.

Every published number becomes a linear constraint on unknown integer counts (as tau-ARGUS and
sdcTable model linked tables): the respondents' total; each question's answered / missing / not
asked line; its answer counts and their shares (exact in findings.json, to 0.1 percentage point
in the CSV downloads); Likert means and top boxes; every cross-tabulation's cells, its margins
and the shares in grouped, stacked and heatmap downloads; named findings' counts and bases. A
withheld count is a variable; "<m" says it lies in 1..m-1, "x" that it is unknown.

For every "<m" cell the attacker asks an integer program for the least and the greatest value
consistent with all of it. The site holds when that range spans 1..m-1: the attacker learns
nothing beyond "fewer than m". (Test statistics are not inverted: a table that withholds a cell
publishes none, and its p-value only to two digits.)
"""
import csv
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp


class Model:
    def __init__(self):
        self.names = []
        self.index = {}
        self.lower = []
        self.upper = []
        self.rows = []  # (coefficients dict, lo, hi)

    def var(self, name, lo=0, hi=np.inf):
        if name not in self.index:
            self.index[name] = len(self.names)
            self.names.append(name)
            self.lower.append(0)
            self.upper.append(np.inf)
        i = self.index[name]
        self.lower[i] = max(self.lower[i], lo)
        self.upper[i] = min(self.upper[i], hi)
        return name

    def add(self, terms, lo, hi):
        """lo <= sum(coef * var) <= hi"""
        for name in terms:
            self.var(name)
        self.rows.append((dict(terms), lo, hi))

    def equal(self, terms, value, slack=0.0):
        self.add(terms, value - slack, value + slack)

    def extremes(self, name):
        n = len(self.names)
        a = np.zeros((len(self.rows), n))
        lo = np.zeros(len(self.rows))
        hi = np.zeros(len(self.rows))
        for r, (terms, l, h) in enumerate(self.rows):
            for v, c in terms.items():
                a[r, self.index[v]] += c
            lo[r], hi[r] = l, h
        bounds = Bounds(np.array(self.lower, float), np.array(self.upper, float))
        cons = [LinearConstraint(a, lo, hi)] if self.rows else []
        out = []
        for sign in (1, -1):
            c = np.zeros(n)
            c[self.index[name]] = sign
            res = milp(c, constraints=cons, integrality=np.ones(n), bounds=bounds, options={"time_limit": 20})
            if res.status != 0 or res.x is None:
                return None
            out.append(round(res.x[self.index[name]]))
        return tuple(out)


def marker(value):
    """(kind, bound) of a published count: ("int", n), ("small", m) for "<m", ("x", None)."""
    if isinstance(value, int):
        return ("int", value)
    if isinstance(value, str) and value.startswith("<"):
        return ("small", int(value[1:]))
    if value == "x":
        return ("x", None)
    raise ValueError(f"unexpected count {value!r}")


def count_var(model, name, value, small_cells):
    kind, v = marker(value)
    if kind == "int":
        model.var(name, v, v)
    elif kind == "small":
        model.var(name, 1, v - 1)
        small_cells.append((name, v))
    else:
        model.var(name, 0)
    return name


def percent(text):
    m = re.fullmatch(r"(-?\d+(?:\.\d+)?)%", text.strip())
    return float(m.group(1)) / 100 if m else None


def share_rows(model, numerator, denominator, share, halfwidth):
    """numerator / denominator within share ± halfwidth, as two linear rows (denominator > 0)."""
    terms_lo = {v: c for v, c in numerator.items()}
    for v, c in denominator.items():
        terms_lo[v] = terms_lo.get(v, 0) - c * (share - halfwidth)
    model.add(terms_lo, 0, np.inf)
    terms_hi = {v: -c for v, c in numerator.items()}
    for v, c in denominator.items():
        terms_hi[v] = terms_hi.get(v, 0) + c * (share + halfwidth)
    model.add(terms_hi, 0, np.inf)


def attack(site: Path, codebook: dict, min_cell: int):
    """Returns (problems, small cells checked). `codebook` maps question -> {code: label}, type."""
    doc = json.loads((site / "data" / "findings.json").read_text())
    model = Model()
    small = []
    problems = []
    N = doc["respondents"]
    questions = doc["questions"]
    weighted = any("weighted_count" in c for q in questions.values() for c in q.get("categories", []))
    for qid, q in questions.items():
        # Item non-response ("missing") is paradata, not protected: it is shown as "<m" so no small
        # number is printed, but the total and the answered count bound it (docs/security.md).
        # "Not asked" is protected: skip logic makes it the count of the answers that skip.
        line = [count_var(model, f"{qid}.valid", q["valid"], small),
                count_var(model, f"{qid}.missing", q["missing"], []),
                count_var(model, f"{qid}.not_asked", q["not_asked"], small)]
        model.equal({v: 1 for v in line}, N)
        cats = q.get("categories", [])
        for c in cats:
            name = count_var(model, f"{qid}={c['code']}", c["count"], small)
            model.add({name: 1, f"{qid}.valid": -1}, -np.inf, 0)
            if c.get("proportion") is not None and not weighted:
                model.add({name: 1, f"{qid}.valid": -c["proportion"]}, -1e-6, 1e-6)
            if marker(c["count"])[0] != "int" and c.get("ci95"):
                problems.append(f"findings.json: {qid}={c['code']} is withheld but keeps its interval")
        if q["type"] in ("single", "likert"):
            model.equal({f"{qid}={c['code']}": 1 for c in cats} | {f"{qid}.valid": -1}, 0)
        if q["type"] == "likert" and not weighted:
            if q.get("mean") is not None:
                model.add({f"{qid}={c['code']}": float(c["code"]) for c in cats} | {f"{qid}.valid": -q["mean"]}, -1e-6, 1e-6)
            top = q.get("top_box") or {}
            if top.get("proportion") is not None:
                model.add({f"{qid}={code}": 1 for code in top.get("codes", [])} | {f"{qid}.valid": -top["proportion"]}, -1e-6, 1e-6)
        if q["type"] == "numeric":
            for key in ("min", "max"):
                if q.get(key) is not None:
                    problems.append(f"findings.json: {qid}.{key} is one respondent's answer and is published")
            valid = marker(q["valid"])
            if valid[0] != "int" or valid[1] < min_cell:
                for key in ("mean", "sd", "q1", "median", "q3"):
                    if q.get(key) is not None:
                        problems.append(f"findings.json: {qid}.{key} is published with fewer than min_cell answers")
    for t in doc["crosstabs"]:
        tag = f"{t['row']}~{t['column']}" + (f"[{t['option']}]" if t["option"] else "")
        rows, cols = t["row_codes"], t["column_codes"]
        cells = {}
        for i, rc in enumerate(rows):
            for j, cc in enumerate(cols):
                cells[(rc, cc)] = count_var(model, f"{tag}:{rc},{cc}", t["counts"][i][j], small)
        if any(marker(t["counts"][i][j])[0] != "int" for i in range(len(rows)) for j in range(len(cols))):
            for key in ("chi_square", "cramers_v"):
                if t.get(key) is not None:
                    problems.append(f"findings.json: {tag} publishes {key} beside withheld cells")
        row_q, col_q = t["row"], t["column"]
        col_codes = list(codebook[col_q]["options"])
        # Margins: a column is at most the breakdown's answer count (respondents valid on both).
        for cc in col_codes:
            terms = {cells[(rc, cc)]: 1 for rc in rows if (rc, cc) in cells}
            if terms:
                model.add(terms | {f"{col_q}={cc}": -1}, -np.inf, 0)
        if t["option"] is None:
            for rc in codebook[row_q]["options"]:
                terms = {cells[(rc, cc)]: 1 for cc in cols if (rc, cc) in cells}
                if terms:
                    model.add(terms | {f"{row_q}={rc}": -1}, -np.inf, 0)
                    # Exact when nobody valid on the row question skipped the column question.
                    if questions[col_q]["missing"] == 0 and questions[col_q]["not_asked"] == 0:
                        model.add(terms | {f"{row_q}={rc}": -1}, 0, 0)
        else:
            yes = {cells[("yes", cc)]: 1 for cc in cols if ("yes", cc) in cells}
            if yes:
                model.add(yes | {f"{row_q}={t['option']}": -1}, -np.inf, 0)
                if questions[col_q]["missing"] == 0 and questions[col_q]["not_asked"] == 0:
                    model.add(yes | {f"{row_q}={t['option']}": -1}, 0, 0)
        if t["option"] is None and questions[row_q]["missing"] == 0 and questions[row_q]["not_asked"] == 0:
            for cc in col_codes:
                terms = {cells[(rc, cc)]: 1 for rc in rows if (rc, cc) in cells}
                if terms:
                    model.add(terms | {f"{col_q}={cc}": -1}, 0, 0)
        # Shares in the downloads of this pair (unweighted sites: cell / column total, ±0.05 pp).
        if not weighted:
            downloads(site, model, codebook, t, cells, problems)
    for name, f in doc.get("findings", {}).items():
        if f.get("withheld"):
            for key in ("value", "ci95", "count"):
                if f.get(key) not in (None,):
                    problems.append(f"findings.json: withheld finding {name} publishes {key}")
            continue
        n = f.get("n")
        if isinstance(n, int) and 0 < n < min_cell and f.get("value") is not None:
            problems.append(f"findings.json: finding {name} has a base of {n} and publishes its value")
    bar_downloads(site, model, codebook, questions, weighted, problems)
    codebook_page_agrees(site, questions, problems)
    checked = 0
    for name, m in small:
        span = model.extremes(name)
        checked += 1
        if span is None:
            problems.append(f"{name}: the published numbers are inconsistent (the model has no solution)")
        elif span[0] > 1 or span[1] < m - 1:
            problems.append(f"{name}: withheld as <{m}, but the published numbers pin it to {span[0]}..{span[1]}")
    return problems, checked


class CodebookPage(HTMLParser):
    """The codebook page's answer tables: question id -> [(code, n as printed)]."""

    def __init__(self):
        super().__init__()
        self.questions, self.current, self.row, self.cell = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and (attrs.get("id") or "").startswith("q-"):
            self.current = attrs["id"][2:]
            self.questions[self.current] = []
        elif tag == "tr" and self.current:
            self.row = []
        elif tag in ("td", "th") and self.row is not None:
            self.cell = ""

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row is not None:
            if len(self.row) == 4 and self.row[0] != "Code":
                self.questions[self.current].append((self.row[0], self.row[2]))
            self.row = None
        elif tag == "section":
            self.current = None


def codebook_page_agrees(site, questions, problems):
    """Every answer count the codebook page prints is the one findings.json publishes."""
    html = (site / "codebook.html").read_text(encoding="utf-8")
    if re.search(r"<\d", html):
        problems.append("codebook.html: a marker such as <5 stands unescaped in the HTML")
    page = CodebookPage()
    page.feed(html)
    for qid, rows in page.questions.items():
        published = {c["code"]: c["count"] for c in questions.get(qid, {}).get("categories", [])}
        for code, printed in rows:
            expected = published.get(code)
            shown = f"{expected:,}" if isinstance(expected, int) else expected
            if printed != shown:
                problems.append(f"codebook.html: {qid}={code} shows {printed!r}, findings.json {expected!r}")


def downloads(site, model, codebook, t, cells, problems):
    """Grouped-bar, heatmap and small-multiples (answers as rows) and stacked/diverging (groups as
    rows) downloads of this question by this breakdown: each share is cell / column total."""
    row_q, col_q = t["row"], t["column"]
    labels_row = codebook[row_q]["options"]
    labels_col = codebook[col_q]["options"]
    for path in sorted((site / "data").glob(f"fig-{row_q}-by-{col_q}*.csv")):
        table = list(csv.reader(path.open(encoding="utf-8")))
        header = table[0]
        for line in table[1:]:
            for j, text in enumerate(line[1:], start=1):
                share = percent(text)
                if share is None or j >= len(header):
                    continue
                a, b = line[0], header[j]
                rc = next((c for c, l in labels_row.items() if l == a), None)
                cc = next((c for c, l in labels_col.items() if l == b), None)
                if rc is None or cc is None:
                    rc = next((c for c, l in labels_row.items() if l == b), None)
                    cc = next((c for c, l in labels_col.items() if l == a), None)
                if rc is None or cc is None:
                    continue
                key = ("yes", cc) if t["option"] is not None else (rc, cc)
                if t["option"] is not None and rc != t["option"]:
                    continue
                if key not in cells:
                    continue
                column = {cells[(r, cc)]: 1 for r in t["row_codes"] if (r, cc) in cells}
                share_rows(model, {cells[key]: 1}, column, share, 0.0005 + 1e-9)


def bar_downloads(site, model, codebook, questions, weighted, problems):
    """Bar-chart downloads: each answer's share of the answered count, and no interval beside a
    withheld answer."""
    for qid in questions:
        path = site / "data" / f"fig-{qid}.csv"
        if not path.exists():
            continue
        table = list(csv.reader(path.open(encoding="utf-8")))
        if table[0][:2] != ["Answer", "Share"]:
            continue
        labels = codebook[qid]["options"]
        for line in table[1:]:
            code = next((c for c, l in labels.items() if l == line[0]), None)
            if code is None:
                continue
            share = percent(line[1])
            if share is None:
                if any(percent(x) is not None for x in line[2:]):
                    problems.append(f"{path.name}: {line[0]} is withheld but keeps its interval")
                continue
            if not weighted:
                share_rows(model, {f"{qid}={code}": 1}, {f"{qid}.valid": 1}, share, 0.0005 + 1e-9)
