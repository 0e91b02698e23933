#!/usr/bin/env bash
# Runs the sampling benchmarks on the release build and prints the machine they ran on.
# Usage: bash bench/run.sh [extra Google Benchmark flags]   (after `make build`)
set -euo pipefail
cd "$(dirname "$0")/.."
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(uname -sr)"
echo "build:   $(git rev-parse --short HEAD 2>/dev/null || echo unknown), $(g++ --version | head -1)"
./build/bench/fabcast_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true "$@"
