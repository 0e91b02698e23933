# fabcast: `make run` and `make test` are the two entry points (README). Both install missing
# Debian packages first (scripts/deps.sh), so they work on a fresh Debian 12 machine.
.PHONY: deps build run test test-release test-asan bench docs clean

JOBS ?= 2
RUN_ARGS ?= run altman-7t

deps:
	@bash scripts/deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release -j$(JOBS)

run: build
	./build/fabcast $(RUN_ARGS)

test: test-release test-asan

test-release: build
	@ctest --preset release -j$(JOBS)

# The sanitizer build runs the whole suite again: memory and undefined-behaviour errors fail it.
test-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan -j$(JOBS)
	@ctest --preset asan -j$(JOBS)

bench: build
	@bash bench/run.sh
	@bash bench/compare.sh

# Regenerates docs/data-sources.md and the key reference in docs/scenario-format.md.
docs: build
	@bash scripts/gen-docs.sh

clean:
	rm -rf build build-debug build-asan
