"""Python's model.load_state_dict run for real on a twin of a C++ model: a Python
module holding the model's entries (names, kinds, shapes, dtypes as LibTorch or a
ModelSpec lists them). Used by generate_stories.py (the stories' truth) and
load_state_dict_cases_test.py."""

import re

import torch


def twin_of(code_entries, module_names=()):
    """A Python module holding the C++ model's entries (names, kinds, shapes, dtypes
    as LibTorch lists them) and submodules (`module_names`, for those without entries).
    A module with BatchNorm's buffers is a torch.nn.BatchNorm1d, whose own loading
    fills in an absent num_batches_tracked for old state dicts; the others are plain
    modules, as no other layer's loading changes the outcome for these pairs."""
    root = torch.nn.Module()
    owners = {}
    for e in code_entries:
        owner, _, name = e["name"].rpartition(".")
        owners.setdefault(owner, {})[name] = e

    def module_at(path):
        m = root
        prefix = ""
        for part in path.split(".") if path else []:
            prefix = prefix + "." + part if prefix else part
            if part not in m._modules:
                own = owners.get(prefix, {})
                if {"running_mean", "running_var", "num_batches_tracked"} <= set(own):
                    m.add_module(part, torch.nn.BatchNorm1d(own["running_mean"]["shape"][0], affine="weight" in own))
                else:
                    m.add_module(part, torch.nn.Module())
            m = m._modules[part]
        return m

    for path in module_names:
        module_at(path)
    for e in code_entries:
        owner, _, name = e["name"].rpartition(".")
        value = torch.zeros(e["shape"], dtype=getattr(torch, e["dtype"]))
        module = module_at(owner)
        module._parameters.pop(name, None)
        module._buffers.pop(name, None)
        if e["kind"] == "parameter":
            module.register_parameter(name, torch.nn.Parameter(value, requires_grad=value.is_floating_point()))
        else:
            module.register_buffer(name, value)
    return root


def quoted_list(message, heading):
    """The names load_state_dict's error lists after `heading` ("Missing key(s) in state_dict")."""
    at = message.find(heading + ": ")
    if at < 0:
        return []
    line = message[at + len(heading) + 2:].split("\n", 1)[0]
    return re.findall(r'"([^"]*)"', line.split(". ", 1)[0] if ". " in line else line)


def load_state_dict_verdicts(make_twin, state_dict):
    """What load_state_dict(state_dict, strict) does, strict=True then False, each on a
    fresh twin: {"strict", "outcome": "raises"|"loads", "missing", "unexpected",
    "size_mismatch", "cast"}, as ckptcheck's report gives them."""
    verdicts = []
    for strict in (True, False):
        twin = make_twin()
        verdict = {"strict": strict, "outcome": "loads", "missing": [], "unexpected": [], "size_mismatch": [], "cast": []}
        try:
            result = twin.load_state_dict(state_dict, strict=strict)
            verdict["missing"], verdict["unexpected"] = list(result.missing_keys), list(result.unexpected_keys)
        except RuntimeError as e:
            message = str(e)
            verdict["outcome"] = "raises"
            verdict["missing"] = quoted_list(message, "Missing key(s) in state_dict")
            verdict["unexpected"] = quoted_list(message, "Unexpected key(s) in state_dict")
            verdict["size_mismatch"] = re.findall(r"size mismatch for ([^:]+): copying", message)
            if not strict and not verdict["size_mismatch"]:
                raise
        if verdict["outcome"] == "loads":
            # Another dtype: the model keeps its own, holding the file's values cast to it.
            state = twin.state_dict()
            for name, value in state_dict.items():
                mine = state.get(name)
                if mine is not None and mine.dtype != value.dtype and torch.equal(mine, value.to(mine.dtype)):
                    verdict["cast"].append(name)
        verdicts.append(verdict)
    # strict=False lists no missing or unexpected key in its error: they are the strict run's.
    if verdicts[1]["outcome"] == "raises":
        verdicts[1]["missing"], verdicts[1]["unexpected"] = verdicts[0]["missing"], verdicts[0]["unexpected"]
    return verdicts
