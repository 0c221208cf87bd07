#!/usr/bin/env python3
"""Generates the translation units of ckptcheck_corpus_truth from manifest.json.

    gen_corpus_truth.py --manifest tests/corpus/manifest.json --list-outputs
    gen_corpus_truth.py --manifest tests/corpus/manifest.json --out-dir DIR

Corpus code is other people's code, so it is compiled the way its own project
compiles it as far as one program allows:

- Entries are grouped: by "group" when the entry names one, else by the
  directory of its first file. The files of a group are included once, in the
  order the group's entries first list them (headers guarded by #pragma once
  or include guards would otherwise vanish from a second inclusion).
- A group is "shared" by default: it goes into corpus_truth_shared.cpp inside
  its own `namespace ckptcheck_corpus_g_<group> { ... }`, so that groups may
  define the same names (NetImpl, UNetImpl, weights_init, even main); every
  macro the group's files #define is #undef'd after it, since another group's
  headers may use the same include guard (NETWORKS_HPP) or identifier. Every
  system header (#include <...>) that the group's files reach is included
  first at global scope, so the files' own system includes are no-ops inside
  the namespace. The program strips the namespace from module type names.
- A group whose entries say "tu": "own" gets its own TU,
  corpus_truth_<group>.cpp, with its files at global scope, exactly as its
  project builds them (for code that cannot live in a namespace, e.g. a
  bundled nlohmann/json.hpp that specialises std templates).

Each entry becomes a global function ckptcheck_corpus_construct_<name>()
returning the "construct" expression as std::shared_ptr<torch::nn::Module>;
the shared TU also holds the table of entries and corpus_truth_main.inl.

The manifest is checked first: keys, unique identifier-like names, files that
exist (relative to the manifest's directory), a known origin directory, and
"args" that spell the same values in the same order as the arguments of
"construct" when "args" is not empty.
"""

import argparse
import json
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from truth_manifest import call_arguments, value_matches  # noqa: E402

NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
REQUIRED_KEYS = {"name", "files", "root", "construct", "args", "origin"}
OPTIONAL_KEYS = {"analyzer_construct", "analyzer_note", "group", "tu", "note"}
QUOTED_INCLUDE_RE = re.compile(r'^\s*#\s*include\s*"([^"]+)"', re.M)
ANGLE_INCLUDE_RE = re.compile(r"^\s*#\s*include\s*<([^>]+)>", re.M)
DEFINE_RE = re.compile(r"^\s*#\s*define\s+(\w+)", re.M)
SHARED_TU = "corpus_truth_shared.cpp"


def check_entry(entry, corpus_dir, seen):
    name = entry.get("name", "?")
    errors = []
    keys = set(entry)
    if keys - REQUIRED_KEYS - OPTIONAL_KEYS:
        errors.append("unknown keys %s" % sorted(keys - REQUIRED_KEYS - OPTIONAL_KEYS))
    if REQUIRED_KEYS - keys:
        errors.append("missing keys %s" % sorted(REQUIRED_KEYS - keys))
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
        if not os.path.isfile(os.path.join(corpus_dir, f)):
            errors.append("file %s does not exist" % f)
    if not os.path.isdir(os.path.join(corpus_dir, entry["origin"])):
        errors.append("origin %s is not a directory of the corpus" % entry["origin"])
    if entry.get("tu", "shared") not in ("shared", "own"):
        errors.append('tu must be "shared" or "own"')
    args = entry["args"]
    if not isinstance(args, dict):
        errors.append("args must be an object")
    elif args:
        try:
            texts = call_arguments(entry["construct"])
        except ValueError as e:
            errors.append("args given but %s" % e)
        else:
            if len(texts) != len(args):
                errors.append("construct passes %d arguments but args names %d" % (len(texts), len(args)))
            else:
                for (arg, value), text in zip(args.items(), texts):
                    if not value_matches(value, text):
                        errors.append("args.%s = %s but construct passes %s" % (arg, json.dumps(value), text))
    return ["%s: %s" % (name, e) for e in errors]


def include_closure(corpus_dir, files):
    """The corpus files reached from `files` through #include "..." (relative to
    the including file's directory, as the compiler resolves them), and the
    system headers (#include <...>) they name. Textual: every #include line
    counts, whatever #if surrounds it."""
    seen, order, system = set(), [], []
    stack = [os.path.normpath(os.path.join(corpus_dir, f)) for f in reversed(files)]
    while stack:
        path = stack.pop()
        if path in seen or not os.path.isfile(path):
            continue
        seen.add(path)
        order.append(path)
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for header in ANGLE_INCLUDE_RE.findall(text):
            if header not in system:
                system.append(header)
        for header in reversed(QUOTED_INCLUDE_RE.findall(text)):
            stack.append(os.path.normpath(os.path.join(os.path.dirname(path), header)))
    return order, system


def defined_macros(paths):
    """The macros that the given files #define (include guards among them)."""
    macros = []
    for path in paths:
        with open(path, encoding="utf-8", errors="replace") as f:
            for macro in DEFINE_RE.findall(f.read()):
                if macro not in macros:
                    macros.append(macro)
    return macros


def group_key(entry):
    return entry.get("group") or os.path.dirname(entry["files"][0])


def namespace_of(group):
    return "ckptcheck_corpus_g_" + re.sub(r"[^A-Za-z0-9]", "_", group)


def own_tu_name(group):
    return "corpus_truth_%s.cpp" % re.sub(r"[^A-Za-z0-9]", "_", group)


