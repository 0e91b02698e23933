#pragma once
// What the fuzz targets share (docs/fuzzing.md): the error contract, the run of a loaded scenario
// and the switches read from the environment. A finding aborts, so libFuzzer saves the input.

#include "core/distribution.hpp"
#include "core/errors.hpp"
#include "scenario/scenario.hpp"

#include <string_view>

// Targets built with FABCAST_FUZZ_RUN=1 (fuzz/CMakeLists.txt) also run the model.
#ifndef FABCAST_FUZZ_RUN
#define FABCAST_FUZZ_RUN 0
#endif

namespace fabcast::fuzz {

//! Whether this target runs the model after compiling it.
inline constexpr bool RUN_MODEL = FABCAST_FUZZ_RUN != 0;

//! Prints what went wrong and aborts: libFuzzer reports the stack and saves the input.
[[noreturn]] void finding(std::string_view what, std::string_view detail = {});

//! True when the environment variable `name` is set to anything but "" or "0".
bool flag(const char* name);

//! Runs `body`: returning, or throwing InputError (bad input, reported to the user with exit
//! code 2), is a correct outcome. Any other exception is a finding and is left uncaught on
//! purpose: std::terminate then aborts at the throw, before any unwinding, so the stack trace
//! shows where it was thrown, and libstdc++ prints its type and what().
template <class Body>
void expect_input_errors(Body&& body) {
  try {
    body();
  } catch (const InputError&) {
  }
}

//! Compiles `sc` into the fab model and, when `run` is set, runs a few samples of it on one
//! thread with a fixed seed: InputError and RunError are correct outcomes, anything else a
//! finding; a model that does not finish is caught by libFuzzer's -timeout.
void compile_and_run(const scenario::Scenario& sc, bool run);

}  // namespace fabcast::fuzz
