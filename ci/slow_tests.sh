#!/usr/bin/env bash
# Runs the tests labelled slow, which the README's test command (ci/test.sh)
# leaves out to keep CI well under its time limit: today the static engine
# (--no-exec) with LibTorch's own headers against LibTorch's truth, about 7
# minutes of CPU. Builds first, as ci/test.sh does.
#
#   bash ci/slow_tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."
bash ci/setup.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)" --label-regex slow
