#!/usr/bin/env bash
# Command-line contract of the check (`ckptcheck --model ... CHECKPOINT`): the
# bundled example's breakage, every output format, exit codes 0/1/2, the state
# dict choice, several files in one run, the configuration file and its flags.
# What the findings must be is the stories' job (agreement_test.py, against
# LibTorch); this is about the tool around them.
# Usage: check_cli_test.sh CKPTCHECK SOURCE_DIR
set -u
bin=$1
src=$2
failures=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=$work/out
source "$(dirname "${BASH_SOURCE[0]}")/cli_assertions.sh"

cd "$src" || exit 1
example=(--model examples/net.cpp examples/net_weights.pt --torch-include bundled)
stories=tests/check

# The README's example: code that drifted from its weights.
check "the example's breakage exits 1" 1 "$bin" "${example[@]}"
expect_output "compiler-style line at the default argument" "^examples/net.cpp:[0-9]*:[0-9]*: error: the checkpoint implies hidden=32; the code's default is 64 \[CK401 shape-mismatch\]"
expect_output "the rename, with the map to apply" "\"renames\": {\"fc2.\": \"classifier.\"}"
expect_output "the loader the code calls cannot read it" "error: 'torch::load' cannot read .*\[CK601 loader-format\]"
expect_output "summary line" "^3 errors, 0 warnings, 0 notes in 1 checkpoint"
# Defaults in a config struct's member initialisers and in a constant (story
# config_default_changed: the old code, tests/check/old/config_net_narrow.cpp,
# saved it at base_width=16 and kNumClasses=7): one finding at each default's
# line, not one per entry; the members can be given with --arg cfg.MEMBER.
config_story=(--model $stories/models/config_net.cpp $stories/checkpoints/config_net_narrow_cpp.pt)
options_h=$stories/models/config_net_options.h
check "a config struct's defaults the checkpoint contradicts" 1 "$bin" "${config_story[@]}"
expect_output "at the member initialiser" "^$options_h:$(grep -n 'base_width = 32' $options_h | cut -d: -f1):[0-9]*: error: the checkpoint implies cfg.base_width=16; the code's default is 32 \[CK401"
expect_output "at the constant" "^$options_h:$(grep -n 'kNumClasses = 10' $options_h | cut -d: -f1):[0-9]*: error: the checkpoint implies cfg.num_classes=7; the code's default is kNumClasses (10) \[CK401"
expect_output "one finding per default" "^2 errors, 0 warnings, 0 notes in 1 checkpoint"
# A member of a nested config struct (story nested_config_default_changed,
# saved by old/encoder_net_narrow.cpp with EncoderOptions::width 24): its own
# symbol, cfg.encoder.width, found at its initialiser and given with --arg.
encoder_story=(--model $stories/models/encoder_net.cpp $stories/checkpoints/encoder_net_narrow_cpp.pt)
check "a nested config struct's default" 1 "$bin" "${encoder_story[@]}"
expect_output "at the nested member" "^$stories/models/encoder_net.cpp:$(grep -n 'width = 48' $stories/models/encoder_net.cpp | cut -d: -f1):[0-9]*: error: the checkpoint implies cfg.encoder.width=24; the code's default is 48 \[CK401"
expect_output "one finding" "^1 error, 0 warnings, 0 notes in 1 checkpoint"
check "--arg cfg.encoder.width" 0 "$bin" "${encoder_story[@]}" --arg cfg.encoder.width=24
check "--arg cfg.encoder as a whole" 0 "$bin" "${encoder_story[@]}" --arg 'cfg.encoder={"width":24}'
check "--arg of no such nested member" 2 "$bin" "${encoder_story[@]}" --arg cfg.encoder.widht=24
expect_output "names the path" "has no public member 'encoder.widht'"
# A bool member that turns a layer on (story config_default_adds_layer, saved
# by old/config_net_without_norm.cpp with use_norm false): solved from which
# entries exist, one finding at the member, carrying torch::load's real throw.
check "a bool default that adds a layer" 1 "$bin" --model $stories/models/config_net.cpp \
  $stories/checkpoints/config_net_without_norm_cpp.pt --loader torch::load
