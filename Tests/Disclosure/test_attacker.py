"""The disclosure rule, held by an attacker: over a seeded battery of small surveys and the
shipped report, no count withheld as "<m" can be narrowed below 1..m-1 from what is published."""
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml

from attacker import attack
import survey_battery

ROOT = Path(__file__).resolve().parents[2]
FINDINGS = os.environ.get("FINDINGS_BIN", str(ROOT / ".build" / "debug" / "findings"))
SEEDS = range(int(os.environ.get("ATTACKER_SEEDS", "24")))


def build(content: Path, output: Path, templates: Path = ROOT / "templates"):
    run = subprocess.run([FINDINGS, "build", "--quiet", "--content", str(content), "--templates", str(templates),
                          "--output", str(output)], capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr


def codebook_of(content: Path):
    data = yaml.safe_load((content / "data" / "codebook.yaml").read_text(encoding="utf-8"))
    out = {}
    for q in data["questions"]:
        opts = q.get("options") or {}
        def text(label):
            return label.get("en", next(iter(label.values()))) if isinstance(label, dict) else str(label)
        out[q["id"]] = {"type": q["type"], "options": {str(k): text(v) for k, v in opts.items()}}
    return out


@pytest.mark.parametrize("seed", SEEDS)
def test_small_surveys_hold(seed):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        info = survey_battery.write(folder, seed)
        build(folder / "content", folder / "public")
        problems, checked = attack(folder / "public", codebook_of(folder / "content"), info["min_cell"])
        print(f"seed {seed}: {info['respondents']} respondents{' (weighted)' if info['weighted'] else ''}, {checked} withheld cells attacked")
        assert not problems, "\n".join(problems[:20])


def test_the_shipped_report_holds():
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "public"
        build(ROOT / "content", out)
        min_cell = int(re.search(r"min_cell:\s*(\d+)", (ROOT / "content" / "site.yaml").read_text()).group(1))
        problems, checked = attack(out, codebook_of(ROOT / "content"), min_cell)
        print(f"shipped report: {checked} withheld cells attacked")
        assert not problems, "\n".join(problems[:20])
