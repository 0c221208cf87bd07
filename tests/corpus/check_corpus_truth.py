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
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from gen_corpus_truth import include_closure  # noqa: E402
from truth_manifest import check_listing, run_truth_program  # noqa: E402

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

    errors += run_truth_program(opts.program, opts.out_dir)
    for entry in manifest:
        errors += check_listing(entry, opts.out_dir)

    if errors:
        print("\n".join(errors), file=sys.stderr)
        return 1
    print("%d corpus entries checked" % len(manifest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
