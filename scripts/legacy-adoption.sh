#!/usr/bin/env bash
# Adopting the gate on a real legacy tree (issue 14): CORPUS is a git work tree (e.g. the stdlib
# copied and committed); it is cloned, never touched. Prints each step and fails at the first one
# that does not behave: baseline create, check --baseline exits 0; a new complex function exits 1
# and is the only finding; a worsened baselined function exits 1 with old -> new; an improved one
# prints the hint and baseline update shrinks the file; check --add-ignore then check exits 0 and
# git diff shows only added comments (Python's tokenizer, comments and blank-line tokens aside).
set -euo pipefail
corpus=${1:?usage: scripts/legacy-adoption.sh CORPUS}
exe=${ANTIPASTA:-$(cd "$(dirname "$0")/.." && pwd)/target/release/antipasta}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
git clone -q "$corpus" "$work/tree"
cd "$work/tree"
# The corpus's own undecodable and invalid files (the stdlib has a few, on purpose) are reported,
# not fatal: the configuration a legacy project would start with.
printf 'fail_on_file_errors: false\n' > .antipasta.yaml
git add .antipasta.yaml
git -c user.name=t -c user.email=t@t commit -qm "antipasta config"
ap() { "$exe" "$@"; }
step() { echo "== $*"; }

step "check without a baseline"
set +e; ap check -q --no-cache > "$work/before.txt" 2>/dev/null; code=$?; set -e
n=$(wc -l < "$work/before.txt")
echo "exit $code, $n violations"
[[ $code == 1 && $n -gt 100 ]]

step "baseline create; check --baseline"
ap baseline create --no-cache
entries=$(python3 -c 'import json;d=json.load(open(".antipasta-baseline.json"));print(sum(len(m) for f in d["entries"].values() for m in f.values()))')
echo "$entries entries"
ap check -q --no-cache --baseline .antipasta-baseline.json
echo "exit 0"

# A baselined function (cyclomatic) to worsen, another to improve, from the baseline itself.
read -r worse_file worse_fn improve_file improve_fn < <(python3 - <<'PY'
import json
d = json.load(open(".antipasta-baseline.json"))["entries"]
picks = [(f, q) for f, fns in sorted(d.items()) for q, ms in sorted(fns.items())
         if "cyclomatic_complexity" in ms and q != "<file>" and "." not in q]
print(*picks[0], *picks[-1])
PY
)
edit() { python3 - "$@" <<'PY'
import ast, sys
path, name, how = sys.argv[1:]
src = open(path, encoding="utf-8").read()
lines = src.splitlines(keepends=True)
fn = next(n for n in ast.walk(ast.parse(src)) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.name == name)
first = fn.body[0]
indent = lines[first.lineno - 1][: len(lines[first.lineno - 1]) - len(lines[first.lineno - 1].lstrip())]
if how == "worse":
    lines.insert(first.lineno - 1, f"{indent}if __debug__ and not __debug__:\n{indent}    pass\n")
else:
    end = fn.body[-1].end_lineno
    lines[first.lineno - 1 : end] = [f"{indent}return None\n"]
open(path, "w", encoding="utf-8").write("".join(lines))
PY
}

step "a new complex function (in a new module: added to an old one, it also worsens that file's baselined rows)"
cat > antipasta_new_module.py <<'PY'
def antipasta_new_function(a, b, c, d, e, f):
    if a and b or c and d or e and f:
        if a or b:
            if c or d:
                if e or f:
                    for x in range(a):
                        while x:
                            x -= 1
    return a
PY
set +e; out=$(ap check -q --no-cache --baseline .antipasta-baseline.json); code=$?; set -e
echo "$out"
[[ $code == 1 ]]
[[ $(grep -vc 'antipasta_new_function' <<<"$out") == 0 ]]
rm antipasta_new_module.py

step "a worsened baselined function: $worse_file $worse_fn"
edit "$worse_file" "$worse_fn" worse
set +e; out=$(ap check -q --no-cache --baseline .antipasta-baseline.json); code=$?; set -e
echo "$out"
[[ $code == 1 ]]
grep -q "in $worse_fn (baseline: .* → " <<<"$out"
git checkout -q -- "$worse_file"

step "an improved baselined function: $improve_file $improve_fn"
edit "$improve_file" "$improve_fn" better
set +e; err=$(ap check --no-cache --baseline .antipasta-baseline.json 2>&1 >/dev/null); code=$?; set -e
grep -E 'hint|info' <<<"$err"
[[ $code == 0 ]]
grep -q 'baseline update' <<<"$err"
ap baseline update --no-cache
after=$(python3 -c 'import json;d=json.load(open(".antipasta-baseline.json"));print(sum(len(m) for f in d["entries"].values() for m in f.values()))')
echo "baseline: $entries -> $after entries"
(( after < entries ))
git checkout -q -- "$improve_file"
rm .antipasta-baseline.json

step "check --add-ignore, then check"
ap check -q --no-cache --add-ignore
ap check -q --no-cache
echo "exit 0"
changed=$(git diff --name-only | wc -l)
git diff --name-only | python3 -c '
import io, subprocess, sys, tokenize
def toks(src):
    return [(t.type, t.string) for t in tokenize.generate_tokens(io.StringIO(src).readline)
            if t.type not in (tokenize.COMMENT, tokenize.NL)]
for path in sys.stdin.read().split():
    old = subprocess.run(["git", "show", f"HEAD:{path}"], capture_output=True, text=True).stdout
    new = open(path, encoding="utf-8").read()
    assert toks(old) == toks(new), path
'
added=$(git diff | grep -c '^+[^+]')
removed=$(git diff | grep -c '^-[^-]' || true)
echo "$changed files changed by --add-ignore: $added comment lines added, $removed lines removed, tokens equal"
[[ $removed == 0 ]]
git diff | grep '^+[^+]' | grep -vq '# antipasta: ignore' && { echo "a non-comment line was added" >&2; exit 1; }
echo "legacy-adoption: ok"
