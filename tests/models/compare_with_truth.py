#!/usr/bin/env python3
"""Compare `ckptcheck-analyze` with LibTorch's own named_parameters()/named_buffers().

For every fixture in manifest.json, run the analyzer on its files with the same
constructor arguments the ground-truth program (ckptcheck_model_truth) used, and
require the same entries: names, order, shapes, dtypes, kinds, exactly.

Usage: compare_with_truth.py ANALYZER TRUTH_DIR [--torch-include DIR|bundled] [--both-modes] [--only NAME...]
--both-modes also analyses each fixture with the bundled declarations instead of
LibTorch's headers and requires the same entries and the same diagnostics.
Fixtures listed in known_gaps.json are expected to differ (each with a reason);
the run fails if one of them starts to match, so the list cannot go stale.
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def analyze(analyzer, fixture, torch_include):
    cmd = [analyzer, "--format", "json", "--class", fixture["root"]]
    for k, v in fixture.get("args", {}).items():
        cmd += ["--arg", "%s=%s" % (k, json.dumps(v))]
    if torch_include:
        cmd += ["--torch-include", torch_include]
    cmd += [os.path.join(HERE, f) for f in fixture["files"]]
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode not in (0, 1) or not out.stdout:
        return None, "analyzer exited %d: %s" % (out.returncode, out.stderr.strip()[:500])
    return json.loads(out.stdout), None


def differences(spec, truth):
    want = [(e["name"], e["kind"], e["shape"], e["dtype"]) for e in truth["entries"]]
    got = [(e["name"], e["kind"], e["shape"], e["dtype"]) for e in spec["entries"]]
    if got == want:
        return []
    lines = []
    for i in range(max(len(want), len(got))):
        w = want[i] if i < len(want) else None
        g = got[i] if i < len(got) else None
        if w != g:
            lines.append("  #%d libtorch %s | analyzer %s" % (i, w, g))
    return lines[:12]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("analyzer")
    p.add_argument("truth_dir")
    p.add_argument("--torch-include", default="")
    p.add_argument("--only", nargs="*")
    p.add_argument("--both-modes", action="store_true")
    a = p.parse_args()
    manifest = json.load(open(os.path.join(HERE, "manifest.json")))
    gaps = json.load(open(os.path.join(HERE, "known_gaps.json")))
    passed = failed = 0
    for fixture in manifest:
        name = fixture["name"]
        if a.only and name not in a.only:
            continue
        truth = json.load(open(os.path.join(a.truth_dir, name + ".json")))
        spec, error = analyze(a.analyzer, fixture, a.torch_include)
        diff = [error] if error else differences(spec, truth)
        if a.both_modes and not error:
            bundled, berror = analyze(a.analyzer, fixture, "bundled")
            def summary(x):
                return ([(e["name"], e["kind"], e["shape"], e["dtype"]) for e in x["entries"]],
                        sorted(d["id"] + " " + d["message"] for d in x["diagnostics"]))
            if berror or summary(bundled) != summary(spec):
                failed += 1
                print("FAIL: %s: the bundled declarations give another result than LibTorch's headers" % name)
                print("  %s" % (berror or "\n  ".join(str(x) for x in summary(bundled))))
                continue
        gap = gaps.get(name)
        if not diff and not gap:
            passed += 1
            print("ok: %s" % name)
        elif diff and gap:
            passed += 1
            print("known gap: %s (%s)" % (name, gap))
        elif gap:
            failed += 1
            print("FAIL: %s now matches LibTorch; remove it from known_gaps.json" % name)
        else:
            failed += 1
            print("FAIL: %s" % name)
            print("\n".join(diff))
            for d in (spec or {}).get("diagnostics", [])[:5]:
                print("    %s %s" % (d["id"], d["message"]))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
