#!/usr/bin/env python3
"""Runs ckptcheck_model_truth and checks that every manifest entry got a listing.

    check_truth.py --manifest tests/models/manifest.json \
                   --program build/tests/models/ckptcheck_model_truth --out-dir build/model_truth

Checks: the program exits 0; each entry has <out-dir>/<name>.json with its name
and root; at least one entry unless the manifest says "empty": true (then none);
no duplicate entry names inside a listing; a module list that starts with the
root (name "", type the manifest's root) and names each module once; and every
.cpp/.h in the models directory belongs to some manifest entry (so a fixture
can't be forgotten).
"""

import argparse
import glob
import json
import os
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--program", required=True)
    parser.add_argument("--out-dir", required=True)
    opts = parser.parse_args()

    with open(opts.manifest) as f:
        manifest = json.load(f)
    models_dir = os.path.dirname(os.path.abspath(opts.manifest))
    errors = []

    listed = {f for entry in manifest for f in entry["files"]}
    for path in sorted(glob.glob(os.path.join(models_dir, "*.cpp")) + glob.glob(os.path.join(models_dir, "*.h"))):
        if os.path.basename(path) not in listed:
            errors.append("%s is not in the manifest" % os.path.basename(path))

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
        if entry.get("empty", False):
            if entries:
                errors.append("%s: marked empty but has %d entries" % (name, len(entries)))
        elif not entries:
            errors.append("%s: no entries" % name)
        names = [e["name"] for e in entries]
        if len(names) != len(set(names)):
            errors.append("%s: duplicate entry names" % name)
        modules = listing.get("modules", [])
        if not modules or modules[0] != {"name": "", "type": entry["root"]}:
            errors.append("%s: the module list does not start with the root %r: %r" % (name, entry["root"], modules[:1]))
        module_names = [m["name"] for m in modules]
        if len(module_names) != len(set(module_names)):
            errors.append("%s: duplicate module names" % name)

    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    print("%d fixtures checked" % len(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
