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

//! FABCAST_FUZZ_CHECK_FINITE=1 adds the invariant that draws are finite. Off by default while
//! non-finite draws (huge parameters whose quantiles overflow) are a known, open bug class.
inline bool check_finite() {
  static const bool on = flag("FABCAST_FUZZ_CHECK_FINITE");
  return on;
}

//! FABCAST_FUZZ_SKIP_KNOWN=1 skips inputs of the known, open bug classes listed in
//! docs/fuzzing.md, so a long exploratory run finds something new. The committed runner never
//! sets it: every saved regression input is replayed as it is.
inline bool skip_known() {
  static const bool on = flag("FABCAST_FUZZ_SKIP_KNOWN");
  return on;
}

//! True when `d` falls in a known, open bug class (docs/fuzzing.md), for skip_known().
bool known_bug(const core::Distribution& d);
//! True when `sc` or one of its distributions falls in a known, open bug class, for skip_known().
bool known_bug(const scenario::Scenario& sc);
//! True when the TOML text sets an empty run.correlation list, a known bug that crashes the
//! loader itself (so it is checked before loading), for skip_known().
bool empty_correlation(std::string_view toml_text);

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
