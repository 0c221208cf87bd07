#!/usr/bin/env bash
# check_bench.sh — where does `ckptcheck --model net.cpp weights.pt` spend its time, and
# does matching stay linear in the number of entries?
#
# Three parts, each its own interleaved rounds (one warm-up round, not counted, then
# --runs rounds; each round runs every command of the part once), medians, no run dropped:
#
#  A. End to end on the largest model fixture (inception_like.cpp, 580 entries) against a
#     state dict with exactly the entries LibTorch reports for it (inception.pt, ~104 MiB):
#       ckptcheck --model FILE inception.pt --timings   (the split: analysis, reading, matching)
#       ckptcheck --spec SAVED inception.pt --timings   (the same check from a saved spec: no Clang)
#       ckptcheck analyze FILE                          (the analyzer's own benchmark, analyze_bench.sh)
#       clang++-19 -fsyntax-only ... FILE               (the parse it rests on, the same flags)
#       ckptcheck inspect inception.pt --format json    (the reader's own benchmark, inspect_bench.sh)
#       torch.load(inception.pt, map_location='cpu')    (the reading peer: there is no Python model)
#       python3 -c 'import torch'                       (the floor of the Python rows)
#  B. 1 GiB: a spec of 16 float32 [4096,4096] parameters and the matching 1 GiB state dict,
#     against the same 16 names at [128,128] (1 MiB) with their own spec; and torch.load of both.
#  C. Linearity: for N in --sizes (default 10 ... 100,000), a spec of N [4,4]/[4] entries and
#       lin{N}.pt  matching state dict with ~1% renamed, ~1% reshaped, ~0.5% missing, ~0.5% extra
#       mod{N}.pt  the same keys under "module." (the prefix path)
#       ren{N}.pt  10% of the keys renamed (the rename search)
#       lin{N}.pt  against the spec without source locations (lin{N}-noloc.json)
#       ok{N}.pt   exactly the spec's entries (the baseline: nothing to report)
#     each with `ckptcheck --spec S W --format json --timings`; reports matching time per entry.
#
# Inputs are written by bench/make_check_inputs.py into --dir (default
# $TMPDIR/ckptcheck-check-bench, ~1.4 GiB; reused if present; --clean removes it). The
# inception state dict is generated from build/model_truth/inception_like.json (LibTorch's
# own named_parameters/buffers; --truth FILE to take it from another build) when it exists,
# else from the analyzer's spec. An existing inception.pt is kept whatever its source.
# Times are wall clock (bash $EPOCHREALTIME around GNU time, which gives max RSS); the split
# comes from --timings, which prints milliseconds: phases under ~5 ms are near its resolution.
#
# Usage: bench/check_bench.sh [--runs N] [--big-runs N] [--sizes "10 100 ..."] [--parts ABC]
#                             [--ckptcheck PATH] [--dir DIR] [--truth FILE] [--out FILE] [--clean]
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
ckpt=$repo/build/tool/ckptcheck
dir=${TMPDIR:-/tmp}/ckptcheck-check-bench
runs=5 big_runs=5 out="" clean=0 parts=ABC truth=""
sizes="10 100 1000 10000 100000"
PY=/usr/bin/python3   # has torch; the python3 first on PATH may not
inc=/usr/include/torch/csrc/api/include

while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --big-runs) big_runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --parts) parts=$2; shift 2 ;;
    --ckptcheck) ckpt=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --truth) truth=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --clean) clean=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if ((clean)); then rm -rf -- "$dir"; echo "removed $dir"; exit 0; fi
[[ -x $ckpt ]] || { echo "no ckptcheck binary at $ckpt (build it or pass --ckptcheck)" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ && $big_runs =~ ^[1-9][0-9]*$ ]] || { echo "--runs/--big-runs need positive integers" >&2; exit 2; }

