// Fuzz target: bytes as the TOML text of a scenario file -> scenario::load_scenario_text, then the
// fab model compiled from it. A bad scenario must be an InputError (ScenarioError lists every
// problem); a loaded one must compile or be refused with an InputError.
// Built twice (fuzz/CMakeLists.txt): fuzz_scenario stops there; fuzz_scenario_run
// (FABCAST_FUZZ_RUN) also runs a few samples, which must finish or fail with a RunError.

#include "fuzz_support.hpp"

#include "scenario/loader.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  fabcast::fuzz::expect_input_errors([&] {
    const auto sc = fabcast::scenario::load_scenario_text(text, "fuzz.toml");
    fabcast::fuzz::compile_and_run(sc, fabcast::fuzz::RUN_MODEL);
  });
  return 0;
}
