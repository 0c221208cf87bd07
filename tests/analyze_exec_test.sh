#!/usr/bin/env bash
# What meta-execution does with hostile or broken model code (issue 11): every
# case is stopped or refused with a clear message and exit 2, prints no partial
# ModelSpec, and leaves nothing on disk. Inputs are in analyze_exec/; each file
# says what its constructor attempts.
# Usage: analyze_exec_test.sh CKPTCHECK TESTS_DIR
#
# The messages are the documented contract (`ckptcheck analyze --help`), the
# shapes LibTorch's documented ones (Linear(in, out): weight [out, in]).
set -u
bin=$(realpath "$1")
src=$(realpath "$2")/analyze_exec
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/stdout
err=$tmp/stderr
# Where the hostile constructors try to create a file: it must never exist.
export CKPTCHECK_TEST_TARGET=$tmp/created-by-the-model
export CKPTCHECK_TEST_CONFIG=$tmp/width.cfg
echo 7 >"$CKPTCHECK_TEST_CONFIG"

fail() { echo "FAIL: $1"; sed 's/^/    /' "$out" "$err"; failures=$((failures + 1)); }
# refused NAME PATTERN ARGS...: exit 2, nothing on stdout, PATTERN on stderr,
# and the target file was not created.
refused() {
  local name=$1 pattern=$2
  shift 2
  "$bin" analyze "$@" >"$out" 2>"$err"
  local got=$?
  if [ "$got" != 2 ]; then fail "$name: exit $got, expected 2"; return; fi
  if [ -s "$out" ]; then fail "$name: printed a ModelSpec although the analysis failed"; return; fi
  if ! grep -q -- "$pattern" "$err"; then fail "$name: stderr lacks '$pattern'"; return; fi
  if [ -e "$CKPTCHECK_TEST_TARGET" ]; then fail "$name: the model created $CKPTCHECK_TEST_TARGET"; rm -f "$CKPTCHECK_TEST_TARGET"; return; fi
  echo "ok: $name"
}

# --- Confinement: each attempt stops the analysis and says what was attempted ------
refused "system(\"touch X\") is stopped before the shell runs" "tried to run a program" "$src/runs_a_program.cpp"
refused "a socket is refused" "tried to open or use a network socket" "$src/opens_a_socket.cpp"
refused "a file write is refused" "tried to write the file '$CKPTCHECK_TEST_TARGET'" "$src/writes_a_file.cpp"
refused "an endless loop is stopped by --timeout" "was stopped after 1 s\|used up its 1 s CPU-time limit" "$src/loops_forever.cpp" --arg width=3 --timeout 1
refused "an endless loop is stopped at probe values too, once" "was stopped after 1 s\|used up its 1 s CPU-time limit" "$src/loops_forever.cpp" --timeout 1
refused "100 GB is refused by the memory limit" "ran out of its .* memory limit" "$src/allocates_100gb.cpp"
# One --timeout, not one per probe value: the loop above at probe values must
# not retry (it would take 14 s); compare with a generous bound, not a timing.
start=$(date +%s)
"$bin" analyze "$src/loops_forever.cpp" --timeout 1 >/dev/null 2>&1
if [ $(( $(date +%s) - start )) -ge 12 ]; then echo "FAIL: a timed-out constructor was retried at other values"; failures=$((failures + 1)); else echo "ok: a timeout is not retried"; fi

# --- Reading is allowed, and reported --------------------------------------------
"$bin" analyze --format json "$src/reads_a_config.cpp" >"$out" 2>"$err"
if [ $? != 0 ] || ! /usr/bin/python3 - "$out" "$CKPTCHECK_TEST_CONFIG" <<'PY'
import json, os, sys
d = json.load(open(sys.argv[1]))
assert [(e["name"], e["shape"]) for e in d["entries"]] == [("fc.weight", [2, 7]), ("fc.bias", [2])], d["entries"]
assert os.path.realpath(sys.argv[2]) in d["files_read"], d["files_read"]
PY
then fail "a config read at construction is allowed and listed in files_read"; else echo "ok: a config read at construction is allowed and listed"; fi
"$bin" analyze "$src/reads_a_config.cpp" >"$out" 2>"$err"
grep -q "the constructor read $(realpath "$CKPTCHECK_TEST_CONFIG")" "$out" && echo "ok: the text output names the file read" ||
  fail "the text output names the file read"

# --- Bad code: the cause, never a partial spec ---------------------------------------
refused "an exception in the constructor gives its message" \
  "threw c10::Error: d_model must be divisible by heads" "$src/throws.cpp" --arg d_model=10 --arg heads=3
refused "a symbol no given file defines is named, with the way to add it" \
  "calls hidden_width(long), which none of the given files defines: add the file that defines it with --model" \
  "$src/calls_undefined.cpp"
refused "code that does not compile gives the first error and where" \
  "lacks_api.cpp:5:.*no member named 'LinearWithMagic' in namespace 'torch::nn'" "$src/lacks_api.cpp"
refused "a class left open at the end of a file is named, not parsed for ever" \
  "unclosed_brace.cpp:8:36: the model does not compile: this '{' is never closed" "$src/unclosed_brace.cpp"

# A TORCH_CHECK that refuses some probe values is not an error: other values are
# tried, and the result is exact where the check holds.
"$bin" analyze --format json "$src/throws.cpp" >"$out" 2>"$err"
if [ $? != 0 ] || ! /usr/bin/python3 - "$out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
shapes = {e["name"]: e["shape"] for e in d["entries"]}
assert shapes == {"fc.weight": ["d_model/heads", "d_model"], "fc.bias": ["d_model/heads"]}, shapes
PY
then fail "a TORCH_CHECK refusing probe values is retried with others"; else echo "ok: a TORCH_CHECK refusing probe values is retried"; fi

# --- A root that needs objects: built as main() builds it, and said so -------------------
"$bin" analyze --format json "$src/built_in_main.cpp" >"$out" 2>"$err"
if [ $? != 0 ] || ! /usr/bin/python3 - "$out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
shapes = [(e["name"], e["shape"]) for e in d["entries"]]
assert shapes == [("base.fc.weight", [64, 4]), ("base.fc.bias", [64]), ("head.weight", [3, 64]), ("head.bias", [3])], shapes
assert d["construction"].startswith("main() builds it at built_in_main.cpp:"), d["construction"]
assert "rl::PolicyImpl" == d["root"], d["root"]
PY
then fail "a root needing objects is built as main() builds it"; else echo "ok: a root needing objects is built as main() builds it"; fi

# --- The check: a refused model is exit 2 with the analyzer's reason -----------------
ckpt=$src/../fixtures/files/sd_proto4.pt
"$bin" --model "$src/runs_a_program.cpp" "$ckpt" >"$out" 2>"$err"
got=$?
if [ "$got" != 2 ] || ! grep -q "tried to run a program" "$out" "$err" || [ -e "$CKPTCHECK_TEST_TARGET" ]; then
  fail "the check stops with exit 2 when the model's constructor is refused (exit $got)"
else
  echo "ok: the check stops with exit 2 when the model's constructor is refused"
fi

# --- --no-exec runs nothing ---------------------------------------------------------
"$bin" analyze --no-exec --format json "$src/runs_a_program.cpp" >"$out" 2>"$err"
if [ -e "$CKPTCHECK_TEST_TARGET" ] || ! grep -q '"fc.weight"' "$out"; then fail "--no-exec analyses without running the constructor"; else echo "ok: --no-exec analyses without running the constructor"; fi

if [ "$failures" != 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "all passed"
