#!/usr/bin/env bash
# inspect_bench.sh — how fast and how small is `ckptcheck inspect` next to torch.load?
#
# Claim under test: ckptcheck reads only the zip central directory and data.pkl of a
# torch.save checkpoint (the file is mmapped, tensor bytes are never touched), so its
# cost should follow the number of tensors, not the number of bytes. We check that with
#   small.pt  256 tensors, 1 MiB      big.pt  the same 256 names, 1 GiB
#   many.pt   100,000 tiny tensors
# (written by bench/make_checkpoints.py into $TMPDIR/ckptcheck-bench, reused if present)
# and time, per file:
#   ckptcheck inspect FILE --format json >/dev/null
#   torch.load(FILE, map_location='meta')     (Python, no tensor data materialised)
#   torch.load(FILE)                          (Python, full load)
# plus two floors to subtract: `python3 -c "import torch"` (interpreter + import) and
# `ckptcheck --version` (process start-up, dynamic linking, no file read).
#
# Method: one warm-up round (not counted), then --runs rounds; each round runs every
# command once, interleaved, so drift hits all commands alike; no run is dropped.
# Each run is wrapped in GNU `/usr/bin/time -f %M` (max RSS, KiB); wall time is
# taken by bash ($EPOCHREALTIME, µs) around that wrapper, so every time includes the
# same ~1 ms of fork/exec for /usr/bin/time (see the "harness floor" row). Medians.
# The files are read warm from the page cache after the warm-up round, for both sides.
#
# Usage: bench/inspect_bench.sh [--runs N] [--ckptcheck PATH] [--out FILE] [--dir DIR] [--clean]
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ckpt=$(dirname "$here")/build/tool/ckptcheck
dir=${TMPDIR:-/tmp}/ckptcheck-bench
runs=7 out="" clean=0
PY=/usr/bin/python3   # has torch; the python3 first on PATH may not

while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --ckptcheck) ckpt=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --clean) clean=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if ((clean)); then rm -rf -- "$dir"; echo "removed $dir"; exit 0; fi
[[ -x $ckpt ]] || { echo "no ckptcheck binary at $ckpt (build it or pass --ckptcheck)" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "--runs needs a positive integer" >&2; exit 2; }

"$PY" "$here/make_checkpoints.py" "$dir"
work=$(mktemp -d); trap 'rm -rf -- "$work"' EXIT
mkdir "$work/res" "$work/err"

# [sink=FILE] measure ID CMD... : run CMD once, stdout to $sink (default /dev/null);
# append "seconds maxrss_kib exit_status" to $work/res/ID.
measure() {
  local id=$1 rc=0 t0 t1; shift
  : >"$work/rss"; t0=${EPOCHREALTIME/./}
  /usr/bin/time -f %M -o "$work/rss" "$@" >"${sink:-/dev/null}" 2>"$work/err/$id" || rc=$?
  t1=${EPOCHREALTIME/./}
  echo "$(( t1 - t0 )) $(tail -n1 "$work/rss") $rc" | awk '{print $1/1e6, $2, $3}' >>"$work/res/$id"
}
job() {  # KIND FILE
  case $1 in
    harness) measure harness true ;;
    import)  measure import "$PY" -c 'import torch' ;;
    version) measure version "$ckpt" --version ;;
    ckpt)    sink=$( ((r)) || echo "$work/$2.json") measure "ckpt.$2" "$ckpt" inspect "$dir/$2.pt" --format json ;;
    meta)    measure "meta.$2" "$PY" -c "import torch,sys; torch.load(sys.argv[1], map_location='meta')" "$dir/$2.pt" ;;
    full)    measure "full.$2" "$PY" -c "import torch,sys; torch.load(sys.argv[1])" "$dir/$2.pt" ;;
  esac
}
files=(small big many)
jobs=("harness -" "import -" "version -")
for f in "${files[@]}"; do jobs+=("ckpt $f" "meta $f" "full $f"); done

