#!/usr/bin/env bash
# just parity CORPUS_DIR [ORACLE_JSON]: runs the reference oracle (radon 6.0.1, complexipy 8.3.0 in a
# venv made by ../shared/oracle/setup.sh) on CORPUS_DIR unless ORACLE_JSON is given (the stdlib's is
# precomputed in ../shared/oracle/out), runs `antipasta dump` on it, and prints the parity table.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
corpus=$(cd "$1" && pwd)
oracle=${2:-}
if [ -z "$oracle" ]; then
  py=$(bash "$here/../shared/oracle/setup.sh")
  oracle=$(mktemp --suffix=.json)
  "$py" "$here/../shared/oracle/oracle.py" --root "$corpus" "$corpus" --out "$oracle" --workers 2 --exclude-dir site-packages
fi
cargo build --release -p cli --manifest-path "$here/Cargo.toml" -q
dump=$(mktemp --suffix=.jsonl)
(cd "$corpus" && "$here/target/release/antipasta" dump . > "$dump")
python3 "$here/scripts/parity.py" --oracle "$oracle" --dump "$dump" --root "$corpus" --known "$here/testdata/oracle/known_diffs.toml"
