#!/usr/bin/env bash
# Contract of `ckptcheck analyze` around the model (issue 3): -p BUILD_DIR read like
# clang-tidy, several files and header/.cpp splits, choosing the root (CK502), and code
# that does not compile (CK501). Inputs are in analyze_contract/.
# Usage: analyze_contract_test.sh CKPTCHECK TESTS_DIR [TRUTH_DIR]
#   TESTS_DIR  this directory (tests/), for analyze_contract/ and models/split_model.*
#   TRUTH_DIR  <build>/model_truth when the LibTorch ground truth has been generated:
#              then analyze_contract/split_model.truth.json must still equal it
#
# Expected values come from LibTorch, never from ckptcheck's output: the split
# model's from its ground-truth file (LibTorch's named_parameters()/named_buffers()),
# the others from LibTorch's documented shapes (Linear(in, out): weight [out, in], bias
# [out]; LayerNorm({n}): weight and bias [n]), and the messages from the documented
# contract (`ckptcheck analyze --help`).
#
# Every analysis uses the bundled LibTorch declarations: these behaviours do not depend
# on which declarations are parsed (analyzer_matches_libtorch checks that both give the
# same results), and the bundled ones parse in a second instead of several, so this test
# needs neither LibTorch nor a slow build step.
set -u
bin=$(realpath "$1")     # absolute: compile commands name absolute paths, and one check runs elsewhere
tests=$(realpath "$2")
truth_dir=${3:-}
src=$tests/analyze_contract
models=$tests/models
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/stdout
err=$tmp/stderr

analyze() { "$bin" analyze --torch-include bundled "$@"; }
# The --no-exec engine reports what stops it as diagnostics in a partial spec
# (exit 1); the running engine gives no spec and exit 2. Both are held here.
analyze_static() { "$bin" analyze --no-exec --torch-include bundled "$@"; }

check() {  # check NAME EXPECTED_EXIT COMMAND...   (stdout kept in $out, stderr in $err)
  local name=$1 want=$2
  shift 2
  "$@" >"$out" 2>"$err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $name: exit $got, expected $want"; sed 's/^/    /' "$out" "$err"; failures=$((failures + 1))
  else
    echo "ok: $name"
  fi
}
expect_output() {  # expect_output NAME PATTERN   (in stdout or stderr of the last check)
  if ! cat "$out" "$err" | grep -q -- "$2"; then
    echo "FAIL: $1: output lacks '$2'"; sed 's/^/    /' "$out" "$err"; failures=$((failures + 1))
  fi
}
expect_json() {  # expect_json NAME PYTHON   (asserts over d, the JSON ModelSpec of the last check)
  if ! /usr/bin/python3 - "$out" "$2" >"$tmp/py" 2>&1 <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
def entries(spec):  # what LibTorch's ground truth lists for each entry, in order
    return [(e["name"], e["kind"], e["shape"], e["dtype"]) for e in spec["entries"]]
def diagnostics(spec, rule):
    return [x for x in spec["diagnostics"] if x["id"] == rule]
def load(path):
    return json.load(open(path))
exec(sys.argv[2])
EOF
  then
    echo "FAIL: $1"; sed 's/^/    /' "$tmp/py"; failures=$((failures + 1))
  fi
}
keep() { cp "$out" "$tmp/$1.json"; }  # keep NAME: the last check's JSON, for later comparisons
line_of() { grep -n -m1 -F -- "$2" "$1" | cut -d: -f1; }  # line_of FILE TEXT

# The LibTorch ground truth of the split model, committed so that this test needs no
# LibTorch build; when the build has generated it, the copy must not have gone stale.
split_truth=$src/split_model.truth.json
if [ -n "$truth_dir" ] && [ -f "$truth_dir/split_model.json" ]; then
  check "split_model.truth.json is still LibTorch's ground truth" 0 \
    /usr/bin/python3 -c 'import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); assert a==b' \
    "$split_truth" "$truth_dir/split_model.json"
