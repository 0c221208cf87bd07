#!/usr/bin/env python3
"""The check solves a model's constructor arguments from its checkpoint (issue 11).

    check_solves_arguments.py CKPTCHECK TRUTH_DIR [--manifest M] [--jobs N] [NAME...]

For every fixture of the manifest, TRUTH_DIR/<name>.pt is the model as LibTorch
built it at the manifest's arguments and saved it with torch::save
(model_truth_main.inl). The check runs on that checkpoint with the fixture's
integer arguments left unbound, so it must find them from the checkpoint's
shapes, then run the constructor at the values it found. It must report the
checkpoint compatible, or say that it implies the arguments it was saved with
where they differ from the code's defaults, and nothing else; every argument it
says came from the checkpoint must have the manifest's value, or values at which
the model lists exactly what LibTorch listed (the checkpoint cannot tell them
apart). Non-integer arguments (lists,
strings, bools) are given with --arg, as a user would.
"""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# Fixtures whose arguments the check does not solve yet, and why. A listed
# fixture that passes fails the test, so that the list only shrinks.
KNOWN_GAPS = {}


def check(ckptcheck, truth_dir, fixture):
    pt = os.path.join(truth_dir, fixture["name"] + ".pt")
    if not os.path.exists(pt):
        return {}, "no checkpoint %s (run the model_ground_truth_builds test first)" % pt
    cmd = [ckptcheck, "--format", "json", "--class", fixture["root"]]
    for f in fixture["files"]:
        cmd += ["--model", os.path.join(HERE, f)]
    unbound = {}
    if not fixture["construct"].startswith("std::make_shared<"):
        cmd += ["--construct", fixture["construct"]]  # a factory: its arguments are written in it
    else:
        for k, v in fixture.get("args", {}).items():
            if isinstance(v, int) and not isinstance(v, bool):
                unbound[k] = v
            else:
                cmd += ["--arg", "%s=%s" % (k, json.dumps(v))]
    cmd.append(pt)
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    try:
        report = json.loads(p.stdout)
    except ValueError:
        return unbound, "exit %d, no report: %s" % (p.returncode, p.stderr.strip()[:400])
    # "the checkpoint implies hidden=32; the code's default is 64" is the
    # check's correct answer when the model was saved at other than the default.
    def implied_correctly(finding):
        m = re.match(r"the checkpoint implies (\w+)=(-?\d+)", finding.get("message", ""))
        return m is not None and unbound.get(m.group(1)) == int(m.group(2))
    # Where the shapes fix only a product (dim_head*heads), the check says the
    # code's default does not fit and which split it kept: true when the model
    # was saved at another value, and the split builds what LibTorch built.
    def split_correctly(finding):
        m = re.match(r"the checkpoint does not fit the code's default (\w+)=(-?\d+)", finding.get("message", ""))
        return (m is not None and m.group(1) in unbound and unbound[m.group(1)] != int(m.group(2))
                and same_model(ckptcheck, truth_dir, fixture, unbound, used))
    solved, used = {}, {}  # from the checkpoint; every value the check used (also defaults)
    for c in report.get("checkpoints", []):
        for s in c.get("symbols", []):
            if s.get("value") is not None:
                used[s["name"]] = s["value"]
            if s.get("origin") == "checkpoint":
                solved[s["name"]] = s.get("value")
    errors = [f for f in report.get("findings", [])
              if f.get("severity") == "error" and not implied_correctly(f) and not split_correctly(f)]
    problems = []
    if p.returncode not in (0, 1) or errors:
        problems.append("exit %d; errors: %s" % (p.returncode, "; ".join(
            "%s %s" % (f.get("id", f.get("rule", "?")), f.get("message", "")) for f in errors)[:600]))
    differing = {n: v for n, v in solved.items() if n in unbound and v != unbound[n]}
    if differing and not same_model(ckptcheck, truth_dir, fixture, unbound, used):
        for name, value in differing.items():
            problems.append("%s solved as %s, the model was saved with %s" % (name, value, unbound[name]))
    return unbound, "; ".join(problems) or None


def same_model(ckptcheck, truth_dir, fixture, unbound, used):
    """Whether the model built at the solved values lists exactly what LibTorch
    listed at the saved ones: then the checkpoint cannot tell them apart (only
    heads*dim_head decides a shape, say), and either answer is right."""
    cmd = [ckptcheck, "analyze", "--format", "json", "--class", fixture["root"]]
    cmd += [os.path.join(HERE, f) for f in fixture["files"]]
    for k, v in fixture.get("args", {}).items():
        cmd += ["--arg", "%s=%s" % (k, json.dumps(used.get(k, v) if k in unbound else v))]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    if p.returncode not in (0, 1):
        return False
    listing = lambda d: [(e["name"], e["kind"], e["shape"], e["dtype"]) for e in d["entries"]]
    truth = json.load(open(os.path.join(truth_dir, fixture["name"] + ".json")))
    return listing(json.loads(p.stdout)) == listing(truth)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("ckptcheck")
    ap.add_argument("truth_dir")
    ap.add_argument("--manifest", default=os.path.join(HERE, "manifest.json"))
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("names", nargs="*")
    opts = ap.parse_args()
    manifest = json.load(open(opts.manifest))
    fixtures = manifest["models"] if isinstance(manifest, dict) else manifest
    if opts.names:
        fixtures = [f for f in fixtures if f["name"] in opts.names]
    with concurrent.futures.ThreadPoolExecutor(max_workers=opts.jobs) as pool:
        results = list(pool.map(lambda f: (f, check(opts.ckptcheck, opts.truth_dir, f)), fixtures))
    failures = gaps = 0
    for fixture, (unbound, problem) in results:
        gap = KNOWN_GAPS.get(fixture["name"])
        if problem and gap:
            gaps += 1
            print("gap  %s: %s (known: %s)" % (fixture["name"], problem[:200], gap))
        elif problem:
            failures += 1
            print("FAIL %s: %s" % (fixture["name"], problem))
        elif gap:
            failures += 1
            print("FAIL %s: listed in KNOWN_GAPS but passes: remove it from the list" % fixture["name"])
        else:
            print("ok   %s (%s)" % (fixture["name"], "solved " + ", ".join(unbound) if unbound else "nothing to solve"))
    print("%d of %d fixtures: the check solved their arguments from the checkpoint and found it compatible; "
          "%d known gaps" % (len(results) - failures - gaps, len(results), gaps))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
