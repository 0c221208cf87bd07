#!/usr/bin/env bash
# Command-line contract of `ckptcheck inspect`, `rules` and `explain`: exit codes, formats, help.
# Usage: cli_test.sh CKPTCHECK FIXTURES_DIR [EXAMPLES_DIR]   (examples: also test `analyze`)
set -u
bin=$1
fixtures=$2
examples=${3:-}
failures=0
TMPDIR_CLI=$(mktemp -d)
export TMPDIR_CLI
trap 'rm -rf "$TMPDIR_CLI" /tmp/ckptcheck-cli-out.$$' EXIT
check() {  # check NAME EXPECTED_EXIT COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >/tmp/ckptcheck-cli-out.$$ 2>&1
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $name: exit $got, expected $want"; sed 's/^/    /' /tmp/ckptcheck-cli-out.$$; failures=$((failures + 1))
  else
    echo "ok: $name"
  fi
}
expect_output() {  # expect_output NAME PATTERN
  if ! grep -q -- "$2" /tmp/ckptcheck-cli-out.$$; then
    echo "FAIL: $1: output lacks '$2'"; failures=$((failures + 1))
  fi
}

check "clean file exits 0" 0 "$bin" inspect "$fixtures/files/sd_zip.pt"
expect_output "table lists tensors" "fc1.weight  *\[3, 4\]  *float32"
expect_output "summary line" "9 tensors, 35 elements"
check "json output parses" 0 sh -c "'$bin' inspect --format json '$fixtures/files/model_whole.pt' | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"schema\"]==\"ckptcheck/inventory/v1\" and d[\"content\"]==\"module\", d'"
check "several files give a json array" 0 sh -c "'$bin' inspect --format json '$fixtures/files/sd_zip.pt' '$fixtures/files/ts_script.pt' | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d)==2'"
check "unreadable file exits 2" 2 "$bin" inspect "$fixtures/hostile/html_page.pt"
expect_output "says what the file looks like" "HTML"
check "corrupt storage exits 2" 2 "$bin" inspect "$fixtures/hostile/data1_short.pt"
check "missing file exits 2" 2 "$bin" inspect "$fixtures/does-not-exist.pt"
mkfifo "$TMPDIR_CLI/pipe.pt"
check "names from the file are escaped in text output" 0 "$bin" inspect "$fixtures/hostile/forged_names.pt"
expect_output "a newline in a key is shown escaped" 'fc.weight\\x0aforged.pt: error'
expect_output "an escape character is shown escaped" '\\x1b\[31mred'
if grep -q "$(printf '\033')" /tmp/ckptcheck-cli-out.$$ || grep -q "^forged.pt: error" /tmp/ckptcheck-cli-out.$$; then
  echo "FAIL: a raw escape character or a forged line reached the output"; failures=$((failures + 1))
fi
check "a storage declaring 2^62+1 float32 elements is corrupt" 2 "$bin" inspect "$fixtures/hostile/numel_wraps.pt"
expect_output "its size saturates instead of wrapping to 4 B" "16.0 EiB of tensor data"
check "a FIFO is refused, not waited on" 2 timeout 20 "$bin" inspect "$TMPDIR_CLI/pipe.pt"
expect_output "says it is a FIFO" "a FIFO (named pipe), not a regular file"
check "a directory is refused" 2 "$bin" inspect "$fixtures"
expect_output "says it is a directory" "a directory, not a regular file"
# Inflating the 32 MiB data.pkl of inflated_at_limit.pt (kMaxInflatedRecordBytes)
# under a 30 MB address-space limit fails to allocate: a clear error, exit 2, not
# an abort. (A small file reads under the same limit: it is the input's need.)
check "a small file reads under a 30 MB address-space limit" 0 sh -c "ulimit -v 30000 && exec '$bin' inspect '$fixtures/files/big_sd.pt'"
check "out of memory is an input error, not an abort" 2 sh -c "ulimit -v 30000 && exec '$bin' inspect '$fixtures/hostile/inflated_at_limit.pt'"
expect_output "says it ran out of memory" "out of memory"
check "a pickle that would run code fails the gate: exit 1" 1 "$bin" inspect "$fixtures/hostile/evil_reduce_os_system.pt"
expect_output "names the global" "posix.system"
check "a warning alone exits 0" 0 "$bin" inspect "$fixtures/hostile/data1_long.pt"
expect_output "the warning is printed" "warning: storage"
check "--warnings-as-errors turns it into exit 1" 1 "$bin" inspect --warnings-as-errors "$fixtures/hostile/data1_long.pt"
check "one bad file among good ones exits 2" 2 "$bin" inspect "$fixtures/files/sd_zip.pt" "$fixtures/hostile/empty.pt"
check "unknown flag exits 2" 2 "$bin" inspect --bogus "$fixtures/files/sd_zip.pt"
check "bad format value exits 2" 2 "$bin" inspect --format yaml "$fixtures/files/sd_zip.pt"
check "no subcommand exits 2" 2 "$bin"
check "--help exits 0" 0 "$bin" --help
expect_output "help names inspect" "inspect"
check "inspect --help explains --format" 0 "$bin" inspect --help
expect_output "format flag documented" "--format"
check "--version exits 0" 0 "$bin" --version
expect_output "version printed" "ckptcheck 0"
check "rules lists the catalog" 0 "$bin" rules
expect_output "catalog has CK201" "CK201  unsafe-global"
expect_output "rules shows a stable rule's lifecycle" "^CK401  shape-mismatch  *error  *stable  "
expect_output "rules shows a preview rule's lifecycle" "^CK601  loader-format  *error  *preview  "
check "explain a rule" 0 "$bin" explain CK103
check "explain prints the rule's shipped page" 0 "$bin" explain CK401
expect_output "page title" "^# CK401 shape-mismatch$"
expect_output "severity and lifecycle under the title" "^Default severity: error. Lifecycle: stable.$"
for section in "What it finds" "Why it matters" "Example" "How to fix" "Exceptions"; do
  expect_output "page section '$section'" "^## $section$"
