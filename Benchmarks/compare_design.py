#!/usr/bin/env python3
"""Findings' findings/1 beside R survey's design-reference.json: the largest relative difference.

Compares every category's proportion, standard error, design effect and interval, every mean and
its standard error, every Rao-Scott F and p-value and every column comparison's difference and
standard error. Standard errors that R computes as rounding noise (a raking variable's own
categories, below 1e-9 of the estimate) are skipped, as the tests skip them.

usage: python3 compare_design.py FINDINGS_JSON DESIGN_REFERENCE_JSON
"""
import json
import sys

ours, ref = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
worst, count, where = 0.0, 0, ""


def close(a, b, what):
    global worst, count, where
    if a is None or b is None:
        if (a is None) != (b is None):
            raise SystemExit(f"{what}: {a} vs {b}")
        return
    count += 1
    d = abs(a - b) / max(abs(a), abs(b), 1e-300)
    if d > worst:
        worst, where = d, what


for qid, r in ref["questions"].items():
    q = ours["questions"][qid]
    cats = {c["code"]: c for c in q.get("categories", [])}
    for rc in r.get("categories", []):
        c = cats[rc["code"]]
        close(c["proportion"], rc["proportion"], f"{qid} {rc['code']} proportion")
        if rc.get("se") is not None and rc["se"] > 1e-9 * max(rc["proportion"], 1e-300):
            close(c["se"], rc["se"], f"{qid} {rc['code']} se")
            close(c["deff"], rc["deff"], f"{qid} {rc['code']} deff")
            for a, b in zip(c["ci95"], rc["ci95"]):
                close(a, b, f"{qid} {rc['code']} ci95")
    if r.get("mean_se") is not None:
        close(q["mean"], r["mean"], f"{qid} mean")
        close(q["mean_se"], r["mean_se"], f"{qid} mean_se")

tables = {(t["row"], t["column"], t.get("option")): t for t in ours["crosstabs"]}
for rt in ref["crosstabs"]:
    t = tables[(rt["row"], rt["column"], rt.get("option"))]
    if rt.get("rao_scott"):
        close(t["rao_scott"]["f"], rt["rao_scott"]["f"], f"{rt['row']}×{rt['column']} F")
        close(t["rao_scott"]["p_value"], rt["rao_scott"]["p_value"], f"{rt['row']}×{rt['column']} p")
    pairs = {(p["row_code"], p["a"], p["b"]): p for p in t.get("column_pairs") or []}
    for rp in rt.get("column_pairs") or []:
        p = pairs[(rp["row_code"], rp["a"], rp["b"])]
        close(p["difference"], rp["difference"], f"{rt['row']}×{rt['column']} pair difference")
        if rp["se"] and rp["se"] > 1e-12:
            close(p["se"], rp["se"], f"{rt['row']}×{rt['column']} pair se")

print(f"{count} values agree with R to {worst:.1e} relative (largest: {where})")
