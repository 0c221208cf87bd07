#!/usr/bin/python3
"""Writes the story checkpoints with the real writers.

    /usr/bin/python3 tests/check/make_checkpoints.py [--out-dir DIR] [--cpp-writer PROGRAM]

Python-written checkpoints come from torch.save / torch.jit.save here (one
function per file, models in story_models.py); the LibTorch-written ones come
from `ckptcheck_story_truth --write DIR` (torch::save of the writer models named
in stories.json), run when --cpp-writer is given. Default DIR: checkpoints/
next to this script. Each model is built after torch.manual_seed(0).
"""

import argparse
import os
import subprocess
import sys

import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import story_models as sm  # noqa: E402


def seeded(make):
    torch.manual_seed(0)
    return make()


def trained_a_little(model, steps=2):
    """A couple of real Adam steps so the optimizer state and BatchNorm statistics are real."""
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=10)
    for _ in range(steps):
        loss = model(torch.randn(8, 32)).pow(2).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
    return opt, sched


def classifier_twin(path):
    torch.save(seeded(sm.ClassifierTwin).state_dict(), path)


def encoder_hidden768(path):
    torch.save(seeded(lambda: sm.EncoderTwin(hidden=768)).state_dict(), path)


def conv_bn_legacy(path):
    model = seeded(sm.ConvBnTwin)
    sd = model.state_dict()
    for key in [k for k in sd if k.endswith("num_batches_tracked")]:
        del sd[key]
    del sd._metadata  # state dicts before 0.4 carried no version metadata
    # Python's own loader accepts it (BatchNorm fills num_batches_tracked in for versionless entries).
    sm.ConvBnTwin().load_state_dict(sd, strict=True)
    torch.save(sd, path, _use_new_zipfile_serialization=False)


def classifier_dataparallel(path):
    torch.save(nn.DataParallel(seeded(sm.ClassifierTwin)).state_dict(), path)


def classifier_compiled(path):
    torch.save(sm.OptimizedModule(seeded(sm.ClassifierTwin)).state_dict(), path)


def classifier_lightning(path):
    lit = seeded(sm.LitClassifier)
    opt, sched = trained_a_little(lit)
    torch.save({
        "epoch": 3,
        "global_step": 120,
        "pytorch-lightning_version": "1.9.5",
        "state_dict": lit.state_dict(),
        "loops": {},
        "callbacks": {},
        "optimizer_states": [opt.state_dict()],
        "lr_schedulers": [sched.state_dict()],
        "hyper_parameters": {"hidden": 16, "lr": 1e-3},
    }, path)


def feature_net_nested(path):
    torch.save(seeded(sm.FeatureNetNested).state_dict(), path)


def classifier_whole(path):
    torch.save(seeded(sm.ClassifierTwin), path)


def projector_linear_script(path):
    torch.jit.save(torch.jit.script(seeded(sm.ProjectorLinear)), path)


def classifier_fp16(path):
    torch.save(seeded(sm.ClassifierTwin).half().state_dict(), path)


def raw_projection_transposed(path):
    torch.save(seeded(sm.RawProjectionTransposed).state_dict(), path)


def tied_lm(path):
    sd = seeded(sm.TiedLmTwin).state_dict()
    assert sd["decoder.weight"].data_ptr() == sd["embedding.weight"].data_ptr()
    torch.save(sd, path)


def tied_lm_dedup(path):
    sd = seeded(sm.TiedLmTwin).state_dict()
    del sd["decoder.weight"]
    torch.save(sd, path)


def two_layer_conflict(path):
    torch.save(seeded(sm.TwoLayerSliced).state_dict(), path)


def residual_stack_6(path):
    torch.save(seeded(lambda: sm.ResidualStackTwin(num_layers=6)).state_dict(), path)


PYTHON_CHECKPOINTS = {
    "classifier_twin.pt": classifier_twin,
    "encoder_hidden768.pt": encoder_hidden768,
    "conv_bn_legacy.pt": conv_bn_legacy,
    "classifier_dataparallel.pt": classifier_dataparallel,
    "classifier_compiled.pt": classifier_compiled,
    "classifier_lightning.ckpt": classifier_lightning,
    "feature_net_nested.pt": feature_net_nested,
    "classifier_whole.pt": classifier_whole,
    "projector_linear_script.pt": projector_linear_script,
    "classifier_fp16.pt": classifier_fp16,
    "raw_projection_transposed.pt": raw_projection_transposed,
    "tied_lm.pt": tied_lm,
    "tied_lm_dedup.pt": tied_lm_dedup,
    "two_layer_conflict.pt": two_layer_conflict,
    "residual_stack_6.pt": residual_stack_6,
}


def make_all(out_dir, cpp_writer=None):
    """Writes every checkpoint into out_dir/checkpoints/."""
    ckpt_dir = os.path.join(out_dir, "checkpoints")
    os.makedirs(ckpt_dir, exist_ok=True)
    for name, make in PYTHON_CHECKPOINTS.items():
        make(os.path.join(ckpt_dir, name))
    if cpp_writer:
        subprocess.run([cpp_writer, "--write", out_dir], check=True, stdout=subprocess.DEVNULL)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out-dir", default=HERE, help="writes DIR/checkpoints/ (default: this directory)")
    ap.add_argument("--cpp-writer", help="ckptcheck_story_truth, for the LibTorch-written checkpoints")
    opts = ap.parse_args()
    os.environ.setdefault("PYTHONHASHSEED", "0")
    make_all(opts.out_dir, opts.cpp_writer)


if __name__ == "__main__":
    main()
