#!/usr/bin/env python3
"""Runs `ckptcheck --model` on every story and checks its findings against the truth.

    agreement_test.py --ckptcheck BUILD/tool/ckptcheck [--stories tests/check/stories.json] [--only NAME...] [-v]

For each story in stories.json (paths there are relative to its directory, which
is also the working directory here):

    ckptcheck --model MODEL CHECKPOINT --class CLASS --format json [FLAGS...]

The story's "args" are what the truth build passed to the constructor; they are
NOT passed as --arg (ckptcheck must use the code's defaults and solve the rest
from the checkpoint, which is the point of e.g. symbol_conflict). The report
(ckptcheck/report/v1) must satisfy:

  * exit 0 when it has no error-severity finding, 1 when it has one (2 = failure);
    "ok" (if present) says the same;
  * compatible truth -> no error-severity finding;
  * a shape difference in the truth -> at least one error-severity finding;
  * every truth item is covered by a finding that names it:
      missing     CK301, CK303, CK304; CK306 if it is a num_batches_tracked;
                  CK305 if the code ties it to an entry the file has
      unexpected  CK302, CK303, CK304
      shape       CK401, CK403 on that key; CK404 (on that key, or naming no key);
                  CK308 on the module holding it
      dtype       CK402      kind   CK307
    A finding names keys by "key" and "keys" (a list), and for renames and
    prefixes by "renames" ({old: new} or [{"from", "to"}] or [[old, new]]),
    "from"/"to", and "prefix"/"strip"/"add". For the key-set rules (CK30x) a
    name also covers the subtree under it ("head" covers "head.weight", and so
    does a rename of "head."); a prefix covers an unexpected key that is a missing
    one with the prefix inserted at a path boundary, and that missing key; a CK301
    that carries renames (torch::load lacks what a configured rename pairs)
    covers both sides of them;
  * if the report lists "checkpoints" with a "key", it is the story's "key";
  * with --loader torch::load among the flags, every entry the real torch::load
    corrupted (torch_load.corrupted) is named by an error-severity finding, and
    when it threw, an error-severity finding quotes its message (in its message
    or a note); a compatible truth may then have errors;
  * for every story, the report's torch::load row (checkpoints[0].loaders) says what
    the real torch::load did with the pair (torch_load): the error it cannot read the
    file with, or, when it reads it, "with_model": the message it throws, or that it
    loads, with the entries it resized (changed in shape) and corrupted.

Skips (exit 77) when the ckptcheck given does not know --model yet.
"""

import argparse
import json
import os
import subprocess
import sys

SKIP = 77
MISSING_IDS = {"CK301", "CK303", "CK304"}
UNEXPECTED_IDS = {"CK302", "CK303", "CK304"}


def supports_model(binary):
    for args in (["--help"], ["check", "--help"]):
        try:
            run = subprocess.run([binary] + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=60)
        except (OSError, subprocess.TimeoutExpired):
            continue
        if "--model" in run.stdout:
            return True
    return False


def _pairs(value):
    """Rename pairs from {old: new}, [{"from", "to"}], [[old, new]]."""
    if isinstance(value, dict):
        return [(k, v) for k, v in value.items() if isinstance(v, str)]
    out = []
    if isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                a = item.get("from", item.get("old"))
                b = item.get("to", item.get("new"))
                out.append((a, b))
            elif isinstance(item, (list, tuple)) and len(item) == 2:
                out.append((item[0], item[1]))
    return [(a, b) for a, b in out if isinstance(a, str) and isinstance(b, str)]


def named(finding):
    """Every key or subtree name a finding mentions."""
    names = set()
    if isinstance(finding.get("key"), str) and finding["key"]:
        names.add(finding["key"])
    for k in finding.get("keys") or []:
        if isinstance(k, str):
            names.add(k)
    for a, b in _pairs(finding.get("renames")) + _pairs([finding]):
        # a rename of "head." renames the subtree "head"
        names.update((a[:-1] if a.endswith(".") else a, b[:-1] if b.endswith(".") else b))
    return names


def in_subtree(key, names):
    return any(key == n or key.startswith(n + ".") for n in names)


def prefixes(finding):
    return [p for p in (finding.get("prefix"), finding.get("strip"), finding.get("add")) if isinstance(p, str) and p]


def prefix_explains(key, finding, missing, unexpected, side):
    """True if one of the finding's prefixes turns an unexpected key into a missing one (or back)."""
    for p in prefixes(finding):
        candidates = [(u, m) for u in unexpected for m in missing if strip_at_boundary(u, p) == m]
        if side == "missing" and any(m == key for _, m in candidates):
            return True
        if side == "unexpected" and any(u == key for u, _ in candidates):
            return True
    return False


def strip_at_boundary(key, prefix):
    """key with one occurrence of prefix removed where it starts a path component, else None."""
    start = 0
    while True:
        at = key.find(prefix, start)
        if at < 0:
            return None
        if at == 0 or key[at - 1] == ".":
            return key[:at] + key[at + len(prefix):]
        start = at + 1


