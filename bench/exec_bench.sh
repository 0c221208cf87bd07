#!/usr/bin/env bash
# exec_bench.sh — what meta-execution costs, cold and warm (issue 11).
#
# On a ResNet-50 (the corpus's koba_jon ResNet-50, 320 entries, built by its
# --construct in tests/corpus/manifest.json), interleaved and repeated:
#   ckptcheck analyze --no-cache ...   cold: compile against meta LibTorch, run the constructor
#   ckptcheck analyze ...              warm: the same request, answered by the cache
#   clang++-19 -fsyntax-only ...       the peer: parsing the same file with LibTorch's headers
# and reports medians, the ratio cold / clang++, and the targets (cold <= 3 s,
# warm <= 0.1 s). The cache lives in a temporary XDG_CACHE_HOME.
# Usage: bench/exec_bench.sh [--runs N] [--ckptcheck PATH]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=5
ckptcheck="$here/build/tool/ckptcheck"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --ckptcheck) ckptcheck=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--ckptcheck PATH]" >&2; exit 2 ;;
  esac
done
model_dir="$here/tests/corpus/koba_jon/ResNet"
file="$model_dir/networks.cpp"
construct=$(/usr/bin/python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
m = m["models"] if isinstance(m, dict) else m
print(next(x["construct"] for x in m if x["name"] == "kj_resnet50"))' "$here/tests/corpus/manifest.json")
cache=$(mktemp -d)
trap 'rm -rf "$cache"' EXIT
export XDG_CACHE_HOME=$cache

time_once() {  # prints wall seconds of one run of "$@"; fails the benchmark if the command does
  local start end
  start=$EPOCHREALTIME
  "$@" >/dev/null 2>"$cache/err" || { echo "failed: $* : $(cat "$cache/err")" >&2; exit 1; }
  end=$EPOCHREALTIME
  echo "$end $start" | awk '{printf "%.3f\n", $1 - $2}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

cold=(analyze --no-cache --construct "$construct" "$file")
warm=(analyze --construct "$construct" "$file")
peer=(clang++-19 -fsyntax-only -std=c++17 -w -I/usr/include/torch/csrc/api/include -I"$model_dir" "$file")
entries=$("$ckptcheck" analyze --format json --no-cache --construct "$construct" "$file" |
  /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["entries"]))')
"$ckptcheck" "${warm[@]}" >/dev/null  # fills the cache (and the page cache); not counted
declare -a t_cold t_warm t_peer
for ((i = 0; i < runs; i++)); do
  t_cold+=("$(time_once "$ckptcheck" "${cold[@]}")")
  t_warm+=("$(time_once "$ckptcheck" "${warm[@]}")")
  t_peer+=("$(time_once "${peer[@]}")")
done
c=$(printf '%s\n' "${t_cold[@]}" | median)
w=$(printf '%s\n' "${t_warm[@]}" | median)
p=$(printf '%s\n' "${t_peer[@]}" | median)
echo "## ckptcheck analyze (meta-execution), cold and warm, vs clang++ -fsyntax-only ($(date -u +'%Y-%m-%d %H:%M UTC'))"
echo
echo "\`bash bench/exec_bench.sh --runs $runs\`"
echo
echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); model: koba_jon ResNet-50"
echo "  (tests/corpus, $entries entries); $runs interleaved runs, medians"
echo
echo "| command | median s |"
echo "|---|---:|"
echo "| \`clang++-19 -fsyntax-only\` with LibTorch's headers | $p |"
echo "| \`ckptcheck analyze --no-cache\` (cold: compile against meta LibTorch, run) | $c |"
echo "| \`ckptcheck analyze\` (warm: from the cache) | $w |"
echo
awk -v c="$c" -v w="$w" -v p="$p" 'BEGIN {
  printf "cold / clang++ -fsyntax-only: %.2f; cold %.3f s (target <= 3 s: %s)\n", c / p, c, (c <= 3 ? "PASS" : "MISS")
  printf "warm %.3f s (target <= 0.1 s: %s); %.0fx faster than cold\n", w, (w <= 0.1 ? "PASS" : "MISS"), c / w }'