expect_output "at the bool member" "^$options_h:$(grep -n 'use_norm = true' $options_h | cut -d: -f1):[0-9]*: error: the checkpoint implies cfg.use_norm=false; the code's default is true \[CK301"
expect_output "with the loader's throw" "note: torch::load throws \"No such serialized submodule: 'norm'\" here"
expect_output "one finding" "^1 error, 0 warnings, 0 notes in 1 checkpoint"
check "--arg cfg.MEMBER gives a member" 0 "$bin" "${config_story[@]}" --arg cfg.base_width=16 --arg cfg.num_classes=7
check "--arg cfg.MEMBER of no such member" 2 "$bin" "${config_story[@]}" --arg cfg.base_widht=16
expect_output "names the struct" "'cfg' (ConfigNetOptions) has no public member 'base_widht'"

# The loader verdict is about the model as written (story layers_default_grew:
# saved by old/residual_stack_3.cpp, and LibTorch's torch::load throws at
# 'layers.3' of the model at the code's default): said on the default's one
# finding, not as a finding of its own about remapping keys.
check "torch::load's throw at a contradicted default" 1 "$bin" --model $stories/models/residual_stack.cpp \
  $stories/checkpoints/residual_stack_3_cpp.pt --loader torch::load
expect_output "on the default's finding" "note: torch::load throws \"No such serialized submodule: 'layers.3'\" here"
expect_output "and no other" "^1 error, 0 warnings, 0 notes in 1 checkpoint"

# Every loader of CK601's table is accepted, as --help lists them (torch::jit::load was once refused).
check "--loader torch::jit::load" 1 "$bin" "${example[@]}" --loader torch::jit::load
expect_output "its verdict on a Python state dict" "error: 'torch::jit::load' cannot read .*constants.pkl.*\[CK601 loader-format\]"
check "'check' is the same command" 1 "$bin" check "${example[@]}"
check "piped text has no colour codes" 1 "$bin" "${example[@]}"
if grep -q $'\e\[' "$out"; then echo "FAIL: escape codes in piped output"; failures=$((failures + 1)); fi

# Formats.
check "json" 1 "$bin" "${example[@]}" --format json
json_assert "report/v1, not ok, three errors" "d['schema']=='ckptcheck/report/v1' and d['ok'] is False and d['summary']['error']==3"
json_assert "the solved symbol" "d['symbols']=={'hidden':32} and d['symbol_details'][0]['origin']=='checkpoint'"
json_assert "the rename map" "any(f['id']=='CK304' and f['renames']==[{'from':'fc2.','to':'classifier.'}] for f in d['findings'])"
json_assert "the loader table" "any(l['loader']=='torch::load' and not l['reads'] for l in d['checkpoints'][0]['loaders'])"
check "sarif" 1 "$bin" "${example[@]}" --format sarif
json_assert "SARIF 2.1.0 with the fired rules" "d['version']=='2.1.0' and sorted(r['id'] for r in d['runs'][0]['tool']['driver']['rules'])==['CK304','CK401','CK601']"
check "markdown" 1 "$bin" "${example[@]}" --format markdown
expect_output "a findings table" "^| "
check "an unknown format exits 2" 2 "$bin" "${example[@]}" --format yaml

