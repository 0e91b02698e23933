#pragma once
// A mergeable quantile sketch with a relative-error guarantee and memory independent of the
// sample count, for the per-step quantiles of time series. It is a log-linear histogram (as in
// HdrHistogram, and DDSketch of Masson, Rim & Lee, VLDB 2019): a value's bin is read straight off
// its IEEE-754 bits, the exponent and the top SUB_BITS of the mantissa, so each power of two is
// split into 2^SUB_BITS bins of equal width. A bin [lo, hi) is represented by 2 lo hi / (lo + hi),
// which is within (hi - lo) / (hi + lo) <= 1 / (2^(SUB_BITS+1) + 1) of every value in it.
//
// Guarantee (tested against exact sorting): for q in [0, 1], with h = q (n - 1) and x_(k) the
// sorted data, quantile(q) lies within RELATIVE_ACCURACY of the type-7 exact quantile
// x_(floor h) + frac(h) (x_(floor h + 1) - x_(floor h)) whenever those two order statistics have
// the same sign (or one is zero), and the sketch has not collapsed.
//
// Exact values: when every value added lies on the lower edge of its bin (its mantissa has no
// bits below the top SUB_BITS: integers below 256, even ones below 512, halves below 128, ...),
// the bins hold the values themselves and quantile(q) is the exact type-7 quantile; counts of
// modules then read 2, not 2.008. One value off its bin's edge turns this off for the sketch.
//
// Counts are integers, so merging is exact, associative and commutative: any thread split gives
// the same bits. If one sign's bins would span more than MAX_BINS (2^(MAX_BINS/2^SUB_BITS), about
// 19 decades), the smallest magnitudes are folded into one bin and collapsed() turns true; only
// quantiles falling in that folded bin lose the guarantee. The fold depends only on the data, not
// on the order of adds and merges.

#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace fabcast::core {

class QuantileSketch {
 public:
  static constexpr unsigned SUB_BITS = 7;
  static constexpr double RELATIVE_ACCURACY = 1.0 / ((1u << (SUB_BITS + 1)) + 1);  // 1/257 = 0.39 %
  static constexpr std::int64_t MAX_BINS = 8192;
  //! Values one sign's store can hold: counts are 32-bit; adding more throws std::length_error.
  //! Adds go to 16-bit counts first, flushed into the 32-bit ones every 65,535 values: a run's
  //! sketches are bound by the memory their adds touch, and this halves it.
  static constexpr std::uint64_t MAX_COUNT = UINT32_MAX;

  //! Adds one value; NaN is counted apart (nan_count) and excluded from quantiles.
  void add(double x) noexcept {
    if (x > 0) {
      off_edge_ |= std::bit_cast<std::uint64_t>(x) & BELOW_BIN;
      positive_.add_one(bin_of(x));
    } else if (x < 0) {
      off_edge_ |= std::bit_cast<std::uint64_t>(x) & BELOW_BIN;
      negative_.add_one(bin_of(-x));
    } else if (x == 0) {
      ++zeros_;
    } else {
      ++nan_;
    }
  }
  //! Adds n values; the same counts as n calls of add(), in two tight passes (bins, then counts).
  void add_many(const double* values, std::size_t n);
  //! Adds every value of `other`.
  void merge(const QuantileSketch& other);

  //! Values added, NaN excluded.
  [[nodiscard]] std::uint64_t count() const noexcept { return negative_.total + zeros_ + positive_.total; }
  [[nodiscard]] std::uint64_t nan_count() const noexcept { return nan_; }
  //! Values equal to zero (of either sign), counted apart from the bins: exact.
  [[nodiscard]] std::uint64_t zero_count() const noexcept { return zeros_; }
  [[nodiscard]] bool collapsed() const noexcept { return negative_.collapsed || positive_.collapsed; }
  //! Bins in use (memory is 2 bytes a bin, 6 once a store has held more than 65,535 values).
  [[nodiscard]] std::size_t bins() const noexcept { return negative_.recent.size() + positive_.recent.size(); }

