#include "cli/run_flags.hpp"

#include "core/errors.hpp"
#include "core/expression.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <random>
#include <thread>

namespace fabcast::cli {
namespace {

std::uint64_t parse_count(const std::string& text, const char* flag) {
  const auto value = core::parse_number(text);
  if (!value || *value < 1 || *value > static_cast<double>(core::MAX_SAMPLES) || std::floor(*value) != *value) {
    throw InputError(
        fmt::format("{} expects a whole number of samples from 1 to {} (such as 100000, 1e6 or 250k), got '{}'", flag,
                    core::MAX_SAMPLES, text));
  }
  return static_cast<std::uint64_t>(*value);
}

}  // namespace

std::uint64_t parse_seed(const std::string& text, const char* flag) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    throw InputError(
        fmt::format("{} expects a whole number from 0 to 18446744073709551615 (2^64 - 1), got '{}'", flag, text));
  }
  return value;
}

unsigned parse_threads(const std::string& text, const char* flag) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < 1 || value > MAX_THREADS) {
    throw InputError(
        fmt::format("{} expects a whole number of threads from 1 to {}, got '{}'", flag, MAX_THREADS, text));
  }
  return value;
}

std::uint64_t available_memory_bytes() {
  std::uint64_t available = 0;
  std::ifstream meminfo("/proc/meminfo");
  std::string key, unit;
  std::uint64_t kib = 0;
  while (meminfo >> key >> kib >> unit) {
    if (key == "MemAvailable:") {
      available = kib * 1024;
      break;
    }
  }
  // In a container the cgroup's limit may be tighter than the machine's free memory (v2 layout).
  std::ifstream max_file("/sys/fs/cgroup/memory.max"), current_file("/sys/fs/cgroup/memory.current");
  std::string max_text;
  std::uint64_t current = 0;
  if (max_file >> max_text && max_text != "max" && current_file >> current) {
    std::uint64_t cap = 0;
    const auto [end, ec] = std::from_chars(max_text.data(), max_text.data() + max_text.size(), cap);
    if (ec == std::errc() && cap > current)
      available = available == 0 ? cap - current : std::min(available, cap - current);
  }
  return available;
}

void add_threads_flag(CLI::App& command, std::optional<std::string>& threads) {
  command.add_option(
      "-j,--threads", threads,
      fmt::format("Worker threads, 1 to {} (default: all cores); results do not depend on it", MAX_THREADS));
}

void add_run_flags(CLI::App& command, RunFlags& flags, std::uint64_t default_samples) {
  command.add_option("-n,--samples", flags.samples,
                     fmt::format("Number of samples (1e6, 250k, ...; default {})", default_samples));
  command.add_option("--target-rel-error", flags.target_rel_error,
                     "Instead of --samples: run until the standard error of the mean is at most this share "
                     "of the mean (0.001 or 0.1%)");
  command.add_option("--max-samples", flags.max_samples, "Upper limit for --target-rel-error (default 1e7)");
  command.add_option("--seed", flags.seed, "Random seed (a 64-bit integer); drawn and printed when absent");
  add_threads_flag(command, flags.threads);
  command.add_option("--sampling", flags.sampling,
                     "mc (Monte Carlo) or lhs (Latin hypercube); default mc, or the scenario's");
  command.add_flag("-q,--quiet", flags.quiet, "No progress bar and no notices on stderr");
}

RunSettings resolve_run_flags(const RunFlags& flags, const RunDefaults& defaults) {
  RunSettings settings;
  auto& opt = settings.options;
  if (flags.samples && flags.target_rel_error) {
    throw InputError("--samples and --target-rel-error are alternatives: give one of them");
  }
  if (flags.target_rel_error) {
    const auto target = core::parse_number(*flags.target_rel_error);
    if (!target || !(*target > 0) || *target >= 1) {
      throw InputError(
          fmt::format("--target-rel-error expects a share between 0 and 1 (such as 0.001 or 0.1%), got '{}'",
                      *flags.target_rel_error));
    }
    opt.stop.target_rel_error = *target;
    if (flags.max_samples) opt.stop.max_samples = parse_count(*flags.max_samples, "--max-samples");
  } else {
    if (flags.max_samples)
      throw InputError("--max-samples limits a --target-rel-error run; with a fixed count it has no use");
    opt.stop.samples = flags.samples ? parse_count(*flags.samples, "--samples") : defaults.samples;
  }
  if (!flags.sampling) {
    settings.sampling = defaults.sampling;
  } else {
    const auto method = core::parse_sampling_method(*flags.sampling);
    if (!method) throw InputError(fmt::format("--sampling expects mc or lhs, got '{}'", *flags.sampling));
    settings.sampling = *method;
  }
  if (flags.seed) {
    opt.seed = parse_seed(*flags.seed);
  } else if (defaults.seed) {
    opt.seed = *defaults.seed;
  } else {
    std::random_device entropy;  // the only entropy fabcast uses, at the edge, and always shown
    opt.seed = (static_cast<std::uint64_t>(entropy()) << 32 | entropy()) & ((std::uint64_t{1} << 53) - 1);
    settings.seed_drawn = true;
  }
  opt.threads =
      flags.threads ? parse_threads(*flags.threads) : std::clamp(std::thread::hardware_concurrency(), 1u, MAX_THREADS);
  // A run that cannot fit in the memory this machine has free is refused before it starts.
  opt.memory_limit_bytes = available_memory_bytes();
  return settings;
}

}  // namespace fabcast::cli
