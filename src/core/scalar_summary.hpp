#pragma once
// The values of one scalar output when a run has too many samples to keep them (memory grows by
// 8 bytes a sample and output): exact counts of its distinct values while they are few (years,
// module counts, binding steps: integer outputs stay exact at any sample count), the finite
// values in a quantile sketch (within QuantileSketch::RELATIVE_ACCURACY), and its infinities
// ("never") counted apart. Counts are integers, so merging in any order gives the same summary.

#include "core/quantile_sketch.hpp"
#include "core/quantiles.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace fabcast::core {

class ScalarSummary {
 public:
  //! Distinct values counted exactly; past this many the summary relies on its sketch.
  static constexpr std::size_t MAX_DISTINCT = 1024;

  //! Adds values[i * stride] for i < n (no NaN: the engine fails a run on one first).
  void add_many(const double* values, std::size_t n, std::size_t stride);
  //! Adds every value of `other`.
  void merge(const ScalarSummary& other);

  //! Values added.
  [[nodiscard]] std::uint64_t count() const noexcept {
    return finite_.count() + positive_infinite_ + negative_infinite_;
  }
  //! True while every distinct value is counted: quantiles and counts are then exact.
  [[nodiscard]] bool exact() const noexcept { return !overflowed_; }
  //! Type-7 quantiles at QUANTILE_LEVELS: exact when exact(), else within the sketch's accuracy.
  [[nodiscard]] QuantileSet quantiles() const;
  //! The same over the finite values alone (NaN when there are none).
  [[nodiscard]] QuantileSet finite_quantiles() const;
  //! Type-7 quantiles at any levels in [0, 1], as quantiles() at QUANTILE_LEVELS.
  [[nodiscard]] std::vector<double> quantiles_at(std::span<const double> levels) const;
  //! Values equal to zero (exact: the sketch counts zeros apart from its bins).
  [[nodiscard]] std::uint64_t zero_count() const;
  //! Values <= x: exact when exact(), else counted by sketch bin (x's whole bin included).
  [[nodiscard]] std::uint64_t count_at_most(double x) const;
  //! Values that are +inf or -inf.
  [[nodiscard]] std::uint64_t infinite_count() const noexcept { return positive_infinite_ + negative_infinite_; }

 private:
  // An open-addressing table of (value bits, count), twice MAX_DISTINCT slots; empty slots hold a
  // NaN pattern no added value has.
  static constexpr std::size_t SLOTS = 2 * MAX_DISTINCT;
  static constexpr std::uint64_t EMPTY = 0x7FF8'0000'0000'0001ULL;
  void count_distinct(double x, std::uint64_t n);
  // quantiles_at(levels) (finite_only: over the finite values alone).
  [[nodiscard]] std::vector<double> quantiles_over(std::span<const double> levels, bool finite_only) const;
  static QuantileSet to_set(const std::vector<double>& at);
  // The rank-th smallest value (0-based) of the whole multiset, from the sketch and infinities.
  [[nodiscard]] double approximate_at(std::uint64_t rank) const;
  // The distinct values in ascending order with their counts.
  [[nodiscard]] std::vector<std::pair<double, std::uint64_t>> sorted_distinct() const;

  std::vector<std::uint64_t> keys_;  // empty until the first value, freed once overflowed
  std::vector<std::uint64_t> counts_;
  std::size_t distinct_ = 0;
  bool overflowed_ = false;
  QuantileSketch finite_;
  std::uint64_t positive_infinite_ = 0;
  std::uint64_t negative_infinite_ = 0;
};

}  // namespace fabcast::core
