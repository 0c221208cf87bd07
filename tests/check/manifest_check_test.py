#!/usr/bin/env python3
"""The check on a manifest equals the check on the checkpoint it was made from.

    manifest_check_test.py --ckptcheck BUILD/tool/ckptcheck

For every golden case (each story of stories.json and golden_cases.json: its
model, class and flags) and for every checkpoint fixture checked against the
README's example model, `ckptcheck manifest` writes a manifest of each
checkpoint the case names; then the check runs on the checkpoints and on the
manifests. The two JSON reports must be equal once the manifest's path is read
as the checkpoint's and the checkpoint's `stand_in` (which says "a manifest
of") is set aside; so must the exit codes. A file the reader refuses has no
manifest: `manifest` must exit 2 for it as the check does. The text report
must say that it read a manifest.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import goldens  # noqa: E402  (the golden cases, and the repository root)

ROOT = goldens.ROOT
CHECKPOINT_EXTENSIONS = (".pt", ".pth", ".tar", ".safetensors", ".bin", ".ckpt")
FIXTURE_DIRS = ["tests/fixtures/files", "tests/fixtures/safetensors"]


def run(binary, args, fmt="json"):
    env = dict(os.environ, NO_COLOR="1")
    p = subprocess.run([binary] + args + ["--torch-include", "bundled", "--format", fmt], cwd=ROOT, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
    return p.returncode, p.stdout, p.stderr


def checkpoint_positions(args):
    """Indices of the case's arguments that are checkpoint files."""
    return [i for i, a in enumerate(args)
            if a.endswith(CHECKPOINT_EXTENSIONS) and os.path.isfile(os.path.join(ROOT, a))
            and (i == 0 or args[i - 1] not in ("--model", "--spec", "--config"))]


def fixture_cases():
    out = []
    for d in FIXTURE_DIRS:
        for name in sorted(os.listdir(os.path.join(ROOT, d))):
            if name.endswith(CHECKPOINT_EXTENSIONS):
                out.append({"name": "fixture_" + name, "args": ["--model", "examples/net.cpp", f"{d}/{name}"]})
    return out


def normalised(report_text, renames):
    for manifest, checkpoint in renames.items():
        report_text = report_text.replace(json.dumps(manifest)[1:-1], json.dumps(checkpoint)[1:-1])
    report = json.loads(report_text)
    for f in report["checkpoints"]:
        f.pop("stand_in", None)
    return report


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ckptcheck", required=True)
    opts = ap.parse_args()
    binary = os.path.abspath(opts.ckptcheck)
    problems, compared, refused = [], 0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for case in goldens.cases() + fixture_cases():
            args = list(case["args"])
            renames, manifest_args = {}, list(args)
            unreadable = False
            for i in checkpoint_positions(args):
                manifest = os.path.join(tmp, f"{case['name']}_{i}.ckpt.json")
                p = subprocess.run([binary, "manifest", args[i], "-o", manifest], cwd=ROOT,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                if p.returncode != 0:
                    if p.returncode != 2 or os.path.exists(manifest):
                        problems.append(f"{case['name']}: manifest {args[i]} exited {p.returncode}: {p.stderr}")
                    unreadable = True
                    continue
                renames[manifest] = args[i]
                manifest_args[i] = manifest
            rc, out, err = run(binary, args)
            if unreadable:
                refused += 1
                if rc != 2:
                    problems.append(f"{case['name']}: manifest refused a file the check reads (exit {rc})")
                continue
            if not renames:
                continue
            mrc, mout, merr = run(binary, manifest_args)
            if rc != mrc:
                problems.append(f"{case['name']}: exit {rc} on the checkpoint, {mrc} on its manifest: {merr}")
                continue
            if not out.strip():  # no report: the analysis failed (exit 2), as the stderr says
                for manifest, checkpoint in renames.items():
                    merr = merr.replace(manifest, checkpoint)
                if merr != err:
                    problems.append(f"{case['name']}: the errors differ:\n{err}\n--- on the manifest\n{merr}")
                compared += 1
                continue
            if normalised(out, {}) != normalised(mout, renames):
                problems.append(f"{case['name']}: the reports differ\n--- checkpoint\n{out}\n--- manifest\n{mout}")
                continue
            _, text, _ = run(binary, manifest_args, "text")
            if json.loads(mout)["checkpoints"] and "a manifest of " not in text:
                problems.append(f"{case['name']}: the text report does not say it read a manifest:\n{text}")
            compared += 1
    for p in problems:
        print("FAIL:", p)
    print(f"{compared} checks equal on manifests and checkpoints; {refused} unreadable files refused by both")
    if compared < 60:
        problems.append(f"only {compared} cases compared")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
