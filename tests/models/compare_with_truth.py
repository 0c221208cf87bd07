#!/usr/bin/env python3
"""Compare `ckptcheck-analyze` with LibTorch's own named_parameters(),
named_buffers() and named_modules().

For every model of a manifest (tests/models/manifest.json, or the real-world
corpus's tests/corpus/manifest.json), run the analyzer on its files,
constructed as the ground-truth program constructed it, and require the same
entries (names, order, shapes, dtypes, kinds), exactly.

Usage: compare_with_truth.py ANALYZER TRUTH_DIR [--manifest FILE] [--engine exec|static]
                             [--modules] [--both-modes] [--symbolic] [--gaps FILE] [--only NAME...] [--jobs N]

--engine exec (the analyzer's default): the constructor runs against meta
LibTorch. A model whose "construct" is not `std::make_shared<ROOT>(ARGS)` is
given that expression with --construct ("analyzer_construct" overrides it,
with "{corpus}" standing for the manifest's directory). --modules also
requires LibTorch's module tree (names and types).
--engine static (the analyzer's --no-exec, this script's default): the
constructor's source is interpreted.
--both-modes also analyses each model with the bundled declarations instead
of LibTorch's headers and requires the same entries and diagnostics.
--symbolic also analyses each model (with the bundled declarations, for
speed) with its integer constructor arguments left unbound (they become
symbols) and requires the entries' shape expressions, evaluated at the real
arguments, to equal LibTorch's shapes.
Models listed in the gaps file (static engine only; default known_gaps.json
next to this script) are expected to differ (each with a reason;
"symbolic:NAME" for a difference only with symbols); the run fails if one of
them starts to match, so the list cannot go stale. The running engine has no
gaps: every difference fails.
"""
import argparse
import ast
import concurrent.futures
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def integer_args(fixture):
    return {k: v for k, v in fixture.get("args", {}).items() if type(v) is int}


class Runner:
    def __init__(self, analyzer, manifest_dir, engine):
        self.analyzer, self.dir, self.engine = analyzer, manifest_dir, engine

    def command(self, fixture, torch_include, unbound=()):
        cmd = [self.analyzer, "--format", "json"]
        construct = fixture.get("analyzer_construct")
        if construct is None and not fixture["construct"].startswith("std::make_shared<"):
            construct = fixture["construct"]
        if self.engine == "static":
            cmd.append("--no-exec")
        if self.engine == "exec" and construct is not None:
            cmd += ["--construct", construct.replace("{corpus}", self.dir)]
        else:
            cmd += ["--class", fixture["root"]]
            for k, v in fixture.get("args", {}).items():
                if k not in unbound:
                    cmd += ["--arg", "%s=%s" % (k, json.dumps(v))]
        if torch_include and self.engine == "static":
            cmd += ["--torch-include", torch_include]
        return cmd + [os.path.join(self.dir, f) for f in fixture["files"]]

    def analyze(self, fixture, torch_include, unbound=()):
        out = subprocess.run(self.command(fixture, torch_include, unbound), capture_output=True, text=True)
        if out.returncode not in (0, 1) or not out.stdout:
            return None, "analyzer exited %d: %s" % (out.returncode, out.stderr.strip()[:500])
        return json.loads(out.stdout), None


def differences(spec, truth):
    want = [(e["name"], e["kind"], e["shape"], e["dtype"]) for e in truth["entries"]]
    got = [(e["name"], e["kind"], e["shape"], e["dtype"]) for e in spec["entries"]]
    if got == want:
        return []
    lines = []
    for i in range(max(len(want), len(got))):
        w = want[i] if i < len(want) else None
        g = got[i] if i < len(got) else None
        if w != g:
            lines.append("  #%d libtorch %s | analyzer %s" % (i, w, g))
    return lines[:12]


def module_differences(spec, truth):
    want = [(m["name"], m["type"]) for m in truth.get("modules", [])]
    got = [(m["name"], m["type"]) for m in spec.get("modules", [])]
    if got == want:
        return []
    for i in range(max(len(want), len(got))):
        w = want[i] if i < len(want) else None
        g = got[i] if i < len(got) else None
        if w != g:
            return ["  module #%d libtorch %s | analyzer %s" % (i, w, g)]
    return []