fi

# --- 1. -p BUILD_DIR: compile_commands.json gives the flags the file needs ---------------
# needs_flags.cpp compiles only with -DWIDTH=32 and -I<its include/>.
flag_net='assert d["root"] == "FlagNetImpl", d["root"]
assert entries(d) == [("fc.weight", "parameter", [10, 32], "float32"), ("fc.bias", "parameter", [10], "float32")], entries(d)
assert d["diagnostics"] == [], d["diagnostics"]'
check "without -p the flags are missing: exit 2" 2 analyze --format json "$src/needs_flags.cpp"
expect_output "without -p: the missing header is named, with -p as the way out" "'contract_dims.h' file not found (give the include directory after '--'.* with -p)"
check "without -p the flags are missing (--no-exec): exit 1" 1 analyze_static --format json "$src/needs_flags.cpp"
expect_json "without -p: CK501 says the code does not compile, at the #include" "
c = diagnostics(d, 'CK501')
assert len(c) >= 1 and c[0]['severity'] == 'error', d['diagnostics']
assert c[0]['message'].startswith('the code does not compile: ') and 'contract_dims.h' in c[0]['message'], c[0]
assert c[0]['location']['file'].endswith('needs_flags.cpp') and c[0]['location']['line'] == $(line_of "$src/needs_flags.cpp" '#include "contract_dims.h"'), c[0]
assert d['entries'] == [], d['entries']"

# As CMake writes it: absolute paths, a command string with -o, -c and dependency-file flags.
mkdir -p "$tmp/build-abs"
cat >"$tmp/build-abs/compile_commands.json" <<EOF
[{"directory": "$tmp/build-abs",
  "command": "/usr/bin/c++ -DWIDTH=32 -I$src/include -std=gnu++17 -MD -MT CMakeFiles/m.dir/needs_flags.cpp.o -MF $tmp/build-abs/needs_flags.cpp.o.d -o CMakeFiles/m.dir/needs_flags.cpp.o -c $src/needs_flags.cpp",
  "file": "$src/needs_flags.cpp"}]
EOF
check "-p with CMake's compile_commands.json: exit 0" 0 analyze --format json -p "$tmp/build-abs" "$src/needs_flags.cpp"
expect_json "-p: the command's -D and -I are used" "$flag_net"
[ ! -e "$tmp/build-abs/needs_flags.cpp.o.d" ] && [ ! -e "$tmp/build-abs/CMakeFiles" ] ||
  { echo "FAIL: -p: the analysis wrote the command's outputs"; failures=$((failures + 1)); }

# As other generators and hand-written databases have it: "arguments", and paths relative
# to "directory" (clang-tidy resolves them there, not in the current directory).
mkdir -p "$tmp/build-rel"
cat >"$tmp/build-rel/compile_commands.json" <<EOF
[{"directory": "$src",
  "arguments": ["c++", "-DWIDTH=32", "-Iinclude", "-c", "needs_flags.cpp", "-o", "$tmp/build-rel/needs_flags.o"],
  "file": "needs_flags.cpp"}]
EOF
check "-p with paths relative to the command's directory: exit 0" 0 \
  sh -c 'cd "$1" && shift && "$@"' sh "$tmp" "$bin" analyze --torch-include bundled --format json -p "$tmp/build-rel" "$src/needs_flags.cpp"
expect_json "-p: relative -I found from the command's directory" "$flag_net"

# A file the database does not list (a header, usually) takes the command of the closest
# file it does list, as clang-tidy infers it.
mkdir -p "$tmp/build-other"
cat >"$tmp/build-other/compile_commands.json" <<EOF
[{"directory": "$src", "command": "c++ -DWIDTH=32 -Iinclude -c encoder.cpp", "file": "encoder.cpp"}]
EOF
check "-p: a file it does not list takes the flags of its closest file: exit 0" 0 \
  analyze --format json -p "$tmp/build-other" "$src/needs_flags.cpp"
