#!/usr/bin/env python3
"""Differential parity: `antipasta dump` against the reference oracle (radon 6.0.1, complexipy 8.3.0).

    parity.py --oracle ORACLE.json[.gz] --dump DUMP.jsonl [--root DIR] [--show 10] [--known known_diffs.toml]

Joins files on path and blocks on (path, qualname, lineno), prints per field: compared, exact,
mismatches, % exact, then the first mismatches with their source line. Exit 1 when any
mismatch is not explained by testdata/oracle/known_diffs.toml.
"""
import argparse, gzip, json, os, sys

RAW = ["loc", "lloc", "sloc", "comments", "multi", "blank", "single_comments"]
BLOCK = ["cc", "endline", "kind", "name"]
HALSTEAD = ["h1", "h2", "N1", "N2", "vocabulary", "length", "calculated_length", "volume",
            "difficulty", "effort", "time", "bugs"]
MI = ["mi", "mi_nomulti"]
COGNITIVE = ["cognitive", "cognitive_name", "cognitive_line_start", "cognitive_line_end", "cognitive_ignored"]


def load_oracle(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return {rec["path"]: rec for rec in json.load(f)["files"]}


def load_dump(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            out[rec["path"]] = rec
    return out


def load_known(path):
    """`[[diff]] path = "...", field = "...", qualname = "..." (optional), reason = "..."`."""
    if not path or not os.path.exists(path):
        return []
    import tomllib
    with open(path, "rb") as f:
        return tomllib.load(f).get("diff", [])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle", required=True)
    ap.add_argument("--dump", required=True)
    ap.add_argument("--root", default=".", help="where the corpus files are, for source lines")
    ap.add_argument("--show", type=int, default=10)
    ap.add_argument("--known")
    args = ap.parse_args()
    oracle, ours, known = load_oracle(args.oracle), load_dump(args.dump), load_known(args.known)

    def has_bom(path):
        with open(os.path.join(args.root, path), "rb") as f:
            return f.read(3) == b"\xef\xbb\xbf"
    stats = {k: [0, 0] for k in ["file." + r for r in RAW] + ["file.cc_total"]
             + ["file.halstead." + h for h in HALSTEAD] + ["file." + m for m in MI]
             + ["block." + b for b in BLOCK] + ["block.present"]
             + ["block.halstead." + h for h in HALSTEAD]
             + ["file.cognitive_total"] + ["block." + c for c in COGNITIVE]
             + ["unmatched.present", "unmatched.cognitive", "unmatched.cognitive_line_end"]}
    mismatches = []
    notes = {"oracle_only_files": 0, "our_errors_where_radon_parsed": 0, "radon_failed_we_parsed": 0}

    def check(key, path, what, want, got, line=None):
        s = stats[key]
        s[0] += 1
        if want == got:
            s[1] += 1
        else:
            mismatches.append((key, path, what, want, got, line))

    for path, o in sorted(oracle.items()):
        u = ours.get(path)
        if u is None:
            notes["oracle_only_files"] += 1
            continue
        errs = o.get("errors") or {}
        radon_parsed = "ast_parse" not in errs and "read" not in errs
        if u.get("error"):
            if radon_parsed:
                notes["our_errors_where_radon_parsed"] += 1
                mismatches.append(("file.error", path, "error", None, u["error"], None))
            elif o.get("raw") is not None or (u.get("raw") is not None and not has_bom(path)):
                # A file neither side parses: the partial raw counts (radon's raw pass needs no
                # tree) are compared as they are on parsed files. radon's tokenizer rejects a BOM,
                # which antipasta drops (docs/deviations.md 2).
                for r in RAW:
                    check("file." + r, path, r, (o.get("raw") or {}).get(r), (u.get("raw") or {}).get(r))
            continue
        if not radon_parsed:
            notes["radon_failed_we_parsed"] += 1
        if o.get("raw") is not None:
            for r in RAW:
                check("file." + r, path, r, o["raw"][r], (u.get("raw") or {}).get(r))
        if radon_parsed and o.get("cc_total") is not None:
            check("file.cc_total", path, "cc_total", o["cc_total"], u.get("cc_total"))
        if radon_parsed and o.get("halstead") is not None:
            for h in HALSTEAD:
                check("file.halstead." + h, path, "halstead." + h, o["halstead"][h], (u.get("halstead") or {}).get(h))
        for m in MI:
            if radon_parsed and o.get(m) is not None:
                check("file." + m, path, m, o[m], u.get(m))
        complexipy_ok = "complexipy" not in errs
        if complexipy_ok and o.get("cognitive_total") is not None:
            check("file.cognitive_total", path, "cognitive_total", o["cognitive_total"], u.get("cognitive_total"))
        by_start = {(f.get("cognitive_name"), f.get("cognitive_line_start")): f for f in u.get("functions", [])}
        for c in o.get("cognitive_unmatched") or []:
            # Functions of files CPython 3.11 rejects: joined on complexipy's name and first line.
            g = by_start.get((c["name"], c["line_start"]))
            check("unmatched.present", path, c["name"], True, g is not None, c["line_start"])
            if g is not None:
                check("unmatched.cognitive", path, c["name"], c["complexity"], g.get("cognitive"), c["line_start"])
                check("unmatched.cognitive_line_end", path, c["name"], c["line_end"], g.get("cognitive_line_end"), c["line_start"])
        if not radon_parsed:
            continue
        mine = {(f["qualname"], f["lineno"]): f for f in u.get("functions", [])}
        theirs = {(f["qualname"], f["lineno"]): f for f in o.get("functions", []) if f.get("cc") is not None}
        for key, f in theirs.items():
            g = mine.get(key)
            check("block.present", path, key[0], True, g is not None, key[1])
            if g is None:
                continue
            for b in BLOCK:
                check("block." + b, path, key[0], f.get(b), g.get(b), key[1])
            if f.get("cognitive") is not None or (complexipy_ok and g.get("cognitive") is not None):
                for c in COGNITIVE:
                    check("block." + c, path, key[0], f.get(c), g.get(c), key[1])
            if f.get("halstead") is not None or g.get("halstead") is not None:
                want, got = f.get("halstead") or {}, g.get("halstead") or {}
                for h in HALSTEAD:
                    check("block.halstead." + h, path, key[0], want.get(h), got.get(h), key[1])
        for key in mine.keys() - theirs.keys():
            stats["block.present"][0] += 1
            mismatches.append(("block.extra", path, key[0], None, "extra", key[1]))

    unexplained = []
    for m in mismatches:
        key, path = m[0], m[1]
        field = key.split(".", 1)[1]
        if any(k.get("path") == path and k.get("field") in (field, "*") and k.get("qualname") in (None, m[2]) for k in known):
            continue
        unexplained.append(m)

    print(f"{'field':<24} {'compared':>9} {'exact':>9} {'mismatch':>9} {'% exact':>9}")
    for key, (n, ok) in stats.items():
        pct = 100.0 * ok / n if n else 100.0
        print(f"{key:<24} {n:>9} {ok:>9} {n - ok:>9} {pct:>8.3f}%")
    print(f"files: oracle {len(oracle)}, ours {len(ours)}; " + ", ".join(f"{k} {v}" for k, v in notes.items()))
    print(f"mismatches: {len(mismatches)} ({len(mismatches) - len(unexplained)} listed in known_diffs, {len(unexplained)} unexplained)")
    for key, path, what, want, got, line in unexplained[: args.show]:
        src = ""
        if line:
            try:
                with open(os.path.join(args.root, path), encoding="utf-8") as f:
                    src = f.read().splitlines()[line - 1].strip()[:80]
            except (OSError, IndexError, UnicodeDecodeError):
                pass
        print(f"  {key}: {path}:{line or ''} {what}: oracle={want!r} ours={got!r}  {src}")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
