#!/usr/bin/env python3
"""The import bench's inputs: one survey of N respondents as an SPSS .sav (pyreadstat, with value
labels, a user-missing value, measurement levels and a weight) and as an Excel .xlsx (openpyxl,
write-only), in OUTDIR. Usage: import_files.py N OUTDIR."""
import os, sys
import numpy as np, pandas as pd, pyreadstat, openpyxl

n, out = int(sys.argv[1]), sys.argv[2]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(20261203)
frame = pd.DataFrame({"id": np.arange(1, n + 1, dtype=float)})
frame["group"] = rng.choice([1.0, 2.0, 3.0], n, p=[0.6, 0.25, 0.15])
frame["region"] = rng.choice([1.0, 2.0, 3.0, 4.0], n)
for k in range(1, 6):
    values = rng.choice([1.0, 2.0, 3.0, 4.0, 5.0, 98.0], n, p=[0.1, 0.15, 0.3, 0.25, 0.15, 0.05])
    frame[f"att{k}"] = values
for k in range(1, 5):
    frame[f"q5_{k}"] = (rng.random(n) < 0.2 + 0.1 * k).astype(float)
frame["age"] = rng.integers(22, 65, n).astype(float)
frame["years"] = np.round(rng.gamma(2.0, 5.0, n), 1)
frame["wt"] = np.round(rng.uniform(0.5, 2.0, n), 3)
agree = {1.0: "Strongly disagree", 2.0: "Disagree", 3.0: "Neutral", 4.0: "Agree", 5.0: "Strongly agree", 98.0: "Don't know"}
labels = {"group": {1.0: "Clinician", 2.0: "Institution", 3.0: "Industry"},
          "region": {1.0: "East", 2.0: "Central", 3.0: "West", 4.0: "Northeast"}}
labels.update({f"att{k}": agree for k in range(1, 6)})
labels.update({f"q5_{k}": {0.0: "Not chosen", 1.0: "Chosen"} for k in range(1, 5)})
measure = {c: "ordinal" for c in labels if c.startswith("att")}
measure.update({"group": "nominal", "region": "nominal", "age": "scale", "years": "scale", "wt": "scale", "id": "scale"})
measure.update({f"q5_{k}": "nominal" for k in range(1, 5)})
pyreadstat.write_sav(frame, f"{out}/survey.sav", file_label="Import bench", variable_value_labels=labels,
                     missing_ranges={f"att{k}": [98] for k in range(1, 6)}, variable_measure=measure,
                     column_labels=[c.replace("_", " ") for c in frame.columns])
book = openpyxl.Workbook(write_only=True)
sheet = book.create_sheet("responses")
sheet.append(list(frame.columns))
for row in frame.itertuples(index=False):
    sheet.append([int(x) if x == int(x) else x for x in row])
book.save(f"{out}/survey.xlsx")
