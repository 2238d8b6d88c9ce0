#!/usr/bin/env bash
# The real pre-commit framework against the mirror hook repository's layout
# (packaging/pre-commit-mirror), with the wheel scripts/wheel-smoke.sh built and no index
# (PIP_FIND_LINKS + PIP_NO_INDEX) and no Rust toolchain on PATH: `pre-commit install-hooks`
# installs the wheel; a commit staging a too-complex function is blocked, a clean one passes.
# Prints the install-hooks time and the hook environment's size.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
WHEEL_DIR=${WHEEL_DIR:-$root/target/wheels}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
wheel=$(ls "$WHEEL_DIR"/antipasta-"$version"-*.whl)
mirror=packaging/pre-commit-mirror
for pin in "version = \"$version\"" "\"antipasta==$version\""; do
    grep -qF "$pin" "$mirror/pyproject.toml" \
        || { echo "pre-commit-test: $mirror/pyproject.toml does not pin $pin" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The framework itself, and what building the mirror's package needs, from PyPI; then offline.
python3 -m venv "$work/tools"
"$work/tools/bin/pip" install -q pre-commit
mkdir "$work/links"
cp "$wheel" "$work/links/"
"$work/tools/bin/pip" download -q -d "$work/links" 'setuptools>=61' wheel

git_() { git -c user.name=t -c user.email=t@t -c init.defaultBranch=main -c commit.gpgsign=false "$@"; }

# The mirror repository, tagged as a release would be.
cp -r "$mirror" "$work/mirror"
git_ -C "$work/mirror" init -q
git_ -C "$work/mirror" add -A
git_ -C "$work/mirror" commit -qm "antipasta $version"
git_ -C "$work/mirror" tag "v$version"

# A user's project.
proj=$work/project
mkdir "$proj"
git_ -C "$proj" init -q
# The user's hook configuration, with ARGS for the hook if given.
hook_config() {
    {
        printf 'repos:\n  - repo: %s\n    rev: v%s\n    hooks:\n      - id: antipasta\n' "$work/mirror" "$version"
        [[ $# == 0 ]] || printf '        args: [%s]\n' "$*"
    } > "$proj/.pre-commit-config.yaml"
}
hook_config
printf 'defaults:\n  max_cyclomatic_complexity: 3\nlanguages: []\n' > "$proj/.antipasta.yaml"
printf 'def ok(x):\n    return x\n' > "$proj/clean.py"
git_ -C "$proj" add -A
git_ -C "$proj" commit -qm init --no-verify

clean_path=$work/tools/bin:/usr/local/bin:/usr/bin:/bin
if PATH=$clean_path command -v cargo >/dev/null || PATH=$clean_path command -v rustc >/dev/null; then
    echo "pre-commit-test: cargo or rustc is on PATH" >&2
    exit 1
fi
run() {
    (cd "$proj" && env -i PATH="$clean_path" HOME="$work/home" PRE_COMMIT_HOME="$work/cache" \
        PIP_NO_INDEX=1 PIP_FIND_LINKS="$work/links" \
        GIT_CONFIG_GLOBAL="$work/gitconfig" "$@")
}
printf '[user]\n\tname = t\n\temail = t@t\n[init]\n\tdefaultBranch = main\n' > "$work/gitconfig"
mkdir -p "$work/home"
run pre-commit install -t pre-commit >/dev/null
start=$(date +%s%N)
run pre-commit install-hooks
took_ms=$(( ($(date +%s%N) - start) / 1000000 ))
size=$(du -sm "$work/cache" | cut -f1)
echo "pre-commit-test: install-hooks took ${took_ms} ms; hook environment ${size} MB (PRE_COMMIT_HOME)"

# A too-complex staged function: the commit is blocked, and says why.
cat > "$proj/complex.py" <<'PY'
def branchy(a, b):
    if a and b:
        return 1
    if a or b:
        return 2
    return 3
PY
run git add complex.py
set +e
out=$(run git commit -qm complex 2>&1)
code=$?
set -e
echo "$out"
[[ $code != 0 ]] || { echo "pre-commit-test: the complex commit was not blocked" >&2; exit 1; }
grep -q 'complex.py:1:1: CC001 cyclomatic_complexity' <<<"$out" \
    || { echo "pre-commit-test: the block does not name the violation" >&2; exit 1; }
# A clean one passes.
run git rm -q --cached complex.py
printf 'def fine(x):\n    return x + 1\n' > "$proj/fine.py"
run git add fine.py
run git commit -qm fine

# The hook with `args: [--staged]` (the changed-code scope). A commit of an edit elsewhere in a
# legacy file passes; `pre-commit run --all-files` names every file, and a named file that is not
# staged is checked in full from the index: the legacy violation fails it.
hook_config --staged
run git add complex.py .pre-commit-config.yaml
run git commit -qm "legacy complex file" --no-verify
printf '\n# a comment\n' >> "$proj/complex.py"
run git add complex.py
run git commit -qm "an edit outside any function"
echo "pre-commit-test: --staged: an edit outside the legacy function passes"
set +e
out=$(run pre-commit run --all-files 2>&1)
code=$?
set -e
echo "$out"
[[ $code != 0 ]] || { echo "pre-commit-test: run --all-files with --staged checked nothing" >&2; exit 1; }
grep -q 'complex.py:1:1: CC001 cyclomatic_complexity' <<<"$out"
run pre-commit run
echo "pre-commit-test: --staged: run (nothing staged) passes, run --all-files fails on the legacy function"
echo "pre-commit-test: ok"