# Exit codes and input errors.
check "a clean pair exits 0" 0 "$bin" --model "$stories/models/classifier.cpp" "$stories/checkpoints/classifier_twin.pt" --torch-include bundled
expect_output "says it matches" "no breakage found"
check "a widening dtype is a warning: exit 0" 0 "$bin" --model "$stories/models/classifier.cpp" "$stories/checkpoints/classifier_fp16.pt" --torch-include bundled
expect_output "the warning" "warning: .*\[CK402 dtype-mismatch\]"
check "--warnings-as-errors makes it exit 1" 1 "$bin" --model "$stories/models/classifier.cpp" "$stories/checkpoints/classifier_fp16.pt" --torch-include bundled --warnings-as-errors
check "an unreadable checkpoint exits 2" 2 "$bin" "${example[@]}" tests/fixtures/hostile/html_page.pt
expect_output "says what it is" "HTML"
check "a missing checkpoint exits 2" 2 "$bin" --model examples/net.cpp does-not-exist.pt --torch-include bundled
check "no model exits 2" 2 "$bin" examples/net_weights.pt
expect_output "says how to give one" "give the model as --model FILE"
check "no checkpoint exits 2" 2 "$bin" --model examples/net.cpp
check "a model file that does not exist exits 2" 2 "$bin" --model does-not-exist.cpp examples/net_weights.pt
# A check that could not be done is exit 2, never 1: CI must tell it from a
# breakage. Each model case runs under both engines.
cat >"$work/no_module.cpp" <<'CPP'
#include <torch/torch.h>
int add(int a, int b) { return a + b; }
CPP
cat >"$work/two_roots.cpp" <<'CPP'
#include <torch/torch.h>
struct AImpl : torch::nn::Module { AImpl() { fc = register_module("fc", torch::nn::Linear(2, 2)); } torch::nn::Linear fc{nullptr}; };
struct BImpl : torch::nn::Module { BImpl() { fc = register_module("fc", torch::nn::Linear(2, 3)); } torch::nn::Linear fc{nullptr}; };
CPP
cat >"$work/broken.cpp" <<'CPP'
#include <torch/torch.h>
struct NetImpl : torch::nn::Module { NetImpl() { fc = register_module("fc", torch::nn::Linear(2, 2)) } torch::nn::Linear fc{nullptr}; };
CPP
for engine in exec no-exec; do
  flags=(--torch-include bundled --no-cache)
  [ $engine = no-exec ] && flags+=(--no-exec)
  check "no module class exits 2 ($engine)" 2 "$bin" --model "$work/no_module.cpp" examples/net_weights.pt "${flags[@]}"
  expect_output "says so ($engine)" "no torch::nn::Module subclass found"
  check "an unknown --class exits 2 ($engine)" 2 "$bin" --model examples/net.cpp --class NopeImpl examples/net_weights.pt "${flags[@]}"
  expect_output "names the classes there are ($engine)" "NetImpl"
  check "two possible roots exit 2 ($engine)" 2 "$bin" --model "$work/two_roots.cpp" examples/net_weights.pt "${flags[@]}"
  expect_output "names both ($engine)" "AImpl.*BImpl"
  check "code that does not compile exits 2 ($engine)" 2 "$bin" --model "$work/broken.cpp" examples/net_weights.pt "${flags[@]}"
  expect_output "says where ($engine)" "broken.cpp:2"