done
expect_output "page text, not only headings" "copying a param with"
check "explain by name prints the same page" 0 "$bin" explain shape-mismatch
expect_output "page title by name" "^# CK401 shape-mismatch$"
check "explain a preview rule" 0 "$bin" explain CK601
expect_output "preview lifecycle" "^Default severity: error. Lifecycle: preview"
check "explain an unknown rule exits 2" 2 "$bin" explain CK999
expect_output "unknown rule says so" "no rule 'CK999'"
if [ -n "$examples" ]; then
  check "analyze the example model" 0 sh -c "'$bin' analyze --format json '$examples/net.cpp' | /usr/bin/python3 -c 'import json,sys; d=json.load(sys.stdin); assert d[\"schema\"]==\"ckptcheck/modelspec/v1\" and d[\"root\"]==\"NetImpl\" and len(d[\"entries\"])==11, d'"
  # The bundled declarations stand in for LibTorch's headers: same entries, no diagnostics.
  check "analyze --no-exec with the bundled declarations equals it with LibTorch's" 0 sh -c "'$bin' analyze --no-exec --format json '$examples/net.cpp' > \"\$TMPDIR_CLI/libtorch.json\" && '$bin' analyze --no-exec --format json --torch-include bundled '$examples/net.cpp' > \"\$TMPDIR_CLI/bundled.json\" && /usr/bin/python3 -c 'import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); assert b[\"torch_headers\"]==\"bundled\" and a[\"torch_headers\"].startswith(\"libtorch:\"), (a[\"torch_headers\"], b[\"torch_headers\"]); assert a[\"entries\"]==b[\"entries\"] and a[\"diagnostics\"]==b[\"diagnostics\"]==[], (a, b)' \"\$TMPDIR_CLI/libtorch.json\" \"\$TMPDIR_CLI/bundled.json\""
  # The two engines agree on the example (the model tests hold both to LibTorch on every fixture).
  check "analyze runs the constructor by default, and agrees with --no-exec" 0 sh -c "'$bin' analyze --no-cache --format json '$examples/net.cpp' > \"\$TMPDIR_CLI/exec.json\" && /usr/bin/python3 -c 'import json,sys; a,b=(json.load(open(f)) for f in sys.argv[1:]); assert a[\"engine\"]==\"exec\" and b[\"engine\"]!=\"exec\", (a[\"engine\"], b[\"engine\"]); key=lambda s: [(e[\"name\"], e[\"kind\"], e[\"dtype\"]) for e in s[\"entries\"]]; assert key(a)==key(b), (key(a), key(b))' \"\$TMPDIR_CLI/exec.json\" \"\$TMPDIR_CLI/libtorch.json\""
  check "analyze --help exits 0" 0 "$bin" analyze --help
  expect_output "analyze help explains --arg" "--arg"
  expect_output "analyze help says the constructor runs, and how it is confined" "the root module's constructor runs.*confined"
  expect_output "analyze help explains --construct" "--construct"
  expect_output "analyze help explains --no-exec" "--no-exec *Never run any of the model's code"
  expect_output "analyze help explains the cache" "--no-cache.*XDG_CACHE_HOME"
  check "analyze a missing file exits 2" 2 "$bin" analyze "$examples/does-not-exist.cpp"
  check "analyze --arg without = exits 2" 2 "$bin" analyze --arg hidden "$examples/net.cpp"
fi
before=$(sha256sum "$fixtures/files/sd_zip.pt")
"$bin" inspect "$fixtures/files/sd_zip.pt" >/dev/null 2>&1
[ "$before" = "$(sha256sum "$fixtures/files/sd_zip.pt")" ] || { echo "FAIL: input file changed"; failures=$((failures + 1)); }
rm -f /tmp/ckptcheck-cli-out.$$
echo "cli: $failures failed"
[ "$failures" -eq 0 ]