def evaluate(expression, bindings):
    """Value of a shape expression ("4*hidden", "max(a, 3)", "(h+1)/2") at the bindings.
    Only integers, symbols, + - * / %, comparisons, && || !, max/min and
    select(c, a, b) (C++'s c ? a : b) are accepted; / and % are C++'s
    (truncating) integer operations."""
    def value(node):
        if isinstance(node, ast.Constant) and type(node.value) is int:
            return node.value
        if isinstance(node, ast.Name):
            return bindings[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -value(node.operand)
        if isinstance(node, ast.BinOp):
            a, b = value(node.left), value(node.right)
            if isinstance(node.op, ast.Add): return a + b
            if isinstance(node.op, ast.Sub): return a - b
            if isinstance(node.op, ast.Mult): return a * b
            if isinstance(node.op, ast.Div): return int(a / b) if b else None
            if isinstance(node.op, ast.Mod): return a - b * int(a / b) if b else None
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "select":
            condition, a, b = node.args  # c ? a : b
            return value(a) if value(condition) else value(b)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("max", "min"):
            values = [value(x) for x in node.args]
            return max(values) if node.func.id == "max" else min(values)
        if isinstance(node, ast.Compare) and len(node.ops) == 1:
            a, b = value(node.left), value(node.comparators[0])
            op = type(node.ops[0])
            return {ast.Lt: a < b, ast.Gt: a > b, ast.LtE: a <= b, ast.GtE: a >= b, ast.Eq: a == b, ast.NotEq: a != b}[op]
        if isinstance(node, ast.BoolOp):
            values = [value(x) for x in node.values]
            return all(values) if isinstance(node.op, ast.And) else any(values)
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            return not value(node.operand)
        raise ValueError("unexpected shape expression: %r" % expression)
    if isinstance(expression, int):
        return expression
    # A condition's C++ spelling (&&, ||, !) in Python's.
    python = re.sub(r"!(?!=)", " not ", expression.replace("&&", " and ").replace("||", " or ")).strip()
    return value(ast.parse(python, mode="eval").body)


def expand(entries, bindings, depth=0):
    """The entries of a ModelSpec with its repeated groups written out at the
    bindings: a run of neighbouring entries in the same group repeats, index
    value by index value; "{expr}" in a name is the expression's value; shapes
    and conditions are evaluated with the index bound."""
    out = []
    k = 0
    while k < len(entries):
        repeat = entries[k].get("repeat", [])
        if len(repeat) <= depth:
            e = entries[k]
            name = re.sub(r"\{([^{}]*)\}", lambda m: str(evaluate(m.group(1), bindings)), e["name"])
            out.append(dict(e, name=name, shape=[evaluate(d, bindings) for d in e["shape"]],
                            present=not e.get("conditional") or evaluate(e["condition"], bindings)))
            k += 1
            continue
        group = repeat[depth]
        run = []
        while k < len(entries) and len(entries[k].get("repeat", [])) > depth and \
                entries[k]["repeat"][depth]["group"] == group["group"]:
            run.append(entries[k])
            k += 1
        for value in range(evaluate(group["from"], bindings), evaluate(group["to"], bindings)):
            out += expand(run, dict(bindings, **{group["index"]: value}), depth + 1)
    return out


def symbolic_differences(runner, fixture, truth, torch_include):
    """Differences when the integer arguments without a default are left to the
    analyzer as symbols (an argument with a default that is not given takes its
    default, so those are still bound)."""
    unbound = integer_args(fixture)
    spec, error = runner.analyze(fixture, torch_include, unbound)
    if error:
        return [error]
    defaulted = [x["name"] for x in spec["symbols"] if x["default"] is not None]
    if defaulted:
        unbound = {k: v for k, v in unbound.items() if k not in defaulted}
        spec, error = runner.analyze(fixture, torch_include, unbound)
        if error:
            return [error]
    # Repeated groups are written out, and conditional entries exist only where
    # their condition holds, at the real arguments.
    bound = {"entries": [e for e in expand(spec["entries"], unbound) if e["present"]]}
    if runner.engine == "exec":
        # The running engine's expressions are fitted family by family: exact
        # entries, but a loop's entries may come out in another order than
        # LibTorch lists them (the concrete run, compared above, has the order).
        key = lambda e: (e["name"], e["kind"])
        bound = {"entries": sorted(bound["entries"], key=key)}
        truth = dict(truth, entries=sorted(truth["entries"], key=key))
    lines = differences(bound, truth)
    if lines:
        lines += ["    %s %s" % (d["id"], d["message"]) for d in spec["diagnostics"][:5]]
    return lines


def check(runner, a, gaps, fixture):
    """One model's verdict: (passed, lines to print)."""
    name = fixture["name"]
    out = []
    truth = json.load(open(os.path.join(a.truth_dir, name + ".json")))
    spec, error = runner.analyze(fixture, a.torch_include)
    diff = [error] if error else differences(spec, truth)
    if a.modules and not diff:
        diff = module_differences(spec, truth)
    if a.both_modes and not error:
        bundled, berror = runner.analyze(fixture, "bundled")

        def summary(x):
            return ([(e["name"], e["kind"], e["shape"], e["dtype"]) for e in x["entries"]],
                    sorted(d["id"] + " " + d["message"] for d in x["diagnostics"]))
        if berror or summary(bundled) != summary(spec):
            return False, ["FAIL: %s: the bundled declarations give another result than LibTorch's headers" % name,
                           "  %s" % (berror or "\n  ".join(str(x) for x in summary(bundled)))]
    gap = gaps.get(name)
    symbolic_gap = gaps.get("symbolic:" + name)
    if a.symbolic and not diff and not gap and integer_args(fixture):
        # With the bundled declarations, for speed: --both-modes is what checks
        # that they give what LibTorch's headers give.
        sdiff = symbolic_differences(runner, fixture, truth, "bundled")
        if sdiff and not symbolic_gap:
            return False, ["FAIL: %s with its integer arguments as symbols" % name] + sdiff
        if not sdiff and symbolic_gap:
            return False, ["FAIL: %s now matches with symbols; remove symbolic:%s from the gaps" % (name, name)]
        if symbolic_gap:
            out.append("known gap with symbols: %s (%s)" % (name, symbolic_gap))
    if not diff and not gap:
        return True, out + ["ok: %s" % name]
    if diff and gap:
        return True, out + ["known gap: %s (%s)" % (name, gap)]
    if gap:
        return False, out + ["FAIL: %s now matches LibTorch; remove it from the gaps" % name]
    lines = out + ["FAIL: %s" % name] + diff
    for d in (spec or {}).get("diagnostics", [])[:5]:
        lines.append("    %s %s" % (d["id"], d["message"]))
    return False, lines


def main():
    p = argparse.ArgumentParser()
    p.add_argument("analyzer")
    p.add_argument("truth_dir")
    p.add_argument("--manifest", default=os.path.join(HERE, "manifest.json"))
    p.add_argument("--engine", choices=["exec", "static"], default="static")
    p.add_argument("--gaps")
    p.add_argument("--torch-include", default="")
    p.add_argument("--only", nargs="*")
    p.add_argument("--modules", action="store_true")
    p.add_argument("--both-modes", action="store_true")
    p.add_argument("--symbolic", action="store_true")
    p.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    a = p.parse_args()
    manifest = json.load(open(a.manifest))
    gaps = {}
    if a.engine == "static":
        gaps = json.load(open(a.gaps or os.path.join(HERE, "known_gaps.json")))
    runner = Runner(a.analyzer, os.path.dirname(os.path.abspath(a.manifest)), a.engine)
    fixtures = [f for f in manifest if not a.only or f["name"] in a.only]
    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as pool:
        for ok, lines in pool.map(lambda f: check(runner, a, gaps, f), fixtures):
            print("\n".join(lines), flush=True)
            passed += ok
            failed += not ok
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
