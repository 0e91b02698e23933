#pragma once
// What the engine runs: a Model declares its outputs and makes one SampleWorker per thread; a
// worker turns one sample's input values into one trajectory (series) and its scalars. Every
// output of a sample comes from that one path, so correlations between outputs survive.

#include "core/rng.hpp"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace fabcast::core {

//! The names of a model's outputs and the length of its series.
struct OutputSchema {
  std::vector<std::string> scalars;  //!< one value per sample
  std::vector<std::string> series;   //!< one value per sample and step
  std::size_t steps = 0;             //!< length of every series
  //! Per series: whether to keep per-step quantiles (a sketch). Indicator series (0 or 1) need
  //! only their mean, the share of samples. Empty: every series keeps them.
  std::vector<bool> series_quantiles;
  //! Per scalar: whether +-inf is a meaning the model gives it ("never", as a payback year that
  //! never comes). Any other infinity, and every NaN, is a failure the engine reports with the
  //! sample's inputs. Empty: no scalar may be infinite.
  std::vector<bool> scalar_may_be_infinite;
};

//! Identifies one sample and gives it its own named random streams.
struct SampleContext {
  std::uint64_t seed = 0;
  std::uint64_t sample_idx = 0;

  //! The stream `id` (from stream_id("name")) of this sample.
  [[nodiscard]] Stream stream(std::uint64_t id) const noexcept { return {seed, id, sample_idx}; }
};

//! Where one sample writes its outputs. The engine fills both with NaN before each sample.
struct SampleOutputs {
  std::span<double> scalars;  //!< scalars[scalar_idx]
  std::span<double> series;   //!< series[(series_idx * steps + step_idx) * stride]
  std::size_t steps = 0;
  //! Distance between a sample's consecutive series cells: the engine interleaves a chunk's
  //! samples (stride = chunk size), so that each cell's values lie side by side for accumulation.
  std::size_t stride = 1;

  [[nodiscard]] double& series_at(std::size_t series_idx, std::size_t step_idx) noexcept {
    return series[(series_idx * steps + step_idx) * stride];
  }
};

//! Runs samples on one thread; may keep scratch memory between samples.
class SampleWorker {
 public:
  virtual ~SampleWorker() = default;
  //! Computes one sample from its input values (in the order of the model's inputs).
  virtual void run(const SampleContext& ctx, std::span<const double> inputs, SampleOutputs& out) = 0;
};

//! A simulation the engine can run. Must be safe to call make_worker from several threads.
class Model {
 public:
  virtual ~Model() = default;
  [[nodiscard]] virtual const OutputSchema& schema() const = 0;
  [[nodiscard]] virtual std::unique_ptr<SampleWorker> make_worker() const = 0;
  //! The most memory one worker may hold (its scratch state), for the engine's memory estimate.
  [[nodiscard]] virtual std::uint64_t worker_bytes() const { return 0; }
};

}  // namespace fabcast::core
