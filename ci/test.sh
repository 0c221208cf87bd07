#!/usr/bin/env bash
# Sets up the machine, builds everything and runs the test suite (all but the
# tests labelled slow: ci/slow_tests.sh).
# This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
bash ci/format_check.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
# Tests labelled slow (a second, slower path to the same truth) are left to
# bash ci/slow_tests.sh, to keep this run well under CI's time limit.
ctest --test-dir build --output-on-failure -j"$(nproc)" --label-exclude slow
# A one-minute fuzzing smoke per input reader, with their seeds (a separate
# sanitizer build; longer runs: bash ci/fuzz.sh SECONDS).
bash ci/fuzz.sh 60
