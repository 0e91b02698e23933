#pragma once
// The flags every command that runs samples shares: how many, which seed, how many threads,
// which sampling method, and whether to be quiet.

#include "core/design.hpp"
#include "core/runner.hpp"

#include <CLI/CLI.hpp>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace fabcast::cli {

struct RunFlags {
  std::string samples;           // parsed with parse_number: "1e6", "100k"
  std::string target_rel_error;  // "0.001" or "0.1%"
  std::string max_samples = "1e7";
  std::optional<std::uint64_t> seed;
  unsigned threads = 0;  // 0: all hardware threads
  std::string sampling;  // empty: the scenario's, else mc
  bool quiet = false;
};

//! Adds --samples, --target-rel-error, --max-samples, --seed, --threads, --sampling, --quiet.
void add_run_flags(CLI::App& command, RunFlags& flags, std::uint64_t default_samples);

//! Checked run settings; throws InputError naming the flag at fault.
struct RunSettings {
  core::RunOptions options;
  core::SamplingMethod sampling = core::SamplingMethod::monte_carlo;
  bool seed_drawn = false;  //!< no --seed: one was drawn from the OS and must be shown
};

//! Defaults a command takes when a flag is absent (a scenario's run settings).
struct RunDefaults {
  std::uint64_t samples = 100'000;
  core::SamplingMethod sampling = core::SamplingMethod::monte_carlo;
  std::optional<std::uint64_t> seed;
};

RunSettings resolve_run_flags(const RunFlags& flags, const RunDefaults& defaults);

}  // namespace fabcast::cli
