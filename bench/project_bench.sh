#!/usr/bin/env bash
# project_bench.sh — what does the pre-merge gate cost for a repository of 10 models, cold
# (every model's analysis computed) and warm (every analysis from the cache, as on a push
# that changes no model code)?
#
# The repository: ten distinct models of the check's stories (tests/check/stories.json),
# each with the checkpoint its story holds, listed under "models" in a .ckptcheck.json. Its
# commands, in interleaved rounds (one warm-up round, not counted, then --runs rounds),
# medians, no run dropped:
#   ckptcheck                 cold: an empty analysis cache ($XDG_CACHE_HOME) each run
#   ckptcheck                 warm: the cache filled by the warm-up round
#   ckptcheck -j 1            cold, one model at a time
#   10 x ckptcheck --model    cold, one after another: the shell loop a team writes without
#                             a project file (the peer)
#   10 x ckptcheck --model    warm
# The bundled LibTorch declarations are not used: the models are analysed as in CI,
# against ckptcheck's meta LibTorch.
#
# Usage: bench/project_bench.sh [--runs N] [--ckptcheck PATH] [--out FILE]
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(dirname "$here")
ckpt=$repo/build/tool/ckptcheck
runs=5 out=""
while (($#)); do
  case $1 in
    --runs) runs=$2; shift 2 ;;
    --ckptcheck) ckpt=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -x "$ckpt" ] || { echo "no ckptcheck at $ckpt; build first" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# Ten stories with distinct models; paths absolute, so the project needs no copies.
/usr/bin/python3 - "$repo/tests/check" "$work" <<'PY'
import json, os, sys
stories_dir, work = sys.argv[1], sys.argv[2]
models, seen = [], set()
for s in json.load(open(os.path.join(stories_dir, "stories.json"))):
    if s["model"] in seen or s["flags"] or s["args"]:
        continue
    seen.add(s["model"])
    models.append({"name": s["name"], "sources": [os.path.join(stories_dir, s["model"])], "class": s["class"],
                   "checkpoints": [os.path.join(stories_dir, s["checkpoint"])]})
    if len(models) == 10:
        break
assert len(models) == 10, len(models)
json.dump({"models": models}, open(os.path.join(work, ".ckptcheck.json"), "w"), indent=1)
with open(os.path.join(work, "loop.sh"), "w") as f:
    for m in models:
        f.write(f"\"$1\" --model {m['sources'][0]} --class {m['class']} {m['checkpoints'][0]} > /dev/null || true\n")
PY

now() { echo "$EPOCHREALTIME"; }
declare -A times
run() {  # run LABEL CACHE_DIR COMMAND...: appends the wall time to times[LABEL]
  local label=$1 cache=$2; shift 2
  local start end
  start=$(now)
  (cd "$work" && XDG_CACHE_HOME=$cache "$@" > /dev/null 2>&1) || true
  end=$(now)
  times[$label]+="$(awk -v a="$start" -v b="$end" 'BEGIN {printf "%.4f", b - a}') "
}
labels=("ckptcheck, cold" "ckptcheck, warm" "ckptcheck -j 1, cold" "10 x ckptcheck --model, cold" "10 x ckptcheck --model, warm")
warm_cache=$work/warm-cache
for round in $(seq 0 "$runs"); do
  cold=$work/cold-$round
  run "ckptcheck, cold" "$cold-a" "$ckpt"
  run "ckptcheck, warm" "$warm_cache" "$ckpt"
  run "ckptcheck -j 1, cold" "$cold-b" "$ckpt" -j 1
  run "10 x ckptcheck --model, cold" "$cold-c" bash "$work/loop.sh" "$ckpt"
  run "10 x ckptcheck --model, warm" "$warm_cache" bash "$work/loop.sh" "$ckpt"
  rm -rf "$cold-a" "$cold-b" "$cold-c"
  if [ "$round" = 0 ]; then for l in "${labels[@]}"; do times[$l]=""; done; fi  # the warm-up round
done

median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
{
  echo "## A 10-model repository, cold and warm ($(date -u '+%Y-%m-%d %H:%M UTC'))"
  echo
  echo "\`bash bench/project_bench.sh --runs $runs\`"
  echo
  echo "- machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); $runs interleaved runs, medians"
  echo
  echo "| command | median s |"
  echo "|---|---:|"
  declare -A med
  for l in "${labels[@]}"; do
    med[$l]=$(echo "${times[$l]}" | median)
    printf '| %s | %.3f |\n' "$l" "${med[$l]}"
  done
  echo
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }
  echo "ratios: project / loop of single checks, cold $(ratio "${med[ckptcheck, cold]}" "${med[10 x ckptcheck --model, cold]}")," \
    "warm $(ratio "${med[ckptcheck, warm]}" "${med[10 x ckptcheck --model, warm]}");" \
    "warm / cold $(ratio "${med[ckptcheck, warm]}" "${med[ckptcheck, cold]}");" \
    "-j 1 / one per core $(ratio "${med[ckptcheck -j 1, cold]}" "${med[ckptcheck, cold]}")"
} | tee ${out:+"$out"}
