# antipasta recipes; .ci/run is the source of truth for CI.
test:
    cargo test --workspace
lint:
    cargo clippy --workspace --all-targets -- -D warnings
fmt:
    cargo fmt --all
check: lint test
run *args:
    cargo run -p cli --release -- {{args}}
snap:
    INSTA_UPDATE=always cargo test --workspace
# Differential parity against radon 6.0.1 / complexipy 8.3.0: just parity DIR [ORACLE_JSON]
parity corpus oracle="":
    bash scripts/parity.sh {{corpus}} {{oracle}}
# Rewrite testdata/metrics/**/*.json from the reference oracle
golden:
    python3 scripts/golden.py
ci:
    bash .ci/run
# Benchmarks on a corpus (e.g. a copy of the stdlib): per-stage CPU cost, then whole-process runs
# next to ruff and complexipy (RUFF=, COMPLEXIPY= or on PATH) and git status
# CORPUS must be a git work tree (git init; git add -A; git commit): the runs use its index.
# The ratios also go to bench-runs.json and bench-staged.json, to compare with a later run.
bench corpus rounds="5":
    cargo build --release --workspace
    target/release/bench phases {{corpus}} {{rounds}}
    target/release/bench runs {{corpus}} {{rounds}} --json bench-runs.json
    target/release/bench staged {{corpus}} {{rounds}} --json bench-staged.json
    target/release/bench watch {{corpus}} 20
# The corpus copied FACTOR times into one git tree: time per file and peak RSS against one copy
bench-scale corpus factor="20":
    cargo build --release --workspace
    target/release/bench scale {{corpus}} {{factor}}
# Load and stress (issue 17): 100,000 files cold and warm with RSS over time, `ulimit -n 32`, half the
# memory, 8 concurrent checks on one cache with edits between rounds
bench-load corpus files="100000":
    cargo build --release --workspace
    target/release/bench load {{corpus}} {{files}}
