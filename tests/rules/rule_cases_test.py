#!/usr/bin/env python3
"""One case per rule of the catalog, run for real, and each rule page's example
checked against what the case prints.

    rule_cases_test.py --ckptcheck BUILD/tool/ckptcheck [--update] [--only CK401]

The catalog is rules/include/ckptcheck/rules/catalog.def. Each rule CKnnn named
some-name has exactly one directory tests/rules/CKnnn_some_name/ with a case.json:

    {"rule": "CKnnn", "args": [...], "exit": N, "doc_lines": N (optional), "truth": "..."}

args are ckptcheck's arguments, paths relative to the repository root, where the
case runs (NO_COLOR=1, the analysis cache in a fresh temporary directory, stdout
and stderr captured together). The case passes when ckptcheck exits with `exit`
and its output contains the finding "[CKnnn some-name]".

docs/rules/CKnnn.md must contain the marker line

    <!-- example: tests/rules/CKnnn_some_name -->

immediately followed by a fenced code block (``` ... ```) holding exactly
"$ ckptcheck ARGS" and then the output. With doc_lines, the block holds the first
doc_lines lines of the output and then a line "..." (when the output is longer).
--update rewrites those blocks from the real output instead of failing; review the
diff. Any other failure prints what differs and exits 1. Standard library only.
"""

import argparse
import difflib
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CATALOG = os.path.join(ROOT, "rules", "include", "ckptcheck", "rules", "catalog.def")
DOCS = os.path.join(ROOT, "docs", "rules")
EMBED = os.path.join(ROOT, "rules", "cmake", "embed_rule_docs.cmake")
FENCE = "```"
TRUNCATED = "..."
CASE_KEYS = {"rule", "args", "exit", "truth", "doc_lines"}


def catalog_rules():
    """[(code, name)] in catalog order."""
    with open(CATALOG) as f:
        text = f.read()
    rules = re.findall(r'CKPTCHECK_RULE\(\s*\w+\s*,\s*"(CK\d+)"\s*,\s*"([a-z0-9-]+)"', text)
    if not rules:
        raise SystemExit("no CKPTCHECK_RULE(...) entries found in %s" % CATALOG)
    return rules


def case_dir_name(code, name):
    return "%s_%s" % (code, name.replace("-", "_"))


def marker(code, name):
    return "<!-- example: tests/rules/%s -->" % case_dir_name(code, name)


def raw_string_terminator():
    """The sequence a page must not contain (it would end the embedded raw string)."""
    with open(EMBED) as f:
        m = re.search(r'set\(delimiter\s+"([^"]*)"\)', f.read())
    if not m:
        raise SystemExit("cannot find the raw-string delimiter in %s" % EMBED)
    return ')%s"' % m.group(1)


def load_case(path, code, problems):
    rel = os.path.relpath(path, ROOT)
    try:
        with open(path) as f:
            case = json.load(f)
    except (OSError, ValueError) as e:
        problems.append("%s: cannot read it: %s" % (rel, e))
        return None
    bad = []
    if not isinstance(case, dict):
        problems.append("%s: not a JSON object" % rel)
        return None
    if set(case) - CASE_KEYS:
        bad.append("unknown keys %s" % sorted(set(case) - CASE_KEYS))
    if case.get("rule") != code:
        bad.append('"rule" is %r, the directory says %s' % (case.get("rule"), code))
    if not (isinstance(case.get("args"), list) and case["args"] and all(isinstance(a, str) for a in case["args"])):
        bad.append('"args" must be a non-empty list of strings')
    if not isinstance(case.get("exit"), int) or isinstance(case.get("exit"), bool):
        bad.append('"exit" must be an integer')
    if not (isinstance(case.get("truth"), str) and case["truth"].strip()):
        bad.append('"truth" must say where the fact that the rule fires comes from')
    lines = case.get("doc_lines")
    if lines is not None and (not isinstance(lines, int) or isinstance(lines, bool) or lines < 1):
        bad.append('"doc_lines" must be a positive integer')
    for b in bad:
        problems.append("%s: %s" % (rel, b))
    return None if bad else case