expect_json "-p: the inferred command's -D and -I are used" "$flag_net"

mkdir -p "$tmp/build-none"
check "-p without compile_commands.json exits 2" 2 analyze -p "$tmp/build-none" "$src/needs_flags.cpp"
expect_output "says compile_commands.json is missing, and where" "no compile_commands.json in '$tmp/build-none'"
check "-p naming no directory exits 2" 2 analyze -p "$tmp/does-not-exist" "$src/needs_flags.cpp"
expect_output "says it is not a directory" "'$tmp/does-not-exist' is not a directory"
mkdir -p "$tmp/build-bad"
printf '{"directory": "/", "file": ' >"$tmp/build-bad/compile_commands.json"
check "-p with an invalid compile_commands.json exits 2" 2 analyze -p "$tmp/build-bad" "$src/needs_flags.cpp"
expect_output "says the database is invalid" "compile_commands.json' is not a valid compilation database"
mkdir -p "$tmp/build-empty"
echo '[]' >"$tmp/build-empty/compile_commands.json"
check "-p whose compile_commands.json has no command for the file exits 2" 2 analyze -p "$tmp/build-empty" "$src/needs_flags.cpp"
expect_output "says no command was found" "has no compile command for"

# --- 2. Several files; a class in a header, its constructor in the .cpp ------------------
# The contract: analysing the .cpp, the .h or both gives the same ModelSpec, and that is
# LibTorch's listing (arguments as tests/models/manifest.json gives them).
split_args=(--format json --arg in_channels=1 --arg num_classes=7)
split_ok="t = load('$split_truth')
assert d['root'] == 'SplitNetImpl', d['root']
assert entries(d) == entries(t), (entries(d), entries(t))
assert d['diagnostics'] == [], d['diagnostics']"
check "split model: the .cpp alone" 0 analyze "${split_args[@]}" "$models/split_model.cpp"
expect_json "split model: the .cpp alone equals LibTorch" "$split_ok"
keep split_cpp
check "split model: the .h alone" 0 analyze "${split_args[@]}" "$models/split_model.h"
expect_json "split model: the .h alone equals LibTorch (its sibling .cpp is read)" "$split_ok"
keep split_h
check "split model: .h and .cpp together" 0 analyze "${split_args[@]}" "$models/split_model.h" "$models/split_model.cpp"
expect_json "split model: both equal LibTorch" "$split_ok"
keep split_both
check "split model: .cpp and .h together" 0 analyze "${split_args[@]}" "$models/split_model.cpp" "$models/split_model.h"
keep split_both_reversed
check "split model: every way gives the same ModelSpec (entries with locations, diagnostics)" 0 /usr/bin/python3 -c '
import json, sys
specs = [json.load(open(f)) for f in sys.argv[1:]]
for s in specs[1:]:
    assert s == specs[0], (s, specs[0])' \
  "$tmp/split_cpp.json" "$tmp/split_h.json" "$tmp/split_both.json" "$tmp/split_both_reversed.json"
# Without its .cpp the header only declares the constructor: that is incomplete, not empty.
mkdir -p "$tmp/header-only"
cp "$models/split_model.h" "$tmp/header-only/"
check "a header whose constructor is defined nowhere: exit 2" 2 analyze "${split_args[@]}" "$tmp/header-only/split_model.h"
expect_output "the missing definition is named, with --model as the way to add it" "calls SplitNetImpl::SplitNetImpl(.*which none of the given files defines: add the file that defines it with --model"
check "a header whose constructor is defined nowhere (--no-exec): exit 1" 1 analyze_static "${split_args[@]}" "$tmp/header-only/split_model.h"
expect_json "CK501 at the constructor's declaration says its definition is missing" "
c = diagnostics(d, 'CK501')
assert len(c) == 1 and 'not defined in the analysed files' in c[0]['message'], d['diagnostics']
assert c[0]['location']['file'].endswith('split_model.h') and c[0]['location']['line'] == $(line_of "$models/split_model.h" 'SplitNetImpl(int64_t'), c[0]"

