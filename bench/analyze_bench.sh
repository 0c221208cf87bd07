#!/usr/bin/env bash
# analyze_bench.sh — does the analysis cost more than the parse it rests on?
#
# Times, interleaved and repeated, on one model file (default: the largest fixture):
#   ckptcheck-analyze FILE                       (LibTorch's headers, found automatically)
#   clang++-19 -fsyntax-only -std=c++17 -I... FILE   (the same headers and flags: the parse alone)
#   ckptcheck-analyze --torch-include bundled FILE   (no LibTorch: the bundled declarations)
#   clang++-19 -fsyntax-only -std=c++17 -I analyzer/meta FILE   (the parse those rest on)
# and reports medians and the ratio analyze / parse (issue 3's target: at most 1.2), and,
# from `ckptcheck-analyze --timings` in the same runs, how much of the analysis is
# evaluating the model rather than parsing (issue 4: a small fraction of the parse).
# Usage: bench/analyze_bench.sh [--runs N] [--analyzer PATH] [FILE]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=5
analyzer="$here/build/tool/ckptcheck-analyze"
file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs=$2; shift 2 ;;
    --analyzer) analyzer=$2; shift 2 ;;
    *) file=$1; shift ;;
  esac
done
[ -n "$file" ] || file=$(ls -S "$here"/tests/models/*.cpp | head -1)
inc=/usr/include/torch/csrc/api/include

time_once() {  # prints wall seconds of one run of "$@"
  local start end
  start=$EPOCHREALTIME
  "$@" >/dev/null 2>&1 || true
  end=$EPOCHREALTIME
  echo "$end $start" | awk '{printf "%.3f\n", $1 - $2}'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

declare -a t_an t_parse t_bundled t_bparse t_eval
eval_once() {  # evaluation seconds, as ckptcheck-analyze --timings reports them
  "$@" --timings 2>&1 >/dev/null | sed -n 's/.*evaluation \([0-9.]*\) s.*/\1/p'
}
time_once "$analyzer" "$file" >/dev/null  # warm-up (page cache), not counted
for ((i = 0; i < runs; i++)); do
  t_an+=("$(time_once "$analyzer" "$file")")
  t_eval+=("$(eval_once "$analyzer" "$file")")
  t_parse+=("$(time_once clang++-19 -fsyntax-only -std=c++17 -w -I"$inc" -I/usr/include "$file")")
  if [ -f "$here/analyzer/meta/torch/torch.h" ]; then
    t_bundled+=("$(time_once "$analyzer" --torch-include bundled "$file")")
    t_bparse+=("$(time_once clang++-19 -fsyntax-only -std=c++17 -w -I"$here/analyzer/meta" "$file")")
  fi
done
an=$(printf '%s\n' "${t_an[@]}" | median)
evaluation=$(printf '%s\n' "${t_eval[@]}" | median)
parse=$(printf '%s\n' "${t_parse[@]}" | median)
bundled=$( [ ${#t_bundled[@]} -gt 0 ] && printf '%s\n' "${t_bundled[@]}" | median || echo "n/a")
bparse=$( [ ${#t_bparse[@]} -gt 0 ] && printf '%s\n' "${t_bparse[@]}" | median || echo "n/a")
echo "## ckptcheck analyze vs clang++ -fsyntax-only ($(date -u +'%Y-%m-%d %H:%M UTC'))"
echo
echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); file: $(basename "$file"); $runs interleaved runs, medians"
echo
echo "| command | median s |"
echo "|---|---:|"
echo "| \`clang++-19 -fsyntax-only\` (LibTorch headers) | $parse |"
echo "| \`ckptcheck analyze\` (LibTorch headers) | $an |"
echo "| of which evaluating the model (\`--timings\`) | $evaluation |"
echo "| \`clang++-19 -fsyntax-only\` (bundled declarations) | $bparse |"
echo "| \`ckptcheck analyze --torch-include bundled\` (no LibTorch) | $bundled |"
echo
awk -v a="$an" -v p="$parse" 'BEGIN {
  printf "ratio analyze / parse: %.2f (target <= 1.2: %s)\n", a / p, (a / p <= 1.2 ? "PASS" : "MISS") }'
awk -v e="$evaluation" -v p="$parse" 'BEGIN {
  printf "evaluation / clang++ -fsyntax-only: %.3f (%.1f%% of the parse)\n", e / p, 100 * e / p }'
[ "$bundled" = n/a ] || awk -v a="$bundled" -v p="$bparse" -v l="$an" 'BEGIN {
  printf "bundled mode: analyze / its parse %.2f; %.1fx faster than analyze with LibTorch headers\n", a / p, l / a }'