def run_case(binary, case, cache_dir):
    env = dict(os.environ, NO_COLOR="1", XDG_CACHE_HOME=cache_dir)
    p = subprocess.run([binary] + case["args"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", errors="replace")


def expected_block(case, output):
    """The lines the page's fenced block must hold (without the fences)."""
    out = output.splitlines()
    n = case.get("doc_lines")
    if n is not None and len(out) > n:
        out = out[:n] + [TRUNCATED]
    return ["$ ckptcheck " + " ".join(shlex.quote(a) for a in case["args"])] + out


def find_block(lines, mark):
    """(marker index, index of the opening fence, index of the closing fence) or an error string.
    The fences are None when the marker is not followed by a block."""
    at = [i for i, line in enumerate(lines) if line.strip() == mark]
    if len(at) != 1:
        return "has %d marker lines '%s' (needs exactly one, in the Example section)" % (len(at), mark)
    i = at[0]
    if i + 1 >= len(lines) or lines[i + 1] != FENCE:
        return (i, None, None)
    for j in range(i + 2, len(lines)):
        if lines[j] == FENCE:
            return (i, i + 1, j)
    return "the code block after '%s' is not closed" % mark


def check_page(code, name, case, output, update, terminator, problems):
    """Compare (or with update, rewrite) the page's example block. Returns True when the page changed."""
    path = os.path.join(DOCS, code + ".md")
    rel = os.path.relpath(path, ROOT)
    if not os.path.exists(path):
        problems.append("%s: no such page" % rel)
        return False
    with open(path) as f:
        text = f.read()
    lines = text.split("\n")
    mark = marker(code, name)
    found = find_block(lines, mark)
    if isinstance(found, str):
        problems.append("%s: %s" % (rel, found))
        return False
    want = expected_block(case, output)
    for line in want:
        if line.startswith(FENCE):
            problems.append("%s: the output has a line starting with %s, which would end the block" % (rel, FENCE))
            return False
    i, start, end = found
    have = None if start is None else lines[start + 1:end]
    if have == want:
        return False
    if update:
        if start is None:
            new = lines[:i + 1] + [FENCE] + want + [FENCE] + lines[i + 1:]
        else:
            new = lines[:start + 1] + want + lines[end:]
        new_text = "\n".join(new)
        if terminator in new_text:
            problems.append("%s: the new example contains %s, which would end the embedded page early"
                            % (rel, terminator))
            return False
        with open(path, "w") as f:
            f.write(new_text)
        print("updated %s" % rel)
        return True
    if have is None:
        problems.append("%s: the marker '%s' is not followed by a %s block (run with --update to write it)"
                        % (rel, mark, FENCE))
        return False
    diff = difflib.unified_diff(have, want, "%s (example block)" % rel, "real output of %s" % case_dir_name(code, name),
                                lineterm="", n=2)
    problems.append("%s: the example differs from the real output (--update rewrites it):\n%s"
                    % (rel, "\n".join("    " + d for d in diff)))
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ckptcheck", required=True, help="the ckptcheck binary")
    ap.add_argument("--update", action="store_true", help="rewrite the pages' example blocks from the real output")
    ap.add_argument("--only", action="append", default=[], metavar="CODE", help="run only this rule's case (repeatable)")
    opts = ap.parse_args()
    binary = os.path.abspath(opts.ckptcheck)
    if not os.access(binary, os.X_OK):
        print("FAIL %s is not an executable" % opts.ckptcheck)
        return 1
    started = time.monotonic()
    problems = []
    rules = catalog_rules()
    by_dir = {case_dir_name(code, name): (code, name) for code, name in rules}
    terminator = raw_string_terminator()

    # Exactly one case directory per catalog rule, and no directory for anything else.
    dirs = sorted(d for d in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, d)) and d != "__pycache__")
    for d in dirs:
        if d not in by_dir:
            code = d.split("_", 1)[0]
            known = [k for k in by_dir if k.startswith(code + "_")]
            problems.append("tests/rules/%s: names no rule of the catalog%s" % (
                d, " (the catalog calls %s %s)" % (code, known[0]) if known else ""))
    for code, name in rules:
        if case_dir_name(code, name) not in dirs:
            problems.append("%s %s has no case: add tests/rules/%s/case.json" % (code, name, case_dir_name(code, name)))
        elif not os.path.isfile(os.path.join(HERE, case_dir_name(code, name), "case.json")):
            problems.append("tests/rules/%s has no case.json" % case_dir_name(code, name))

    selected = [(c, n) for c, n in rules if not opts.only or c in opts.only]
    for code in set(opts.only) - {c for c, _ in rules}:
        problems.append("--only %s: not a rule of the catalog" % code)
    ran, updated = 0, 0
    with tempfile.TemporaryDirectory(prefix="ckptcheck-rule-cases-") as cache_dir:
        for code, name in selected:
            path = os.path.join(HERE, case_dir_name(code, name), "case.json")
            if not os.path.isfile(path):
                continue
            case = load_case(path, code, problems)
            if case is None:
                continue
            t0 = time.monotonic()
            try:
                rc, output = run_case(binary, case, cache_dir)
            except subprocess.TimeoutExpired:
                problems.append("%s: ckptcheck did not finish in 300 s" % code)
                continue
            except OSError as e:
                problems.append("%s: cannot run %s: %s" % (code, binary, e))
                continue
            ran += 1
            finding = "[%s %s]" % (code, name)
            shown = "\n".join("    " + line for line in output.splitlines()[:40])
            if rc != case["exit"]:
                problems.append("%s: exit %d, expected %d; output:\n%s" % (code, rc, case["exit"], shown))
            if finding not in output:
                problems.append("%s: the output has no finding %s; output:\n%s" % (code, finding, shown))
            if rc == case["exit"] and finding in output:
                updated += check_page(code, name, case, output, opts.update, terminator, problems)
            elif opts.update:
                problems.append("%s: page not updated while the case fails" % code)
            print("%-6s %-28s exit %d  %.1f s" % (code, name, rc, time.monotonic() - t0))

    for p in problems:
        print("FAIL " + p)
    print("%d rules, %d cases run, %d pages updated, %d problems, %.0f s" % (
        len(rules), ran, updated, len(problems), time.monotonic() - started))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
