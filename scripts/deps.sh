#!/usr/bin/env bash
# Installs what fabcast needs to build (and, with `test`, to test), and nothing when all is present:
# Debian packages with apt-get, then the pinned front-end packages of web/package-lock.json with npm.
# This is the single place dependencies are named; the Makefile, the README and .ci/run use it.
# Why each package is here: docs/dependencies.md.
#   scripts/deps.sh        build dependencies
#   scripts/deps.sh test   build and test dependencies
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  build-essential       # g++ 12 (C++20) and make
  cmake                 # the build system
  pkg-config            # finds libxlsxwriter
  libcli11-dev          # command-line parsing for the fabcast shell
  libtomlplusplus-dev   # scenario and reference-data files (TOML, with line and column positions)
  libfmt-dev            # number and table formatting
  nlohmann-json3-dev    # JSON output
  librandom123-dev      # Philox counter-based random streams
  libboost-math-dev     # quantile and CDF functions (beta, PERT) and test references
  libeigen3-dev         # Cholesky factorisation for Iman-Conover rank correlation
  libsqlitecpp-dev      # the run store (SQLite through a small RAII C++ wrapper)
  libssl-dev            # SHA-256 of a run's resolved scenario (OpenSSL libcrypto)
  libxlsxwriter-dev     # Excel export
  libmuparser-dev       # expressions over reference data in claims files
  zlib1g-dev            # reads back the workbooks libxlsxwriter writes, to catch parts it lost
  nodejs                # npm installs the chart libraries reports inline (web/)
  libgtest-dev          # unit tests
  libgmock-dev          # unit tests (matchers)
  libbenchmark-dev      # the throughput benchmark
)
if [ "${1:-}" = "test" ]; then
  PACKAGES+=(
    python3-openpyxl    # the tests read exported workbooks back with an independent reader
    chromium            # the browser test renders a report headless (driven by playwright-core)
    clang               # the fuzz targets: libFuzzer comes with clang, not g++ (fuzz/, docs/fuzzing.md)
    libclang-rt-dev     # libFuzzer and clang's sanitizer runtimes (only a recommendation of clang)
    llvm                # llvm-symbolizer: file and line in the fuzz targets' stack traces
    clang-format        # CI checks that every C++ source is formatted (scripts/check-format.sh)
  )
fi
# npm: a Node.js from nodesource carries its own; Debian's comes as a separate package.
if ! command -v npm >/dev/null 2>&1; then PACKAGES+=(npm); fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! installed "$pkg"; then
    missing+=("$pkg")
  fi
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "deps: installing ${missing[*]}" >&2
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    SUDO="sudo"
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi

# Front-end packages, exactly as pinned (npm ci), when missing or older than the lock file.
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  echo "deps: npm ci in web/" >&2
  npm ci --prefix web --no-audit --no-fund --loglevel=error >&2
fi
