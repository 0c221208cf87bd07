#!/usr/bin/env bash
# Tests agreement_test.py with fake_ckptcheck.py (answers from the truth, not from ckptcheck):
# grouped-but-complete findings must pass; no findings must fail every incompatible story;
# a misnamed finding must fail; a torch::load verdict other than the real loader's
# must fail every story with its state dict at the file's root, and a load_state_dict
# verdict other than Python's must fail every story it applies to. Usage: agreement_selftest.sh PYTHON
set -u
py=$1
here=$(cd "$(dirname "$0")" && pwd)
run() { FAKE_MODE=$1 "$py" "$here/agreement_test.py" --ckptcheck "$here/fake_ckptcheck.py" --stories "$here/stories.json"; }
# A story fails without findings when the truth sees a difference, or when its
# deployment loads with torch::load and that loader threw or corrupted an entry.
incompatible=$("$py" -c '
import json, sys
sys.path.insert(0, sys.argv[2])
from agreement_test import torch_load_fails
print(sum(not s["truth"]["compatible"] or torch_load_fails(s) for s in json.load(open(sys.argv[1]))))' "$here/stories.json" "$here")
status=0
out=$(run good) || { echo "FAIL: complete findings rejected:"; echo "$out"; status=1; }
out=$(run none); rc=$?
fails=$(grep -c '^FAIL' <<<"$out")
[ "$rc" = 1 ] && [ "$fails" = "$incompatible" ] || { echo "FAIL: no findings: exit $rc, $fails stories failed, expected $incompatible"; status=1; }
out=$(run wrong); rc=$?
[ "$rc" = 1 ] || { echo "FAIL: misnamed findings accepted"; status=1; }
out=$(run wrong_verdict); rc=$?
# (every story whose state dict is the file's root: torch::load reads only such files)
stories=$("$py" -c 'import json, sys; print(sum(not s["key"] for s in json.load(open(sys.argv[1]))))' "$here/stories.json")
fails=$(grep -c '^FAIL' <<<"$out")
[ "$rc" = 1 ] && [ "$fails" = "$stories" ] || { echo "FAIL: wrong torch::load verdicts: exit $rc, $fails of $stories stories failed"; status=1; }
out=$(run wrong_python_verdict); rc=$?
# (every story whose file torch.load reads a state dict from)
stories=$("$py" -c 'import json, sys; print(sum(bool(s["load_state_dict"]) for s in json.load(open(sys.argv[1]))))' "$here/stories.json")
fails=$(grep -c '^FAIL' <<<"$out")
[ "$rc" = 1 ] && [ "$fails" = "$stories" ] || { echo "FAIL: wrong load_state_dict verdicts: exit $rc, $fails of $stories stories failed"; status=1; }
[ $status = 0 ] && echo "agreement_test.py accepts complete reports and rejects $incompatible empty ones"
exit $status
