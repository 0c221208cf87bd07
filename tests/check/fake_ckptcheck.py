#!/usr/bin/env python3
"""A stand-in for `ckptcheck --model` that tests agreement_test.py itself.

It answers from stories.json's truth (looked up by model, checkpoint and flags in the
working directory), never from ckptcheck, in one of three modes (FAKE_MODE):
  good  -- findings grouped the way a real report may group them (prefix and
           rename findings, subtree keys, CK305/CK306 infos, CK404, CK308):
           agreement_test.py must accept every story;
  none  -- no findings at all: every incompatible story must fail;
  wrong -- unexpected keys reported under a wrong name: those stories must fail;
  wrong_verdict -- complete findings, but the torch::load row says the opposite of
           what the real loader did: every story must fail;
  wrong_python_verdict -- complete findings, but load_state_dict(strict=True) is said
           to do the opposite of what it did: every story with that truth must fail.
The torch::load row of the report's loader table comes from the story's torch_load
truth, the load_state_dict verdicts from its load_state_dict truth.
"""

import json
import os
import sys

from agreement_test import loads_with_torch_load

PREFIX_STORIES = {"dataparallel_prefix", "compile_prefix", "lightning_checkpoint"}


def findings_for(story, mode):
    t, out = story["truth"], []

    def add(rule, severity, **fields):
        out.append(dict(id=rule, severity=severity, **fields))

    if mode == "none":
        return out
    if story["name"] in PREFIX_STORIES:
        add("CK303", "error", key="", prefix=t["unexpected"][0].split(".")[0] + ".")
    elif story["name"] == "nested_sequential_port":
        add("CK304", "error", renames={"features.0.0": "features.0", "features.0.1": "features.1",
                                       "features.1.0": "features.3", "features.1.1": "features.4"})
    elif story["name"] == "renamed_member":
        add("CK304", "error", key="head", renames=[{"from": "head", "to": "classifier"}])
    else:
        for k in t["missing"]:
            if k.endswith("num_batches_tracked"):
                add("CK306", "info", key=k)
            elif any(k in group for group in t["tied"]):
                add("CK305", "info", key=k)
            else:
                add("CK301", "error", key=k)
        for k in t["unexpected"]:
            add("CK302", "error", key=k.rsplit(".", 1)[0] if mode == "good" else "not." + k)
    for item in t["shape"]:
        if story["name"] == "symbol_conflict":
            add("CK404", "error", key="")
        elif story["name"] == "torchscript_layer_type":
            add("CK308", "error", key=item["key"].rsplit(".", 1)[0])
        else:
            add("CK403" if item["code"] == item["file"][::-1] else "CK401", "error", key=item["key"])
    for item in t["dtype"]:
        add("CK402", "warning", key=item["key"])
    for item in t["kind"]:
        add("CK307", "warning", key=item["key"])
    if loads_with_torch_load(story):
        loaded = story.get("torch_load", {})
        for k in loaded.get("corrupted") or []:
            add("CK402", "error", key=k)
        if loaded.get("ok") is False:
            add("CK301", "error", key="", message="torch::load fails", notes=[loaded["error"]])
    return out


def torch_load_row(story, mode):
    """The loader table's torch::load row as the real torch::load's outcome gives it."""
    loaded = story["torch_load"]
    if not loaded["ok"] and not loaded["error"].startswith("No such serialized"):
        return {"loader": "torch::load", "reads": mode == "wrong_verdict", "note": loaded["error"],
                "with_model": {"outcome": "loads", "resized": [], "corrupted": []}}
    if not loaded["ok"]:
        verdict = {"outcome": "throws", "error": loaded["error"], "at": "", "could_throw": []}
        if mode == "wrong_verdict":
            verdict = {"outcome": "loads", "resized": [], "corrupted": []}
    else:
        resized = [c["key"] for c in loaded["changed"] if c["before"]["shape"] != c["after"]["shape"]]
        verdict = {"outcome": "loads", "resized": resized, "corrupted": loaded["corrupted"]}
        if mode == "wrong_verdict":
            verdict = {"outcome": "throws", "error": "No such serialized tensor 'x'", "at": "x", "could_throw": []}
    return {"loader": "torch::load", "reads": True, "note": None, "with_model": verdict}


def load_state_dict_verdicts(story, mode):
    truth = story.get("load_state_dict")
    if not truth:
        return []
    verdicts = json.loads(json.dumps(truth["verdicts"]))
    if mode == "wrong_python_verdict":
        verdicts[0]["outcome"] = "loads" if verdicts[0]["outcome"] == "raises" else "raises"
    return verdicts


def main():
    argv = sys.argv[1:]
    if "--help" in argv:
        print("usage: fake_ckptcheck --model FILE CHECKPOINT [--class NAME] [--format json] [flags]")
        return 0
    model, checkpoint = argv[argv.index("--model") + 1:argv.index("--model") + 3]
    flags = argv[argv.index("--format") + 2:]
    with open("stories.json") as f:
        story = next(s for s in json.load(f)
                     if s["model"] == model and s["checkpoint"] == checkpoint and s["flags"] == flags)
    mode = os.environ.get("FAKE_MODE", "good")
    found = findings_for(story, "good" if mode.startswith("wrong_") else mode)
    errors = any(f["severity"] == "error" for f in found)
    print(json.dumps({"schema": "ckptcheck/report/v1", "ok": not errors, "findings": found,
                      "checkpoints": [{"file": checkpoint, "key": story["key"],
                                       "loaders": [torch_load_row(story, mode)],
                                       "load_state_dict": load_state_dict_verdicts(story, mode)}]}))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
