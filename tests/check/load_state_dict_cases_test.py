#!/usr/bin/python3
"""ckptcheck's load_state_dict verdicts against Python's load_state_dict, run for real,
on the corners the stories do not reach.

    /usr/bin/python3 tests/check/load_state_dict_cases_test.py --ckptcheck BUILD/tool/ckptcheck

Each case is a model (its entries and submodules, written as the ModelSpec that
`ckptcheck --spec` reads) and a state dict saved with torch.save. The same entries
make a Python twin (python_loader.py), whose load_state_dict(strict=True, then False)
is the truth; `ckptcheck --spec` on the file must report the same verdicts.
"""

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import python_loader  # noqa: E402

LINEAR = [("fc.weight", "parameter", [4, 3], "float32"), ("fc.bias", "parameter", [4], "float32")]


def entries(spec):
    return [{"name": n, "kind": k, "shape": s, "dtype": d} for n, k, s, d in spec]


BATCH_NORM = [("bn.weight", "parameter", [3], "float32"), ("bn.bias", "parameter", [3], "float32"),
              ("bn.running_mean", "buffer", [3], "float32"), ("bn.running_var", "buffer", [3], "float32"),
              ("bn.num_batches_tracked", "buffer", [], "int64")]
BATCH_NORM_FILE_WITHOUT_COUNT = {"bn.weight": torch.ones(3), "bn.bias": torch.ones(3),
                                 "bn.running_mean": torch.zeros(3), "bn.running_var": torch.ones(3)}

# (name, the model's entries, its submodules without entries, the file's tensors[,
# the state dict's _metadata: None for a plain dict without one])
CASES = [
    ("a key that names a child module is read by no module and is not unexpected",
     LINEAR, [], {"fc.weight": torch.ones(4, 3), "fc.bias": torch.ones(4), "fc": torch.ones(2)}),
    ("a key below an entry's name is not unexpected",
     LINEAR, [], {"fc.weight": torch.ones(4, 3), "fc.bias": torch.ones(4), "fc.weight.extra": torch.ones(1)}),
    ("a key under a submodule without entries is unexpected",
     LINEAR, ["act"], {"fc.weight": torch.ones(4, 3), "fc.bias": torch.ones(4), "act.slope": torch.ones(1)}),
    ("a [1] tensor loads into a 0-dimensional entry",
     [("scale", "parameter", [], "float32")], [], {"scale": torch.ones(1)}),
    ("so does a [2] tensor: its first element, silently",
     [("scale", "parameter", [], "float32")], [], {"scale": torch.ones(2)}),
    ("integers are cast into a float buffer",
     [("table", "buffer", [3], "float32")], [], {"table": torch.tensor([1, 2, 3])}),
    ("missing and unexpected keys raise only when strict",
     LINEAR, [], {"fc.weight": torch.ones(4, 3), "head.bias": torch.ones(4)}),
    ("a size mismatch raises even when not strict, beside a missing key",
     LINEAR, [], {"fc.weight": torch.ones(4, 5)}),
    ("BatchNorm fills in an absent num_batches_tracked when _metadata says version 1",
     BATCH_NORM, [], BATCH_NORM_FILE_WITHOUT_COUNT, {"": {"version": 1}, "bn": {"version": 1}}),
    ("but not at version 2: it is a missing key",
     BATCH_NORM, [], BATCH_NORM_FILE_WITHOUT_COUNT, {"": {"version": 1}, "bn": {"version": 2}}),
    ("nor when _metadata has the module under another path: no version, filled in",
     BATCH_NORM, [], BATCH_NORM_FILE_WITHOUT_COUNT, {"": {"version": 1}, "module.bn": {"version": 2}}),
    ("nor in a plain dict, which has no _metadata: filled in",
     BATCH_NORM, [], BATCH_NORM_FILE_WITHOUT_COUNT, None),
]


def module_type(path, case_entries):
    """As LibTorch names it: a BatchNorm where the twin (python_loader.twin_of) has one."""
    own = {e["name"][len(path) + 1:] for e in case_entries if e["name"].rpartition(".")[0] == path}
    return "torch::nn::BatchNorm1dImpl" if {"running_mean", "running_var", "num_batches_tracked"} <= own \
        else "torch::nn::Module"


def spec_json(case_entries, modules):
    names = set(modules)
    for e in case_entries:
        parts = e["name"].split(".")[:-1]
        names.update(".".join(parts[:i]) for i in range(1, len(parts) + 1))
    return {"schema": "ckptcheck/modelspec/v1", "root": "TwinImpl", "symbols": [],
            "entries": [dict(e, conditional=False, location=None) for e in case_entries],
            "modules": [{"name": "", "type": "TwinImpl", "location": None}] +
                       [{"name": n, "type": module_type(n, case_entries), "location": None} for n in sorted(names)],
            "diagnostics": []}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ckptcheck", required=True)
    opts = ap.parse_args()
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, (name, spec, modules, tensors, *metadata) in enumerate(CASES):
            case_entries = entries(spec)
            spec_path, file_path = os.path.join(tmp, "%d.spec.json" % i), os.path.join(tmp, "%d.pt" % i)
            with open(spec_path, "w") as f:
                json.dump(spec_json(case_entries, modules), f)
            if metadata and metadata[0] is None:
                state_dict = dict(tensors)
            else:
                state_dict = collections.OrderedDict(tensors)
                if metadata:
                    state_dict._metadata = collections.OrderedDict(metadata[0])
            torch.save(state_dict, file_path)
            state_dict = torch.load(file_path)  # what the deployment loads: _metadata as the file has it
            truth = python_loader.load_state_dict_verdicts(lambda: python_loader.twin_of(case_entries, modules),
                                                           state_dict)
            run = subprocess.run([opts.ckptcheck, "--spec", spec_path, file_path, "--format", "json"],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            try:
                said = json.loads(run.stdout)["checkpoints"][0]["load_state_dict"]
            except (ValueError, KeyError, IndexError) as e:
                said = "no verdicts (exit %d, %s): %s" % (run.returncode, e, run.stderr.strip())
            normalise = lambda vs: vs if isinstance(vs, str) else [  # noqa: E731
                dict(v, **{k: sorted(v[k]) for k in ("missing", "unexpected", "size_mismatch", "cast")}) for v in vs]
            if normalise(said) != normalise(truth):
                failed += 1
                print("FAIL %s\n    Python:    %s\n    ckptcheck: %s" % (name, json.dumps(truth), json.dumps(said)))
            else:
                print("ok   %s (strict: %s, not strict: %s)" % (name, truth[0]["outcome"], truth[1]["outcome"]))
    print("%d of %d cases disagree with Python's load_state_dict" % (failed, len(CASES)) if failed else
          "all %d cases agree with Python's load_state_dict" % len(CASES))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
