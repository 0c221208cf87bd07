#!/usr/bin/env bash
# Model code that makes the analyzer itself work without end (issue 13): every
# case stops with exit 2 and one message naming the bound it hit, never a
# signal death, a hang or the machine's memory. The inputs are generated here
# (a 20,000-term expression is not worth committing); each says what it does.
# Usage: analyze_bounds_test.sh CKPTCHECK EXAMPLES_DIR
#
# Covers: the static engine's step, stack, string and --timeout budgets
# (analyzer/src/interpreter_budget.h), LibTorch's registration-name rule in both
# engines, non-regular files as model files and includes, the analyzer's
# --time-limit and memory bound (analyzer/src/process_limits.cpp), and the
# check's own deadline for an analyzer that does not answer.
set -u
bin=$(realpath "$1")
examples=$(realpath "$2")
source "$(dirname "$0")/signal_analyzer.sh"
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/stdout
err=$tmp/stderr
export XDG_CACHE_HOME=$tmp/cache

fail() { echo "FAIL: $1"; sed 's/^/    /' "$out" "$err" | head -20; failures=$((failures + 1)); }
# expect NAME CODE PATTERN ARGS...: exit CODE (never a signal, never past 120 s)
# and PATTERN in stdout or stderr.
expect() {
  local name=$1 code=$2 pattern=$3
  shift 3
  timeout 120 "$@" >"$out" 2>"$err"
  local got=$?
  if [ "$got" != "$code" ]; then fail "$name: exit $got, expected $code"; return; fi
  if ! grep -q -- "$pattern" "$out" "$err"; then fail "$name: the output lacks '$pattern'"; return; fi
  echo "ok: $name"
}
# A module whose constructor runs BODY, with an optional prelude before it.
model() {
  local file=$tmp/$1.cpp body=$2 prelude=${3:-}
  printf '#include <torch/torch.h>\n%s\nstruct NetImpl : torch::nn::Module {\n  NetImpl(int64_t mode = 0) {\n%s\n  }\n  torch::nn::Linear fc{nullptr};\n};\nTORCH_MODULE(Net);\n' \
    "$prelude" "$body" >"$file"
  echo "$file"
}
terms() { /usr/bin/python3 -c "import sys; print('+'.join(['1'] * int(sys.argv[1])))" "$1"; }

