#pragma once
// Sweeps (docs/cli.md, "fabcast sweep"): a scenario run at every point of a grid of one or two
// keys' values, each point with the same seed. Every input draws from a stream keyed by its own
// name, so fixing one key leaves the other inputs' draws as they were: the points share their
// random numbers, and the differences between them are the keys' effect, not sampling noise.
// A library function: the CLI, and next a server or an MPI driver, call it.

#include "core/design.hpp"
#include "core/quantiles.hpp"
#include "core/runner.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace fabcast::analysis {

//! One swept key and its values, as they would be written after --set KEY=.
struct SweepAxis {
  std::string key;
  std::vector<std::string> values;
};

//! The most points a sweep takes (all axes together).
inline constexpr std::size_t MAX_SWEEP_POINTS = 10'000;

//! Parses "KEY=VALUES": a list ("KEY=1e12,2e12,4e12", or words: "KEY=entrant,incumbent") or a
//! range with a count, "KEY=LO..HI:N" (N evenly spaced values, both ends included) or
//! "KEY=LO..HI:N:log" (geometric; LO and HI > 0). Throws InputError naming what is wrong.
SweepAxis parse_sweep_axis(const std::string& text);

struct SweepRequest {
  std::string scenario;                //!< shipped name or .toml path
  std::string scenario_text;           //!< a stored study run again: the resolved scenario (empty: load `scenario`)
  std::vector<std::string> overrides;  //!< --set, applied at every point before the swept keys
  std::vector<SweepAxis> axes;         //!< one or two
  std::vector<std::string> outputs;    //!< scalar outputs to report; empty: committed_usd
  core::RunOptions options;            //!< seed, samples, threads (the same at every point)
  core::SamplingMethod sampling = core::SamplingMethod::monte_carlo;
};

//! One output at one point.
struct SweepCell {
  core::QuantileSet quantiles{};  //!< of the finite values (an IRR where defined)
  double mean = 0;                //!< over every sample (inf when any is)
  double share_finite = 1;        //!< samples with a finite value
};

struct SweepPoint {
  std::vector<std::string> values;  //!< one per axis
  std::vector<SweepCell> cells;     //!< one per output
  std::string most_binding;         //!< the constraint that stops new starts in the most sample-steps
};

struct SweepResult {
  std::string scenario;
  std::uint64_t seed = 0, samples = 0;
  std::vector<SweepAxis> axes;
  std::vector<std::string> outputs;
  std::vector<SweepPoint> points;  //!< the first axis outermost
};

//! Runs the sweep. `progress` is told after each point (done, total). Throws InputError for a
//! bad request: no axis or more than two, a key the scenario refuses at some value, an output the
//! model does not produce, more than MAX_SWEEP_POINTS points.
SweepResult run_sweep(const SweepRequest& request, const std::function<void(std::size_t, std::size_t)>& progress = {});

//! The sweep as a readable table, as JSON, and as CSV (one row per point and output).
std::string sweep_table(const SweepResult& result);
nlohmann::ordered_json sweep_json(const SweepResult& result);
std::string sweep_csv(const SweepResult& result);

}  // namespace fabcast::analysis
