"""Turns a Hugo site of make_markdown.py (content/pages/pNNNNN.md) into a Findings report with
the same pages, on the small data set of `findings new`, so both tools build the same Markdown.
Usage: python3 hugo_to_findings.py HUGO_SITE FINDINGS_BINARY OUT"""
import os
import shutil
import subprocess
import sys

hugo, findings, out = sys.argv[1:4]
shutil.rmtree(out, ignore_errors=True)
subprocess.run([findings, "new", out], check=True, capture_output=True)
pages = os.path.join(out, "content", "pages")
for name in os.listdir(pages):
    os.remove(os.path.join(pages, name))
with open(os.path.join(pages, "index.md"), "w") as f:
    f.write("---\ntitle: Home\n---\n\nA survey report.\n")
source = os.path.join(hugo, "content", "pages")
for name in sorted(os.listdir(source)):
    if name.startswith("p") and name.endswith(".md"):
        shutil.copy(os.path.join(source, name), os.path.join(pages, name))
