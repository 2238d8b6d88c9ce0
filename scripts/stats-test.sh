#!/usr/bin/env bash
# `antipasta stats` against the definitions of compat-spec §7, computed here independently from
# `antipasta dump` of the same tree (this machine's standard library): every field, overall, by
# directory at depths 1-3 and by module, every metric; and the table, CSV and `--format all`
# outputs of the same run agree with the JSON.
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${ANTIPASTA:-$PWD/target/debug/antipasta}
[[ -x $exe ]] || cargo build -q -p cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash scripts/stdlib-copy.sh "$work/stdlib"
cd "$work/stdlib"
"$exe" dump . > "$work/dump.jsonl"
stats() { "$exe" stats --force-analyze --no-cache -m all "$@" 2>/dev/null; }
stats --format json > "$work/overall.json"
for d in 1 2 3; do stats --format json --by-directory --depth "$d" > "$work/dir$d.json"; done
stats --format json --by-directory --depth 2 --path-style full > "$work/dir2full.json"
stats --format json --by-module > "$work/module.json"
stats --format csv > "$work/overall.csv"
stats --format csv --by-module > "$work/module.csv"
stats > "$work/overall.txt"
stats --format all -o "$work/all" >/dev/null
python3 - "$work" <<'PY'
import csv, json, math, os, statistics, sys
from collections import defaultdict

work = sys.argv[1]
RAW = {"lines_of_code": "loc", "logical_lines_of_code": "lloc", "source_lines_of_code": "sloc",
       "comment_lines": "comments", "blank_lines": "blank"}
HAL = {"halstead_volume": "volume", "halstead_difficulty": "difficulty", "halstead_effort": "effort",
       "halstead_time": "time", "halstead_bugs": "bugs"}
METRICS = ["cyclomatic_complexity", "maintainability_index", *HAL, "cognitive_complexity", *RAW]

files = []
for line in open(f"{work}/dump.jsonl"):
    d = json.loads(line)
    if d.get("error"):
        continue  # file errors are left out of the statistics
    natural = defaultdict(list)
    names, cyc = set(), []
    for f in d["functions"]:
        # The row set: methods at any depth, functions not nested in a function; no class.
        if f["kind"] == "class" or (f["kind"] == "function" and f["radon_inner"]):
            continue
        names.add(f["qualname"])
        natural["cyclomatic_complexity"].append(f["cc"]); cyc.append(f["cc"])
        if f.get("cognitive") is not None and not f["cognitive_ignored"]:
            natural["cognitive_complexity"].append(f["cognitive"])
    if d["mi"] is not None:
        natural["maintainability_index"].append(d["mi"])
    for m, k in HAL.items():
        natural[m].append(d["halstead"][k])
    loc = None
    if d["raw"] is not None:
        for m, k in RAW.items():
            natural[m].append(d["raw"][k])
        loc = d["raw"]["loc"]
    files.append({"path": d["path"], "natural": natural, "functions": len(names), "cyc": cyc, "loc": loc})

def summary(values):
    if not values:
        return {"count": 0, "avg": 0.0, "min": 0.0, "max": 0.0, "std_dev": 0.0}
    return {"count": len(values), "avg": sum(values) / len(values), "min": min(values), "max": max(values),
            "std_dev": statistics.stdev(values) if len(values) > 1 else 0.0}

def close(a, b, where):
    if isinstance(a, dict):
        assert set(a) == set(b), (where, sorted(a), sorted(b))
        for k in a:
            close(a[k], b[k], f"{where}.{k}")
    elif isinstance(a, float) or isinstance(b, float):
        assert math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9), (where, a, b)
    else:
        assert a == b, (where, a, b)

# Overall.
locs = [f["loc"] for f in files if f["loc"]]
want = {"files": {"count": len(files), "total_loc": int(sum(locs)), "avg_loc": sum(locs) / len(locs),
                  "min_loc": float(min(locs)), "max_loc": float(max(locs)), "std_dev": statistics.stdev(locs)}}
cyc = [v for f in files for v in f["cyc"]]
want["functions"] = {"count": sum(f["functions"] for f in files), "avg_complexity": sum(cyc) / len(cyc),
                     "min_complexity": float(min(cyc)), "max_complexity": float(max(cyc))}
for m in METRICS:
    want[m] = summary([v for f in files for v in f["natural"][m]])
close(want, json.load(open(f"{work}/overall.json")), "overall")

def group(members):
    g = {"file_count": len(members), "function_count": sum(f["functions"] for f in members)}
    locs = [f["loc"] for f in members if f["loc"]]
    g["total_loc"] = int(sum(locs))
    g["avg_file_loc"] = sum(locs) / len(locs) if locs else 0.0
    for m in METRICS:
        values = [v for f in members for v in f["natural"][m]]
        g[f"avg_{m}"] = sum(values) / len(values) if values else 0.0
    return g

# By directory: each file in its directory and every ancestor up to the common base (here the
# tree's root, ""), shown relative to that base, the base itself as ".".
def parents(path):
    parts = path.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(len(parts) + 1)]
for depth in (1, 2, 3):
    members = defaultdict(list)
    for f in files:
        for p in parents(f["path"]):
            if (len(p.split("/")) if p else 0) < depth:
                members[p].append(f)
    shown = lambda p: "." if p == "" else ("..." + p[-27:] if len(p) > 30 else p)
    want = {shown(p): group(ms) for p, ms in members.items()}
    close(want, json.load(open(f"{work}/dir{depth}.json")), f"by directory, depth {depth}")
full = json.load(open(f"{work}/dir2full.json"))
assert "." in full and all(not k.startswith("...") for k in full), sorted(full)[:5]

# By module: the directory dot-joined, a leading src dropped, <root> for the base's own files.
members = defaultdict(list)
for f in files:
    parts = f["path"].split("/")[:-1]
    if parts[:1] == ["src"]:
        parts = parts[1:]
    members[".".join(parts) or "<root>"].append(f)
module = json.load(open(f"{work}/module.json"))
close({m: group(ms) for m, ms in members.items()}, module, "by module")

# The other formats say the same.
rows = dict(csv.reader(open(f"{work}/overall.csv")))
overall = json.load(open(f"{work}/overall.json"))
assert int(rows["Total Files"]) == overall["files"]["count"]
assert int(rows["Total LOC"]) == overall["files"]["total_loc"]
assert int(rows["Total Functions"]) == overall["functions"]["count"]
assert math.isclose(float(rows["cognitive_complexity avg"]), overall["cognitive_complexity"]["avg"])
by_module = {r["location"]: r for r in csv.DictReader(open(f"{work}/module.csv"))}
assert set(by_module) == set(module)
for m, r in by_module.items():
    assert int(r["file_count"]) == module[m]["file_count"]
    assert math.isclose(float(r["avg_cyclomatic_complexity"]), module[m]["avg_cyclomatic_complexity"])
text = open(f"{work}/overall.txt").read()
assert f"  Total LOC: {overall['files']['total_loc']:,}\n" in text, text[:400]
assert "CODE METRICS STATISTICS" in text
names = sorted(os.listdir(f"{work}/all"))
assert names == sorted(f"stats_{k}.{e}" for k in ("overall", "by_directory", "by_module") for e in ("json", "csv", "txt")), names
close(json.load(open(f"{work}/all/stats_overall.json")), overall, "--format all")
print(f"stats-test: {len(files)} files, {overall['functions']['count']} functions: overall, by directory "
      f"(depths 1-3, {len(json.load(open(f'{work}/dir3.json')))} directories at depth 3) and by module "
      f"({len(module)} modules) equal the definitions computed from dump; CSV, table and --format all agree")
PY
