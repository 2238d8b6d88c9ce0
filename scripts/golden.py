#!/usr/bin/env python3
"""Regenerate the golden oracle files of testdata/metrics: runs ../shared/oracle/oracle.py (radon
6.0.1, complexipy 8.3.0 under CPython 3.11) on every fixture and writes its record next to it as
NAME.json, which engine/tests/it/oracle.rs compares against.

    python3 scripts/golden.py        # uses ../shared/oracle/setup.sh to get the oracle's venv
"""
import json, os, subprocess, sys, tempfile

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
shared = os.path.join(here, "..", "shared", "oracle")
root = os.path.join(here, "testdata", "metrics")
py = subprocess.run(["bash", os.path.join(shared, "setup.sh"), os.path.join(tempfile.gettempdir(), "oracle-venv")],
                    check=True, capture_output=True, text=True).stdout.strip()
with tempfile.NamedTemporaryFile(suffix=".json") as out:
    subprocess.run([py, os.path.join(shared, "oracle.py"), "--root", root, root, "--out", out.name,
                    "--workers", "2", "--no-timing"], check=True, stdout=subprocess.DEVNULL)
    files = json.load(open(out.name))["files"]
for rec in files:
    rec.pop("seconds", None)
    target = os.path.join(root, rec["path"][:-3] + ".json")
    with open(target, "w", encoding="utf-8") as f:
        json.dump(rec, f, indent=1, sort_keys=False)
        f.write("\n")
print(f"wrote {len(files)} golden files under testdata/metrics", file=sys.stderr)
