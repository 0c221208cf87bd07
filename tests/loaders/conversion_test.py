#!/usr/bin/python3
"""Proves, with the real loaders, the conversions CK601's fixes recommend and the
silent behaviours its notes claim (LibTorch 1.13.1, torch 1.13.1).

    /usr/bin/python3 tests/loaders/conversion_test.py BUILD/tests/loaders/ckptcheck_loader_probe

1. A Python state dict re-saved as a scripted tree of nn.Modules (each tensor a
   buffer under its dotted key: the recipe CK601 prints, checker/match/src/rules/CK601_loader_format.cpp) is read by
   torch::load into the C++ model, every value intact.
2. torch::load resizes a parameter whose shape differs without a word, ignores
   keys the C++ model does not have, and throws on the first one it lacks.
3. A state dict re-saved as a plain dict of plain tensors (pickle protocol 2) is read by
   torch::pickle_load; the OrderedDict torch.save writes for state_dict() is not.
Exits non-zero on the first claim that does not hold.
"""

import json
import os
import subprocess
import sys
import tempfile

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = os.path.join(os.path.dirname(HERE), "fixtures", "files")


def scripted_tree(state_dict):
    """The recipe: tensors as buffers of nested nn.Modules, named by their keys."""
    root = torch.nn.Module()
    for key, tensor in state_dict.items():
        *path, leaf = key.split(".")
        module = root
        for part in path:
            if not hasattr(module, part):
                module.add_module(part, torch.nn.Module())
            module = getattr(module, part)
        module.register_buffer(leaf, tensor)
    return torch.jit.script(root)


def load_simple(probe, path, hidden, with_scale):
    out = subprocess.run([probe, "--load-simple", path, str(hidden), "1" if with_scale else "0"],
                         check=True, stdout=subprocess.PIPE).stdout
    result = json.loads(out)
    result["by_name"] = {e["name"]: e for e in result["entries"]}
    return result


def check(condition, what):
    if not condition:
        sys.exit("FAILED: " + what)
    print("ok: " + what)


def main():
    probe = sys.argv[1]
    tmp = tempfile.mkdtemp()
    for fixture in ("sd_zip.pt", "sd_legacy.pt"):
        source = os.path.join(FILES, fixture)
        sd = torch.load(source, map_location="cpu")
        converted = os.path.join(tmp, fixture + ".libtorch.pt")
        scripted_tree(sd).save(converted)

        r = load_simple(probe, converted, 3, True)
        check("error" not in r, "torch::load reads %s converted: %s" % (fixture, r.get("error")))
        for key, tensor in sd.items():
            got = r["by_name"][key]
            check(got["shape"] == list(tensor.shape) and abs(got["sum"] - tensor.double().sum().item()) < 1e-9,
                  "%s: %s loaded intact" % (fixture, key))

        r = load_simple(probe, source, 3, True)
        expected = ("PytorchStreamReader failed locating file constants.pkl: file not found" if fixture == "sd_zip.pt"
                    else "PytorchStreamReader failed reading zip archive: failed finding central directory")
        check(r.get("error") == expected, "torch::load of %s itself: %s" % (fixture, r.get("error")))

    sd = torch.load(os.path.join(FILES, "sd_zip.pt"), map_location="cpu")
    converted = os.path.join(tmp, "sd_zip.pt.libtorch.pt")
    r = load_simple(probe, converted, 5, True)
    check("error" not in r and r["by_name"]["fc1.weight"]["shape"] == [3, 4],
          "torch::load silently replaces a [5, 4] fc1.weight with the file's [3, 4]")
    r = load_simple(probe, converted, 3, False)
    check("error" not in r and "scale" not in r["by_name"], "torch::load ignores the file's extra 'scale'")
    partial = {k: v for k, v in sd.items() if k not in ("fc1.bias", "bn.running_var")}
    missing = os.path.join(tmp, "missing.pt")
    scripted_tree(partial).save(missing)
    r = load_simple(probe, missing, 3, True)
    check(r.get("error") == "No such serialized tensor 'fc1.bias'",
          "torch::load throws on the first missing key only: %s" % r.get("error"))

    plain = os.path.join(tmp, "plain_dict.pt")
    torch.save({k: v.detach() for k, v in sd.items()}, plain)  # the recipe
    ordered = os.path.join(tmp, "ordered_dict.pt")
    torch.save(sd, ordered)
    res = {e["file"]: e["loaders"]["torch::pickle_load"]
           for e in json.loads(subprocess.run([probe, plain, ordered], check=True, stdout=subprocess.PIPE).stdout)}
    check(res["plain_dict.pt"] == {"reads": True, "detail": "GenericDict"},
          "torch::pickle_load reads torch.save({k: v.detach() ...}): %s" % res["plain_dict.pt"])
    check(not res["ordered_dict.pt"]["reads"], "torch::pickle_load refuses torch.save(state_dict)")


if __name__ == "__main__":
    main()
