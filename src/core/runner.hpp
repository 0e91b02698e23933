#pragma once
// The parallel Monte Carlo engine. Samples are split into fixed chunks whose bounds depend only on
// the sample count and CHUNK_SIZE; each chunk accumulates its moments locally; partials merge in
// chunk order (DuckDB's local state -> combine -> finalize). Quantile sketches hold integer counts
// and scalar samples are stored by sample index, so neither depends on merge order. Results are
// therefore byte-identical for any thread count, and later for any MPI rank count.

#include "core/design.hpp"
#include "core/model.hpp"
#include "core/moments.hpp"
#include "core/quantile_sketch.hpp"
#include "core/quantiles.hpp"
#include "core/scalar_summary.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace fabcast::core {

//! Samples per chunk: fixed, so results never depend on the thread count. 64 keeps a chunk's series
//! (64 samples x 2,856 cells for altman-7t, 1.5 MB) near the core's cache while the model writes them
//! and the accumulation reads them back; 256 (5.8 MB) cost 6 % more CPU (docs/performance.md).
inline constexpr std::uint64_t CHUNK_SIZE = 64;

//! Up to this many samples a run keeps every scalar value (exact quantiles: 8 bytes a sample and
//! scalar, 290 MB for altman-7t's 36 scalars at the limit); past it, scalars are summarised
//! (ScalarSummary: exact for outputs with few distinct values, else within the sketch's 0.39 %),
//! so memory no longer grows with the sample count. RunOptions::keep_values keeps them anyway.
inline constexpr std::uint64_t EXACT_SCALAR_LIMIT = 1'000'000;

//! The most samples a run may have: a quantile sketch counts 2^32 - 1 values of a sign.
inline constexpr std::uint64_t MAX_SAMPLES = QuantileSketch::MAX_COUNT;

//! When to stop: a fixed count, or a target relative standard error of one scalar's mean.
struct StoppingRule {
  std::optional<std::uint64_t> samples;    //!< run exactly this many samples
  std::optional<double> target_rel_error;  //!< or until se(mean) / |mean| <= this
  std::string target_output;               //!< the scalar judged (default: the first)
  std::uint64_t min_samples = 1000;        //!< first round of a target-error run
  std::uint64_t max_samples = 10'000'000;  //!< give up (converged = false) past this
};

//! Progress as the engine reports it: samples merged so far and the planned total (0 if open).
struct Progress {
  std::uint64_t done = 0;
  std::uint64_t planned = 0;
  double rel_error = 0;  //!< of the target scalar, target-error runs only
};

//! A series cell kept sample by sample (RunOptions::keep_cells).
struct KeptCell {
  std::string name;  //!< the scalar it becomes ("installed_flops@2030")
  std::size_t series = 0, step = 0;
};

struct RunOptions {
  std::uint64_t seed = 0;
  unsigned threads = 1;
  StoppingRule stop;
  //! Keep every sample's scalar values whatever the sample count (for export, or per-sample output).
  bool keep_values = false;
  //! Refuse, before the first sample, a run whose estimated memory exceeds this (0: no limit).
  std::uint64_t memory_limit_bytes = 0;
  std::function<void(const Progress&)> on_progress;  //!< called from one thread at a time
  //! Series cells whose every sample's value to keep: each comes back as one more scalar of the
  //! result, named as given, its values kept (what a study needs of a series in a given year).
  std::vector<KeptCell> keep_cells;
};

//! Summary of one scalar output.
struct ScalarResult {
  std::string name;
  Moments moments;
  QuantileSet quantiles{};               //!< type 7, at QUANTILE_LEVELS; exact unless `exact` is false
  std::vector<double> values;            //!< every sample's value, in sample order (empty when not kept)
  std::optional<ScalarSummary> summary;  //!< when the values were not kept
  bool exact = true;                     //!< quantiles and counts exact (else within the sketch's accuracy)

  //! Samples whose value is <= x.
  [[nodiscard]] std::uint64_t count_at_most(double x) const;
  //! Samples whose value is +-inf ("never").
  [[nodiscard]] std::uint64_t infinite_count() const;
  //! Samples whose value is zero (exact, summarised or not).
  [[nodiscard]] std::uint64_t zero_count() const;
  //! Type-7 quantiles at any levels in [0, 1] over every sample, infinities included: exact from
  //! the kept values, else from the summary (exact while its distinct values are few).
  [[nodiscard]] std::vector<double> quantiles_at(std::span<const double> levels) const;
  //! The quantiles of the finite values alone (NaN when there are none): an IRR where it is
  //! defined, a payback year among the samples that pay back.
  [[nodiscard]] QuantileSet finite_quantiles() const;
};

//! Summary of one time-series output, per step.
struct SeriesResult {
  std::string name;
  std::vector<Moments> moments;          //!< per step
  std::vector<QuantileSet> quantiles;    //!< per step, from the sketch (RELATIVE_ACCURACY)
  std::vector<QuantileSketch> sketches;  //!< per step, for other levels
};

struct RunResult {
  std::uint64_t seed = 0;
  std::uint64_t samples = 0;
  SamplingMethod sampling = SamplingMethod::monte_carlo;
  std::vector<ScalarResult> scalars;
  std::vector<SeriesResult> series;
  std::size_t steps = 0;
  bool converged = true;                   //!< false when a target-error run hit max_samples first
  bool values_kept = true;                 //!< every scalar's per-sample values are in ScalarResult::values
  double rel_error = 0;                    //!< achieved relative standard error of the target scalar
  std::optional<double> target_rel_error;  //!< the stopping rule's target, for a target-error run
  std::string target_output;               //!< the scalar it judged
  //! Where each round of samples ended: a design that depends on its block (LHS, a correlation)
  //! drew round by round, [0, round_ends[0]), [round_ends[0], round_ends[1]), ...
  std::vector<std::uint64_t> round_ends;

  //! The scalar named `name`, or nullptr.
  [[nodiscard]] const ScalarResult* find_scalar(std::string_view name) const noexcept;
  [[nodiscard]] const SeriesResult* find_series(std::string_view name) const noexcept;
  //! The same; throws std::out_of_range if there is none.
  [[nodiscard]] const ScalarResult& scalar(std::string_view name) const;
  [[nodiscard]] const SeriesResult& series_named(std::string_view name) const;
};

//! What a run will hold in memory, estimated before it starts.
struct MemoryEstimate {
  std::uint64_t per_thread_bytes = 0;  //!< a worker's chunk buffers, series sketches and model state
  unsigned threads = 1;                //!< workers the run will use
  std::uint64_t values_bytes = 0;      //!< kept scalar values, 8 bytes a sample and scalar
  std::uint64_t block_bytes = 0;       //!< a rank correlation's block of columns and Iman-Conover's work
  [[nodiscard]] std::uint64_t total() const noexcept { return per_thread_bytes * threads + values_bytes + block_bytes; }
};

//! The memory a run of `model` over `design` with `options` needs, by the sizes of its buffers
//! (a series sketch counted at a typical 8 KiB, a worker's model state at its most).
MemoryEstimate estimate_memory(const Model& model, const InputDesign& design, const RunOptions& options);

//! Runs `model` over the inputs of `design`. Throws InputError for an invalid stopping rule
//! (both or neither of samples and target_rel_error, an unknown target output) or a run whose
//! memory estimate exceeds options.memory_limit_bytes, and rethrows the first exception a
//! worker raised.
RunResult run(const Model& model, InputDesign& design, const RunOptions& options);

}  // namespace fabcast::core