done
check "a directory as --model exits 2" 2 "$bin" --model examples examples/net_weights.pt --torch-include bundled
# The compile error is a CK501 finding; Clang's own "1 error generated." is not printed too.
"$bin" --model "$work/broken.cpp" examples/net_weights.pt --torch-include bundled --no-cache --no-exec 2>"$work/err" >/dev/null
if [ -s "$work/err" ]; then echo "FAIL: a compile error leaves text on stderr:"; sed 's/^/    /' "$work/err"; failures=$((failures + 1)); fi
"$bin" analyze --format json --symbolic-defaults --torch-include bundled examples/net.cpp > "$work/net.spec.json"
check "a saved spec works without the analyzer" 1 "$bin" --spec "$work/net.spec.json" examples/net_weights.pt
# A spec whose loop runs to 10^18 stops at kMaxExpectedEntries (200,000) with a
# finding, in bounded memory (about 1 KB an entry; 1,000,000 took 1.1 GB).
/usr/bin/python3 - "$work/net.spec.json" "$work/huge.spec.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
e = dict(d["entries"][0], name="huge.{i}.weight", repeat=[{"index": "i", "from": 0, "to": 10**18, "group": 99}])
d["entries"].append(e)
json.dump(d, open(sys.argv[2], "w"))
PY
check "a loop to 10^18 in a spec stops at the limit" 1 /usr/bin/time -f "peak %M KB" "$bin" --spec "$work/huge.spec.json" examples/net_weights.pt
expect_output "names the limit" "the model expands to more than 200000 entries; the rest were not checked"
peak=$(grep -o "peak [0-9]* KB" "$out" | grep -o "[0-9]*")
if [ -z "$peak" ] || [ "$peak" -gt 524288 ]; then echo "FAIL: the expansion took ${peak:-?} KB, over 512 MiB"; failures=$((failures + 1)); fi
echo '{"schema":"ckptcheck/modelspec/v1","symbols":[],"entries":[{"name":1}]}' > "$work/bad.spec.json"
check "a broken spec exits 2" 2 "$bin" --spec "$work/bad.spec.json" examples/net_weights.pt
expect_output "names the JSON path" "entries\[0\]"

# Which state dict: several candidates is an error that lists them; --key picks.
check "several state dicts exit 2" 2 "$bin" --spec "$work/net.spec.json" tests/fixtures/files/nested.pt
expect_output "lists them" "'generator' (9 tensors), 'discriminator' (4 tensors)"
check "--key picks one" 1 "$bin" --spec "$work/net.spec.json" tests/fixtures/files/nested.pt --key generator --format json
json_assert "the report says which" "d['checkpoints'][0]['state_dict_key']=='generator'"
check "--key naming nothing exits 2" 2 "$bin" --spec "$work/net.spec.json" tests/fixtures/files/nested.pt --key nope
check "a training checkpoint's model_state_dict is found" 1 "$bin" --spec "$work/net.spec.json" tests/fixtures/files/ckpt_train.pt --format json
json_assert "found under model_state_dict" "d['checkpoints'][0]['state_dict_key']=='model_state_dict'"

# Several models and checkpoints, one report.
check "two checkpoints, one report" 1 "$bin" "${example[@]}" "$stories/checkpoints/classifier_twin.pt" --format json
json_assert "both listed" "[c['file'] for c in d['checkpoints']]==['examples/net_weights.pt','$stories/checkpoints/classifier_twin.pt']"
# The same breakage in two files is one finding per code location, listing both; CK601
# names the file it cannot read, so it stays one per file.
cp examples/net_weights.pt "$work/copy.pt"
check "the same checkpoint twice: one finding per code location" 1 "$bin" "${example[@]}" "$work/copy.pt" --format json
json_assert "CK401 and CK304 once each, in both files; CK601 per file" "sorted((f['id'], f['checkpoint'], tuple(f['also_in'])) for f in d['findings'])==[('CK304','examples/net_weights.pt',('$work/copy.pt',)),('CK401','examples/net_weights.pt',('$work/copy.pt',)),('CK601','$work/copy.pt',()),('CK601','examples/net_weights.pt',())]"
check "the same in text" 1 "$bin" "${example[@]}" "$work/copy.pt"
expect_output "the other file is named under the finding" "^examples/net_weights.pt: note: also in $work/copy.pt$"
expect_output "counted once" "^4 errors, 0 warnings, 0 notes in 2 checkpoints"
check "the same in Markdown" 1 "$bin" "${example[@]}" "$work/copy.pt" --format markdown
expect_output "a checkpoint column" "^| severity | rule | key | message | location | checkpoint |$"
expect_output "listing both files (each in a code span)" "| .examples/net.cpp:20. | .examples/net_weights.pt.<br>.$work/copy.pt. |$"
check "--model twice analyses both files as one program" 1 "$bin" --model tests/models/split_model.h --model tests/models/split_model.cpp examples/net_weights.pt --torch-include bundled --format json
json_assert "one report over both files" "d['models']==['tests/models/split_model.h','tests/models/split_model.cpp'] and d['root']=='SplitNetImpl'"

