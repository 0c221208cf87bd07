#!/usr/bin/python3
"""Applies the conversions CK601 prints and checks the result with ckptcheck and
with the real loader (torch 1.13.1, LibTorch 1.13.1).

    /usr/bin/python3 tests/check/printed_fixes_test.py --ckptcheck BUILD/tool/ckptcheck \\
        --story-truth BUILD/tests/check/ckptcheck_story_truth --probe BUILD/tests/loaders/ckptcheck_loader_probe

For each case: a Python training run's file for a story's C++ model (the model's
entries, from the story truth program, saved as torch.save saves a state dict,
alone or in a training checkpoint); `ckptcheck --loader L` on it must print a
CK601 whose fix holds one line of Python in backticks; that line runs with
`path` and `new_path` bound; then `ckptcheck --loader L` on new_path must find no
error, and the real loader must read it: torch::load into the story's model
(ckptcheck_story_truth --load) without an error, a resize or a corruption, or
torch::pickle_load (ckptcheck_loader_probe). The model of
parameterless_layers_added_cpp has submodules without tensors (a GELU, an
Identity), which torch::load asks for too.
"""

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import tempfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))

# (story, how the Python run saved its weights, the loader the deployment uses)
CASES = [
    ("parameterless_layers_added_cpp", "state_dict", "torch::load"),
    ("parameterless_layers_added_cpp", "training_checkpoint", "torch::load"),
    ("compatible_cpp_exact", "state_dict", "torch::load"),
    ("compatible_cpp_exact", "state_dict", "torch::pickle_load"),
    ("compatible_cpp_exact", "training_checkpoint", "torch::pickle_load"),
]


def story_entries(story_truth):
    out = subprocess.run([story_truth, "--truth", HERE], check=True, stdout=subprocess.PIPE).stdout
    return {s["name"]: s["entries"] for s in json.loads(out)}


def python_file(entries, how, path):
    """What torch.save writes for a model with these entries after some training."""
    torch.manual_seed(0)
    sd = collections.OrderedDict(
        (e["name"], torch.randn(e["shape"]).to(getattr(torch, e["dtype"]))) for e in entries)
    torch.save(sd if how == "state_dict" else {"epoch": 3, "model_state_dict": sd, "loss": 0.25}, path)


def ckptcheck(binary, story, path, loader):
    args = [binary, "--model", os.path.join(HERE, story["model"]), path, "--class", story["class"],
            "--loader", loader, "--format", "json"]
    run = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if run.returncode not in (0, 1):
        sys.exit("FAILED: %s exited %d: %s" % (" ".join(args), run.returncode, run.stderr))
    return json.loads(run.stdout)["findings"]


def apply_fix(fix, path, new_path):
    code = re.search(r"`([^`]+)`", fix or "")
    if not code:
        return "the fix holds no Python in backticks: %r" % fix
    run = subprocess.run([sys.executable, "-c", "path, new_path = %r, %r\n%s" % (path, new_path, code.group(1))],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return None if run.returncode == 0 else "the fix's Python failed: %s" % run.stderr.strip()[-500:]


def real_loader_problem(args, story_name, loader, path):
    if loader == "torch::load":
        r = json.loads(subprocess.run([args.story_truth, "--load", story_name, path], check=True,
                                      stdout=subprocess.PIPE).stdout)
        if not r["ok"]:
            return "torch::load throws %r" % r["error"]
        if r["changed"] or r["corrupted"]:
            return "torch::load changes %s and corrupts %s" % (r["changed"], r["corrupted"])
        return None
    r = json.loads(subprocess.run([args.probe, path], check=True, stdout=subprocess.PIPE).stdout)[0]
    verdict = r["loaders"][loader]
    return None if verdict["reads"] else "%s throws %r" % (loader, verdict.get("error"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ckptcheck", required=True)
    ap.add_argument("--story-truth", required=True)
    ap.add_argument("--probe", required=True)
    args = ap.parse_args()
    with open(os.path.join(HERE, "stories.json")) as f:
        stories = {s["name"]: s for s in json.load(f)}
    entries = story_entries(args.story_truth)
    tmp = tempfile.mkdtemp()
    failures = 0
    for story_name, how, loader in CASES:
        story = stories[story_name]
        case = "%s, %s, %s" % (story_name, how, loader)
        path = os.path.join(tmp, "%s_%s.pt" % (story_name, how))
        new_path = os.path.join(tmp, "%s_%s_for_%s.pt" % (story_name, how, loader.replace(":", "")))
        python_file(entries[story_name], how, path)
        fixes = [f for f in ckptcheck(args.ckptcheck, story, path, loader) if f["id"] == "CK601"]
        problem = "no CK601 for the Python file" if len(fixes) != 1 else apply_fix(fixes[0]["fix"], path, new_path)
        if not problem:
            errors = [f for f in ckptcheck(args.ckptcheck, story, new_path, loader) if f["severity"] == "error"]
            if errors:
                problem = "ckptcheck still finds: " + "; ".join("%s %s" % (f["id"], f["message"]) for f in errors)
        problem = problem or real_loader_problem(args, story_name, loader, new_path)
        if problem:
            failures += 1
            print("FAIL %s: %s" % (case, problem))
        else:
            print("ok   %s: the printed fix passes ckptcheck and %s" % (case, loader))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
