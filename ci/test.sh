#!/usr/bin/env bash
# Sets up the machine, builds everything and runs the whole test suite.
# This is the README's test command and what CI runs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
bash ci/format_check.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
# A one-minute fuzzing smoke per input reader, with their seeds (a separate
# sanitizer build; longer runs: bash ci/fuzz.sh SECONDS).
bash ci/fuzz.sh 60
