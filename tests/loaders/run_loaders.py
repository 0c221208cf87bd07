#!/usr/bin/python3
"""Runs the real loaders on checkpoint files and records what each one does.

    /usr/bin/python3 tests/loaders/run_loaders.py --probe BUILD/tests/loaders/ckptcheck_loader_probe \
        --out tests/loaders/expected_loaders.json FILE...

This is the ground truth behind CK601 (loader-format): for every file, whether
each loader reads it and the first line of the error it raises (or of the
warning it prints) — never what ckptcheck predicts. Python loaders run here
(torch 1.13.1, so use /usr/bin/python3); the LibTorch ones run in
ckptcheck_loader_probe (loader_probe.cpp).

Environment of the Python loads: tests/fixtures is on sys.path, so classes of
whole pickled models that live in an importable module (fixture_models) can be
found, as they would be in the project that saved them; a class pickled from
`__main__` (model_main.pt) cannot, as in any program other than the one that saved it.

It executes the files' pickles: run it on the fixtures only.
"""

import argparse
import json
import os
import subprocess
import sys
import warnings

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "fixtures"))

LOADERS = [
    "torch.load",
    "torch.load(weights_only=True)",
    "torch.jit.load",
    "torch::load",
    "torch::jit::load",
    "torch::pickle_load",
]

PYTHON_LOADERS = {
    "torch.load": lambda f: torch.load(f, map_location="cpu", weights_only=False),
    "torch.load(weights_only=True)": lambda f: torch.load(f, map_location="cpu", weights_only=True),
    "torch.jit.load": lambda f: torch.jit.load(f, map_location="cpu"),
}


def first_line(text):
    """The first line, with machine-specific paths replaced by placeholders."""
    line = str(text).split("\n", 1)[0]
    return line.replace(os.path.abspath(sys.argv[0]), "<script>").replace(HERE, "<dir>")


def run_python(loader, path):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            PYTHON_LOADERS[loader](path)
            result = {"reads": True}
        except Exception as e:  # every failure is a result here
            result = {"reads": False, "error": "%s: %s" % (type(e).__name__, first_line(e))}
    # Only torch's own warnings: what a user sees from the loader itself.
    ours = [w for w in caught if "torch" in os.path.normpath(w.filename).split(os.sep)]
    if ours:
        result["warning"] = first_line(ours[0].message)
    return result


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--probe", required=True, help="ckptcheck_loader_probe")
    ap.add_argument("--out", required=True)
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()

    files = sorted(args.files, key=os.path.basename)
    # One probe process per file: LibTorch's in-memory zip reader (torch::pickle_load)
    # reports a non-zip file differently depending on what the process loaded
    # before ("failed finding central directory" alone, "invalid header or archive
    # is corrupted" after other files), so a shared process made the table flaky.
    cpp = []
    for f in files:
        cpp += json.loads(subprocess.run([args.probe, f], check=True, stdout=subprocess.PIPE).stdout)
    cpp = {entry["file"]: entry["loaders"] for entry in cpp}

    out = []
    for path in files:
        name = os.path.basename(path)
        results = {}
        for loader in LOADERS:
            if loader in PYTHON_LOADERS:
                results[loader] = run_python(loader, path)
            else:
                results[loader] = cpp[name][loader]
        out.append({"file": name, "loaders": results})
    with open(args.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
