#!/usr/bin/env bash
# Every test: the Rust suite, then what a Python user meets: the JSON Schema under a real
# validator, run metrics under prometheus_client and promtool, `stats` against definitions
# computed from `dump`, the HTML report in headless Chromium, the wheel in a venv without Rust,
# the real pre-commit framework with that wheel. Needs the Rust toolchain, python3 (venv), PyPI
# and Debian's packages (`prometheus` for promtool and `chromium`, installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --workspace
bash scripts/schema-test.sh
bash scripts/metrics-test.sh
bash scripts/stats-test.sh
bash scripts/report-test.sh
bash scripts/wheel-smoke.sh
bash scripts/pre-commit-test.sh
