#!/usr/bin/env python3
"""Generates the ground-truth program's single translation unit from manifest.json.

    gen_truth_registry.py --manifest tests/models/manifest.json --out registry.cpp

The output includes <torch/torch.h> once, then each fixture's source inside its
own `namespace fixture_<name> { ... }` (the fixture's own #include of
<torch/torch.h> is then a no-op: the header has #pragma once), adds a
`ckptcheck_construct()` that evaluates the manifest's "construct" expression,
a table of all fixtures, and finally model_truth_main.inl (the program's main).

Fixture files are included by their bare names, so the target must put the
models directory on its include path. Only the .cpp/.cc files of an entry are
included; a header reaches the TU through the .cpp that includes it (an entry
made of headers only includes the headers).

The manifest is checked here so that a broken entry fails the build early:
unique identifier-like names, files that exist, and "args" that match the
arguments written in "construct" (same count, same values, same order).
"""

import argparse
import json
import os
import re
import sys

NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
KNOWN_KEYS = {"name", "files", "root", "args", "construct", "covers", "empty"}


def split_top_level(text):
    """Splits a C++ argument list on top-level commas (outside brackets and string literals)."""
    parts, depth, cur, quote = [], 0, [], None
    i = 0
    while i < len(text):
        c = text[i]
        if quote:
            cur.append(c)
            if c == "\\" and i + 1 < len(text):
                cur.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
            cur.append(c)
        elif c in "({[":
            depth += 1
            cur.append(c)
        elif c in ")}]":
            depth -= 1
            cur.append(c)
        elif c == "," and depth == 0:
            parts.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    last = "".join(cur).strip()
    if last or parts:
        parts.append(last)
    return parts


def construct_arguments(construct):
    """Returns the argument texts of the outermost call in `construct`."""
    open_at = construct.find("(")
    if open_at < 0:
        raise ValueError("construct has no call")
    depth = 0
    for i in range(open_at, len(construct)):
        if construct[i] == "(":
            depth += 1
        elif construct[i] == ")":
            depth -= 1
            if depth == 0:
                return split_top_level(construct[open_at + 1:i])
    raise ValueError("unbalanced parentheses in construct")


def value_matches(value, text):
    """True if the C++ argument `text` spells the JSON `value`."""
    text = text.strip()
    if isinstance(value, bool):
        return text == ("true" if value else "false")
    if isinstance(value, (int, float)):
        literal = re.sub(r"(?i)(ll|l|u|ul|ull|f)$", "", text)
        try:
            return float(literal) == float(value)
        except ValueError:
            return False
    if isinstance(value, str):
        return text == json.dumps(value) or text == "std::string(%s)" % json.dumps(value)
    if isinstance(value, list):
        brace = text.find("{")
        if brace < 0 or not text.endswith("}"):
            return False
        items = split_top_level(text[brace + 1:-1])
        return len(items) == len(value) and all(value_matches(v, t) for v, t in zip(value, items))
    return False


def check_entry(entry, models_dir, seen):
    name = entry.get("name", "?")
    errors = []
    unknown = set(entry) - KNOWN_KEYS
    if unknown:
        errors.append("unknown keys %s" % sorted(unknown))
    for key in ("name", "files", "root", "args", "construct"):
        if key not in entry:
            errors.append("missing %r" % key)
    if errors:
        return ["%s: %s" % (name, e) for e in errors]
    if not NAME_RE.match(name):
        errors.append("name must match %s" % NAME_RE.pattern)
    if name in seen:
        errors.append("duplicate name")
    seen.add(name)
    if not entry["files"]:
        errors.append("no files")
    for f in entry["files"]:
        if not os.path.isfile(os.path.join(models_dir, f)):
            errors.append("file %s does not exist" % f)
    args = entry["args"]
    if not isinstance(args, dict):
        errors.append("args must be an object")
    else:
        try:
            texts = construct_arguments(entry["construct"])
        except ValueError as e:
            errors.append(str(e))
        else:
            if len(texts) != len(args):
                errors.append("construct passes %d arguments but args names %d" % (len(texts), len(args)))
            else:
                for (arg, value), text in zip(args.items(), texts):
                    if not value_matches(value, text):
                        errors.append("args.%s = %s but construct passes %s" % (arg, json.dumps(value), text))
    return ["%s: %s" % (name, e) for e in errors]


def included_files(entry):
    sources = [f for f in entry["files"] if f.endswith((".cpp", ".cc"))]
    return sources or entry["files"]


def cxx_string(s):
    return json.dumps(s)  # JSON string escapes are valid C++ for these ASCII names


def generate(manifest, manifest_path):
    out = [
        "// Generated by tests/models/gen_truth_registry.py from %s. Do not edit." % os.path.basename(manifest_path),
        "// One translation unit for every model fixture: torch first, then each",
        "// fixture in its own namespace, then the program (model_truth_main.inl).",
        "#include <torch/torch.h>",
        "",
        "#include <memory>",
        "",
    ]
    for entry in manifest:
        ns = "fixture_" + entry["name"]
        out.append("namespace %s {" % ns)
        for f in included_files(entry):
            out.append('#include "%s"' % f)
        out.append("inline std::shared_ptr<torch::nn::Module> ckptcheck_construct() {")
        out.append("  return %s;" % entry["construct"])
        out.append("}")
        out.append("}  // namespace %s" % ns)
        out.append("")
    out.append("namespace ckptcheck_truth {")
    out.append("struct Fixture {")
    out.append("  const char* name;")
    out.append("  const char* root;")
    out.append("  std::shared_ptr<torch::nn::Module> (*construct)();")
    out.append("};")
    out.append("const Fixture kFixtures[] = {")
    for entry in manifest:
        out.append("    {%s, %s, &fixture_%s::ckptcheck_construct}," % (
            cxx_string(entry["name"]), cxx_string(entry["root"]), entry["name"]))
    out.append("};")
    out.append("}  // namespace ckptcheck_truth")
    out.append("")
    out.append('#include "model_truth_main.inl"')
    return "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--out", required=True)
    opts = parser.parse_args()

    with open(opts.manifest) as f:
        manifest = json.load(f)
    if not isinstance(manifest, list) or not manifest:
        sys.exit("%s: expected a non-empty list" % opts.manifest)
    models_dir = os.path.dirname(os.path.abspath(opts.manifest))
    errors, seen = [], set()
    for entry in manifest:
        errors += check_entry(entry, models_dir, seen)
    if errors:
        sys.exit("%s:\n  %s" % (opts.manifest, "\n  ".join(errors)))

    with open(opts.out, "w") as f:
        f.write(generate(manifest, opts.manifest))


if __name__ == "__main__":
    main()
