#!/usr/bin/env bash
# stdlib-copy.sh DIR: this machine's Python standard library (its *.py files, site-packages left
# out) copied into DIR, a real tree of 1,790 files for the script tests.
set -euo pipefail
stdlib=$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["stdlib"])')
mkdir -p "$1"
(cd "$stdlib" && find . -name site-packages -prune -o -name '*.py' -print0 \
  | tar --null -T - -cf - | tar -xf - -C "$1")