# --- 3. The root: CK502 when two unrelated modules could be it; --class chooses -----------
encoder='[("proj.weight", "parameter", [4, 16], "float32"), ("proj.bias", "parameter", [4], "float32")]'
decoder='[("out.weight", "parameter", [16, 4], "float32"), ("out.bias", "parameter", [16], "float32"),
          ("norm.weight", "parameter", [16], "float32"), ("norm.bias", "parameter", [16], "float32")]'
check "one module in one file is the root: exit 0" 0 analyze --format json "$src/encoder.cpp"
expect_json "its entries" "assert d['root'] == 'EncoderImpl' and entries(d) == $encoder and d['diagnostics'] == [], d"
check "two unrelated modules and no --class: exit 2" 2 analyze --format json "$src/encoder.cpp" "$src/decoder.cpp"
expect_output "both candidates are listed, nothing is guessed" "several module classes could be the root: 'EncoderImpl', 'DecoderImpl'; choose one with --class"
check "two unrelated modules and no --class (--no-exec): exit 1 (an error diagnostic)" 1 analyze_static --format json "$src/encoder.cpp" "$src/decoder.cpp"
expect_json "CK502 lists both candidates, nothing is guessed" "
c = diagnostics(d, 'CK502')
assert len(c) == 1 and c[0]['severity'] == 'error', d['diagnostics']
assert \"'EncoderImpl'\" in c[0]['message'] and \"'DecoderImpl'\" in c[0]['message'] and '--class' in c[0]['message'], c[0]
assert d['root'] is None and d['entries'] == [], d"
check "--class by holder name picks that module: exit 0" 0 analyze --format json --class Decoder "$src/encoder.cpp" "$src/decoder.cpp"
expect_json "the decoder's entries" "assert d['root'] == 'DecoderImpl' and entries(d) == $decoder and d['diagnostics'] == [], d"
check "--class by Impl name picks the other: exit 0" 0 analyze --format json --class EncoderImpl "$src/encoder.cpp" "$src/decoder.cpp"
expect_json "the encoder's entries" "assert d['root'] == 'EncoderImpl' and entries(d) == $encoder and d['diagnostics'] == [], d"
check "--class naming no module: exit 2" 2 analyze --format json --class Missing "$src/encoder.cpp" "$src/decoder.cpp"
expect_output "the class asked for and the ones there are are named" "--class Missing: no module class of that name in the analysed files; they define 'EncoderImpl', 'DecoderImpl'"
check "--class naming no module (--no-exec): exit 1" 1 analyze_static --format json --class Missing "$src/encoder.cpp" "$src/decoder.cpp"
expect_json "CK502 names the class asked for and the ones there are" "
c = diagnostics(d, 'CK502')
assert len(c) == 1, d['diagnostics']
assert 'Missing' in c[0]['message'] and \"'EncoderImpl'\" in c[0]['message'] and \"'DecoderImpl'\" in c[0]['message'], c[0]
assert d['root'] is None and d['entries'] == [], d"

# --- 3b. The root among unrelated modules: the one main() builds --------------------------
check "two unrelated modules and a main() that builds one: exit 0" 0 analyze --format json "$src/encoder.cpp" "$src/decoder.cpp" "$src/decoder_main.cpp"
expect_json "the module main() builds is the root" "assert d['root'] == 'DecoderImpl' and entries(d) == $decoder and d['diagnostics'] == [], d"
check "the same without running the constructor: exit 0" 0 analyze_static --format json "$src/encoder.cpp" "$src/decoder.cpp" "$src/decoder_main.cpp"
expect_json "the module main() builds is the root (--no-exec)" "assert d['root'] == 'DecoderImpl' and entries(d) == $decoder, d"