check "a second model file after one --model is read as a checkpoint: exit 2" 2 "$bin" --model tests/analyze_contract/encoder.cpp tests/analyze_contract/decoder.cpp --torch-include bundled
expect_output "the fix says how to give it" "^tests/analyze_contract/decoder.cpp: note: fix: it looks like C++ source: give each model file with its own --model$"

# Configuration: discovered, strict, flags override it.
mkdir -p "$work/proj/sub"
cat > "$work/proj/.ckptcheck.json" <<'EOF'
{"rules": {"CK601": "off"},
 "renames": {"fc2.": "classifier."},
 "ignore": [{"rule": "CK401", "key": "hidden", "reason": "the deployment passes hidden=32"}]}
EOF
abs_example=(--model "$src/examples/net.cpp" "$src/examples/net_weights.pt" --torch-include bundled)
check "the configuration file is found from a subdirectory" 0 sh -c "cd '$work/proj/sub' && '$bin' ${abs_example[*]}"
expect_output "what it hid is counted (CK601 off, CK401 ignored)" "(0 errors, 0 warnings, 0 notes, 2 suppressed by the configuration)"
check "the JSON summary counts suppressed findings" 0 sh -c "cd '$work/proj/sub' && '$bin' ${abs_example[*]} --format json"
json_assert "summary.suppressed" "d['summary']=={'error': 0, 'warning': 0, 'info': 0, 'suppressed': 2, 'baseline': None}"
check "the Markdown heading counts them" 0 sh -c "cd '$work/proj/sub' && '$bin' ${abs_example[*]} --format markdown"
expect_output "in the heading" "no breakage found in 1 checkpoint (0 errors, 0 warnings, 0 notes, 2 suppressed by the configuration)"
check "--dump-config shows where values came from" 0 sh -c "cd '$work/proj/sub' && '$bin' --dump-config"
expect_output "the file used" ".ckptcheck.json"
check "a flag overrides the file" 1 sh -c "cd '$work/proj/sub' && '$bin' ${abs_example[*]} --severity CK601=error"
expect_output "CK601 is back" "CK601 loader-format"
echo '{"rules": {"CK999": "off"}}' > "$work/bad.json"
check "an unknown rule in the configuration exits 2" 2 "$bin" "${example[@]}" --config "$work/bad.json"
expect_output "names the file and the path" "bad.json"
check "a missing --config file exits 2" 2 "$bin" "${example[@]}" --config "$work/none.json"
check "--disable turns a rule off" 1 "$bin" "${example[@]}" --disable CK601 --format json
json_assert "no CK601 left" "not any(f['id']=='CK601' for f in d['findings']) and d['summary']['error']==2"

check "--help lists the check's flags" 0 "$bin" check --help
for flag in --model --spec --key --strip-prefix --add-prefix --config --dump-config --loader --format --baseline --write-baseline; do
  expect_output "help documents $flag" "$flag"
done

