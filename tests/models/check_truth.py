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
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from truth_manifest import check_listing, run_truth_program  # noqa: E402


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

    errors += run_truth_program(opts.program, opts.out_dir)
    for entry in manifest:
        errors += check_listing(entry, opts.out_dir)

    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    print("%d fixtures checked" % len(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
