#!/usr/bin/env python3
"""Seeded preview data for the walking skeleton: a few hundred SYNTHETIC respondents.

Superseded by `findings synth` (issue 3); kept so the shipped preview file can be remade:
    python3 scripts/preview_data.py 400 20250901 > content/data/responses.csv
"""
import csv
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 400
rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 20250901)
PROVS = [("110000", 1), ("120000", 1), ("130000", 1), ("140000", 2), ("150000", 3), ("210000", 4), ("220000", 4),
         ("230000", 4), ("310000", 1), ("320000", 1), ("330000", 1), ("340000", 2), ("350000", 1), ("360000", 2),
         ("370000", 1), ("410000", 2), ("420000", 2), ("430000", 2), ("440000", 1), ("450000", 3), ("460000", 1),
         ("500000", 3), ("510000", 3), ("520000", 3), ("530000", 3), ("540000", 3), ("610000", 3), ("620000", 3),
         ("630000", 3), ("640000", 3), ("650000", 3)]
POP = [22, 14, 74, 35, 24, 42, 24, 31, 25, 85, 65, 61, 42, 45, 102, 99, 58, 66, 127, 50, 10, 32, 84, 39, 47, 4, 40, 25, 6, 7, 26]


def pick(weights):
    return rng.choices(range(1, len(weights) + 1), weights)[0]


def multi(probs, cap=None):
    chosen = [i + 1 for i, p in enumerate(probs) if rng.random() < p]
    if cap and len(chosen) > cap:
        chosen = sorted(rng.sample(chosen, cap))
    return ";".join(map(str, chosen))


w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["respondent_id", "group", "province", "region", "hospital_tier", "ai_familiarity", "dept_uses_ai",
            "interest_rd", "engaged_rd", "share_willingness", "barriers", "priorities", "years_experience"])
for i in range(1, n + 1):
    group = pick([92, 5, 3])
    prov, region = rng.choices(PROVS, POP)[0] if i > 31 else PROVS[i - 1]
    tier = pick([8, 30, 62]) if group == 1 else ""
    fam = pick([9, 41, 38, 12] if group == 1 else [2, 18, 45, 35])
    dept = ("1" if rng.random() < {1: 0.3, 2: 0.52, 3: 0.72}[tier] else "2") if group == 1 else ""
    interest = pick([2, 6, 17, 42, 33] if group == 1 else [1, 3, 11, 40, 45])
    p_eng = {"": 0.35, 1: 0.06, 2: 0.13, 3: 0.26}[tier] * (1.6 if fam >= 3 else 0.5)
    engaged = "1" if rng.random() < p_eng else "2"
    share = pick([3, 9, 20, 43, 25])
    barriers = multi([0.66, 0.57, 0.52, 0.47, 0.46, 0.40, 0.35])
    priorities = multi([0.71, 0.64, 0.49, 0.30, 0.24, 0.22], cap=3)
    years = str(max(1, int(rng.gauss(12, 7)))) if rng.random() > 0.03 else "999"
    row = [f"R{i:05d}", group, prov, region, tier, fam, dept, interest, engaged, share, barriers, priorities, years]
    if rng.random() < 0.03:  # item missingness
        k = rng.choice([5, 7, 9, 10])
        row[k] = "-99"
    w.writerow(row)