for ((r = 0; r <= runs; r++)); do
  ((r)) && echo "round $r/$runs" >&2 || echo "warm-up round (not counted)" >&2
  for j in "${jobs[@]}"; do job $j; done
  ((r)) || rm -f "$work"/res/*   # forget the warm-up round only
done

col_median() {  # ID COLUMN -> median of that column over all counted runs
  awk -v c="$2" '{print $c}' "$work/res/$1" | sort -g |
    awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'
}
t() { col_median "$1" 1; }
mib() { awk -v k="$(col_median "$1" 2)" 'BEGIN {printf "%.1f", k/1024}'; }
failed() { awk '$3 != 0 {n++} END {if (n) printf " **(%d/%d runs failed)**", n, NR}' "$work/res/$1"; }
num() { awk "BEGIN {printf \"$1\", $2}"; }
ratio() { awk "BEGIN {x = $1; printf (x < 10) ? \"%.2fx\" : \"%.0fx\", x}"; }

report=$work/report.md
{
  echo "## ckptcheck inspect vs torch.load ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) RAM"
  echo "- ckptcheck: \`$ckpt\` ($("$ckpt" --version 2>/dev/null | head -n1); repo HEAD $(git -C "$here" rev-parse --short HEAD 2>/dev/null)); torch $("$PY" -c 'import torch; print(torch.__version__)'); $runs counted runs per command after 1 warm-up round, interleaved, none dropped"
  echo "- the 1 GiB file fits in RAM, so after the warm-up every run reads it from the page cache — for ckptcheck and torch alike"
  echo "- times are wall-clock medians including ~the harness floor (fork/exec of /usr/bin/time); max RSS from GNU time %M, median"
  echo
  echo "| file | tensors | file size | command | median s | median max-RSS MiB | ratio (torch / ckptcheck) |"
  echo "|---|---:|---:|---|---:|---:|---:|"
  echo "| — | — | — | harness floor: \`/usr/bin/time true\`$(failed harness) | $(num %.4f "$(t harness)") | $(mib harness) | |"
  echo "| — | — | — | ckptcheck floor: \`ckptcheck --version\`$(failed version) | $(num %.4f "$(t version)") | $(mib version) | |"
  echo "| — | — | — | python floor: \`python3 -c 'import torch'\`$(failed import) | $(num %.3f "$(t import)") | $(mib import) | |"
  for f in "${files[@]}"; do
    n=$(grep -o '"tensors":[0-9]\+' "$work/$f.json" | head -n1 | cut -d: -f2 || true)
    size=$(stat -c %s "$dir/$f.pt" | awk '{printf ($1 >= 2^30) ? "%.2f GiB" : "%.2f MiB", ($1 >= 2^30) ? $1/2^30 : $1/2^20}')
    ck=$(t "ckpt.$f")
    echo "| $f.pt | ${n:-?} | $size | \`ckptcheck inspect --format json\`$(failed "ckpt.$f") | $(num %.4f "$ck") | $(mib "ckpt.$f") | 1 |"
    echo "| $f.pt | ${n:-?} | $size | \`torch.load(map_location='meta')\`$(failed "meta.$f") | $(num %.3f "$(t "meta.$f")") | $(mib "meta.$f") | $(ratio "$(t "meta.$f")/$ck") |"
    echo "| $f.pt | ${n:-?} | $size | \`torch.load()\`$(failed "full.$f") | $(num %.3f "$(t "full.$f")") | $(mib "full.$f") | $(ratio "$(t "full.$f")/$ck") |"
  done
  echo
  pm() { awk "BEGIN {print ($1) ? \"PASS\" : \"MISS\"}"; }
  cs=$(t ckpt.small) cb=$(t ckpt.big) mb=$(t meta.big) floor=$(t import)
  rb=$(mib ckpt.big) rm_=$(mib ckpt.many)
  echo "Targets:"
  echo
  echo "- (i) $(pm "$cb <= 1.2 * $cs && $cb >= 0.8 * $cs") — ckptcheck time, 1 GiB vs 1 MiB file with the same 256 tensors, within 20%:" \
       "$(num %.4f "$cb") s vs $(num %.4f "$cs") s ($(num %+.1f%% "100 * ($cb - $cs) / $cs"))"
  echo "- (ii) $(pm "$mb >= 100 * $cb") — ckptcheck ≥ 100x faster than meta-device torch.load on the 1 GiB file:" \
       "$(ratio "$mb / $cb") (net of the import-torch floor: $(ratio "($mb - $floor) / $cb"))"
  echo "- (iii) $(pm "$rb < 32 && $rm_ < 32") — ckptcheck peak RSS < 32 MiB on the 1 GiB file ($rb MiB) and on the 100,000-tensor file ($rm_ MiB)"
} >"$report"

cat "$report"
if [[ -n $out ]]; then cp "$report" "$out"; echo "wrote $out" >&2; fi
for e in "$work"/err/*; do [[ -s $e ]] && { echo "stderr of $(basename "$e") (last run):" >&2; tail -n3 "$e" >&2; }; done
exit 0