# --- 3c. A project laid out as include/ and src/, found through compile_commands.json ----
# The split model again, its header moved to include/split/ and its source to src/ (as
# split_impl.cpp in a second layout, so that only its #include ties it to the header).
# Its LibTorch listing is the same truth file: the code is unchanged.
layout() {  # layout DIR SOURCE_NAME: the project, with build/compile_commands.json
  mkdir -p "$1/include/split" "$1/src" "$1/build"
  cp "$models/split_model.h" "$1/include/split/split_model.h"
  sed 's|#include "split_model.h"|#include "split/split_model.h"|' "$models/split_model.cpp" >"$1/src/$2"
  cat >"$1/build/compile_commands.json" <<EOF
[{"directory": "$1/build", "command": "/usr/bin/c++ -I$1/include -std=gnu++17 -o m.o -c $1/src/$2", "file": "$1/src/$2"}]
EOF
}
layout "$tmp/project" split_model.cpp
layout "$tmp/project-renamed" split_impl.cpp
check "-p, the source alone; its class is declared in include/: exit 0" 0 analyze "${split_args[@]}" -p "$tmp/project/build" "$tmp/project/src/split_model.cpp"
expect_json "the class in the project's include/ counts: LibTorch's listing" "$split_ok"
check "-p, the header alone; the source of its stem is in src/: exit 0" 0 analyze "${split_args[@]}" -p "$tmp/project/build" "$tmp/project/include/split/split_model.h"
expect_json "the build's split_model.cpp defines it: LibTorch's listing" "$split_ok"
check "-p, the header alone; the build's source that includes it has another stem: exit 0" 0 analyze "${split_args[@]}" -p "$tmp/project-renamed/build" "$tmp/project-renamed/include/split/split_model.h"
expect_json "the source that includes it defines it: LibTorch's listing" "$split_ok"
check "without -p, the header alone in include/: its definitions are not found, exit 2" 2 analyze "${split_args[@]}" "$tmp/project/include/split/split_model.h"
expect_output "the missing definition is named, with -p as the way to find it" "which none of the given files defines.*compile_commands.json with -p"

# --- 4. Code that does not compile --------------------------------------------------------
# One statement has a syntax error: it is reported with file:line, and what the other
# statements register is still reported (the broken one registers nothing).
broken_line=$(line_of "$src/does_not_compile.cpp" 'Linear(8, 2);')
check "a syntax error: exit 2, no spec" 2 analyze --format json "$src/does_not_compile.cpp"
expect_output "the first error with file:line" "does_not_compile.cpp:$broken_line:[0-9]*: the model does not compile against ckptcheck's meta LibTorch: "
[ -s "$out" ] && { echo "FAIL: a spec was printed for code that does not compile"; failures=$((failures + 1)); }
check "a syntax error (--no-exec): exit 1" 1 analyze_static --format json "$src/does_not_compile.cpp"
expect_json "CK501 error 'the code does not compile' at the broken line; the rest is reported" "
c = diagnostics(d, 'CK501')
assert len(c) >= 1 and c[0]['severity'] == 'error' and c[0]['message'].startswith('the code does not compile: '), d['diagnostics']
assert c[0]['location']['file'].endswith('does_not_compile.cpp') and c[0]['location']['line'] == $broken_line, c[0]
assert d['root'] == 'BrokenImpl', d['root']
assert entries(d) == [('fc1.weight', 'parameter', [8, 4], 'float32'), ('fc1.bias', 'parameter', [8], 'float32'),
                      ('steps', 'buffer', [1], 'int64')], entries(d)"
check "a syntax error, as text (--no-exec): exit 1" 1 analyze_static "$src/does_not_compile.cpp"
expect_output "the text names file:line and says it does not compile" "does_not_compile.cpp:$broken_line:[0-9]*: error: the code does not compile: "

echo "analyze contract: $failures failed"
[ "$failures" -eq 0 ]