# --- The static engine's budgets (--no-exec) ------------------------------------------
deep=$(model deep "    int64_t w = $(terms 20000);
    fc = register_module(\"fc\", torch::nn::Linear(w, 2));")
expect "a 20,000-term expression stops at the stack budget, not SIGSEGV" 2 "kMaxInterpreterStackBytes" \
  "$bin" analyze --no-exec "$deep"
shallow=$(model shallow "    int64_t w = $(terms 2000);
    fc = register_module(\"fc\", torch::nn::Linear(w, 2));")
expect "a 2,000-term expression is within it" 0 "fc.weight .*\[2, 2000\]" "$bin" analyze --no-exec "$shallow"
loops=$(model loops "    int64_t s = 0;
    for (int a = 0; a < 9999; ++a) for (int b = 0; b < 9999; ++b) for (int c = 0; c < 9999; ++c) s += 1;
    fc = register_module(\"fc\", torch::nn::Linear(s, 2));")
expect "nested loops of 9,999^3 stop at the step budget" 2 "took more than 20000000 steps (kMaxInterpreterSteps)" \
  "$bin" analyze --no-exec "$loops"
fib=$(model fib "    fc = register_module(\"fc\", torch::nn::Linear(fib(60), 2));" \
  "inline int64_t fib(int64_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }")
expect "binary recursion stops at --timeout" 2 "took longer than 2 s (--timeout)" \
  "$bin" analyze --no-exec --timeout 2 "$fib"
doubling=$(model doubling "    std::string s = \"x\";
    for (int i = 0; i < 64; ++i) s = s + s;
    fc = register_module(\"fc\", torch::nn::Linear(static_cast<int64_t>(s.size()), 2));")
expect "a string doubled 64 times stops at the string bound" 2 "grew past 1 MiB (kMaxStringValueBytes)" \
  "$bin" analyze --no-exec "$doubling"

# --- Names LibTorch refuses: the constructor throws, in both engines ------------------------
names=$(model names "    if (mode == 1) for (int i = 0; i < 10000; ++i) register_module(\"m\", torch::nn::Linear(2, 2));
    if (mode == 2) { register_parameter(\"w\", torch::ones({2})); register_parameter(\"w\", torch::ones({3})); }
    if (mode == 3) register_buffer(\"a.b\", torch::ones({2}));")
for engine in --no-exec --serve; do
  [ "$engine" = --serve ] && engine=""
  expect "register_module twice under one name ${engine:-(running)}" 2 "c10::Error: Submodule 'm' already defined" \
    "$bin" analyze $engine "$names" --arg mode=1
  expect "register_parameter twice under one name ${engine:-(running)}" 2 "c10::Error: Parameter 'w' already defined" \
    "$bin" analyze $engine "$names" --arg mode=2
  expect "a buffer name with a dot ${engine:-(running)}" 2 "c10::Error: Buffer name must not contain a dot (got 'a.b')" \
    "$bin" analyze $engine "$names" --arg mode=3
done

# --- Files that are not regular files are never opened ---------------------------------
mkfifo "$tmp/fifo.h" "$tmp/fifo.cpp"
fifo_include=$(model fifo_include "    fc = register_module(\"fc\", torch::nn::Linear(2, 2));" "#include \"$tmp/fifo.h\"")
dev_include=$(model dev_include "    fc = register_module(\"fc\", torch::nn::Linear(2, 2));" "#include \"/dev/zero\"")
expect "an #include of a FIFO is refused, not waited on (running)" 2 "cannot open file '$tmp/fifo.h': not a regular file" \
  "$bin" analyze "$fifo_include"
expect "an #include of a FIFO is refused, not waited on (--no-exec)" 1 "cannot open file '$tmp/fifo.h': not a regular file" \
  "$bin" analyze --no-exec "$fifo_include"
expect "an #include of /dev/zero is refused (running)" 2 "cannot open file '/dev/zero': not a regular file" \
  "$bin" analyze "$dev_include"
expect "a FIFO given as the model is refused" 2 "'$tmp/fifo.cpp' is not a regular file" "$bin" analyze "$tmp/fifo.cpp"

# --- The analyzer process: time and memory ----------------------------------------------
# Ten levels of ten-fold macros: 10^11 tokens, hours of preprocessing.
{
  echo '#define A0 x x x x x x x x x x'
  for i in $(seq 1 11); do echo "#define A$i A$((i - 1)) A$((i - 1)) A$((i - 1)) A$((i - 1)) A$((i - 1)) A$((i - 1)) A$((i - 1)) A$((i - 1)) A$((i - 1)) A$((i - 1))"; done
  echo 'int bomb[] = {A11};'
} >"$tmp/bomb.h"
bomb=$(model bomb "    fc = register_module(\"fc\", torch::nn::Linear(2, 2));" "#include \"$tmp/bomb.h\"")
expect "a macro bomb stops at --time-limit" 2 "stopped after 3 s (--time-limit)" "$bin" analyze --time-limit 3 "$bomb"
# Below what compiling needs: the bound's message, not "terminate called" or SIGABRT.
expect "running out of memory is a message (running)" 2 "out of memory .*(ulimit -v) limit" \
  bash -c 'ulimit -v 380000; exec "$0" analyze "$1"' "$bin" "$examples/net.cpp"
expect "running out of memory is a message (--no-exec)" 2 "out of memory .*(ulimit -v) limit" \
  bash -c 'ulimit -v 300000; exec "$0" analyze --no-exec "$1"' "$bin" "$examples/net.cpp"

# --- The check -------------------------------------------------------------------------
expect "the check passes the analyzer's bound on" 2 "kMaxInterpreterStackBytes" \
  "$bin" --model "$deep" --no-exec "$examples/net_weights.pt"
# An analyzer that cannot stop itself (stopped here with SIGSTOP) is killed by
# the check at its deadline (--analyze-time-limit plus 10 s).
start=$(date +%s)
"$bin" --model "$examples/net.cpp" --no-cache --analyze-time-limit 1 "$examples/net_weights.pt" >"$out" 2>"$err" &
check=$!
analyzer=$(signal_analyzer "$check" STOP)
wait "$check"
code=$?
if [ -z "$analyzer" ]; then fail "the check's deadline: the analyzer was not seen"
elif [ "$code" != 2 ] || ! grep -q "did not answer within 1 s (--analyze-time-limit)" "$err"; then
  fail "the check's deadline: exit $code"
elif [ $(( $(date +%s) - start )) -ge 60 ]; then fail "the check's deadline: it waited $(( $(date +%s) - start )) s"
elif pgrep -f "ckptcheck-analyze.*$examples/net.cpp" | grep -qx "$analyzer"; then fail "the check's deadline: the analyzer was left running"
else echo "ok: an analyzer that does not answer is stopped by the check's deadline"; fi

echo "$failures failure(s)"
[ "$failures" = 0 ]
