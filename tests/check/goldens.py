#!/usr/bin/env python3
"""The check's report in every format, for every story and a few more cases,
compared with the committed goldens; and every rule of the catalog must be
reported by at least one golden case.

    goldens.py --ckptcheck BUILD/tool/ckptcheck [--update]

Cases: each story of stories.json (its model, checkpoint, class and flags, run
from the repository root) and goldens/cases.json. For each, the four formats go
to goldens/NAME.{txt,json,sarif,md} and the exit code must be the one the case
names (stories: 1 when the story is incompatible or has an error, else 0 — the
agreement test holds the findings to LibTorch; here the whole report is pinned,
so any change to it is seen and reviewed). --update rewrites the goldens.
All cases use the bundled LibTorch declarations: fast, and the same on every machine.
"""

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
FORMATS = {"text": "txt", "json": "json", "sarif": "sarif", "markdown": "md"}


def cases():
    out = []
    with open(os.path.join(HERE, "stories.json")) as f:
        for s in json.load(f):
            rel = lambda p: os.path.relpath(os.path.join(HERE, p), ROOT)
            flags = list(s.get("flags", []))
            for i in range(1, len(flags)):
                if flags[i - 1] == "--config":  # a path relative to stories.json, as the others
                    flags[i] = rel(flags[i])
            args = ["--model", rel(s["model"]), rel(s["checkpoint"]), "--class", s["class"]] + flags
            out.append({"name": s["name"], "args": args, "exit": None})
    with open(os.path.join(HERE, "golden_cases.json")) as f:
        out += json.load(f)["cases"]
    return out


def run(binary, args, fmt):
    env = dict(os.environ, NO_COLOR="1")
    p = subprocess.run([binary] + args + ["--torch-include", "bundled", "--format", fmt], cwd=ROOT, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=300)
    return p.returncode, p.stdout, p.stderr


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ckptcheck", required=True)
    ap.add_argument("--update", action="store_true")
    opts = ap.parse_args()
    problems, fired = [], set()
    for case in cases():
        codes = set()
        for fmt, ext in FORMATS.items():
            rc, out, err = run(opts.ckptcheck, case["args"], fmt)
            path = os.path.join(HERE, "goldens", "%s.%s" % (case["name"], ext))
            if fmt == "json":
                try:
                    report = json.loads(out)
                except ValueError:
                    problems.append("%s: json output is not JSON (exit %d): %s" % (case["name"], rc, err.strip()))
                    continue
                fired |= {f["id"] for f in report["findings"]}
                want = case["exit"] if case["exit"] is not None else (0 if report["ok"] else 1)
                if rc != want:
                    problems.append("%s: exit %d, expected %d" % (case["name"], rc, want))
            if opts.update:
                with open(path, "w") as f:
                    f.write(out)
                continue
            if not os.path.exists(path):
                problems.append("%s: no golden %s (run with --update and review it)" % (case["name"], os.path.relpath(path, ROOT)))
                continue
            with open(path) as f:
                if f.read() != out:
                    problems.append("%s: %s output differs from %s" % (case["name"], fmt, os.path.relpath(path, ROOT)))
    catalog = subprocess.run([opts.ckptcheck, "rules"], stdout=subprocess.PIPE, text=True).stdout.split("\n")
    rules = {line.split()[0] for line in catalog if line.startswith("CK")}
    for rule in sorted(rules - fired):
        problems.append("%s is reported by no golden case: add a story or a case that triggers it" % rule)
    for p in problems:
        print("FAIL", p)
    print("%d golden cases, %d rules fired, %d problems" % (len(cases()), len(fired), len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
