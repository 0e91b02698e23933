# fabcast: `make run` and `make test` are the two entry points (README). Both install missing
# Debian packages first (scripts/deps.sh), so they work on a fresh Debian 12 machine.
.PHONY: deps deps-test build run test test-format test-release test-asan test-fuzz bench docs clean

JOBS ?= 2
SCENARIO ?= altman-7t
# The claims checked in the report of the default scenario (claims/; empty: none).
CLAIMS ?= $(if $(filter altman-7t,$(SCENARIO)),altman-7t-2024)

deps:
	@bash scripts/deps.sh

deps-test:
	@bash scripts/deps.sh test

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j$(JOBS)

# Runs the default scenario (stored in the run store), then writes its HTML report.
run: build
	./build/fabcast run $(SCENARIO)
	./build/fabcast report latest $(if $(CLAIMS),--claims $(CLAIMS)) -o build/report/$(SCENARIO).html

test: test-format test-release test-asan test-fuzz

# Every C++ source as clang-format writes it (.clang-format; `bash scripts/check-format.sh --fix`).
test-format: deps-test
	@bash scripts/check-format.sh

test-release: deps-test build
	@ctest --preset release -j$(JOBS)

# The sanitizer build runs the whole suite again: memory and undefined-behaviour errors fail it.
test-asan: deps-test
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j$(JOBS)
	@ctest --preset asan -j$(JOBS)

# The fuzz targets (clang, libFuzzer, ASan+UBSan): every saved regression input, then about 40 s of
# fuzzing with a fixed seed (fuzz/run.sh; FUZZ_SECONDS=3600 bash fuzz/run.sh fuzzes longer).
test-fuzz: deps-test
	@cmake --preset fuzz >/dev/null
	@cmake --build --preset fuzz -j$(JOBS)
	@bash fuzz/run.sh

bench: build
	@bash bench/run.sh
	@bash bench/compare.sh

# Regenerates docs/data-sources.md and the key reference in docs/scenario-format.md.
docs: build
	@bash scripts/gen-docs.sh

clean:
	rm -rf build build-debug build-asan build-fuzz
