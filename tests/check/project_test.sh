#!/usr/bin/env bash
# The project file: bare `ckptcheck` in a repository whose .ckptcheck.json
# lists "models" checks each (sources or a saved spec, class, arguments, the
# checkpoints or manifests it must keep loading, the loader), side by side,
# with one summary and the worst exit code. The repository is built here from
# the bundled example and the story fixtures, whose findings the other tests
# hold to LibTorch; this is about the project around them.
# Usage: project_test.sh CKPTCHECK SOURCE_DIR SARIF_SCHEMA
set -u
bin=$1
src=$2
sarif_schema=$3
failures=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/out
source "$(dirname "${BASH_SOURCE[0]}")/cli_assertions.sh"

repo=$work/repo
mkdir -p "$repo/src" "$repo/weights" "$repo/specs"
cp "$src/examples/net.cpp" "$repo/src/net.cpp"
cp "$src/examples/net_weights.pt" "$repo/weights/net_weights.pt"
cp "$src/tests/check/models/classifier.cpp" "$repo/src/classifier.cpp"
cp "$src/tests/check/checkpoints/classifier_cpp.pt" "$repo/weights/classifier_cpp.pt"
"$bin" manifest "$repo/weights/classifier_cpp.pt" -o "$repo/weights/classifier.ckpt.json" 2>/dev/null
cat > "$repo/.ckptcheck.json" <<'JSON'
{
  "models": [
    {"name": "net", "sources": ["src/net.cpp"], "checkpoints": ["weights/net_*.pt"]},
    {"name": "classifier", "sources": ["src/classifier.cpp"], "class": "ClassifierImpl",
     "args": {"hidden": 16}, "checkpoints": ["weights/classifier.ckpt.json", "weights/classifier_cpp.pt"],
     "loader": "torch::load"},
    {"name": "lost", "sources": ["src/classifier.cpp"], "checkpoints": ["weights/lost.pt"]}
  ]
}
JSON
cd "$repo/src" || exit 1  # a subdirectory: the file is found upward, its paths are its own directory's

check "the worst result is the exit code: a model that could not be checked" 2 "$bin" --torch-include bundled
expect_output "one section per model" "^== net ==$"
expect_output "the broken model's findings" "^src/net.cpp:[0-9]*:[0-9]*: error: .*\[CK401 shape-mismatch\]"
expect_output "a manifest read in place of a checkpoint" "^checking weights/classifier.ckpt.json (a manifest of "
expect_output "the lost checkpoint" "weights/lost.pt: error: cannot open"
expect_output "one summary" "^ckptcheck: 3 models (.*\.ckptcheck\.json): 1 broken, 1 not checked, 1 ok$"
expect_output "broken" "^  broken       net  *3 errors, 0 warnings, 0 notes in 1 checkpoint$"
expect_output "ok" "^  ok           classifier  *0 errors, 0 warnings, 0 notes in 2 checkpoints$"
expect_output "not checked" "^  not checked  lost "

/usr/bin/python3 - "$repo/.ckptcheck.json" <<'PY'
import json, sys
path = sys.argv[1]
c = json.load(open(path))
json.dump({"models": c["models"][:2]}, open(path.replace(".ckptcheck.json", "two.json"), "w"))
json.dump({"models": c["models"][1:2]}, open(path.replace(".ckptcheck.json", "one.json"), "w"))
PY
check "a broken model and a clean one exit 1" 1 "$bin" --torch-include bundled --config "$repo/two.json"
check "only clean models exit 0" 0 "$bin" --torch-include bundled --config "$repo/one.json"
expect_output "all ok" "1 model (.*one.json): 1 ok"

