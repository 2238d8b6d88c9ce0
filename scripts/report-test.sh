#!/usr/bin/env bash
# `antipasta report` where its readers meet it. The snapshot of this machine's standard library
# validates against docs/schemas/report-snapshot-v2.schema.json (python-jsonschema), and so does
# the fixture project's. The HTML page loads in a real browser, headless Chromium (Debian's
# `chromium`, installed here when missing): a test reads the rendered DOM — a treemap cell per
# file, the worst functions in order, the baseline view showing the regression made for it — and
# takes a screenshot, whose size is checked. The stdlib's page: its size and render time printed.
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${ANTIPASTA:-$PWD/target/debug/antipasta}
[[ -x $exe ]] || cargo build -q -p cli
if ! command -v chromium >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends chromium >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium >/dev/null; }
fi
work=$(mktemp -d)
trap '[[ -n ${KEEP:-} ]] || rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q jsonschema
browse() { # browse PAGE.html (--dump-dom | --screenshot=PNG): headless, offline, a fresh profile
  local page=$1; shift
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile-$RANDOM" \
    --window-size=1400,1800 "$@" "file://$page" 2>/dev/null
}
# The fixture: a baseline, then classify made worse (a regression) and a function added.
cp -r testdata/projects/basic "$work/basic"
(cd "$work/basic" && "$exe" report --no-cache --format json -o base.json 2>/dev/null)
python3 - "$work/basic/pkg/complex_mod.py" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read().replace('    elif n == 0:\n', '    elif n == 0 and flags:\n        return "zero-flagged"\n    elif n == 0:\n', 1)
open(p, "w").write(s)
PY
(cd "$work/basic" && "$exe" report --no-cache -o report.html --baseline base.json > "$work/diff.txt" 2>/dev/null \
  && "$exe" report --no-cache --format json -o now.json 2>/dev/null)
grep -q "classify" "$work/diff.txt"
browse "$work/basic/report.html" --dump-dom > "$work/basic.dom"
browse "$work/basic/report.html" --screenshot="$work/basic.png" >/dev/null
# The stdlib.
bash scripts/stdlib-copy.sh "$work/stdlib"
(cd "$work/stdlib" && "$exe" report --no-cache --force-analyze -o "$work/stdlib.html" 2>/dev/null \
  && "$exe" report --no-cache --force-analyze --format json -o "$work/stdlib.json" 2>/dev/null)
start=$(date +%s%N)
browse "$work/stdlib.html" --dump-dom > "$work/stdlib.dom"
browser_ms=$(( ($(date +%s%N) - start) / 1000000 ))
browse "$work/stdlib.html" --screenshot="$work/stdlib.png" >/dev/null
"$work/venv/bin/python" - "$work" docs/schemas/report-snapshot-v2.schema.json "$browser_ms" <<'PY'
import json, os, re, sys
from html.parser import HTMLParser
import jsonschema

work, schema_path, browser_ms = sys.argv[1], sys.argv[2], int(sys.argv[3])
schema = json.load(open(schema_path))
jsonschema.Draft7Validator.check_schema(schema)
for name in ("basic/base.json", "basic/now.json", "stdlib.json"):
    jsonschema.validate(json.load(open(f"{work}/{name}")), schema)

class Dom(HTMLParser):
    """The rendered page's treemap cells, table rows and the body's data attributes."""
    def __init__(self):
        super().__init__()
        self.cells, self.body, self.tables, self.table, self.row, self.cell_text = [], {}, {}, None, None, None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        if tag == "div" and "cell" in (a.get("class") or "").split():
            self.cells.append(a["data-path"])
        if tag == "table":
            self.table = a.get("id")
        if tag == "tr" and self.table:
            self.row = {"attrs": a, "cells": []}
        if tag == "td" and self.row is not None:
            self.cell_text = ""
    def handle_data(self, data):
        if self.cell_text is not None:
            self.cell_text += data
    def handle_endtag(self, tag):
        if tag == "td" and self.row is not None:
            self.row["cells"].append(self.cell_text); self.cell_text = None
        if tag == "tr" and self.row is not None:
            if self.row["cells"]:
                self.tables.setdefault(self.table, []).append(self.row)
            self.row = None
        if tag == "table":
            self.table = None

def dom(name):
    d = Dom(); d.feed(open(f"{work}/{name}").read()); return d

basic = dom("basic.dom")
now = json.load(open(f"{work}/basic/now.json"))
assert basic.body.get("data-ready") == "1", basic.body
assert sorted(basic.cells) == sorted(f["path"] for f in now["files"]), basic.cells
worst = [r["attrs"]["data-name"] for r in basic.tables["worst"]]
assert worst[:3] == ["classify", "Loader.load", "Loader.simple"], worst
scores = [float(r["cells"][1]) for r in basic.tables["worst"]]
assert scores == sorted(scores, reverse=True), scores
regressions = basic.tables.get("regressions", [])
assert [r["attrs"]["data-name"] for r in regressions] == ["classify"], regressions
assert regressions[0]["cells"][0].startswith("+"), regressions[0]
assert "regression" in regressions[0]["attrs"]["class"]
for png in ("basic.png", "stdlib.png"):
    head = open(f"{work}/{png}", "rb").read(24)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", png
    width, height = int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
    size = os.path.getsize(f"{work}/{png}")
    assert (width, height) == (1400, 1800) and size > 20_000, (png, width, height, size)
    print(f"report-test: {png}: {width}×{height}, {size:,} bytes")

stdlib = dom("stdlib.dom")
snap = json.load(open(f"{work}/stdlib.json"))
assert stdlib.body.get("data-ready") == "1"
assert sorted(stdlib.cells) == sorted(f["path"] for f in snap["files"])
page = open(f"{work}/stdlib.html").read()
assert not re.search(r"https?://", page, re.I)
print(f"report-test: the stdlib's page: {len(page):,} bytes, {len(stdlib.cells)} treemap cells, "
      f"{len(stdlib.tables['worst'])} worst functions; rendered in {stdlib.body['data-render-ms']} ms "
      f"(the whole headless Chromium run: {browser_ms} ms); the snapshots validate against schema v2")
PY
echo "report-test: ok"