def make_groups(manifest):
    """[(group, tu, [entries], [files])] in manifest order; checks that a group's entries agree on "tu"."""
    groups, errors = {}, []
    for entry in manifest:
        key = group_key(entry)
        tu = entry.get("tu", "shared")
        if key not in groups:
            groups[key] = (tu, [], [])
        if groups[key][0] != tu:
            errors.append("%s: group %s mixes tu values" % (entry["name"], key))
        groups[key][1].append(entry)
        for f in entry["files"]:
            if f not in groups[key][2]:
                groups[key][2].append(f)
    return [(k, v[0], v[1], v[2]) for k, v in groups.items()], errors


def outputs(groups):
    names = [SHARED_TU]
    names += [own_tu_name(g) for g, tu, _, _ in groups if tu == "own"]
    return names


def construct_function(entry):
    return [
        "std::shared_ptr<torch::nn::Module> ckptcheck_corpus_construct_%s() {" % entry["name"],
        "  return %s;" % entry["construct"],
        "}",
    ]


def generate_shared(groups, corpus_dir, manifest):
    out = [
        "// Generated by tests/corpus/gen_corpus_truth.py from manifest.json. Do not edit.",
        "// The shared TU: system headers at global scope, each corpus group in its own",
        "// namespace, the table of entries, then the program (corpus_truth_main.inl).",
        "#include <torch/torch.h>",
        "",
        "#include <filesystem>",
        "#include <memory>",
        "#include <string>",
        "",
    ]
    system = []
    for group, tu, entries, files in groups:
        if tu == "shared":
            for header in include_closure(corpus_dir, files)[1]:
                if header not in system:
                    system.append(header)
    out.append("// System headers that the shared groups include, so that their own")
    out.append("// #include <...> inside a namespace below is a no-op.")
    for header in system:
        out += ["#if __has_include(<%s>)" % header, "#include <%s>" % header, "#endif"]
    out.append("")
    for group, tu, entries, files in groups:
        if tu != "shared":
            for entry in entries:
                out.append("std::shared_ptr<torch::nn::Module> ckptcheck_corpus_construct_%s();  // in %s"
                           % (entry["name"], own_tu_name(group)))
            continue
        ns = namespace_of(group)
        out.append("namespace %s {" % ns)
        for f in files:
            out.append('#include "%s"' % f)
        for entry in entries:
            out.append("inline std::shared_ptr<torch::nn::Module> ckptcheck_construct_%s() {" % entry["name"])
            out.append("  return %s;" % entry["construct"])
            out.append("}")
        out.append("}  // namespace %s" % ns)
        # Another group's headers may use the same include guard (NETWORKS_HPP),
        # and a group's macros (#define HIDDEN 2) must not rewrite the next group.
        for macro in defined_macros(include_closure(corpus_dir, files)[0]):
            out.append("#undef %s" % macro)
        for entry in entries:
            out.append("std::shared_ptr<torch::nn::Module> ckptcheck_corpus_construct_%s() {" % entry["name"])
            out.append("  return %s::ckptcheck_construct_%s();" % (ns, entry["name"]))
            out.append("}")
        out.append("")
    out.append("namespace ckptcheck_corpus_truth {")
    out.append("struct Entry {")
    out.append("  const char* name;")
    out.append("  const char* root;")
    out.append("  std::shared_ptr<torch::nn::Module> (*construct)();")
    out.append("};")
    out.append("const Entry kEntries[] = {")
    for entry in manifest:
        out.append("    {%s, %s, &ckptcheck_corpus_construct_%s}," % (
            json.dumps(entry["name"]), json.dumps(entry["root"]), entry["name"]))
    out.append("};")
    out.append("}  // namespace ckptcheck_corpus_truth")
    out.append("")
    out.append('#include "corpus_truth_main.inl"')
    return "\n".join(out) + "\n"


def generate_own(group, entries, files):
    out = [
        "// Generated by tests/corpus/gen_corpus_truth.py from manifest.json. Do not edit.",
        "// Corpus group %s, compiled at global scope as its own project compiles it." % group,
    ]
    out += ['#include "%s"' % f for f in files]
    out += ["", "#include <torch/torch.h>", "", "#include <filesystem>", "#include <memory>", "#include <string>", ""]
    for entry in entries:
        out += construct_function(entry)
    return "\n".join(out) + "\n"


def write(path, text):
    with open(path, "w") as f:
        f.write(text)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--manifest", required=True)
    parser.add_argument("--out-dir")
    parser.add_argument("--list-outputs", action="store_true", help="print the TU file names, ;-separated (for CMake)")
    opts = parser.parse_args()

    with open(opts.manifest) as f:
        manifest = json.load(f)
    if not isinstance(manifest, list) or not manifest:
        sys.exit("%s: expected a non-empty list" % opts.manifest)
    corpus_dir = os.path.dirname(os.path.abspath(opts.manifest))
    errors, seen = [], set()
    for entry in manifest:
        errors += check_entry(entry, corpus_dir, seen)
    if errors:
        sys.exit("%s:\n  %s" % (opts.manifest, "\n  ".join(errors)))
    groups, errors = make_groups(manifest)
    if errors:
        sys.exit("%s:\n  %s" % (opts.manifest, "\n  ".join(errors)))

    if opts.list_outputs:
        print(";".join(outputs(groups)), end="")
        return
    if not opts.out_dir:
        parser.error("--out-dir or --list-outputs is required")
    os.makedirs(opts.out_dir, exist_ok=True)
    write(os.path.join(opts.out_dir, SHARED_TU), generate_shared(groups, corpus_dir, manifest))
    for group, tu, entries, files in groups:
        if tu == "own":
            write(os.path.join(opts.out_dir, own_tu_name(group)), generate_own(group, entries, files))


if __name__ == "__main__":
    main()
