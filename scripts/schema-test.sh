#!/usr/bin/env bash
# `config schema` checked by a real JSON Schema validator (python-jsonschema): the schema is
# valid draft-07, `config generate --non-interactive` output (read by PyYAML, as editors' YAML
# servers read it) validates, so do the project's example configurations (YAML and the
# [tool.antipasta] of pyproject.toml, read by tomllib), and a bad one does not.
set -euo pipefail
cd "$(dirname "$0")/.."
exe=${ANTIPASTA:-$PWD/target/debug/antipasta}
[[ -x $exe ]] || cargo build -q -p cli
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install -q jsonschema pyyaml
"$exe" config schema > "$work/schema.json"
(cd "$work" && "$exe" config generate --non-interactive -o generated.yaml >/dev/null)
printf 'defaults:\n  max_cyclomatic_complexity: 99\n' > "$work/bad.yaml"
"$work/venv/bin/python" - "$work" testdata/projects/basic/.antipasta.yaml docs/examples/pyproject.toml <<'PY'
import json, sys, tomllib
import jsonschema, yaml

work, *examples = sys.argv[1:]
schema = json.load(open(f"{work}/schema.json"))
jsonschema.Draft7Validator.check_schema(schema)
validator = jsonschema.Draft7Validator(schema)

def load(path):
    if path.endswith("pyproject.toml"):
        return tomllib.load(open(path, "rb"))["tool"]["antipasta"]
    return yaml.safe_load(open(path))

for path in [f"{work}/generated.yaml", *examples]:
    errors = list(validator.iter_errors(load(path)))
    assert not errors, (path, [e.message for e in errors])
    print(f"schema-test: {path} validates")
bad = list(validator.iter_errors(load(f"{work}/bad.yaml")))
assert bad and "99" in bad[0].message, bad
print("schema-test: an out-of-range threshold is refused:", bad[0].message)
PY
echo "schema-test: ok"
