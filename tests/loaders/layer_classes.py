#!/usr/bin/python3
"""Records the class name torch writes into a file for each built-in layer.

    /usr/bin/python3 tests/loaders/layer_classes.py > tests/loaders/layer_classes.json

For every torch.nn layer that has a layer rule in rules/src/layer_rules*.cpp
(named as LibTorch names it, "Linear" for torch::nn::Linear), it builds the
Python module, then
  * torch.save(module) and reads the class GLOBAL the pickle records for the
    root object ("torch.nn.modules.linear.Linear"), and
  * torch.jit.script(module).save() and reads the class GLOBAL of the root in
    the archive's data.pkl ("__torch__.torch.nn.modules.linear.Linear"),
  * the classes of its submodules in both (MultiheadAttention's out_proj is a
    NonDynamicallyQuantizableLinear),
without ever calling our reader: the names come from the bytes torch wrote.
A layer that torch.jit.script refuses gets "script": null and the first line
of the error. Output is deterministic (sorted keys), so the committed JSON can be
compared with a fresh run (the layer_classes_come_from_torch test).

Use /usr/bin/python3 (torch 1.13.1).
"""

import io
import json
import pickletools
import sys
import zipfile

import torch
import torch.nn as nn

# Constructor arguments for layers that need some; the rest are built with none.
ARGS = {
    "Linear": (4, 3), "Bilinear": (2, 3, 4),
    "Conv1d": (2, 3, 3), "Conv2d": (2, 3, 3), "Conv3d": (2, 3, 3),
    "ConvTranspose1d": (2, 3, 3), "ConvTranspose2d": (2, 3, 3), "ConvTranspose3d": (2, 3, 3),
    "BatchNorm1d": (3,), "BatchNorm2d": (3,), "BatchNorm3d": (3,),
    "InstanceNorm1d": (3,), "InstanceNorm2d": (3,), "InstanceNorm3d": (3,),
    "LayerNorm": (3,), "GroupNorm": (1, 3), "Embedding": (5, 3), "EmbeddingBag": (5, 3),
    "AdaptiveLogSoftmaxWithLoss": (8, 10, [4]),
    "FractionalMaxPool2d": (2, 2), "FractionalMaxPool3d": (2, 2),
    "LocalResponseNorm": (2,), "CrossMapLRN2d": (2,),
    "Fold": (4, 2), "Unfold": (2,), "Unflatten": (1, (2, 2)),
    "PixelShuffle": (2,), "PixelUnshuffle": (2,),
    "Threshold": (0.1, 0.0), "Hardshrink": (), "Softshrink": (),
    "LPPool1d": (2, 2), "LPPool2d": (2, 2),
    "ConstantPad1d": (1, 0.0), "ConstantPad2d": (1, 0.0), "ConstantPad3d": (1, 0.0),
    "RNN": (4, 3), "LSTM": (4, 3), "GRU": (4, 3), "RNNCell": (4, 3), "LSTMCell": (4, 3), "GRUCell": (4, 3),
    "MultiheadAttention": (4, 2),
    "TransformerEncoderLayer": (4, 2, 8), "TransformerDecoderLayer": (4, 2, 8),
    "Transformer": (4, 2, 1, 1, 8),
    "MaxPool1d": (2,), "MaxPool2d": (2,), "MaxPool3d": (2,), "AvgPool1d": (2,), "AvgPool2d": (2,),
    "AvgPool3d": (2,), "MaxUnpool1d": ((2,),), "MaxUnpool2d": ((2, 2),), "MaxUnpool3d": ((2, 2, 2),),
    "AdaptiveMaxPool1d": (2,), "AdaptiveMaxPool2d": (2,), "AdaptiveMaxPool3d": (2,),
    "AdaptiveAvgPool1d": (2,), "AdaptiveAvgPool2d": (2,), "AdaptiveAvgPool3d": (2,),
    "ReflectionPad1d": (1,), "ReflectionPad2d": (1,), "ReflectionPad3d": (1,),
    "ReplicationPad1d": (1,), "ReplicationPad2d": (1,), "ReplicationPad3d": (1,), "ZeroPad2d": (1,),
}

# Every layer with a layer rule (the gtest checks this list covers all_layer_rules()).
LAYERS = sorted(set(ARGS) | {
    "PReLU", "NLLLoss", "CrossEntropyLoss", "BCELoss", "MultiMarginLoss", "MultiLabelSoftMarginLoss",
    "BCEWithLogitsLoss", "Identity", "Flatten", "Upsample", "CosineSimilarity", "PairwiseDistance",
    "ReLU", "ReLU6", "SELU", "GLU", "Softmax", "Softmin", "LogSoftmax",
    "LeakyReLU", "RReLU", "ELU", "CELU", "GELU", "SiLU", "Mish", "Sigmoid", "LogSigmoid", "Tanh",
    "Tanhshrink", "Hardtanh", "Softplus", "Softsign", "Softmax2d", "HingeEmbeddingLoss",
    "CosineEmbeddingLoss", "MarginRankingLoss", "TripletMarginLoss", "TripletMarginWithDistanceLoss",
    "PoissonNLLLoss", "CTCLoss", "Dropout", "Dropout2d", "Dropout3d", "AlphaDropout", "FeatureAlphaDropout",
    "L1Loss", "MSELoss", "KLDivLoss", "SmoothL1Loss", "HuberLoss", "SoftMarginLoss", "MultiLabelMarginLoss",
    "TransformerEncoder", "TransformerDecoder",
})


def build(name):
    if name == "TransformerEncoder":
        return nn.TransformerEncoder(nn.TransformerEncoderLayer(4, 2, 8), 1)
    if name == "TransformerDecoder":
        return nn.TransformerDecoder(nn.TransformerDecoderLayer(4, 2, 8), 1)
    return getattr(nn, name)(*ARGS.get(name, ()))


def root_class(pickle_bytes):
    """The first class GLOBAL in the pickle: the root object's class."""
    strings = []
    for op, arg, _ in pickletools.genops(pickle_bytes):
        if op.name == "GLOBAL":
            return arg.replace(" ", ".")
        if op.name in ("SHORT_BINUNICODE", "BINUNICODE", "UNICODE"):
            strings.append(arg)
        if op.name == "STACK_GLOBAL":
            return strings[-2] + "." + strings[-1]
    raise ValueError("no GLOBAL in the pickle")


def data_pkl(archive_bytes):
    with zipfile.ZipFile(io.BytesIO(archive_bytes)) as z:
        (name,) = [n for n in z.namelist() if n.endswith("/data.pkl")]
        return z.read(name)


def main():
    torch.manual_seed(0)
    out = {}
    for name in LAYERS:
        module = build(name)
        buf = io.BytesIO()
        torch.save(module, buf)
        entry = {"pickle": root_class(data_pkl(buf.getvalue()))}
        # Submodules' classes, as pickle names them (module + qualname, the same
        # spelling as the root's GLOBAL above): the layers built-in layers contain.
        children = sorted({type(m).__module__ + "." + type(m).__qualname__
                           for _, m in module.named_modules() if m is not module})
        if children:
            entry["children"] = children
        try:
            scripted = torch.jit.script(module)
            buf = io.BytesIO()
            torch.jit.save(scripted, buf)
            entry["script"] = root_class(data_pkl(buf.getvalue()))
            if children:
                entry["script_children"] = sorted({m._c._type().qualified_name()
                                                   for _, m in scripted.named_modules() if m is not scripted})
        except Exception as e:  # a layer TorchScript cannot compile: recorded as such
            entry["script"] = None
            entry["script_error"] = str(e).split("\n", 1)[0]
        out[name] = entry
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
