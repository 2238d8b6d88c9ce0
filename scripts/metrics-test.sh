#!/usr/bin/env bash
# Run metrics as monitoring reads them: `check --metrics-file` on a copy of this machine's
# standard library, parsed by prometheus_client's own text parser and linted by
# `promtool check metrics`; the values agree with `--timings` and the summary of the same run;
# contrib/prometheus/alerts.yml passes `promtool check rules`, and every metric the alerts and
# contrib/grafana/antipasta.json query is one the tool writes. promtool comes with Debian's
# `prometheus` package (installed here when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${ANTIPASTA:-$PWD/target/debug/antipasta}
[[ -x $exe ]] || cargo build -q -p cli
if ! command -v promtool >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q --no-install-recommends prometheus >/dev/null \
    || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends prometheus >/dev/null; }
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q prometheus-client pyyaml
bash scripts/stdlib-copy.sh "$work/stdlib"
for run in cold warm; do
  (cd "$work/stdlib" && "$exe" check --timings --cache-dir "$work/cache" --metrics-file "$work/$run.prom" . \
      > /dev/null 2> "$work/$run.err" || [[ $? == 1 || $? == 2 ]])
  promtool check metrics < "$work/$run.prom"
  "$work/venv/bin/python" - "$work/$run.prom" "$work/$run.err" contrib <<'PY'
import json, re, sys
import yaml
from prometheus_client.parser import text_string_to_metric_families

prom, err, contrib = sys.argv[1:]
families = {f.name: f for f in text_string_to_metric_families(open(prom).read())}
def value(name, **labels):
    for s in families[name].samples:
        if all(s.labels.get(k) == v for k, v in labels.items()):
            return s.value
    raise KeyError((name, labels))
def total(name):
    return sum(s.value for s in families[name].samples)
stderr = open(err).read()
# --timings: the phase times (0.1 ms), and where each file's result came from.
t = re.search(r"timings: discover ([\d.]+) ms, stat ([\d.]+) ms, lookup ([\d.]+) ms, read\+hash ([\d.]+) ms, "
              r"parse\+metrics ([\d.]+) ms, store write ([\d.]+) ms, report ([\d.]+) ms; total ([\d.]+) ms", stderr)
for phase, ms in zip(["discover", "stat", "lookup", "read", "compute", "write", "report"], t.groups()):
    assert abs(value("antipasta_phase_duration_seconds", phase=phase) * 1e3 - float(ms)) <= 0.051, (phase, ms)
assert abs(value("antipasta_run_duration_seconds") * 1e3 - float(t.group(8))) <= 0.051
f = re.search(r"files: (\d+) \((\d+) unchanged by stat, (\d+) by git index, (\d+) by content, (\d+) computed, (\d+) errors\)", stderr)
files, stat, git, content, computed, errors = map(int, f.groups())
assert value("antipasta_files_checked") == files
for source, n in [("stat", stat), ("git_index", git), ("content", content), ("computed", computed)]:
    assert value("antipasta_files", source=source) == n, source
assert total("antipasta_files") == files
assert total("antipasta_file_errors") == errors
# The summary: violations, cached files, files that could not be analysed.
s = re.search(r"(?:Found (\d+) violations? .*?|No violations); (\d+) files checked \((\d+) cached, (\d+) could not be analysed\)", stderr)
assert total("antipasta_violations") == int(s.group(1) or 0)
assert value("antipasta_files_checked") == int(s.group(2))
assert abs(value("antipasta_cache_hit_ratio") - int(s.group(3)) / files) < 1e-12
assert int(s.group(4)) == errors
# Everything the dashboard and the alerts query is written.
queried = set()
for target in (t for p in json.load(open(f"{contrib}/grafana/antipasta.json"))["panels"] for t in p["targets"]):
    queried |= set(re.findall(r"antipasta_[a-z_]+", target["expr"]))
for group in yaml.safe_load(open(f"{contrib}/prometheus/alerts.yml"))["groups"]:
    for rule in group["rules"]:
        queried |= set(re.findall(r"antipasta_[a-z_]+", rule["expr"]))
missing = queried - set(families)
assert not missing, missing
print(f"metrics-test: {prom.rsplit('/', 1)[1]}: {len(families)} families parsed by prometheus_client; "
      f"{files} files, {int(total('antipasta_violations'))} violations, cache hit ratio "
      f"{value('antipasta_cache_hit_ratio'):.3f}; agrees with --timings and the summary; the "
      f"{len(queried)} metrics the dashboard and alerts query are written")
PY
done
promtool check rules contrib/prometheus/alerts.yml
echo "metrics-test: ok"
