#!/usr/bin/env python3
"""The import bench's agreement check: Findings' responses.csv against the reference reader's CSV
(pyreadstat's or openpyxl's) of the same file. A question's column is compared with the source
variable it names in the codebook (`source:`), missing codes as missing; a multi question with its
0/1 variables. Prints "N values equal" or the first differences, and exits 1 on any."""
import sys
import numpy as np, pandas as pd, yaml

findings_dir, reference_csv = sys.argv[1], sys.argv[2]
codebook = yaml.safe_load(open(f"{findings_dir}/codebook.yaml", encoding="utf-8"))
ours = pd.read_csv(f"{findings_dir}/responses.csv", dtype=str, keep_default_na=False)
theirs = pd.read_csv(reference_csv)
compared, problems = 0, []
for q in codebook["questions"]:
    sources = str(q["source"]).split()
    column = ours[q["id"]]
    missing = set(str(m) for m in q.get("missing", []))
    if q["type"] == "multi":
        codes = [str(c) for c in q["options"]]
        expected = [";".join(code for code, s in zip(codes, sources) if row[s] == 1) for _, row in theirs[sources].iterrows()] \
            if len(theirs) <= 200000 else None
        if expected is None:
            chosen = np.stack([theirs[s].to_numpy() == 1 for s in sources], axis=1)
            for code, s in zip(codes, sources):
                mine = column.str.split(";").apply(lambda cell: code in cell).to_numpy()
                bad = int((mine != chosen[:, sources.index(s)]).sum())
                compared += len(mine)
                if bad: problems.append(f"{q['id']} option {code}: {bad} rows differ")
            continue
        bad = int((column.to_numpy() != np.array(expected)).sum())
        compared += len(expected)
        if bad: problems.append(f"{q['id']}: {bad} rows differ")
        continue
    mine = pd.to_numeric(column.where(~column.isin(missing) & (column != ""), None), errors="coerce").to_numpy(dtype=float)
    ref = pd.to_numeric(theirs[sources[0]], errors="coerce").to_numpy(dtype=float)
    ref = np.where(np.isin(ref, [float(m) for m in missing if m.lstrip("-").replace(".", "").isdigit()]), np.nan, ref)
    same = (mine == ref) | (np.isnan(mine) & np.isnan(ref))
    compared += len(mine)
    if not same.all(): problems.append(f"{q['id']}: {int((~same).sum())} rows differ")
for name in [codebook["survey"]["id_column"]] + ([codebook["survey"]["weight_column"]] if "weight_column" in codebook["survey"] else []):
    mine = pd.to_numeric(ours[name]).to_numpy(dtype=float)
    source = name if name in theirs else {"respondent_id": "id"}.get(name, name)
    same = mine == theirs[source].to_numpy(dtype=float)
    compared += len(mine)
    if not same.all(): problems.append(f"{name}: {int((~same).sum())} rows differ")
if problems:
    print("; ".join(problems))
    sys.exit(1)
print(f"{compared:,} values equal")