  //! The q-quantile (q in [0, 1]) within RELATIVE_ACCURACY; NaN when empty.
  [[nodiscard]] double quantile(double q) const;

  //! The rank-th smallest value (0-based, rank < count()) within RELATIVE_ACCURACY.
  [[nodiscard]] double value_at(std::uint64_t rank) const noexcept;
  //! Values <= x, counting x's whole bin (exact when x is a bin's upper edge or 0).
  [[nodiscard]] std::uint64_t count_at_most(double x) const noexcept;

  //! The bin index of a positive magnitude, and the representative value of a bin.
  static std::int64_t bin_of(double magnitude) noexcept {
    return static_cast<std::int64_t>(std::bit_cast<std::uint64_t>(magnitude) >> (52 - SUB_BITS));
  }
  static double representative(std::int64_t bin) noexcept;

 private:
  // Dense counts over bins [offset, offset + recent.size()): a bin's count is recent[i] +
  // counts[i]. Adds of single values go to `recent` (16-bit, what the hot path touches), which is
  // flushed into `counts` (32-bit, allocated at the first flush) before it could overflow; adds of
  // many at once go to `counts`. Once collapsed, bins below `floor` are counted in bin `floor`.
  struct Store {
    std::int64_t offset = 0;
    std::vector<std::uint16_t> recent;
    std::vector<std::uint32_t> counts;  // empty, or as long as `recent`
    std::uint32_t recent_total = 0;     // values in `recent`, at most UINT16_MAX
    std::uint64_t total = 0;
    std::int64_t lowest = 0;  // lowest and highest bin with a count
    std::int64_t highest = -1;
    std::int64_t floor = 0;
    bool collapsed = false;

    void add(std::int64_t bin, std::uint64_t n);
    //! Adds one count to each of n bins (any order, repeats allowed; n <= UINT16_MAX).
    void add_bins(const std::int64_t* bins, std::size_t n);
    //! The common case inline: a bin already allocated, no collapse to consider.
    void add_one(std::int64_t bin) {
      const std::int64_t i = bin - offset;
      if (total > 0 && total < MAX_COUNT && recent_total < UINT16_MAX && !collapsed && i >= 0 &&
          i < static_cast<std::int64_t>(recent.size())) {
        ++recent[static_cast<std::size_t>(i)];
        ++recent_total;
        ++total;
        lowest = bin < lowest ? bin : lowest;
        highest = bin > highest ? bin : highest;
        if (highest - lowest + 1 <= MAX_BINS) return;
        --recent[static_cast<std::size_t>(i)];  // undo; the slow path collapses
        --recent_total;
        --total;
      }
      add(bin, 1);
    }
    [[nodiscard]] std::uint64_t count_at(std::size_t i) const noexcept {
      return recent[i] + (counts.empty() ? 0u : counts[i]);
    }
    void widen();  // allocates `counts` (as long as `recent`) if it is not yet
    void flush();
    void grow_to(std::int64_t bin);
    void collapse_below(std::int64_t new_floor);
    // The bin holding the rank-th smallest magnitude (0-based).
    [[nodiscard]] std::int64_t bin_at(std::uint64_t rank) const noexcept;
    // Magnitudes in bins <= bin.
    [[nodiscard]] std::uint64_t count_through(std::int64_t bin) const noexcept;
  };

  Store negative_;  // magnitudes of negative values
  Store positive_;
  std::uint64_t zeros_ = 0;
  std::uint64_t nan_ = 0;
  // The mantissa bits below a bin's resolution, OR-ed over every nonzero value added: zero when
  // every value is its bin's lower edge (the sketch is then exact).
  static constexpr std::uint64_t BELOW_BIN = (std::uint64_t{1} << (52 - SUB_BITS)) - 1;
  std::uint64_t off_edge_ = 0;
};

}  // namespace fabcast::core
