"""Seeded small surveys of the kind that leak: tens of respondents, rare answers, tiny groups,
skip logic asked of a handful, missing codes, sometimes weights. Each is a content folder that
builds, with a page that shows every question in every chart kind and table Findings has."""
import random
from pathlib import Path

GROUPS = {"1": "Clinician", "2": "Institute", "3": "Industry"}
REGIONS = {"1": "East", "2": "West"}
TIER = {"1": "Secondary", "2": "Tertiary"}
INTEREST = {"1": "None", "2": "Little", "3": "Some", "4": "Much", "5": "Great"}
BARRIERS = {"1": "Privacy", "2": "Standards", "3": "Law"}
DISABILITY = {"1": "Yes", "2": "No"}


def options(d):
    return "{" + ", ".join(f'{k}: "{v}"' for k, v in d.items()) + "}"


def codebook(weighted):
    return f"""survey:
  id: battery
  id_column: respondent_id
{"  weight_column: weight" if weighted else ""}
  missing: ["-99"]
questions:
  - {{id: group, type: single, text: Group, options: {options(GROUPS)}}}
  - {{id: region, type: single, text: Region, options: {options(REGIONS)}}}
  - {{id: tier, type: single, text: Tier, asked_if: {{group: [1]}}, options: {options(TIER)}}}
  - {{id: interest, type: likert, text: Interest, top_box: [4, 5], options: {options(INTEREST)}}}
  - {{id: barriers, type: multi, text: Barriers, options: {options(BARRIERS)}}}
  - {{id: disability, type: single, text: Disability, options: {options(DISABILITY)}}}
  - {{id: salary, type: numeric, text: Salary, asked_if: {{tier: [2]}}}}
  - {{id: years, type: numeric, text: Years}}
"""


def responses(rng, n, weighted):
    rows = ["respondent_id," + ("weight," if weighted else "") + "group,region,tier,interest,barriers,disability,salary,years"]
    group_weights = rng.choice([[20, 8, 2], [10, 10, 1], [30, 3, 3], [5, 5, 5]])
    for i in range(n):
        group = rng.choices(["1", "2", "3"], group_weights)[0]
        tier = rng.choices(["1", "2"], [8, 1])[0] if group == "1" else ""
        interest = rng.choices(["1", "2", "3", "4", "5", "-99"], [1, 2, 6, 8, 3, 1])[0]
        chosen = sorted(rng.sample(["1", "2", "3"], rng.choice([1, 1, 2])), key=int) if rng.random() > 0.05 else []
        barriers = ";".join(chosen) if chosen else "-99"
        disability = "1" if rng.random() < 0.04 else "2"
        salary = str(rng.randint(3000, 90000)) if tier == "2" else ""
        years = str(rng.randint(1, 40)) if rng.random() > 0.1 else ""
        weight = f"{rng.uniform(0.4, 2.5):.3f}," if weighted else ""
        rows.append(f"r{i + 1},{weight}{group},{rng.choice(['1', '2'])},{tier},{interest},{barriers},{disability},{salary},{years}")
    return "\n".join(rows) + "\n"


PAGE = """---
title: Results
---

Interest among clinicians `=keen_clin`, industry `=keen_ind`, gap `=keen_gap`; salary `=salary_mean`;
disabled `=disabled` of `=disabled.n`; all but `=not_disabled`.

```chart
question: group
```

```chart
question: interest
```

```chart
question: barriers
```

```chart
question: disability
```

```chart
question: tier
```

```chart
question: salary
kind: histogram
```

```chart
question: years
kind: histogram
```

```chart
question: barriers
kind: grouped-bar
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
breakdown: region
```

```chart
question: interest
kind: dot-interval
breakdown: group
```

```chart
question: disability
kind: heatmap
breakdown: group
```

```chart
question: barriers
kind: small-multiples
breakdown: region
```

```chart
kind: dumbbell
question: interest
versus: barriers
versus_codes: ["1"]
breakdown: group
```

```table
question: disability
breakdown: group
```

```table
question: interest
breakdown: region
```

```table
question: tier
breakdown: group
```

```table
question: barriers
```
"""

FINDINGS = """keen_clin: {share: interest, codes: ["4", "5"], where: {group: [1]}}
keen_ind: {share: interest, codes: ["4", "5"], where: {group: [3]}}
keen_gap: {difference: [keen_clin, keen_ind]}
salary_mean: {mean: salary}
disabled: {count: disability, codes: ["1"]}
not_disabled: {share: disability, codes: ["2"]}
industry_share: {share: group, codes: ["3"]}
"""


def write(folder: Path, seed: int, min_cell: int = 0):
    rng = random.Random(seed)
    min_cell = min_cell or [5, 5, 3, 10][seed % 4]
    n = rng.choice([12, 20, 30, 45, 80, 150])
    weighted = rng.random() < 0.3
    content = folder / "content"
    (content / "data").mkdir(parents=True, exist_ok=True)
    (content / "pages").mkdir(parents=True, exist_ok=True)
    (content / "site.yaml").write_text(f"title: Battery {seed}\nbreakdowns: [group, region]\ndisclosure: {{min_cell: {min_cell}}}\nsynthetic: true\n")
    (content / "data" / "codebook.yaml").write_text(codebook(weighted))
    (content / "data" / "responses.csv").write_text(responses(rng, n, weighted))
    (content / "findings.yaml").write_text(FINDINGS)
    (content / "pages" / "index.md").write_text(PAGE)
    return {"respondents": n, "weighted": weighted, "min_cell": min_cell}