check "JSON holds every model's report" 2 "$bin" --torch-include bundled --format json
json_assert "the project document" "d['schema'] == 'ckptcheck/project/v1' and d['exit_code'] == 2 and [m['exit_code'] for m in d['models']] == [1, 0, 2]"
json_assert "each model's report/v1" "d['models'][0]['report']['schema'] == 'ckptcheck/report/v1' and d['models'][1]['report']['checkpoints'][0]['stand_in']['kind'] == 'manifest'"
cp "$out" "$work/project.json"
/usr/bin/python3 - "$src/schemas" "$work/project.json" <<'PY' || { echo "FAIL: the project JSON breaks its schema"; failures=$((failures + 1)); }
import json, sys, jsonschema
schemas, doc = sys.argv[1], json.load(open(sys.argv[2]))
jsonschema.validate(doc, json.load(open(f"{schemas}/project-v1.schema.json")))
for m in doc["models"]:
    if m["report"] is not None:
        jsonschema.validate(m["report"], json.load(open(f"{schemas}/report-v1.schema.json")))
PY

check "--write gives SARIF and Markdown from the same run" 2 "$bin" --torch-include bundled --write sarif="$work/project.sarif" --write markdown="$work/summary.md"
expect_output "text on stdout" "^ckptcheck: 3 models"
/usr/bin/python3 - "$sarif_schema" "$work/project.sarif" <<'PY' || { echo "FAIL: the project SARIF"; failures=$((failures + 1)); }
import json, sys, jsonschema
schema, log = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
jsonschema.validators.validator_for(schema)(schema).validate(log)
assert len(log["runs"]) == 1, "one run, as code scanning wants"
run = log["runs"][0]
ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
assert ids == sorted(ids) and len(set(ids)) == len(ids), ids
assert all(ids[r["ruleIndex"]] == r["ruleId"] for r in run["results"]), "every ruleIndex points at its rule"
assert {"CK401", "CK101"} <= {r["ruleId"] for r in run["results"]}, "results of more than one model"
PY
grep -q "^| \`net\` | broken | 3 errors" "$work/summary.md" || { echo "FAIL: the Markdown summary table"; failures=$((failures + 1)); }

# Side by side: at most -j checks at once, and as many as allowed. Each child
# analyses without the cache so that it runs long enough to be seen.
max_children() {  # max_children JOBS: the most `ckptcheck check` children seen at once
  "$bin" --torch-include bundled --no-cache -j "$1" > /dev/null 2>&1 &
  local parent=$! most=0 n
  while kill -0 "$parent" 2>/dev/null; do
    n=$(pgrep -P "$parent" -c 2>/dev/null || true)
    [ "${n:-0}" -gt "$most" ] && most=$n
    sleep 0.02
  done
  wait "$parent"
  echo "$most"
}
[ "$(max_children 1)" = 1 ] || { echo "FAIL: -j 1 ran checks side by side"; failures=$((failures + 1)); }
[ "$(max_children 2)" = 2 ] || { echo "FAIL: -j 2 did not run two checks at once"; failures=$((failures + 1)); }

check "a project baseline" 0 "$bin" --torch-include bundled --config "$repo/two.json" --write-baseline "$repo/baseline.json"
expect_output "written" "wrote $repo/baseline.json: the findings of 2 models"
check "later runs with it pass" 0 "$bin" --torch-include bundled --config "$repo/two.json" --baseline "$repo/baseline.json"
expect_output "each model counts its own" "^  ok           net  *0 errors, 0 warnings, 0 notes in 1 checkpoint (3 in the baseline, 0 fixed since)$"
expect_output "and only its own" "^  ok           classifier  *0 errors, 0 warnings, 0 notes in 2 checkpoints (0 in the baseline, 0 fixed since)$"

echo '{"models": [{"name": "net", "sources": ["src/net.cpp"], "checkpoints": ["weights/none_*.pt"]}]}' > "$repo/nothing.json"
check "a pattern that matches nothing is not checked" 2 "$bin" --torch-include bundled --config "$repo/nothing.json"
expect_output "says so" "models\[0\] (net): the pattern 'weights/none_\*.pt' matches no file"
echo '{"models": [{"name": "net", "sources": ["src/net.cpp"]}]}' > "$repo/bad.json"
check "a model without checkpoints is a configuration error" 2 "$bin" --config "$repo/bad.json"
expect_output "names the place" "bad.json: models\[0\]: missing \"checkpoints\""
echo '{"rules": {}}' > "$repo/none.json"
check "bare ckptcheck without models says what to give" 2 "$bin" --config "$repo/none.json"
expect_output "how" "lists no \"models\""

report_failures
