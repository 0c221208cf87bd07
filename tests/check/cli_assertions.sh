# The assertions the command-line tests share; sourced, not run. The caller
# sets $out (the file each command's output goes to) and failures=0, and
# ends with `report_failures`.
check() {  # check NAME EXPECTED_EXIT COMMAND...
  local name=$1 want=$2
  shift 2
  "$@" >"$out" 2>&1
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: $name: exit $got, expected $want"; sed 's/^/    /' "$out" | head -40; failures=$((failures + 1))
  else
    echo "ok: $name"
  fi
}
expect_output() {  # expect_output NAME PATTERN
  if ! grep -q -- "$2" "$out"; then
    echo "FAIL: $1: output lacks '$2'"; sed 's/^/    /' "$out" | head -30; failures=$((failures + 1))
  fi
}
json_assert() {  # json_assert NAME PYTHON_EXPR  (d is the parsed output)
  if ! /usr/bin/python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert ($2), d" "$out" >/dev/null 2>&1; then
    echo "FAIL: $1: $2"; failures=$((failures + 1))
  fi
}
report_failures() {  # exits 1 when a check failed
  if [ "$failures" -gt 0 ]; then
    echo "$failures check(s) failed"
    exit 1
  fi
  echo "all checks passed"
}
