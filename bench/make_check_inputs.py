"""Write the inputs of bench/check_bench.sh into DIR (run with /usr/bin/python3: it has torch).

  inception.pt        a state dict of tests/models/inception_like.cpp (Inception3Impl(1000, true)):
                      the names, shapes and dtypes LibTorch itself reports for the model
                      (TRUTH, build/model_truth/inception_like.json), random values; ~104 MiB
  big.json, big.pt    16 float32 parameters of 16M elements (1 GiB of tensor data) and a
                      modelspec/v1 spec listing exactly them
  bigsmall.pt         the same 16 names with 16K elements each (1 MiB); big.json's shapes are
                      the 1 GiB ones, so against it every entry is a shape mismatch — and
                      bigsmall.json is the spec that matches bigsmall.pt
  lin{N}.json/.pt     for N in 10 ... 100,000: N [4,4] entries "blocks.{k}.layer{j}.weight"
                      (and .bias, and norm.running_mean/var buffers) under a few top-level prefixes,
                      with ~1% of checkpoint keys renamed (a near-miss spelling), ~1% shape
                      mismatches, ~0.5% missing and ~0.5% unexpected, so every matching
                      phase has work
  lin{N}-noloc.json   the same spec with "location": null on every entry (a hand-written spec)
  ok{N}.pt            exactly the spec's entries (a clean match: the baseline)
  mod{N}.pt           the lin{N} checkpoint with every key under "module." (DataParallel)
  ren{N}.pt           the lin{N} checkpoint with 10% of its keys renamed

Files that already exist are kept; each is written to a temporary name and renamed, so an
interrupted run never leaves a truncated file. Deterministic (fixed seeds).
Usage: make_check_inputs.py DIR TRUTH [N ...]
"""
import json
import os
import random
import sys

import torch

DTYPES = {"float32": torch.float32, "float64": torch.float64, "float16": torch.float16,
          "int64": torch.int64, "int32": torch.int32, "bool": torch.bool, "uint8": torch.uint8}


def write_pt(path, make):
    if os.path.exists(path):
        print(f"keeping {path}", file=sys.stderr)
        return
    print(f"writing {path}", file=sys.stderr)
    tmp = path + ".partial"
    torch.save(make(), tmp)
    os.replace(tmp, path)


def write_json(path, obj):
    if os.path.exists(path):
        return
    tmp = path + ".partial"
    with open(tmp, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
    os.replace(tmp, path)


def spec(root, entries, located=True):
    """A ckptcheck/modelspec/v1 document (rules/src/model_spec_json.cpp's format).

    Entries get a source location like the analyzer's (one line per layer kind, as a
    loop-built model has); located=False writes "location": null instead."""
    lines = {}

    def location(layer):
        if not located:
            return None
        return {"file": "model.cpp", "line": lines.setdefault(layer, 10 + len(lines)), "column": 5}
    return {"schema": "ckptcheck/modelspec/v1", "root": root, "torch_headers": None, "symbols": [],
            "entries": [{"name": n, "kind": kind, "shape": list(shape), "dtype": "float32", "layer": layer,
                         "conditional": False, "location": location(layer)} for n, kind, shape, layer in entries],
            "diagnostics": []}


def tensor(shape, dtype=torch.float32):
    if dtype.is_floating_point:
        return torch.randn(shape, dtype=dtype)
    return torch.zeros(shape, dtype=dtype)


def inception(out, truth):
    with open(truth) as f:
        t = json.load(f)
    torch.manual_seed(0)
    write_pt(os.path.join(out, "inception.pt"),
             lambda: {e["name"]: tensor(e["shape"], DTYPES[e["dtype"]]) for e in t["entries"]})


def big(out):
    names = [f"layers.{i}.weight" for i in range(16)]
    write_json(os.path.join(out, "big.json"),
               spec("BigImpl", [(n, "parameter", (4096, 4096), "torch::nn::Linear") for n in names]))
    write_json(os.path.join(out, "bigsmall.json"),
               spec("BigImpl", [(n, "parameter", (128, 128), "torch::nn::Linear") for n in names]))
    # zeros, not randn: the bytes are never read by ckptcheck, and randn of 1 GiB is slow
    write_pt(os.path.join(out, "big.pt"), lambda: {n: torch.zeros(4096, 4096) for n in names})
    write_pt(os.path.join(out, "bigsmall.pt"), lambda: {n: torch.zeros(128, 128) for n in names})


def near_miss(name, rng):
    """A key a human would recognise as the same entry, spelt differently."""
    parts = name.split(".")
    choice = rng.randrange(3)
    if choice == 0:                       # layer3 -> layer_3
        parts[-2] = parts[-2].replace("layer", "layer_")
    elif choice == 1:                     # weight -> weights
        parts[-1] = parts[-1] + "s"
    else:                                 # blocks -> block
        parts[1] = parts[1].rstrip("s")
    return ".".join(parts)


def linear(out, n):
    """N spec entries and the checkpoint that matches them, with ~3% of disagreements."""
    rng = random.Random(n)
    prefixes = ["encoder.blocks", "decoder.blocks", "head.blocks", "aux.blocks"]
    entries, k = [], 0
    while len(entries) < n:               # 8 entries per block: 3 layers x (weight, bias) + 2 buffers
        p = prefixes[k % len(prefixes)]
        b = k // len(prefixes)
        for j in range(3):
            entries.append((f"{p}.{b}.layer{j}.weight", "parameter", (4, 4), "torch::nn::Linear"))
            entries.append((f"{p}.{b}.layer{j}.bias", "parameter", (4,), "torch::nn::Linear"))
        entries.append((f"{p}.{b}.norm.running_mean", "buffer", (4,), "torch::nn::BatchNorm1d"))
        entries.append((f"{p}.{b}.norm.running_var", "buffer", (4,), "torch::nn::BatchNorm1d"))
        k += 1
    entries = entries[:n]
    write_json(os.path.join(out, f"lin{n}.json"), spec("ManyImpl", entries))
    write_json(os.path.join(out, f"lin{n}-noloc.json"), spec("ManyImpl", entries, located=False))

    def keys(rename_fraction):
        r = random.Random(n * 7 + 1)
        sd = {}
        for name, _, shape, _ in entries:
            x = r.random()
            if x < rename_fraction:
                name = near_miss(name, r)                 # renamed
            elif x < rename_fraction + 0.01:
                shape = tuple(s + 1 for s in shape)       # shape mismatch
            elif x < rename_fraction + 0.015:
                continue                                  # missing
            sd[name] = shape
            if r.random() < 0.005:                        # unexpected (a stray extra key)
                sd[f"extra.{len(sd)}.weight"] = (4,)
        return sd

    base = keys(0.01)
    ren = keys(0.10)

    def materialise(sd, prefix=""):
        return {prefix + name: torch.zeros(shape) for name, shape in sd.items()}

    write_pt(os.path.join(out, f"ok{n}.pt"), lambda: {name: torch.zeros(shape) for name, _, shape, _ in entries})
    write_pt(os.path.join(out, f"lin{n}.pt"), lambda: materialise(base))
    write_pt(os.path.join(out, f"mod{n}.pt"), lambda: materialise(base, "module."))
    write_pt(os.path.join(out, f"ren{n}.pt"), lambda: materialise(ren))


def main():
    out, truth = sys.argv[1], sys.argv[2]
    sizes = [int(a) for a in sys.argv[3:]] or [10, 100, 1000, 10000, 100000]
    os.makedirs(out, exist_ok=True)
    inception(out, truth)
    big(out)
    for n in sizes:
        linear(out, n)


if __name__ == "__main__":
    main()
