"""What the two truth harnesses share (tests/models: our fixtures, tests/corpus:
real model code): reading a manifest entry's C++ construction and checking the
listings the LibTorch truth program wrote.

A manifest entry names a root class, its construction ("std::make_shared<NetImpl>(3, 10)")
and the arguments as JSON; a listing is what the program read from LibTorch:
named_parameters(), named_buffers() and named_modules().
"""

import glob
import json
import os
import re
import subprocess


def split_arguments(text):
    """Top-level commas of a C++ argument list. Brackets are ( { [ and template
    angle brackets < >: manifest arguments hold no comparison or shift operators."""
    parts, depth, cur, quote = [], 0, [], None
    i = 0
    while i < len(text):
        c = text[i]
        cur.append(c)
        if quote:
            if c == "\\" and i + 1 < len(text):
                cur.append(text[i + 1])
                i += 1
            elif c == quote:
                quote = None
        elif c in "\"'":
            quote = c
        elif c in "({[<":
            depth += 1
        elif c in ")}]>":
            depth -= 1
        elif c == "," and depth == 0:
            cur.pop()
            parts.append("".join(cur).strip())
            cur = []
        i += 1
    last = "".join(cur).strip()
    if last or parts:
        parts.append(last)
    return parts


def call_arguments(construct):
    """The argument texts of the outermost call of a `construct` like f<T>(a, b)
    or Net(a, b).ptr()."""
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
                # A holder's .ptr() may follow; anything else would hide more arguments.
                if not re.fullmatch(r"(\s*\.\s*\w+\(\s*\))*\s*", construct[i + 1:]):
                    raise ValueError("construct is not a single call")
                return split_arguments(construct[open_at + 1:i])
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
        return text in (json.dumps(value), "std::string(%s)" % json.dumps(value))
    if isinstance(value, list):
        brace = text.find("{")
        if brace < 0 or not text.endswith("}"):
            return False
        items = split_arguments(text[brace + 1:-1])
        return len(items) == len(value) and all(value_matches(v, t) for v, t in zip(value, items))
    return False


def run_truth_program(program, out_dir):
    """Runs the truth program into a clean `out_dir`; the errors it caused."""
    os.makedirs(out_dir, exist_ok=True)
    for stale in glob.glob(os.path.join(out_dir, "*.json")):
        os.remove(stale)
    run = subprocess.run([program, out_dir])
    return [] if run.returncode == 0 else ["%s exited with %d" % (program, run.returncode)]


def check_listing(entry, out_dir):
    """The errors in the listing the truth program wrote for `entry`: it exists and
    names the entry and its root; it has entries (none when the entry says
    "empty": true); no entry or module is named twice; the module list starts
    with the root (name "", of the entry's root type)."""
    name = entry["name"]
    path = os.path.join(out_dir, name + ".json")
    if not os.path.isfile(path):
        return ["%s: no %s" % (name, path)]
    with open(path) as f:
        listing = json.load(f)
    errors = []
    if listing.get("name") != name or listing.get("root") != entry["root"]:
        errors.append("listing names %r / root %r" % (listing.get("name"), listing.get("root")))
    entries = listing.get("entries", [])
    if entry.get("empty", False):
        if entries:
            errors.append("marked empty but has %d entries" % len(entries))
    elif not entries:
        errors.append("no parameters or buffers")
    names = [e["name"] for e in entries]
    if len(names) != len(set(names)):
        errors.append("duplicate entry names")
    modules = listing.get("modules", [])
    if not modules or modules[0] != {"name": "", "type": entry["root"]}:
        errors.append("the module list does not start with the root %r: %r" % (entry["root"], modules[:1]))
    module_names = [m["name"] for m in modules]
    if len(module_names) != len(set(module_names)):
        errors.append("duplicate module names")
    return ["%s: %s" % (name, e) for e in errors]
