#!/usr/bin/env python3
"""Check Findings' findings/1 against an anchor's JSON (DuckDB, pandas or R in
../shared/bench-anchors): counts exact, other numbers within 1e-9 relative.

The anchors differ from DATA.md in ways this script bridges: they cross two breakdowns both
ways (Findings once), name a multi option's rows "1"/"0" (Findings "yes"/"no"), and adjust p
over their larger family (so p_adjusted is not compared).

usage: python3 compare_anchor.py FINDINGS.json ANCHOR.json
"""
import json
import sys


def close(a, b):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    a, b = float(a), float(b)
    if abs(a) < 1e-300 and abs(b) < 1e-300:
        return True
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b))


def main():
    ours = json.load(open(sys.argv[1], encoding="utf-8"))
    theirs = json.load(open(sys.argv[2], encoding="utf-8"))
    compared, errors = 0, []

    def check(path, a, b):
        nonlocal compared
        compared += 1
        if not close(a, b):
            errors.append(f"{path}: {a!r} vs {b!r}")

    for qid, t in theirs["questions"].items():
        o = ours["questions"].get(qid)
        if o is None:
            errors.append(f"questions/{qid}: missing")
            continue
        for key in ("valid", "missing", "mean", "sd", "median", "q1", "q3", "min", "max"):
            if key in t:
                check(f"questions/{qid}/{key}", o.get(key), t[key])
        for i, (oc, tc) in enumerate(zip(o.get("categories", []), t.get("categories", []))):
            for key in ("count", "proportion"):
                check(f"questions/{qid}/categories[{i}]/{key}", oc.get(key), tc.get(key))
            for k in range(2):
                check(f"questions/{qid}/categories[{i}]/ci95[{k}]", (oc.get("ci95") or [None, None])[k], (tc.get("ci95") or [None, None])[k])
        if "top_box" in t:
            for key in ("count", "proportion"):
                check(f"questions/{qid}/top_box/{key}", o["top_box"].get(key), t["top_box"].get(key))
    by_key = {(x["row"], x["column"], x.get("option")): x for x in ours["crosstabs"]}
    matched = 0
    for x in theirs["crosstabs"]:
        o = by_key.get((x["row"], x["column"], x.get("option")))
        if o is None:
            continue  # the other direction of a breakdown pair
        matched += 1
        path = f"crosstabs/{x['row']}x{x['column']}/{x.get('option')}"
        check(path + "/n", o["n"], x["n"])
        if o["counts"] != x["counts"]:
            errors.append(f"{path}/counts differ")
        compared += 1
        for key in ("chi_square", "p_value", "cramers_v", "low_expected"):
            check(f"{path}/{key}", o.get(key), x.get(key))
        if x.get("df") is not None and x.get("chi_square") is not None:
            check(f"{path}/df", o.get("df"), x["df"])
    for e in errors[:30]:
        print(e)
    print(f"{compared} values compared over {matched} shared tables: {len(errors)} differences")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
