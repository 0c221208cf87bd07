#!/usr/bin/env bash
# Fails when C++ lines changed since BASE (default: the parent commit) are not
# formatted as .clang-format says; prints the diff that would fix them. Only
# changed lines are held to it, so old code is reformatted as it is touched.
# Third-party corpus files keep their authors' formatting.
# Usage: ci/format_check.sh [BASE]
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD~1}
if ! git rev-parse -q --verify "$base^{commit}" >/dev/null; then
  echo "format check: no $base in this clone (shallow?); skipped"
  exit 0
fi
fixes=$(git diff -U0 --no-color "$base" -- '*.cpp' '*.h' '*.inl' ':!tests/corpus/' |
  clang-format-diff-19 -p1 -style=file || true)  # exits 1 when it has fixes
if [ -n "$fixes" ]; then
  echo "$fixes"
  echo "format check: the lines above, changed since $base, are not formatted as .clang-format says."
  echo "Fix: git diff -U0 $base | clang-format-diff-19 -p1 -i"
  exit 1
fi
echo "format check: changed lines since $base are formatted"
