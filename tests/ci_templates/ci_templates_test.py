#!/usr/bin/env python3
"""The CI set-ups ckptcheck ships, run on a fixture repository.

    ci_templates_test.py --ckptcheck BUILD/tool/ckptcheck --source SOURCE_DIR --sarif-schema FILE

- action.yml (GitHub composite action): its steps run as a script, in order,
  with GitHub's files ($GITHUB_OUTPUT, $GITHUB_ENV, $GITHUB_STEP_SUMMARY), its
  ${{ }} expressions and `if:` conditions evaluated. The install step is not
  run (it is ci/setup.sh and the build, which CI itself runs); the upload step
  (github/codeql-action) is not run either, but the SARIF file it would upload
  must be there and valid SARIF 2.1.0. The pull request comment runs against a
  stand-in `gh` that records what it was asked.
- templates/ckptcheck.gitlab-ci.yml: the job's script runs; its Code Quality
  artifact must follow schemas/gitlab-codequality.schema.json, name files that
  exist in the repository, and be the one `artifacts:reports:codequality` names.
- .pre-commit-hooks.yaml: the hook's entry runs as pre-commit runs it, and its
  `files` pattern picks model code, checkpoints, manifests and the configuration.

The fixture repository: the bundled example (whose checkpoint it breaks) and a
story model with its LibTorch checkpoint (clean), listed in .ckptcheck.json.
"""

import argparse
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tempfile

import jsonschema
import yaml

problems = []


def expect(condition, what):
    if not condition:
        problems.append(what)
        print("FAIL:", what)
    else:
        print("ok:", what)


def make_repo(src, ckptcheck, root, models):
    """A repository with the example (broken) and the classifier story (clean)."""
    os.makedirs(os.path.join(root, "src"))
    os.makedirs(os.path.join(root, "weights"))
    shutil.copy(os.path.join(src, "examples/net.cpp"), os.path.join(root, "src/net.cpp"))
    shutil.copy(os.path.join(src, "examples/net_weights.pt"), os.path.join(root, "weights/net_weights.pt"))
    shutil.copy(os.path.join(src, "tests/check/models/classifier.cpp"), os.path.join(root, "src/classifier.cpp"))
    subprocess.run([ckptcheck, "manifest", os.path.join(src, "tests/check/checkpoints/classifier_cpp.pt"),
                    "-o", os.path.join(root, "weights/classifier.ckpt.json")], check=True, stderr=subprocess.DEVNULL)
    all_models = {
        "net": {"name": "net", "sources": ["src/net.cpp"], "checkpoints": ["weights/net_weights.pt"]},
        "classifier": {"name": "classifier", "sources": ["src/classifier.cpp"], "class": "ClassifierImpl",
                       "checkpoints": ["weights/classifier.ckpt.json"], "loader": "torch::load"},
    }
    with open(os.path.join(root, ".ckptcheck.json"), "w") as f:
        json.dump({"models": [all_models[m] for m in models]}, f)
    return root


# ---------------------------------------------------------------------------
# GitHub: the composite action's steps.

def lookup(context, dotted):
    value = context
    for part in dotted.split("."):
        if not isinstance(value, dict) or part not in value:
            return ""
        value = value[part]
    return value


def evaluate(expression, context):
    """The ${{ }} expressions action.yml uses: comparisons joined by &&, always()."""
    expression = re.sub(r"^\s*\$\{\{(.*)\}\}\s*$", r"\1", expression)  # `if:` may wrap it
    python = expression.replace("&&", " and ").replace("||", " or ").replace("always()", "True")
    python = re.sub(r"(?<!['\w.])([a-z_][\w-]*(?:\.[\w-]+)+)",
                    lambda m: repr(str(lookup(context, m.group(1)))), python)
    return eval(python, {"__builtins__": {}}, {"True": True})  # noqa: S307  (our own file, our own words)


def substitute(text, context):
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: str(evaluate(m.group(1), context)), str(text))


