#!/usr/bin/env bash
# Installs every Debian package ckptcheck needs to build, test and benchmark.
# Idempotent; run as root (or with sudo) on Debian bookworm.
set -euo pipefail

packages=(
  # build
  cmake g++ make pkg-config
  # the analyzer: Clang 19 LibTooling
  clang-19 libclang-19-dev libclang-cpp19-dev llvm-19-dev
  libclang-rt-19-dev   # libFuzzer and sanitizer runtimes for the fuzz targets
  clang-format-19      # ci/format_check.sh: changed lines must be formatted (.clang-format)
  clang-tidy-19        # .clang-tidy, run by hand (README)
  # libraries
  nlohmann-json3-dev   # JSON in and out
  libcli11-dev         # command-line parsing
  zlib1g-dev           # deflate and CRC-32 for zip records
  libseccomp-dev       # the analyzer's sandbox for model code (seccomp filters)
  libssl-dev           # SHA-256 (libcrypto) for the analysis cache's keys and file hashes
  libgtest-dev libgmock-dev  # unit tests
  python3-jsonschema   # validates JSON and SARIF output against schemas/ in ctest
  # ground truth: LibTorch (C++ fixtures) and Python torch (fixtures, expected listings, benchmarks)
  libtorch-dev python3-torch python3-torchvision
  # benchmarks
  hyperfine time
)

# npm fetches the SARIF 2.1.0 schema (ci/sarif_schema.sh). Some nodejs builds
# bring their own npm and conflict with Debian's package, so ask only when absent.
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
if [ "${#missing[@]}" -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages already installed"
else
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
  echo "setup: installed ${missing[*]}"
fi
$SUDO bash "$(dirname "$0")/sarif_schema.sh"
