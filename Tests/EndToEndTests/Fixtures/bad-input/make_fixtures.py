#!/usr/bin/env python3
"""Writes the bad-input fixtures: base/ is a valid content folder; every other folder holds the
files that differ from it (or a `remove` list) and `expected-error`, the first line the build must print.
Run from this folder: python3 make_fixtures.py"""
import os
csv = "\n".join([
 'respondent_id,group,tier,barriers,interest,years,comment',
 'r1,1,2,1;2,3,12,"Fine, thanks"',
 'r2,1,1,1,3,999,',
 'r3,2,,2;3,2,4,"He said ""no"""',
 'r4,1,2,1,3,7.5,',
 'r5,2,,,1,20,-99',
 'r6,1,2,3,2,1e1,"two',
 'lines"',
 '']).replace("\n", "\r\n")
cb = """survey:
  id: fixtures
  missing: ["-99"]
questions:
  - id: group
    type: single
    options: {1: Clinician, 2: Industry}
  - id: tier
    type: single
    asked_if: {group: [1]}
    options: {1: Secondary, 2: Tertiary}
  - id: barriers
    type: multi
    max_choices: 2
    options: {1: Privacy, 2: Standards, 3: Law}
  - id: interest
    type: likert
    options: {1: Low, 2: Mid, 3: High}
    top_box: [3]
  - id: years
    type: numeric
    missing: ["999"]
  - id: comment
    type: text
"""
base = {
 "site.yaml": "title: Bad input fixtures\nbreakdowns: [group]\n",
 "data/codebook.yaml": cb,
 "data/responses.csv": csv,
 "pages/index.md": "---\ntitle: Overview\n---\n\n```chart\nquestion: barriers\n```\n",
}
def write(folder, files):
    for rel, text in files.items():
        p = os.path.join(folder, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode())
write("base", base)
R = "content/data/responses.csv"
C = "content/data/codebook.yaml"
cases = {
 "unterminated-quote": ({"data/responses.csv": csv.replace('r4,1,2,1,3,7.5,', 'r4,1,2,"1,3,7.5,')}, f"{R}:5:8: error: unterminated quote"),
 "too-many-fields": ({"data/responses.csv": csv.replace("r2,1,1,1,3,999,", "r2,1,1,1,3,999,,x")}, f"{R}:3:17: error: too many fields: this row has 8, the header has 7"),
 "too-few-fields": ({"data/responses.csv": csv.replace("r2,1,1,1,3,999,", "r2,1,1,1,3")}, f"{R}:3:11: error: too few fields: this row has 5, the header has 7"),
 "duplicate-id": ({"data/responses.csv": csv.replace("r4,", "r2,")}, f'{R}:5:1: error: duplicate respondent id "r2" (first at line 3)'),
 "empty-id": ({"data/responses.csv": csv.replace("r4,", " ,")}, f"{R}:5:1: error: empty respondent id"),
 "code-not-an-option": ({"data/responses.csv": csv.replace("r4,1,2,1,3", "r4,1,2,1,4")}, f'{R}:5:10: error: "4" is not an option of "interest" (allowed codes: 1, 2, 3)'),
 "non-number": ({"data/responses.csv": csv.replace("r4,1,2,1,3,7.5,", "r4,1,2,1,3,seven,")}, f'{R}:5:12: error: "seven" is not a number (question "years")'),
 "max-choices": ({"data/responses.csv": csv.replace("r2,1,1,1,3", "r2,1,1,1;2;3,3")}, f'{R}:3:8: error: 3 choices where "barriers" allows at most 2'),
 "answer-not-asked": ({"data/responses.csv": csv.replace("r3,2,,", "r3,2,1,")}, f'{R}:4:6: error: answer to "tier" where it was not asked (asked_if: group in [1])'),
 "invalid-utf8": ({"data/responses.csv": csv.encode().replace(b"Fine, thanks", b"Fine \xc4\xe3 thanks")}, f"{R}:2:23: error: invalid UTF-8 (byte 0xC4)"),
 "question-without-column": ({"data/codebook.yaml": cb + "  - id: role\n    type: single\n    options: {1: Radiologist}\n"}, f'{C}:25:9: error: question "role" has no column in {R}'),
 "unknown-column": ({"data/responses.csv": csv.replace("years,comment", "years,coment")}, f'{R}:1:50: error: unknown column "coment": no codebook question has this id (did you mean "comment"?)'),
 "yaml-syntax-error": ({"data/codebook.yaml": cb.replace("options: {1: Secondary, 2: Tertiary}", "options: {1: Secondary, 2: Tertiary")}, f"{C}:12:7: error: YAML syntax"),
 "asked-if-unknown-question": ({"data/codebook.yaml": cb.replace("asked_if: {group: [1]}", "asked_if: {grop: [1]}")}, f'{C}:10:16: error: asked_if of "tier" names unknown question "grop" (did you mean "group"?)'),
 "duplicate-option-code": ({"data/codebook.yaml": cb.replace("options: {1: Secondary, 2: Tertiary}", "options: {1: Secondary, 1: Tertiary}")}, f'{C}:11:29: error: duplicated key "1" in a mapping'),
 "top-box-not-an-option": ({"data/codebook.yaml": cb.replace("top_box: [3]", "top_box: [4]")}, f'{C}:19:14: error: top_box code "4" is not an option of "interest"'),
 "empty-file": ({"data/responses.csv": ""}, f"{R}:1:1: error: the file is empty"),
 "header-only": ({"data/responses.csv": csv.split("\r\n")[0] + "\r\n"}, f"{R}:1:1: error: the file has a header but no respondents"),
}
for name, (files, expected) in cases.items():
    write(name, files)
    with open(os.path.join(name, "expected-error"), "w") as f:
        f.write(expected + "\n")
os.makedirs("missing-file", exist_ok=True)
open("missing-file/remove", "w").write("data/responses.csv\n")
open("missing-file/expected-error", "w").write(f"{R}:1:1: error: the file is missing\n")