# Baselines: today's findings recorded, then only new ones fail. The model is a
# copy of the example that later edits move, break further and fix.
cp examples/net.cpp "$work/net.cpp"
baseline_run=(--model "$work/net.cpp" examples/net_weights.pt --torch-include bundled)
check "--write-baseline records the findings and exits 0" 0 "$bin" "${baseline_run[@]}" --write-baseline "$work/baseline.json"
expect_output "says what it wrote" "wrote $work/baseline.json: 3 findings"
check "the same run with the baseline exits 0" 0 "$bin" "${baseline_run[@]}" --baseline "$work/baseline.json"
expect_output "counts what the baseline holds" "3 in the baseline, 0 fixed since"
{ printf '// moved\n\n\n\n'; cat examples/net.cpp; } > "$work/net.cpp"
check "the baseline survives moving lines" 0 "$bin" "${baseline_run[@]}" --baseline "$work/baseline.json"
sed -i 's|Conv2dOptions(1, 8, /\*kernel_size=\*/3)|Conv2dOptions(1, 8, /*kernel_size=*/5)|' "$work/net.cpp"
check "a new finding fails despite the baseline" 1 "$bin" "${baseline_run[@]}" --baseline "$work/baseline.json" --format json
json_assert "only the new finding is reported" "[f['key'] for f in d['findings']] == ['conv1.weight'] and d['summary']['baseline']['matched'] == 3"
sed -i 's|Conv2dOptions(1, 8, /\*kernel_size=\*/5)|Conv2dOptions(1, 8, /*kernel_size=*/3)|; s|int64_t hidden = 64|int64_t hidden = 32|' "$work/net.cpp"
check "a fixed finding is counted" 0 "$bin" "${baseline_run[@]}" --baseline "$work/baseline.json"
expect_output "fixed since" "2 in the baseline, 1 fixed since"
echo '{"baseline": "baseline.json"}' > "$work/with_baseline.json"
check "the configuration names the baseline, relative to itself" 0 "$bin" "${baseline_run[@]}" --config "$work/with_baseline.json"
expect_output "from the configuration" "2 in the baseline, 1 fixed since"
check "a missing baseline exits 2" 2 "$bin" "${baseline_run[@]}" --baseline "$work/none.json"
expect_output "names the file" "none.json: cannot read the baseline file"
check "no baseline is written when the check cannot be done" 2 "$bin" "${baseline_run[@]}" tests/fixtures/hostile/html_page.pt --write-baseline "$work/second.json"
[ ! -e "$work/second.json" ] || { echo "FAIL: a baseline was written for a run that could not check"; failures=$((failures + 1)); }

# Manifests: `ckptcheck manifest` writes one; the check reads it in place of the
# checkpoint and says so (that the reports are the same is manifest_check_test.py's).
check "manifest writes a manifest" 0 "$bin" manifest examples/net_weights.pt -o "$work/net_weights.ckpt.json"
expect_output "says what it wrote" "wrote $work/net_weights.ckpt.json: a manifest of examples/net_weights.pt"
check "the check reads a manifest" 1 "$bin" --model examples/net.cpp "$work/net_weights.ckpt.json" --torch-include bundled
expect_output "and says it did" "^checking $work/net_weights.ckpt.json (a manifest of examples/net_weights.pt (sha256 [0-9a-f]*...): torch-zip state_dict"
check "manifest never writes over its input" 2 "$bin" manifest examples/net_weights.pt -o examples/net_weights.pt
check "a manifest of a manifest is refused" 2 "$bin" manifest "$work/net_weights.ckpt.json"
"$bin" inspect --format json examples/net_weights.pt > "$work/listing.json"
check "an inspect listing is not a manifest" 2 "$bin" --model examples/net.cpp "$work/listing.json" --torch-include bundled
expect_output "says how to make one" "an 'inspect --format json' listing, not a manifest.*ckptcheck manifest CHECKPOINT"

# An analyzer killed by a signal is named, never an exit 2 with empty output. The
# analyzer's own bounds turn what used to kill it into messages
# (tests/analyze_bounds_test.sh), so the signal comes from outside here.
source "$src/tests/signal_analyzer.sh"
killed_by_signal() {
  "$bin" --model "$src/examples/net.cpp" --no-cache "$src/examples/net_weights.pt" &
  local check=$!
  signal_analyzer "$check" KILL >/dev/null
  wait "$check"
}
check "an analyzer killed by a signal is named" 2 killed_by_signal
expect_output "names the signal" "the analyzer was killed by signal 9"

report_failures