model=$(ls -S "$repo"/tests/models/*.cpp | head -n1)
name=$(basename "$model" .cpp)
mkdir -p "$dir"
truth=${truth:-$repo/build/model_truth/$name.json}
truth_kind="LibTorch's named_parameters/buffers (model_truth/$name.json)"
if [[ ! -f $truth ]]; then  # no LibTorch truth: the analyzer's prediction, its arguments from the manifest
  truth=$dir/$name.analyzed.json
  args=$("$PY" -c "import json,sys; m=[m for m in json.load(open(sys.argv[1])) if m['name']==sys.argv[2]][0]
print(' '.join('--arg=%s=%s' % (k, json.dumps(v)) for k, v in m['args'].items()))" "$repo/tests/models/manifest.json" "$name")
  # shellcheck disable=SC2086
  [[ -f $truth ]] || "$ckpt" analyze --format json $args "$model" >"$truth"
  truth_kind="the analyzer's prediction with the manifest's arguments"
fi
# shellcheck disable=SC2086
"$PY" "$here/make_check_inputs.py" "$dir" "$truth" $sizes
spec=$dir/$name.spec.json   # what `--spec` users save: analyze --format json --symbolic-defaults
[[ -s $spec ]] || "$ckpt" analyze --format json --symbolic-defaults "$model" >"$spec"

work=$(mktemp -d); trap 'rm -rf -- "$work"' EXIT
mkdir "$work/res" "$work/err" "$work/out"

# measure ID CMD... : run CMD once, stdout to $work/out/ID; append to $work/res/ID
#   "wall_s maxrss_kib exit_status analysis_s reading_s matching_s" (the last three from
#   --timings when the command prints them, else -).
measure() {
  local id=$1 rc=0 t0 t1 split; shift
  : >"$work/rss"; t0=${EPOCHREALTIME/./}
  /usr/bin/time -f %M -o "$work/rss" "$@" >"$work/out/$id" 2>"$work/err/$id" || rc=$?
  t1=${EPOCHREALTIME/./}
  split=$(sed -n 's/^ckptcheck: analysis \([0-9.]*\) s, reading \([0-9.]*\) s, matching \([0-9.]*\) s$/\1 \2 \3/p' "$work/err/$id")
  echo "$(( t1 - t0 )) $(tail -n1 "$work/rss") $rc ${split:-- - -}" | awk '{print $1/1e6, $2, $3, $4, $5, $6}' >>"$work/res/$id"
}
rounds() {  # N JOB... : a warm-up round and N counted rounds of the jobs, interleaved
  local n=$1 r j; shift
  for ((r = 0; r <= n; r++)); do
    ((r)) && echo "  round $r/$n" >&2 || echo "  warm-up round (not counted)" >&2
    for j in "$@"; do eval "$j"; done
    if ((r == 0)); then  # forget the warm-up round's times; keep its outputs for the report
      rm -f "$work"/res/*
      mkdir -p "$work/first"; cp "$work"/out/* "$work/first/"
    fi
  done
}
col_median() {  # ID COLUMN -> median over the counted runs
  awk -v c="$2" '{print $c}' "$work/res/$1" | sort -g |
    awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}
t() { col_median "$1" 1; }
mib() { awk -v k="$(col_median "$1" 2)" 'BEGIN {printf "%.1f", k/1024}'; }
rcs() { awk '{print $3}' "$work/res/$1" | sort -u | paste -sd/; }
num() { awk "BEGIN {printf \"$1\", $2}"; }
size_of() { stat -c %s "$1" | awk '{printf ($1 >= 2^30) ? "%.2f GiB" : "%.1f MiB", ($1 >= 2^30) ? $1/2^30 : $1/2^20}'; }
findings() {  # ID -> "3 CK301, 7 CK304" from the JSON report of the first round
  "$PY" -c "import json,sys,collections
d=json.load(open(sys.argv[1])); c=collections.Counter(f['id'] for f in d['findings'])
print(', '.join('%d %s' % (n, k) for k, n in sorted(c.items())) or 'none')" "$work/first/$1" 2>/dev/null || echo "?"
}

report=$work/report.md
{
  echo "## ckptcheck --model/--spec end to end, and matching vs entries ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "\`bash bench/check_bench.sh --runs $runs --big-runs $big_runs\`"
  echo
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
  echo "- ckptcheck: \`$ckpt\` ($("$ckpt" --version 2>/dev/null | head -n1); repo HEAD $(git -C "$repo" rev-parse --short HEAD 2>/dev/null)); torch $("$PY" -c 'import torch; print(torch.__version__)' 2>/dev/null)"
  echo "- wall-clock medians of interleaved rounds after 1 warm-up round, none dropped; the split is ckptcheck's own \`--timings\` (milliseconds); max RSS from GNU time %M"
} >"$report"

if [[ $parts == *A* ]]; then
  echo "part A: $name end to end ($runs rounds)" >&2
  ckw=$dir/inception.pt
  rounds "$runs" \
    "measure a.model '$ckpt' --model '$model' '$ckw' --timings" \
    "measure a.spec '$ckpt' --spec '$spec' '$ckw' --timings" \
    "measure a.analyze '$ckpt' analyze '$model'" \
    "measure a.parse clang++-19 -fsyntax-only -std=c++17 -w -I'$inc' -I/usr/include '$model'" \
    "measure a.inspect '$ckpt' inspect '$ckw' --format json" \
    "measure a.load '$PY' -c \"import torch,sys; torch.load(sys.argv[1], map_location='cpu')\" '$ckw'" \
    "measure a.import '$PY' -c 'import torch'"
  entries=$(grep -o '"kind"' "$truth" | wc -l)
  {
    echo
    echo "### A. $name.cpp ($entries entries) against a $(size_of "$ckw") state dict of exactly those entries"
    echo
    echo "State dict: the names, shapes and dtypes of $truth_kind, random values, \`torch.save\`."
    echo "Exit status of the check: $(rcs a.model) (0: no breakage found). $runs rounds."
    echo
    echo "| command | median s | analysis s | reading s | matching s | max RSS MiB |"
    echo "|---|---:|---:|---:|---:|---:|"
    echo "| \`ckptcheck --model $name.cpp inception.pt --timings\` | $(num %.3f "$(t a.model)") | $(col_median a.model 4) | $(col_median a.model 5) | $(col_median a.model 6) | $(mib a.model) |"
    echo "| \`ckptcheck --spec saved.json inception.pt --timings\` (no Clang) | $(num %.4f "$(t a.spec)") | $(col_median a.spec 4) | $(col_median a.spec 5) | $(col_median a.spec 6) | $(mib a.spec) |"
    echo "| \`ckptcheck analyze $name.cpp\` (the analyzer alone) | $(num %.3f "$(t a.analyze)") | | | | $(mib a.analyze) |"
    echo "| \`clang++-19 -fsyntax-only\` (LibTorch headers; the parse alone) | $(num %.3f "$(t a.parse)") | | | | $(mib a.parse) |"
    echo "| \`ckptcheck inspect inception.pt --format json\` (the reader alone) | $(num %.4f "$(t a.inspect)") | | | | $(mib a.inspect) |"
    echo "| \`torch.load(inception.pt, map_location='cpu')\` (Python) | $(num %.3f "$(t a.load)") | | | | $(mib a.load) |"
    echo "| python floor: \`python3 -c 'import torch'\` | $(num %.3f "$(t a.import)") | | | | $(mib a.import) |"
    echo
    awk -v m="$(t a.model)" -v a="$(col_median a.model 4)" -v an="$(t a.analyze)" -v p="$(t a.parse)" \
        -v rd="$(col_median a.model 5)" -v mt="$(col_median a.model 6)" -v l="$(t a.load)" -v s="$(t a.spec)" 'BEGIN {
      printf "- analysis is %.1f%% of the check'\''s wall time; reading + matching %.3f s\n", 100 * a / m, rd + mt
      printf "- check / analyze alone: %.2f; check / clang++ -fsyntax-only: %.2f\n", m / an, m / p
      printf "- from a saved spec the whole check takes %.4f s: %.0fx less than torch.load of the same file (%.3f s)\n", s, l / s, l }'
  } >>"$report"
fi

if [[ $parts == *B* ]]; then
  echo "part B: 1 GiB vs 1 MiB ($big_runs rounds)" >&2
  rounds "$big_runs" \
    "measure b.big '$ckpt' --spec '$dir/big.json' '$dir/big.pt' --timings" \
    "measure b.small '$ckpt' --spec '$dir/bigsmall.json' '$dir/bigsmall.pt' --timings" \
    "measure b.loadbig '$PY' -c \"import torch,sys; torch.load(sys.argv[1], map_location='cpu')\" '$dir/big.pt'" \
    "measure b.loadsmall '$PY' -c \"import torch,sys; torch.load(sys.argv[1], map_location='cpu')\" '$dir/bigsmall.pt'"
  {
    echo
    echo "### B. 1 GiB checkpoint: 16 float32 parameters of [4096,4096], each file with its own matching spec"
    echo
    echo "Exit status: $(rcs b.big) (1 GiB), $(rcs b.small) (1 MiB). $big_runs rounds; the files are in the page cache after the warm-up."
    echo
    echo "| file | size | command | median s | analysis s | reading s | matching s | max RSS MiB |"
    echo "|---|---:|---|---:|---:|---:|---:|---:|"
    echo "| big.pt | $(size_of "$dir/big.pt") | \`ckptcheck --spec big.json big.pt --timings\` | $(num %.4f "$(t b.big)") | $(col_median b.big 4) | $(col_median b.big 5) | $(col_median b.big 6) | $(mib b.big) |"
    echo "| bigsmall.pt | $(size_of "$dir/bigsmall.pt") | \`ckptcheck --spec bigsmall.json bigsmall.pt --timings\` | $(num %.4f "$(t b.small)") | $(col_median b.small 4) | $(col_median b.small 5) | $(col_median b.small 6) | $(mib b.small) |"
    echo "| big.pt | $(size_of "$dir/big.pt") | \`torch.load(map_location='cpu')\` | $(num %.3f "$(t b.loadbig)") | | | | $(mib b.loadbig) |"
    echo "| bigsmall.pt | $(size_of "$dir/bigsmall.pt") | \`torch.load(map_location='cpu')\` | $(num %.3f "$(t b.loadsmall)") | | | | $(mib b.loadsmall) |"
    echo
    awk -v b="$(t b.big)" -v s="$(t b.small)" -v l="$(t b.loadbig)" 'BEGIN {
      printf "- ckptcheck, 1 GiB vs 1 MiB with the same 16 entries: %.4f s vs %.4f s (%+.1f%%; within 20%%: %s)\n", b, s, 100 * (b - s) / s, (b <= 1.2 * s && b >= 0.8 * s) ? "PASS" : "MISS"
      printf "- torch.load of the 1 GiB file / the ckptcheck check of it: %.0fx\n", l / b }'
  } >>"$report"
fi

if [[ $parts == *C* ]]; then
  echo "part C: linearity, N in $sizes ($runs rounds)" >&2
  jobs=()
  for n in $sizes; do
    for c in ok lin mod ren; do jobs+=("measure c.$c.$n '$ckpt' --spec '$dir/lin$n.json' '$dir/$c$n.pt' --format json --timings"); done
    jobs+=("measure c.noloc.$n '$ckpt' --spec '$dir/lin$n-noloc.json' '$dir/lin$n.pt' --format json --timings")
  done
  rounds "$runs" "${jobs[@]}"
  {
    echo
    echo "### C. Matching vs number of entries (\`ckptcheck --spec S.json W.pt --format json --timings\`)"
    echo
    echo "Spec: N entries \`{encoder,decoder,head,aux}.blocks.{k}.layer{0..2}.{weight,bias}\` and \`.norm.running_{mean,var}\`, [4,4]/[4] float32, one source line per layer kind. $runs rounds."
    echo "Checkpoints: **ok** exactly the spec's entries; **lin** ~1% renamed (near-miss spellings), ~1% reshaped, ~0.5% missing, ~0.5% extra keys;"
    echo "**mod** the lin keys under \`module.\`; **ren** 10% renamed; **noloc** lin against the same spec with \`\"location\": null\` on every entry."
    echo "µs/entry = median matching s / N; \"<1 ms\" marks phases below the resolution of \`--timings\`."
    echo
    echo "| case | N | wall s | analysis s | reading s | matching s | matching µs/entry | max RSS MiB | findings (first round) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
    for c in ok lin mod ren noloc; do
      for n in $sizes; do
        id=c.$c.$n m=$(col_median "c.$c.$n" 6)
        per=$(awk -v m="$m" -v n="$n" 'BEGIN {if (m < 0.001) print "<1 ms"; else printf "%.2f", 1e6 * m / n}')
        echo "| $c | $n | $(num %.3f "$(t "$id")") | $(col_median "$id" 4) | $(col_median "$id" 5) | $m | $per | $(mib "$id") | $(findings "$id") |"
      done
    done
    echo
    echo "Per-entry matching cost, ratio between sizes (1.0 = linear; the exponent k in time ~ N^k):"
    echo
    first=$(awk '{for (i = 1; i <= NF; i++) if ($i >= 1000) {print $i; exit}}' <<<"$sizes")
    last=$(awk '{print $NF}' <<<"$sizes")
    prev=$(awk '{print $(NF-1)}' <<<"$sizes")
    for c in ok lin mod ren noloc; do
      awk -v c="$c" -v a="$first" -v p="$prev" -v b="$last" -v ta="$(col_median "c.$c.$first" 6)" \
          -v tp="$(col_median "c.$c.$prev" 6)" -v tb="$(col_median "c.$c.$last" 6)" 'BEGIN {
        printf "- %s:", c
        if (ta >= 0.001 && a != b) printf " per entry at %d vs %d: %.1fx;", b, a, (tb / b) / (ta / a)
        if (tp >= 0.005 && p != b) {
          rp = (tb / b) / (tp / p)
          printf " at %d vs %d: %.1fx (k = %.2f) — %s\n", b, p, rp, log(tb / tp) / log(b / p), (rp <= 1.5 ? "linear" : "SUPER-LINEAR")
        } else printf " matching at %d below 5 ms: too close to the resolution of --timings to judge\n", p }'
    done
  } >>"$report"
fi

cat "$report"
if [[ -n $out ]]; then cp "$report" "$out"; echo "wrote $out" >&2; fi
for r in "$work"/res/*; do  # a run that failed (exit 2: usage or input error) is not a measurement
  id=$(basename "$r")
  if awk '$3 > 1 {bad = 1} END {exit !bad}' "$r"; then echo "**$id: some runs exited > 1**; stderr of the last:" >&2; tail -n3 "$work/err/$id" >&2; fi
done
exit 0