def run_action(action, repo, ckptcheck, src, inputs, event):
    tmp = tempfile.mkdtemp()
    summary_file = os.path.join(tmp, "step_summary.md")
    open(summary_file, "w").close()
    fake_bin = os.path.join(tmp, "bin")
    os.makedirs(fake_bin)
    gh_log = os.path.join(tmp, "gh.log")
    with open(os.path.join(fake_bin, "gh"), "w") as f:
        f.write(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{gh_log}"\n')
    os.chmod(os.path.join(fake_bin, "gh"), stat.S_IRWXU)
    defaults = {k: v.get("default", "") for k, v in action["inputs"].items()}
    context = {"inputs": {**defaults, **inputs}, "steps": {},
               "github": {"token": "t0ken", "event_name": event, "event": {"pull_request": {"number": 7}}}}
    env = dict(os.environ, GITHUB_ACTION_PATH=src, GITHUB_STEP_SUMMARY=summary_file, RUNNER_TEMP=tmp,
               GITHUB_REPOSITORY="octo/repo", CKPTCHECK=ckptcheck, NO_COLOR="1",
               PATH=fake_bin + os.pathsep + os.environ["PATH"])
    ran, uploads, verdict = [], [], None
    for step in action["runs"]["steps"]:
        step_id = step["id"]
        if "if" in step and not evaluate(step["if"], context):
            continue
        if step_id == "install":  # ci/setup.sh and the build: what CI itself runs
            continue
        if "uses" in step:
            uploads.append({k: substitute(v, context) for k, v in step.get("with", {}).items()})
            ran.append(step_id)
            continue
        output_file = os.path.join(tmp, f"output_{step_id}")
        open(output_file, "w").close()
        step_env = dict(env, GITHUB_OUTPUT=output_file, GITHUB_ENV=os.path.join(tmp, "env"))
        step_env.update({k: substitute(v, context) for k, v in step.get("env", {}).items()})
        cwd = os.path.join(repo, substitute(step.get("working-directory", "."), context))
        p = subprocess.run(["bash", "-e", "-c", substitute(step["run"], context)], cwd=cwd, env=step_env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=600)
        outputs = dict(line.split("=", 1) for line in open(output_file).read().splitlines() if "=" in line)
        context["steps"][step_id] = {"outputs": outputs}
        ran.append(step_id)
        if step_id == "verdict":
            verdict = p.returncode
        elif p.returncode != 0:
            problems.append(f"action step {step_id} failed ({p.returncode}): {p.stderr}")
    gh_args = open(gh_log).read().split("\n") if os.path.exists(gh_log) else None
    return {"ran": ran, "uploads": uploads, "verdict": verdict, "summary": open(summary_file).read(),
            "outputs": context["steps"].get("check", {}).get("outputs", {}), "gh": gh_args}


def sarif_valid(path, schema):
    log = json.load(open(path))
    jsonschema.validators.validator_for(schema)(schema).validate(log)
    return log


def test_action(src, ckptcheck, sarif_schema, work):
    action = yaml.safe_load(open(os.path.join(src, "action.yml")))
    install = next(s for s in action["runs"]["steps"] if s["id"] == "install")["run"]
    expect("ci/setup.sh" in install and "--target ckptcheck" in install and "GITHUB_ENV" in install,
           "action: the install step runs ci/setup.sh, builds ckptcheck and puts it in the environment")

    broken = make_repo(src, ckptcheck, os.path.join(work, "gh_broken"), ["net", "classifier"])
    r = run_action(action, broken, ckptcheck, src, {}, "push")
    expect(r["verdict"] == 1, f"action: a breakage fails the job (verdict {r['verdict']})")
    expect(r["summary"].startswith("## ❌ ckptcheck: 2 models"), "action: the job summary is the Markdown report")
    expect(len(r["uploads"]) == 1 and r["uploads"][0]["sarif_file"] == r["outputs"].get("sarif"),
           "action: the upload step gets the SARIF file the check wrote")
    log = sarif_valid(r["outputs"]["sarif"], sarif_schema)
    expect({x["ruleId"] for x in log["runs"][0]["results"]} >= {"CK401", "CK304", "CK601"},
           "action: the SARIF holds the breakage's findings")
    expect(r["gh"] is None and "comment" not in r["ran"], "action: no comment unless asked")

    r = run_action(action, broken, ckptcheck, src, {"comment": "true", "upload-sarif": "false"}, "pull_request")
    expect(r["gh"] is not None and r["gh"][:4] == ["pr", "comment", "7", "--repo"] and
           r["gh"][5:7] == ["--body-file", r["outputs"].get("summary")],
           f"action: comment=true comments the report on the pull request ({r['gh']})")
    expect(r["uploads"] == [], "action: upload-sarif=false uploads nothing")

    clean = make_repo(src, ckptcheck, os.path.join(work, "gh_clean"), ["classifier"])
    r = run_action(action, clean, ckptcheck, src, {}, "push")
    expect(r["verdict"] == 0 and "✅" in r["summary"], "action: a clean repository passes")
    r = run_action(action, clean, ckptcheck, src,
                   {"args": f"--model src/net.cpp {os.path.join(broken, 'weights/net_weights.pt')}"}, "push")
    expect(r["verdict"] == 1, "action: args run the check they name")


# ---------------------------------------------------------------------------
# GitLab: the template's job.

def test_gitlab(src, ckptcheck, work):
    template = yaml.safe_load(open(os.path.join(src, "templates/ckptcheck.gitlab-ci.yml")))
    job = template["ckptcheck"]
    expect(any("ci/setup.sh" in line for line in job["before_script"]) and
           any("--target ckptcheck" in line for line in job["before_script"]),
           "gitlab: before_script installs and builds ckptcheck")
    schema = json.load(open(os.path.join(src, "schemas/gitlab-codequality.schema.json")))
    for models, want in ((["net", "classifier"], 1), (["classifier"], 0)):
        repo = make_repo(src, ckptcheck, os.path.join(work, "gitlab_" + "_".join(models)), models)
        env = dict(os.environ, CKPTCHECK=ckptcheck, NO_COLOR="1", **job["variables"])
        status = 0
        for line in job["script"]:
            status = subprocess.run(["bash", "-c", line], cwd=repo, env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE).returncode
        expect(status == want, f"gitlab: the job exits {want} for {models} (got {status})")
        report_file = job["artifacts"]["reports"]["codequality"]
        expect(all(os.path.exists(os.path.join(repo, p)) for p in job["artifacts"]["paths"]),
               "gitlab: every artifact path was written")
        issues = json.load(open(os.path.join(repo, report_file)))
        try:
            jsonschema.validators.validator_for(schema)(schema).validate(issues)
            valid = True
        except jsonschema.ValidationError as e:
            valid = False
            print(e)
        expect(valid, "gitlab: the Code Quality report follows its schema")
        expect(len({i["fingerprint"] for i in issues}) == len(issues), "gitlab: fingerprints are unique")
        expect(all(os.path.exists(os.path.join(repo, i["location"]["path"])) for i in issues),
               "gitlab: issues name files of the repository, relative to it")
        if want == 1:
            expect({i["check_name"].split()[0] for i in issues} >= {"CK401", "CK304", "CK601"} and
                   all(i["severity"] == "critical" for i in issues),
                   "gitlab: the breakage's errors are critical issues")
        else:
            expect(issues == [], "gitlab: a clean repository has no issues")


# ---------------------------------------------------------------------------
# pre-commit: the hook.

def test_pre_commit(src, ckptcheck, work):
    hooks = yaml.safe_load(open(os.path.join(src, ".pre-commit-hooks.yaml")))
    hook = next(h for h in hooks if h["id"] == "ckptcheck")
    expect(hook["language"] == "system" and hook["pass_filenames"] is False,
           "pre-commit: runs the installed ckptcheck on the whole project, not on the files")
    files = re.compile(hook["files"])
    for path in ("src/net.cpp", "include/net.hpp", "weights/w.pt", "weights/w.ckpt.json", ".ckptcheck.json",
                 "w.safetensors", "lightning.ckpt"):
        expect(files.search(path), f"pre-commit: a change to {path} runs the hook")
    for path in ("README.md", "train.py"):
        expect(not files.search(path), f"pre-commit: a change to {path} does not")
    env = dict(os.environ, PATH=os.path.dirname(ckptcheck) + os.pathsep + os.environ["PATH"], NO_COLOR="1")
    for models, want in ((["net", "classifier"], 1), (["classifier"], 0)):
        repo = make_repo(src, ckptcheck, os.path.join(work, "pre_commit_" + "_".join(models)), models)
        p = subprocess.run(hook["entry"].split() + hook.get("args", []), cwd=repo, env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, text=True)
        expect(p.returncode == want, f"pre-commit: the hook exits {want} for {models} (got {p.returncode})")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ckptcheck", required=True)
    ap.add_argument("--source", required=True)
    ap.add_argument("--sarif-schema", required=True)
    opts = ap.parse_args()
    ckptcheck = os.path.abspath(opts.ckptcheck)
    sarif_schema = json.load(open(opts.sarif_schema))
    with tempfile.TemporaryDirectory() as work:
        test_action(opts.source, ckptcheck, sarif_schema, work)
        test_gitlab(opts.source, ckptcheck, work)
        test_pre_commit(opts.source, ckptcheck, work)
    if problems:
        print(f"{len(problems)} problem(s)")
        sys.exit(1)
    print("all CI set-ups work")


if __name__ == "__main__":
    main()
