// Fuzz target: `--set KEY=VALUE` overrides on a shipped scenario. The first line of the input
// names the scenario (one of SCENARIOS; anything else means bench-b1 and counts as an override),
// every further line is one override, applied in order as the command line applies them.
// A bad override must be an InputError; a scenario that loads must compile or be refused with one,
// and its run must finish or fail with a RunError (fuzz/CMakeLists.txt says why this target runs).

#include "fuzz_support.hpp"

#include "scenario/loader.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

// Two shipped scenarios unlike each other: yearly steps, one region and logic only (bench-b1), and
// quarterly steps over six regions with every kind of module (altman-7t).
constexpr std::array<std::string_view, 2> SCENARIOS = {"bench-b1", "altman-7t"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string scenario(SCENARIOS.front());
  fabcast::scenario::LoadOptions options;
  std::size_t line_idx = 0;
  for (std::size_t begin = 0; begin <= text.size(); ++line_idx) {
    const std::size_t end = std::min(text.find('\n', begin), text.size());
    const std::string_view line = text.substr(begin, end - begin);
    begin = end + 1;
    if (line_idx == 0 && std::find(SCENARIOS.begin(), SCENARIOS.end(), line) != SCENARIOS.end()) {
      scenario = line;
    } else if (!line.empty() || end < text.size()) {
      options.overrides.emplace_back(line);
    }
  }
  fabcast::fuzz::expect_input_errors([&] {
    const auto sc = fabcast::scenario::load_scenario(scenario, options);
    fabcast::fuzz::compile_and_run(sc, fabcast::fuzz::RUN_MODEL);
  });
  return 0;
}
