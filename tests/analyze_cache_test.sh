#!/usr/bin/env bash
# The analysis cache (issue 11): a result is reused for the same arguments
# while every file it read is unchanged, and never after one changed.
# Usage: analyze_cache_test.sh CKPTCHECK TESTS_DIR
#
# Whether a result came from the cache is seen by tampering with the stored
# entry: a hit prints the tampered text, a fresh analysis the true one (shapes
# from LibTorch's Linear(in, out): weight [out, in]).
set -u
bin=$(realpath "$1")
src=$(realpath "$2")/analyze_cache
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CACHE_HOME=$tmp/cache
export CKPTCHECK_TEST_CONFIG=$tmp/in.cfg
cp "$src/net.cpp" "$src/widths.h" "$tmp/"
cd "$tmp"
echo 5 >in.cfg

fail() { echo "FAIL: $1"; failures=$((failures + 1)); }
ok() { echo "ok: $1"; }
shapes() {  # the analysis's fc1/fc2 weight shapes, as "fc1.weight=[16, 5] fc2.weight=[3, 16]"
  "$bin" analyze --format json "$@" net.cpp 2>"$tmp/err" | /usr/bin/python3 -c '
import json, sys
d = json.load(sys.stdin)
print(" ".join("%s=%s" % (e["name"], e["shape"]) for e in d["entries"] if e["name"].endswith("weight")))' 2>/dev/null ||
    echo "(failed: $(cat "$tmp/err"))"
}
entries() { find "$XDG_CACHE_HOME/ckptcheck" -name '*.json' 2>/dev/null | wc -l; }
# Makes every stored entry claim fc1 has 99 inputs: visible if it is used.
tamper() {
  find "$XDG_CACHE_HOME/ckptcheck" -name '*.json' | while read -r f; do
    /usr/bin/python3 - "$f" <<'PY'
import json, sys
e = json.load(open(sys.argv[1]))
e["output"] = e["output"].replace('"shape":[16,5]', '"shape":[16,99]')
json.dump(e, open(sys.argv[1], "w"))
PY
  done
}
expect() {  # expect NAME WANT GOT
  if [ "$2" == "$3" ]; then ok "$1"; else fail "$1: got '$3', want '$2'"; fi
}

true_shapes="fc1.weight=[16, 5] fc2.weight=[3, 16]"
expect "a fresh analysis" "$true_shapes" "$(shapes)"
expect "it stored one entry" 1 "$(entries)"
tamper
expect "the same request is answered from the cache" "fc1.weight=[16, 99] fc2.weight=[3, 16]" "$(shapes)"
expect "--no-cache analyses again" "$true_shapes" "$(shapes --no-cache)"
expect "other arguments are another entry" "fc1.weight=[16, 5] fc2.weight=[7, 16]" "$(shapes --arg classes=7)"

touch widths.h net.cpp
expect "touched but unchanged files keep the entry" "fc1.weight=[16, 99] fc2.weight=[3, 16]" "$(shapes)"

sed -i 's/kHidden = 16/kHidden = 32/' widths.h
expect "an edited header is analysed again" "fc1.weight=[32, 5] fc2.weight=[3, 32]" "$(shapes)"
sed -i 's/kHidden = 32/kHidden = 16/' widths.h
tamper
echo 6 >in.cfg
expect "a changed file the constructor read is analysed again" "fc1.weight=[16, 6] fc2.weight=[3, 16]" "$(shapes)"

# Another working directory is another request (relative paths mean other files).
mkdir sub && cp net.cpp widths.h sub/ && cd sub
expect "another directory is another entry" "fc1.weight=[16, 6] fc2.weight=[3, 16]" "$(shapes)"
cd ..

# Failures are not stored: the error is shown again, not replayed.
echo 'struct Broken {' >broken.cpp
"$bin" analyze broken.cpp >/dev/null 2>&1
n=$(entries)
"$bin" analyze broken.cpp >/dev/null 2>&1
expect "a failed analysis is not stored" "$n" "$(entries)"

# Entries are written atomically: no temporary files are left behind.
expect "no temporary files left" 0 "$(find "$XDG_CACHE_HOME" -name '*.tmp*' | wc -l)"

# The cache is bounded: past the limit the least recently used entry goes.
# Each entry here is a few KB; 0.001 MiB holds none but the newest.
echo 5 >in.cfg
CKPTCHECK_CACHE_SIZE_MB=0.001 shapes --arg classes=9 >/dev/null
expect "over the bound, only the newest entry is kept" 1 "$(entries)"
tamper
expect "the newest entry is the one kept" "fc1.weight=[16, 99] fc2.weight=[9, 16]" "$(shapes --arg classes=9)"

# The check uses the same cache: the same report twice, and with --no-cache.
ckpt=$src/../fixtures/files/sd_proto4.pt
"$bin" --model net.cpp "$ckpt" --format json >first.json 2>/dev/null
"$bin" --model net.cpp "$ckpt" --format json >second.json 2>/dev/null
"$bin" --model net.cpp "$ckpt" --format json --no-cache >third.json 2>/dev/null
if [ -s first.json ] && cmp -s first.json second.json && cmp -s first.json third.json; then ok "the check's report is the same warm, cold and with --no-cache"
else fail "the check's report is the same warm, cold and with --no-cache"; fi

if [ "$failures" != 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "all passed"
