#!/usr/bin/python3
"""Computes the truth of every story in stories.json from the real things.

    /usr/bin/python3 tests/check/generate_stories.py --program BUILD/tests/check/ckptcheck_story_truth [--check]

For each story:
  code side  -- `ckptcheck_story_truth --truth DIR`: the C++ model built against
                LibTorch with the story's args; named_parameters()/named_buffers()
                (name, kind, shape, dtype, shared storage), and what
                torch::load(model, checkpoint) does (throws? which message? did
                it silently change a shape or dtype?);
  file side  -- tests/fixtures/torch_listing.py: the checkpoint as torch loads it.
Then the entries the file holds under "key" (plus an explicit --key,
--strip-prefix or --add-prefix in "flags") are compared with the code's by
exact name -- no prefix guessing, and no renames from a --config: the truth is
what torch/LibTorch would see.

Also the Python side: what model.load_state_dict(state_dict, strict=True, then
False) does with a Python twin of the C++ model (its entries as LibTorch lists
them) and the file's state dict, for files torch.load reads a state dict from.

Writes the "truth", "torch_load" and "load_state_dict" fields of stories.json (the other fields are
hand-written). With --check, writes nothing and exits 1 if the committed fields
are stale, or if make_checkpoints.py (run into a temporary directory, with the
same program as the LibTorch writer) no longer makes checkpoints that torch lists
exactly as the committed ones. Only run on these trusted fixtures: torch.load
executes pickles.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)  # story_models, for whole-model and TorchScript checkpoints
sys.path.insert(0, os.path.join(HERE, "..", "fixtures"))
import python_loader  # noqa: E402
import torch_listing  # noqa: E402

STORIES = os.path.join(HERE, "stories.json")


def selected_tensors(story, listing):
    """The file's tensors as {name: tensor} after the story's key and explicit flags."""
    key = story.get("key", "")
    strip, add = None, None
    flags = list(story.get("flags", []))
    while flags:
        flag = flags.pop(0)
        if not flags:
            raise ValueError("%s: flag %s needs a value" % (story["name"], flag))
        value = flags.pop(0)
        if flag == "--key":
            key = value
        elif flag == "--strip-prefix":
            strip = value
        elif flag == "--add-prefix":
            add = value
        elif flag == "--loader":
            pass  # which loader the deployment uses changes no key, shape or dtype
        elif flag == "--config":
            # Its renames change how ckptcheck pairs entries, not what the
            # loaders see: the truth stays the file's own names.
            pass
        else:
            raise ValueError("%s: the truth cannot follow flag %s" % (story["name"], flag))
    out = {}
    for t in listing["tensors"]:
        name = t["name"]
        if key:
            if not name.startswith(key + "."):
                continue
            name = name[len(key) + 1:]
        if strip and name.startswith(strip):
            name = name[len(strip):]
        if add:
            name = add + name
        out[name] = t
    if not out:
        raise ValueError("%s: no tensors under key %r" % (story["name"], key))
    return out


def tied_pairs(entries):
    by_group = {}
    for e in entries:
        by_group.setdefault(e["storage_group"], []).append(e["name"])
    return [names for names in by_group.values() if len(names) > 1]


def compute_truth(story, code_entries, listing):
    code = {e["name"]: e for e in code_entries}
    file = selected_tensors(story, listing)
    common = [k for k in code if k in file]
    truth = {
        "compatible": None,
        "format": listing["format"],
        "content": listing["content"],
        "missing": [k for k in code if k not in file],
        "unexpected": [k for k in file if k not in code],
        "shape": [{"key": k, "code": code[k]["shape"], "file": file[k]["shape"]}
                  for k in common if code[k]["shape"] != file[k]["shape"]],
        "dtype": [{"key": k, "code": code[k]["dtype"], "file": file[k]["dtype"]}
                  for k in common if code[k]["dtype"] != file[k]["dtype"]],
        # Plain state dicts do not say parameter or buffer ("tensor"): compared only when the file says.
        "kind": [{"key": k, "code": code[k]["kind"], "file": file[k]["kind"]}
                 for k in common if file[k]["kind"] in ("parameter", "buffer") and code[k]["kind"] != file[k]["kind"]],
        "tied": tied_pairs(code_entries),
    }
    truth["compatible"] = not any(truth[f] for f in ("missing", "unexpected", "shape", "dtype", "kind"))
    return truth


def python_load_state_dict(story, code_entries, listing):
    """What Python's load_state_dict(state_dict, strict) really does with a twin of
    the story's C++ model and the file's state dict, strict then not ("verdicts"),
    and the num_batches_tracked the twin's BatchNorms had to fill in because the
    file lacks them; None when torch.load does not give a state dict (a TorchScript
    or C++ archive)."""
    import torch

    if listing["format"] not in ("torch-zip", "torch-legacy") or listing["content"] not in ("state_dict", "checkpoint"):
        return None
    obj = torch.load(os.path.join(HERE, story["checkpoint"]), map_location="cpu", weights_only=False)
    flags = story.get("flags", [])
    key = flags[flags.index("--key") + 1] if "--key" in flags[:-1] else story.get("key", "")
    for part in key.split(".") if key else []:
        obj = obj[part]
    verdicts = python_loader.load_state_dict_verdicts(lambda: python_loader.twin_of(code_entries), obj)
    filled = [e["name"] for e in code_entries if e["name"].endswith("num_batches_tracked") and e["name"] not in obj]
    return {"filled_by_batch_norm": filled, "verdicts": verdicts}


def run_program(program):
    out = subprocess.run([program, "--truth", HERE], check=True, stdout=subprocess.PIPE).stdout
    return {s["name"]: s for s in json.loads(out)}


def format_stories(stories):
    """One field per line, values compact; truth and torch_load one sub-field per line."""
    def compact(v):
        return json.dumps(v, separators=(", ", ": "))

    blocks = []
    for s in stories:
        fields = []
        for k, v in s.items():
            if k in ("truth", "torch_load", "load_state_dict") and isinstance(v, dict):
                inner = ",\n   ".join("%s: %s" % (json.dumps(ik), compact(iv)) for ik, iv in v.items())
                fields.append("  %s: {%s}" % (json.dumps(k), inner))
            else:
                fields.append("  %s: %s" % (json.dumps(k), compact(v)))
        blocks.append(" {" + ",\n".join(fields).lstrip() + "}")
    return "[\n" + ",\n".join(blocks) + "\n]\n"


def regenerate(stories, program):
    code = run_program(program)
    out = []
    for story in stories:
        s = {k: v for k, v in story.items() if k not in ("truth", "torch_load", "load_state_dict")}
        listing = torch_listing.listing(os.path.join(HERE, s["checkpoint"]))
        s["truth"] = compute_truth(s, code[s["name"]]["entries"], listing)
        s["torch_load"] = code[s["name"]]["torch_load"]
        s["load_state_dict"] = python_load_state_dict(s, code[s["name"]]["entries"], listing)
        out.append(s)
    return out


def checkpoints_reproducible(stories, program):
    """make_checkpoints.py, run afresh, must give checkpoints torch lists exactly like the committed ones."""
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, os.path.join(HERE, "make_checkpoints.py"), "--out-dir", tmp,
                        "--cpp-writer", program], check=True, env=dict(os.environ, PYTHONHASHSEED="0"))
        made = set(os.listdir(os.path.join(tmp, "checkpoints")))
        committed = set(os.listdir(os.path.join(HERE, "checkpoints")))
        if made != committed:
            errors.append("checkpoints/ holds %s, make_checkpoints.py writes %s" % (sorted(committed), sorted(made)))
        for name in sorted(made & committed):
            fresh = torch_listing.listing(os.path.join(tmp, "checkpoints", name))
            kept = torch_listing.listing(os.path.join(HERE, "checkpoints", name))
            if fresh != kept:
                errors.append("checkpoints/%s: torch lists the committed file differently from a fresh one" % name)
    used = {s["checkpoint"] for s in stories}
    for name in sorted(committed):
        if "checkpoints/" + name not in used:
            errors.append("checkpoints/%s is used by no story" % name)
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--program", required=True, help="ckptcheck_story_truth")
    ap.add_argument("--check", action="store_true", help="fail if stories.json or the checkpoints are stale")
    opts = ap.parse_args()
    with open(STORIES) as f:
        stories = json.load(f)
    fresh = regenerate(stories, opts.program)
    if not opts.check:
        with open(STORIES, "w") as f:
            f.write(format_stories(fresh))
        print("wrote %s (%d stories)" % (STORIES, len(fresh)))
        return 0
    errors = []
    for old, new in zip(stories, fresh):
        for field in ("truth", "torch_load", "load_state_dict"):
            if old.get(field) != new[field]:
                errors.append("%s: committed %s is stale\n    committed: %s\n    now:       %s" % (
                    old["name"], field, json.dumps(old.get(field)), json.dumps(new[field])))
    errors += checkpoints_reproducible(stories, opts.program)
    if errors:
        print("\n".join(errors), file=sys.stderr)
        print("regenerate: /usr/bin/python3 tests/check/make_checkpoints.py --cpp-writer PROGRAM && "
              "/usr/bin/python3 tests/check/generate_stories.py --program PROGRAM", file=sys.stderr)
        return 1
    print("%d stories: truth and checkpoints are current" % len(stories))
    return 0


if __name__ == "__main__":
    sys.exit(main())
