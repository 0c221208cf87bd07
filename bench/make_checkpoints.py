"""Write the benchmark checkpoints for bench/inspect_bench.sh into DIR.

  big.pt    256 float32 tensors of 1024x1024 (1 GiB of tensor data)
  small.pt  the same 256 names, each a 1024-element float32 tensor (1 MiB)
  many.pt   100,000 float32 tensors of 4 elements (state dict, ~tiny data)

Files that already exist are kept. Each file is written to a temporary
name and renamed, so an interrupted run never leaves a truncated file.
Run with /usr/bin/python3 (it has torch).
"""
import os
import sys

import torch

BIG_COUNT, BIG_SHAPE = 256, (1024, 1024)
MANY_COUNT = 100_000


def names(count):
    # Realistic-looking state-dict keys: "layers.17.weight".
    return [f"layers.{i}.weight" for i in range(count)]


def write(path, make_state_dict):
    if os.path.exists(path):
        print(f"keeping {path}", file=sys.stderr)
        return
    print(f"writing {path}", file=sys.stderr)
    tmp = path + ".partial"
    torch.save(make_state_dict(), tmp)
    os.replace(tmp, path)


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "big.pt"),
          lambda: {n: torch.zeros(BIG_SHAPE) for n in names(BIG_COUNT)})
    write(os.path.join(out, "small.pt"),
          lambda: {n: torch.zeros(BIG_SHAPE[1]) for n in names(BIG_COUNT)})
    write(os.path.join(out, "many.pt"),
          lambda: {n: torch.zeros(4) for n in names(MANY_COUNT)})


if __name__ == "__main__":
    main()
