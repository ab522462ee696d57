#!/usr/bin/env python3
"""A content folder with a declared design, from the anchors' synthetic survey, for `make bench`.

The anchors' respondents (gen_survey.py) become a clustered, stratified sample: the seven regions
are the strata, design weights run from 1 to 2, and within each region consecutive respondents form clusters of about 100 (so
1,000,000 respondents sit in about 10,000 PSUs). The weights are raked to two margins, group and
region, whose targets differ from the sample's shares; respondents without a group or region
(a few hundred in a million) are left out, since raking needs every respondent in a cell. The
free-text question is left out too (R's reference script reads plain CSV cells only).
The breakdowns are group and region; hospital tier is left out as well (asked of clinicians
only, its tables against group have one column, which R's reference script does not test).
Deterministic.

usage: python3 design_content.py ANCHOR_DATA_DIR OUT_CONTENT_DIR
"""
import csv
import os
import sys

import yaml

src, out = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out, "data"), exist_ok=True)
with open(os.path.join(src, "codebook.yaml"), encoding="utf-8") as f:
    codebook = yaml.safe_load(f)
# Left out: the free-text question, and hospital tier (asked of clinicians only, so its tables
# against group have one column, which R's reference script does not test).
# And province, which lies within region: province by region is singular, and R stops on it.
dropped = {q["id"] for q in codebook["questions"] if q["type"] == "text"} | {"hospital_tier", "province"}
codebook["questions"] = [q for q in codebook["questions"] if q["id"] not in dropped]
codebook["survey"]["weight_column"] = "weight"
codebook["survey"]["design"] = {"strata": "stratum", "clusters": "psu"}
codebook["survey"]["calibration"] = {"margins": {
    "group": {1: 0.80, 2: 0.12, 3: 0.08},
    "region": {1: 0.12, 2: 0.07, 3: 0.30, 4: 0.18, 5: 0.13, 6: 0.12, 7: 0.08},
}}
with open(os.path.join(out, "data", "codebook.yaml"), "w", encoding="utf-8") as f:
    yaml.safe_dump(codebook, f, allow_unicode=True, sort_keys=False)

with open(os.path.join(src, "responses.csv"), newline="", encoding="utf-8") as f, \
        open(os.path.join(out, "data", "responses.csv"), "w", newline="", encoding="utf-8") as g:
    reader = csv.reader(f)
    writer = csv.writer(g, lineterminator="\n")
    header = next(reader)
    keep = [i for i, name in enumerate(header) if name not in dropped]
    region, group = header.index("region"), header.index("group")
    valid = {q["id"]: {str(code) for code in q["options"]} for q in codebook["questions"] if q["id"] in ("group", "region")}
    writer.writerow([header[i] for i in keep] + ["stratum", "psu", "weight"])
    seen = {}
    for row in reader:
        if row[region] not in valid["region"] or row[group] not in valid["group"]:
            continue
        r = row[region]
        k = seen.get(r, 0)
        seen[r] = k + 1
        # Design weights from 1 to 2 in steps of a quarter, varying from respondent to respondent.
        writer.writerow([row[i] for i in keep] + [r, f"{r}-{k // 100}", str(1 + (k * 7919 % 5) / 4)])

with open(os.path.join(out, "site.yaml"), "w", encoding="utf-8") as f:
    f.write("title: Design benchmark\nbreakdowns: [group, region]\n")
os.makedirs(os.path.join(out, "pages"), exist_ok=True)
with open(os.path.join(out, "pages", "index.md"), "w", encoding="utf-8") as f:
    f.write("---\ntitle: Design benchmark\n---\n\nThe design benchmark.\n")
