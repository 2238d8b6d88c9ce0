#!/usr/bin/env bash
# The wheel as a user gets it: built with maturin (the dist profile), installed into a fresh venv
# whose PATH has no cargo or rustc, then `antipasta --version`, `python -m antipasta` and a check
# of a fixture project. Leaves the wheel in $WHEEL_DIR (default: target/wheels) for
# scripts/pre-commit-test.sh. Needs python3 with venv and PyPI (for maturin).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
WHEEL_DIR=${WHEEL_DIR:-$root/target/wheels}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python=$(command -v python3)

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
echo "wheel-smoke: antipasta $version"

python3 -m venv "$work/build"
"$work/build/bin/pip" install -q 'maturin>=1.5,<2.0'
mkdir -p "$WHEEL_DIR"
rm -f "$WHEEL_DIR"/antipasta-*.whl
start=$(date +%s)
"$work/build/bin/maturin" build --profile dist --out "$WHEEL_DIR"
echo "wheel-smoke: built in $(( $(date +%s) - start )) s"
wheel=$(ls "$WHEEL_DIR"/antipasta-"$version"-*.whl)
echo "wheel-smoke: $(basename "$wheel"), $(stat -c %s "$wheel") bytes"

# A user's machine: no Rust toolchain on PATH.
clean_path=/usr/local/bin:/usr/bin:/bin
if PATH=$clean_path command -v cargo >/dev/null || PATH=$clean_path command -v rustc >/dev/null; then
    echo "wheel-smoke: cargo or rustc is on $clean_path; cannot show the wheel needs neither" >&2
    exit 1
fi
"$python" -m venv "$work/user"
PATH=$work/user/bin:$clean_path pip install -q --no-index "$wheel"
exe=$work/user/bin/antipasta
size=$(stat -c %s "$exe")
echo "wheel-smoke: installed executable $size bytes"
if (( size > 15 * 1024 * 1024 )); then
    echo "wheel-smoke: the executable is larger than 15 MB" >&2
    exit 1
fi

run() { env -i PATH="$work/user/bin:$clean_path" HOME="$work" "$@"; }
got=$(run antipasta --version)
[[ $got == "antipasta $version" ]] || { echo "wheel-smoke: --version says '$got'" >&2; exit 1; }
installed=$(run python -c 'import importlib.metadata as m; print(m.version("antipasta"))')
[[ $installed == "$version" ]] || { echo "wheel-smoke: the wheel says '$installed'" >&2; exit 1; }
[[ $(run python -m antipasta --version) == "antipasta $version" ]]

cp -r testdata/projects/basic "$work/project"
set +e
out=$(cd "$work/project" && run antipasta check --no-cache 2>&1)
code=$?
set -e
echo "$out"
[[ $code == 1 ]] || { echo "wheel-smoke: check exited $code, not 1" >&2; exit 1; }
grep -q 'pkg/complex_mod.py:.*cyclomatic_complexity' <<<"$out"
(cd "$work/project" && run antipasta check --no-cache -t cyc=50 -t loc=1000 -t mai=0 -q) \
    || { echo "wheel-smoke: a clean check failed" >&2; exit 1; }
echo "wheel-smoke: ok"
