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

// Every value is read as text and parsed here, so that an empty, negative, fractional or
// out-of-range value is refused by name ("--samples ''" took the default, "--seed 1e20" and
// "--threads 4294967295" were clamped or crashed) rather than converted by the option parser.
struct RunFlags {
  std::optional<std::string> samples;           // parsed with parse_number: "1e6", "100k"
  std::optional<std::string> target_rel_error;  // "0.001" or "0.1%"
  std::optional<std::string> max_samples;       // with target_rel_error only; absent: 1e7
  std::optional<std::string> seed;              // a whole number in [0, 2^64 - 1]
  std::optional<std::string> threads;           // 1 to MAX_THREADS; absent: all hardware threads
  std::optional<std::string> sampling;          // absent: the scenario's, else mc
  bool quiet = false;
};

//! The most worker threads a run takes.
inline constexpr unsigned MAX_THREADS = 1024;

//! Parses a --seed value: decimal digits, at most 2^64 - 1. Throws InputError naming the flag.
std::uint64_t parse_seed(const std::string& text, const char* flag = "--seed");
//! Parses a --threads value: a whole number from 1 to MAX_THREADS. Throws InputError.
unsigned parse_threads(const std::string& text, const char* flag = "--threads");
//! The memory free for a run, in bytes: MemAvailable of /proc/meminfo, or what the cgroup's
//! memory.max leaves when that is less (0 when neither is known: no limit is set).
std::uint64_t available_memory_bytes();

//! Adds -j,--threads, the one name every command that runs samples (run, sample, the studies, and
//! the reruns of stored runs and studies) gives its thread count.
void add_threads_flag(CLI::App& command, std::optional<std::string>& threads);

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