def loads_with_torch_load(story):
    """Whether the story's deployment loads with LibTorch's torch::load (--loader torch::load)."""
    flags = story.get("flags", [])
    return "--loader" in flags[:-1] and flags[flags.index("--loader") + 1] == "torch::load"


def torch_load_fails(story):
    """Whether that loader, run for real, threw or corrupted an entry (the story's torch_load truth)."""
    torch_load = story.get("torch_load", {})
    return loads_with_torch_load(story) and (torch_load.get("ok") is False or bool(torch_load.get("corrupted")))


def check_story(story, report, rc):
    """Returns the list of disagreements (empty when the report agrees with the truth)."""
    problems = []
    truth = story["truth"]
    if report.get("schema") != "ckptcheck/report/v1":
        problems.append("schema is %r, expected 'ckptcheck/report/v1'" % report.get("schema"))
    findings = report.get("findings")
    if not isinstance(findings, list):
        return problems + ["report has no findings list"]
    errors = [f for f in findings if f.get("severity") == "error"]
    if rc != (1 if errors else 0):
        problems.append("exit %d with %d error-severity findings" % (rc, len(errors)))
    if "ok" in report and report["ok"] != (not errors):
        problems.append("\"ok\" is %r with %d error-severity findings" % (report["ok"], len(errors)))
    torch_load = story.get("torch_load", {})
    if truth["compatible"] and errors and not torch_load_fails(story):
        problems.append("LibTorch/torch see no difference, but: %s" % "; ".join(describe(f) for f in errors))
    if truth["shape"] and not errors:
        problems.append("shapes differ (%s) but no finding is an error" % ", ".join(s["key"] for s in truth["shape"]))

    missing, unexpected = truth["missing"], truth["unexpected"]
    tied_partner = {}
    for group in truth.get("tied", []):
        for k in group:
            tied_partner[k] = [o for o in group if o != k]

    def covers(f, key, side):
        fid = f.get("id")
        names = named(f)
        if side == "missing":
            if fid in MISSING_IDS and (in_subtree(key, names) or prefix_explains(key, f, missing, unexpected, side)):
                return True
            if fid == "CK306" and key.endswith("num_batches_tracked") and in_subtree(key, names):
                return True
            if fid == "CK305" and key in names and any(p not in missing for p in tied_partner.get(key, [])):
                return True
            return False
        if side == "unexpected":
            # CK301 on what torch::load lacks although a rename pairs it: it names both sides
            if fid == "CK301" and _pairs(f.get("renames")) and in_subtree(key, names):
                return True
            return fid in UNEXPECTED_IDS and (in_subtree(key, names) or prefix_explains(key, f, missing, unexpected, side))
        if side == "shape":
            if fid in ("CK401", "CK403") and key in names:
                return True
            if fid == "CK404" and (key in names or not names):
                return True
            return fid == "CK308" and in_subtree(key, names)
        if side == "dtype":
            return fid == "CK402" and key in names
        if side == "kind":
            return fid == "CK307" and key in names
        return False

    items = [("missing", k) for k in missing] + [("unexpected", k) for k in unexpected]
    items += [(side, item["key"]) for side in ("shape", "dtype", "kind") for item in truth[side]]
    for side, key in items:
        if not any(covers(f, key, side) for f in findings):
            problems.append("%s '%s' is covered by no finding" % (side, key))

    # What LibTorch's torch::load really did (the truth program ran it), when
    # the story's deployment loads with it: an entry it corrupted without a
    # word must be an error on that entry, and the error it threw must be
    # quoted by an error-severity finding.
    if loads_with_torch_load(story):
        for key in torch_load.get("corrupted") or []:
            if not any(f.get("severity") == "error" and key in named(f) for f in findings):
                problems.append("torch::load corrupts '%s' silently, but no error-severity finding names it" % key)
        thrown = torch_load.get("error")
        if torch_load.get("ok") is False and not any(
                f.get("severity") == "error" and any(thrown in text for text in [f.get("message", "")] + f.get("notes", []))
                for f in errors):
            problems.append("torch::load throws \"%s\", but no error-severity finding says so" % thrown)

    problems += torch_load_verdict_problems(story, report)
    problems += load_state_dict_problems(story, report)

    want_key = story.get("key", "")
    for c in report.get("checkpoints") or []:
        if isinstance(c, dict) and "key" in c and (c["key"] or "") != want_key:
            problems.append("used the state dict at key %r, the truth is at %r" % (c["key"], want_key))
    return problems


