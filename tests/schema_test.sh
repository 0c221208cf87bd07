#!/usr/bin/env bash
# Validates every JSON form ckptcheck writes against its schema: sample Reports
# as report/v1 and SARIF 2.1.0, manifests of the fixtures, the check's goldens (report and SARIF), a sample ModelSpec, `inspect --format json` of
# every committed fixture (readable, hostile and one call over several files),
# and, when the analyzer is built, `analyze --format json` of every model fixture.
# Usage: schema_test.sh SAMPLES_EXE CKPTCHECK_EXE SOURCE_DIR SARIF_SCHEMA [ANALYZE]
set -euo pipefail
samples=$1 ckptcheck=$2 src=$3 sarif_schema=$4 analyze=${5:-}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

"$samples" "$out"

# inspect exits 1 or 2 on files with findings or broken files; the JSON must
# still follow the schema, and it must not be empty.
inspect() {
  local name=$1; shift
  "$ckptcheck" inspect --format json "$@" > "$out/inventory_$name.json" || true
  [ -s "$out/inventory_$name.json" ] || { echo "FAIL: inspect wrote nothing for $*"; exit 1; }
}
for f in "$src"/tests/fixtures/files/* "$src"/tests/fixtures/hostile/* "$src"/tests/fixtures/safetensors/*; do
  [ -f "$f" ] || continue
  case "$f" in *.json|*.py|*.md) continue ;; esac
  inspect "$(basename "$f")" "$f"
done
inspect several "$src"/tests/fixtures/files/sd_zip.pt "$src"/tests/fixtures/files/ckpt_train.pt

# A manifest of every readable fixture, and the listing of one manifest.
manifests=0
for f in "$src"/tests/fixtures/files/* "$src"/tests/fixtures/safetensors/st_valid.safetensors; do
  case "$f" in *.json|*.py|*.md) continue ;; esac
  "$ckptcheck" manifest "$f" > "$out/manifest_$(basename "$f").json" 2>/dev/null || rm -f "$out/manifest_$(basename "$f").json"
  [ -s "$out/manifest_$(basename "$f").json" ] && manifests=$((manifests + 1))
done
[ "$manifests" -gt 10 ] || { echo "FAIL: only $manifests manifests written"; exit 1; }
inspect of_manifest "$out/manifest_sd_zip.pt.json"

# The --no-exec engine on every model fixture, the example and code that does
# not compile (CK501). ckptcheck's bundled LibTorch declarations keep this
# fast; which headers are parsed does not change the output's form. analyze
# exits non-zero on findings. About 3 s a file, so they run side by side.
# The running engine on models that give each part of its output: the module
# tree, fitted expressions, conditions and repeated groups (inferred_from_runs),
# a construction found in main(). Its failures (exit 2) print no spec at all.
if [ "$analyze" = analyze ]; then
  export ckptcheck out
  printf '%s\0' "$src"/examples/net.cpp "$src"/tests/models/*.cpp "$src"/tests/analyze_contract/does_not_compile.cpp |
    xargs -0 -n1 -P"$(nproc)" sh -c '"$ckptcheck" analyze --no-exec --torch-include bundled --format json "$1" \
      > "$out/modelspec_$(basename "$1").json" 2>/dev/null || true' sh
  printf '%s\0' "$src"/examples/net.cpp "$src"/tests/models/conditional_heads.cpp "$src"/tests/models/transformer_encoder.cpp \
    "$src"/tests/models/vit_like.cpp "$src"/tests/analyze_exec/built_in_main.cpp |
    xargs -0 -n1 -P"$(nproc)" sh -c '"$ckptcheck" analyze --format json "$1" \
      > "$out/modelspec_exec_$(basename "$1").json" 2>/dev/null || true' sh
  for json in "$out"/modelspec_*.cpp.json; do
    [ -s "$json" ] || { echo "FAIL: analyze wrote nothing into $json"; exit 1; }
  done
fi

# The check's goldens (tests/check/goldens): every report and SARIF log a story gives.
for g in "$src"/tests/check/goldens/*.json; do cp "$g" "$out/report_golden_$(basename "$g")"; done
for g in "$src"/tests/check/goldens/*.sarif; do cp "$g" "$out/sarif_golden_$(basename "$g" .sarif).json"; done
# The spec the check itself uses (symbolic defaults, tied entries, loader calls).
if [ "$analyze" = analyze ]; then
  "$ckptcheck" analyze --torch-include bundled --format json --symbolic-defaults "$src"/examples/net.cpp \
    "$src"/tests/check/models/tied_lm.cpp --class NetImpl > "$out/modelspec_check_example.json" || true
  "$ckptcheck" analyze --torch-include bundled --format json --symbolic-defaults \
    "$src"/tests/check/models/tied_lm.cpp > "$out/modelspec_check_tied.json" || true
  # A baseline of the README example's findings.
  (cd "$src" && "$ckptcheck" --model examples/net.cpp examples/net_weights.pt --torch-include bundled \
    --write-baseline "$out/baseline_example.json" > /dev/null 2>&1) || true
  [ -s "$out/baseline_example.json" ] || { echo "FAIL: --write-baseline wrote nothing"; exit 1; }
fi

/usr/bin/python3 "$src"/tests/validate_schemas.py "$src"/schemas "$sarif_schema" "$out"
