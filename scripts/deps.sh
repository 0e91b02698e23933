#!/usr/bin/env bash
# Installs the Debian packages fabcast needs to build and test, and nothing when all are present.
# This list is the single place dependencies are named; the Makefile, the README and .ci/run use it.
# Why each package is here: docs/dependencies.md.
set -euo pipefail

PACKAGES=(
  build-essential       # g++ 12 (C++20) and make
  cmake                 # the build system
  libcli11-dev          # command-line parsing for the fabcast shell
  libtomlplusplus-dev   # scenario and reference-data files (TOML, with line and column positions)
  libfmt-dev            # number and table formatting
  nlohmann-json3-dev    # JSON output
  librandom123-dev      # Philox counter-based random streams
  libboost-math-dev     # quantile and CDF functions (beta, PERT) and test references
  libeigen3-dev         # Cholesky factorisation for Iman-Conover rank correlation
  libgtest-dev          # unit tests
  libgmock-dev          # unit tests (matchers)
  libbenchmark-dev      # the throughput benchmark
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi

echo "deps: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