def torch_load_verdict_problems(story, report):
    """The report's torch::load row against what torch::load really did with the story's pair."""
    truth = story.get("torch_load")
    checkpoints = report.get("checkpoints") or []
    if not truth or len(checkpoints) != 1 or story.get("key"):
        return []
    row = next((l for l in checkpoints[0].get("loaders") or [] if l.get("loader") == "torch::load"), None)
    if row is None:
        return ["the report has no torch::load row"]
    if not row.get("reads"):
        if truth["ok"] or row.get("note") != truth["error"]:
            return ["torch::load row says it cannot read the file (%r); it really %s" %
                    (row.get("note"), "loads it" if truth["ok"] else "throws %r" % truth["error"])]
        return []
    verdict = row.get("with_model")
    if not isinstance(verdict, dict):
        return ["torch::load reads the file but the row has no verdict for the model"]
    if not truth["ok"]:
        if verdict.get("outcome") != "throws":
            return ["ckptcheck says torch::load loads; it throws %r" % truth["error"]]
        said = [verdict["error"]] if verdict.get("error") else verdict.get("could_throw") or []
        if truth["error"] not in said:
            return ["ckptcheck says torch::load throws %r; it throws %r" % (said, truth["error"])]
        return []
    if verdict.get("outcome") != "loads":
        return ["ckptcheck says torch::load throws %r; it loads" % verdict.get("error")]
    resized = sorted(c["key"] for c in truth.get("changed") or [] if c["before"]["shape"] != c["after"]["shape"])
    problems = []
    if sorted(verdict.get("resized") or []) != resized:
        problems.append("torch::load resizes %s; ckptcheck says %s" % (resized, sorted(verdict.get("resized") or [])))
    if sorted(verdict.get("corrupted") or []) != sorted(truth.get("corrupted") or []):
        problems.append("torch::load corrupts %s; ckptcheck says %s" %
                        (sorted(truth.get("corrupted") or []), sorted(verdict.get("corrupted") or [])))
    return problems


def load_state_dict_problems(story, report):
    """The report's load_state_dict verdicts against what Python's load_state_dict
    really did with a twin of the story's model and its file (the story's truth)."""
    truth = (story.get("load_state_dict") or {}).get("verdicts")
    checkpoints = report.get("checkpoints") or []
    if len(checkpoints) != 1:
        return []
    said = checkpoints[0].get("load_state_dict") or []
    if not truth:
        return ["ckptcheck predicts load_state_dict %s; torch.load gives no state dict to load" % said] if said else []
    if not said:
        # Also where BatchNorm fills in an absent num_batches_tracked: ckptcheck reads
        # the file's _metadata, which decides it.
        return ["no load_state_dict verdict; Python's load_state_dict gives %s" % json.dumps(truth)]
    if [v.get("strict") for v in said] != [v["strict"] for v in truth]:
        return ["load_state_dict verdicts for strict=%s; expected %s" %
                ([v.get("strict") for v in said], [v["strict"] for v in truth])]
    problems = []
    for want, got in zip(truth, said):
        call = "load_state_dict(strict=%s)" % want["strict"]
        if got.get("outcome") != want["outcome"]:
            problems.append("ckptcheck says %s %s; it %s" % (call, got.get("outcome"), want["outcome"]))
        for field in ("missing", "unexpected", "size_mismatch", "cast"):
            if sorted(got.get(field) or []) != sorted(want[field]):
                problems.append("%s: ckptcheck says %s %s; it is %s" %
                                (call, field, sorted(got.get(field) or []), sorted(want[field])))
    return problems


def describe(f):
    return "%s %s '%s'" % (f.get("id"), f.get("severity"), f.get("key", ""))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ckptcheck", required=True)
    ap.add_argument("--stories", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "stories.json"))
    ap.add_argument("--only", nargs="*", default=[], help="story names to run")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every report's findings")
    opts = ap.parse_args()

    if not supports_model(opts.ckptcheck):
        print("SKIP: %s does not support 'ckptcheck --model' yet (neither --help nor check --help mention it)"
              % opts.ckptcheck)
        return SKIP

    base = os.path.dirname(os.path.abspath(opts.stories))
    with open(opts.stories) as f:
        stories = json.load(f)
    unknown = set(opts.only) - {s["name"] for s in stories}
    if unknown:
        sys.exit("no such stories: %s" % ", ".join(sorted(unknown)))
    failed = 0
    for story in stories:
        if opts.only and story["name"] not in opts.only:
            continue
        cmd = [opts.ckptcheck, "--model", story["model"], story["checkpoint"], "--class", story["class"],
               "--format", "json"] + story.get("flags", [])
        run = subprocess.run(cmd, cwd=base, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
        try:
            report = json.loads(run.stdout)
            problems = check_story(story, report, run.returncode) if run.returncode in (0, 1) else \
                ["exit %d (usage or input error)" % run.returncode]
        except json.JSONDecodeError as e:
            report, problems = None, ["exit %d, stdout is not JSON (%s)" % (run.returncode, e)]
        if problems:
            failed += 1
            print("FAIL %s: %s" % (story["name"], story["description"]))
            print("    $ (cd %s && %s)" % (base, " ".join(cmd)))
            for p in problems:
                print("    " + p)
            if run.stderr.strip():
                print("    stderr: " + run.stderr.strip().replace("\n", "\n            "))
        else:
            print("ok   %s" % story["name"])
        if opts.verbose and report:
            for f in report.get("findings", []):
                print("       " + describe(f))
    print("%d stories disagree with the truth" % failed if failed else "all stories agree with the truth")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
