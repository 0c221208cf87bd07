#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/, under ASan and UBSan) and runs each
# for SECONDS with its seed corpus, then prints executions, executions per
# second and coverage per target. Fails if any target finds a crash, a leak, a
# timeout or an out-of-memory input; the input is kept under build-fuzz/artifacts.
# The random seed is fixed (-seed=1) so a run repeats what it tried.
#
#   bash ci/fuzz.sh [SECONDS] [TARGET...]     (default: 60 s each, every target)
#
# ci/test.sh runs the one-minute smoke; longer runs (toward 10^7 executions a
# target) are the same command with more seconds. New inputs found go to a
# scratch corpus, never into the seeds.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
all=(fuzz_inspect fuzz_zip fuzz_pickle_vm fuzz_torch_readers fuzz_safetensors fuzz_model_spec fuzz_config)
if [ $# -gt 0 ]; then targets=("$@"); else targets=("${all[@]}"); fi

build=build-fuzz
mkdir -p "$build"
if ! { CC=clang-19 CXX=clang++-19 cmake -S . -B "$build" -DCKPTCHECK_FUZZ=ON -DCKPTCHECK_BUILD_ANALYZER=OFF \
  -DCKPTCHECK_TORCH_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo &&
  cmake --build "$build" -j"$(nproc)" --target fuzz_targets; } >"$build/build.log" 2>&1; then
  tail -40 "$build/build.log"
  exit 1
fi

artifacts=$build/artifacts
mkdir -p "$artifacts"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The checkpoint seeds: every fixture and hostile case up to 128 KiB, which
# covers each payload, deep, DAG and LONG case. The larger ones sit exactly at
# a limit (32 MiB inflated, 50,000 module paths, 100,000 names) and are tested
# there by ctest; as seeds they would make every execution cost what one of
# them costs and lift -max_len to a megabyte.
checkpoint_seeds=$scratch/checkpoint_seeds
mkdir -p "$checkpoint_seeds"
find tests/fixtures/files tests/fixtures/hostile -maxdepth 1 -type f ! -name '*.json' ! -name '*.md' ! -name '*.py' \
  -size -129k -exec cp {} "$checkpoint_seeds/" \;
cp tests/fuzz/seeds/manifest/* "$checkpoint_seeds/"  # the reader reads manifests too

seeds_of() {
  case $1 in
    fuzz_safetensors) echo tests/fixtures/safetensors ;;
    fuzz_model_spec) echo tests/fuzz/seeds/model_spec ;;
    fuzz_config) echo tests/fuzz/seeds/config ;;
    *) echo "$checkpoint_seeds" ;;
  esac
}

# One target's run; its verdict goes to $scratch/TARGET.result.
run_target() {
  local target=$1 corpus=$scratch/$1 log=$scratch/$1.log
  mkdir -p "$corpus"
  # The seeds are read, never written: libFuzzer adds new inputs to the first directory only.
  # shellcheck disable=SC2046
  if "$build/tests/fuzz/$target" -seed=1 -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$target-" "$corpus" $(seeds_of "$target") >"$log" 2>&1; then
    echo ok >"$scratch/$target.result"
  else
    echo "FAILED (see $artifacts and the log below)" >"$scratch/$target.result"
  fi
}

# Targets run side by side, one per core (each libFuzzer process uses one), so
# the smoke costs SECONDS x targets / cores; the table is printed in order.
jobs=$(nproc)
for target in "${targets[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n || true; done
  run_target "$target" &
done
wait

failures=0
printf '%-20s %12s %10s %8s %8s %8s  %s\n' target executions exec/s edges features corpus result
for target in "${targets[@]}"; do
  log=$scratch/$target.log
  result=$(cat "$scratch/$target.result" 2>/dev/null || echo "FAILED (no result)")
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  rate=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  edges=$(grep -o 'cov: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo 0)
  features=$(grep -o 'ft: [0-9]*' <<<"$last" | grep -o '[0-9]*' || echo 0)
  printf '%-20s %12s %10s %8s %8s %8s  %s\n' "$target" "$runs" "$rate" "$edges" "$features" "$(ls "$scratch/$target" | wc -l)" "$result"
  if [ "$result" != ok ]; then
    failures=$((failures + 1))
    tail -40 "$log"
  fi
done
exit $((failures > 0))
