#!/usr/bin/env bash
# The warm-run cost of suppressions and a baseline (issue 14): on a clone of CORPUS (a git work
# tree), warm `check` runs interleaved, ROUNDS each: plain; with a baseline of every violation;
# with `--add-ignore` comments on every violation. Prints mean CPU (user+sys) and wall per case
# and the ratios to plain. Uses target/release/antipasta (ANTIPASTA= to override).
set -euo pipefail
corpus=${1:?usage: scripts/bench-adoption.sh CORPUS [ROUNDS]}
rounds=${2:-10}
exe=${ANTIPASTA:-$(cd "$(dirname "$0")/.." && pwd)/target/release/antipasta}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$corpus" "$work/plain"
printf 'fail_on_file_errors: false\n' > "$work/plain/.antipasta.yaml"
git clone -q "$corpus" "$work/ignored"
cp "$work/plain/.antipasta.yaml" "$work/ignored/"
(cd "$work/plain" && "$exe" baseline create -q --no-cache -o "$work/baseline.json")
(cd "$work/ignored" && "$exe" check -q --no-cache --add-ignore 2>/dev/null)
case_dir() { case $1 in plain|baseline) echo "$work/plain" ;; ignored) echo "$work/ignored" ;; esac; }
case_args() { case $1 in baseline) echo "--baseline $work/baseline.json" ;; *) echo "" ;; esac; }
for c in plain baseline ignored; do   # warm the caches
    (cd "$(case_dir $c)" && "$exe" check -q $(case_args $c) >/dev/null 2>&1 || true)
done
for r in $(seq "$rounds"); do
    for c in plain baseline ignored; do
        (cd "$(case_dir $c)" && /usr/bin/time -f "$c %e %U %S" "$exe" check -q $(case_args $c) \
            >/dev/null 2>>"$work/times" || true)
    done
done
awk '$1 ~ /^(plain|baseline|ignored)$/ {w[$1]+=$2; c[$1]+=$3+$4; n[$1]++}
     END {for (k in w) printf "%-9s wall %.3f s  cpu %.3f s  (cpu x%.3f of plain)\n", k, w[k]/n[k], c[k]/n[k], (c[k]/n[k])/(c["plain"]/n["plain"])}' "$work/times" | sort
