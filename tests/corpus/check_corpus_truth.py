#!/usr/bin/env python3
"""Runs ckptcheck_corpus_truth and checks that every manifest entry got a listing.

    check_corpus_truth.py --manifest tests/corpus/manifest.json \
        --program build/tests/corpus/ckptcheck_corpus_truth --out-dir build/corpus_truth

Checks: the program exits 0; each entry has <out-dir>/<name>.json with its
name and root, at least one parameter or buffer, no duplicate entry names,
and a "modules" list that starts with the root (name "", of the manifest's
root type); and every C++ source
file under tests/corpus (.cpp .cc .h .hpp) is used by some entry: listed in
its "files" or reached from them through #include "..." (so a model's files
can't be forgotten, and nothing unused is kept).
"""

import argparse
import glob
import json
import os
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from gen_corpus_truth import include_closure  # noqa: E402

SOURCE_EXTENSIONS = (".cpp", ".cc", ".h", ".hpp")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--program", required=True)
    parser.add_argument("--out-dir", required=True)
    opts = parser.parse_args()

    with open(opts.manifest) as f:
        manifest = json.load(f)
    corpus_dir = os.path.dirname(os.path.abspath(opts.manifest))
    errors = []

    used = set()
    for entry in manifest:
        used.update(include_closure(corpus_dir, entry["files"])[0])
    for path in sorted(glob.glob(os.path.join(corpus_dir, "**", "*"), recursive=True)):
        if path.endswith(SOURCE_EXTENSIONS) and os.path.normpath(path) not in used:
            errors.append("%s is used by no manifest entry" % os.path.relpath(path, corpus_dir))

    os.makedirs(opts.out_dir, exist_ok=True)
    for stale in glob.glob(os.path.join(opts.out_dir, "*.json")):
        os.remove(stale)
    run = subprocess.run([opts.program, opts.out_dir])
    if run.returncode != 0:
        errors.append("%s exited with %d" % (opts.program, run.returncode))

    for entry in manifest:
        name = entry["name"]
        path = os.path.join(opts.out_dir, name + ".json")
        if not os.path.isfile(path):
            errors.append("%s: no %s" % (name, path))
            continue
        with open(path) as f:
            listing = json.load(f)
        if listing.get("name") != name or listing.get("root") != entry["root"]:
            errors.append("%s: listing names %r / root %r" % (name, listing.get("name"), listing.get("root")))
        entries = listing.get("entries", [])
        if not entries:
            errors.append("%s: no parameters or buffers" % name)
        names = [e["name"] for e in entries]
        if len(names) != len(set(names)):
            errors.append("%s: duplicate entry names" % name)
        modules = listing.get("modules", [])
        if not modules or modules[0].get("name") != "":
            errors.append("%s: named_modules() does not start with the root" % name)
        elif modules[0].get("type") != entry["root"]:
            errors.append("%s: the root module is a %s, the manifest says %s" % (name, modules[0].get("type"), entry["root"]))

    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    print("%d corpus entries checked" % len(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
