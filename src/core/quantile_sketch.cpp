#include "core/quantile_sketch.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace fabcast::core {
namespace {
constexpr unsigned MANTISSA_SHIFT = 52 - QuantileSketch::SUB_BITS;
constexpr std::int64_t GROWTH_MARGIN = 32;
constexpr std::int64_t SMALL_RANGE = 64;  // add_bins: bins spanned for the local-histogram path
}  // namespace

double QuantileSketch::representative(std::int64_t bin) noexcept {
  const double lo = std::bit_cast<double>(static_cast<std::uint64_t>(bin) << MANTISSA_SHIFT);
  const double hi = std::bit_cast<double>(static_cast<std::uint64_t>(bin + 1) << MANTISSA_SHIFT);
  if (std::isinf(lo) || std::isinf(hi)) return lo;
  return 2 * lo * (hi / (lo + hi));  // the value whose worst relative error over [lo, hi) is least
}

void QuantileSketch::Store::grow_to(std::int64_t bin) {
  const bool wide = !counts.empty();
  if (recent.empty()) {
    offset = bin - GROWTH_MARGIN / 2;
    recent.assign(GROWTH_MARGIN, 0);
  } else if (bin < offset) {
    const std::int64_t new_offset = bin - GROWTH_MARGIN;
    const auto extra = static_cast<std::size_t>(offset - new_offset);
    recent.insert(recent.begin(), extra, 0);
    if (wide) counts.insert(counts.begin(), extra, 0);
    offset = new_offset;
  } else if (bin >= offset + static_cast<std::int64_t>(recent.size())) {
    recent.resize(static_cast<std::size_t>(bin + 1 + GROWTH_MARGIN - offset), 0);
    if (wide) counts.resize(recent.size(), 0);
  }
}

void QuantileSketch::Store::widen() {
  if (counts.empty()) counts.assign(recent.size(), 0);
}

void QuantileSketch::Store::flush() {
  widen();
  for (std::size_t i = 0; i < recent.size(); ++i) counts[i] += recent[i];
  std::fill(recent.begin(), recent.end(), std::uint16_t{0});
  recent_total = 0;
}

void QuantileSketch::Store::collapse_below(std::int64_t new_floor) {
  // Fold every count below new_floor into bin new_floor and drop the storage below it.
  grow_to(new_floor);
  flush();
  const auto cut = static_cast<std::size_t>(std::max<std::int64_t>(0, new_floor - offset));
  std::uint64_t folded = 0;
  for (std::size_t i = 0; i < cut; ++i) folded += counts[i];
  recent.erase(recent.begin(), recent.begin() + static_cast<std::ptrdiff_t>(cut));
  counts.erase(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(cut));
  offset += static_cast<std::int64_t>(cut);
  counts[static_cast<std::size_t>(new_floor - offset)] += static_cast<std::uint32_t>(folded);  // folded <= total
  lowest = std::max(lowest, new_floor);
  floor = new_floor;
  collapsed = true;
}

namespace {
void check_room(std::uint64_t total, std::uint64_t n) {
  if (n > QuantileSketch::MAX_COUNT - total) {
    throw std::length_error("quantile sketch: more than 4,294,967,295 values of one sign");
  }
}
}  // namespace

void QuantileSketch::Store::add(std::int64_t bin, std::uint64_t n) {
  check_room(total, n);
  if (collapsed && bin < floor) bin = floor;
  if (total == 0) {
    lowest = highest = bin;
  } else {
    lowest = std::min(lowest, bin);
    highest = std::max(highest, bin);
  }
  grow_to(bin);
  widen();
  counts[static_cast<std::size_t>(bin - offset)] += static_cast<std::uint32_t>(n);
  total += n;
  if (highest - lowest + 1 > MAX_BINS) collapse_below(highest - MAX_BINS + 1);
}

void QuantileSketch::Store::add_bins(const std::int64_t* bins, std::size_t n) {
  if (n == 0) return;
  check_room(total, n);
  std::int64_t lo = bins[0], hi = bins[0];
  for (std::size_t i = 1; i < n; ++i) {
    lo = std::min(lo, bins[i]);
    hi = std::max(hi, bins[i]);
  }
  const std::int64_t new_lo = total > 0 ? std::min(lowest, lo) : lo;
  const std::int64_t new_hi = total > 0 ? std::max(highest, hi) : hi;
  if (collapsed || new_hi - new_lo + 1 > MAX_BINS) {  // a collapse to consider: value by value
    for (std::size_t i = 0; i < n; ++i) add(bins[i], 1);
    return;
  }
  grow_to(lo);
  grow_to(hi);
  if (recent_total + n > UINT16_MAX) flush();  // n <= 256: each recent count stays below 2^16
  recent_total += static_cast<std::uint32_t>(n);
  std::uint16_t* base = recent.data() - offset;
  if (hi - lo < SMALL_RANGE) {
    // Few distinct bins (counts of modules, say): repeated increments of one counter would wait
    // on each other through memory, so count in four interleaved local histograms first.
    std::uint32_t local[4][SMALL_RANGE] = {};
    std::size_t i = 0;
    for (; i + 4 <= n; i += 4) {
      for (std::size_t l = 0; l < 4; ++l) ++local[l][bins[i + l] - lo];
    }
    for (; i < n; ++i) ++local[0][bins[i] - lo];
    for (std::int64_t b = 0; b <= hi - lo; ++b) {
      base[lo + b] = static_cast<std::uint16_t>(base[lo + b] + local[0][b] + local[1][b] + local[2][b] + local[3][b]);
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) ++base[bins[i]];
  }
  total += n;
  lowest = new_lo;
  highest = new_hi;
}

void QuantileSketch::add_many(const double* values, std::size_t n) {
  // Magnitudes' bins by sign, then each store's counts in one pass; zeros and NaN counted apart.
  constexpr std::size_t BLOCK = 256;
  std::int64_t pos[BLOCK], neg[BLOCK];
  for (std::size_t start = 0; start < n; start += BLOCK) {
    const std::size_t end = std::min(n, start + BLOCK);
    std::size_t np = 0, nn = 0;
    std::uint64_t off_edge = 0;
    for (std::size_t i = start; i < end; ++i) {
      const double x = values[i];
      if (x > 0) {
        off_edge |= std::bit_cast<std::uint64_t>(x) & BELOW_BIN;
        pos[np++] = bin_of(x);
      } else if (x < 0) {
        off_edge |= std::bit_cast<std::uint64_t>(x) & BELOW_BIN;
        neg[nn++] = bin_of(-x);
      } else if (x == 0) {
        ++zeros_;
      } else {
        ++nan_;
      }
    }
    off_edge_ |= off_edge;
    positive_.add_bins(pos, np);
    negative_.add_bins(neg, nn);
  }
}

std::int64_t QuantileSketch::Store::bin_at(std::uint64_t rank) const noexcept {
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < recent.size(); ++i) {
    seen += count_at(i);
    if (seen > rank) return offset + static_cast<std::int64_t>(i);
  }
  return highest;
}

std::uint64_t QuantileSketch::Store::count_through(std::int64_t bin) const noexcept {
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < recent.size() && offset + static_cast<std::int64_t>(i) <= bin; ++i) seen += count_at(i);
  return seen;
}

std::uint64_t QuantileSketch::count_at_most(double x) const noexcept {
  if (x < 0) return negative_.total - negative_.count_through(bin_of(-x) - 1);  // magnitudes >= |x|, x's bin in
  if (x == 0) return negative_.total + zeros_;
  return negative_.total + zeros_ + positive_.count_through(bin_of(x));
}

void QuantileSketch::merge(const QuantileSketch& other) {
  // The result depends only on the multiset of bins: a value ends in max(its bin, final floor),
  // and the final floor is (highest bin - MAX_BINS + 1) whenever the data span more than MAX_BINS.
  for (const auto* theirs : {&other.positive_, &other.negative_}) {
    Store& mine = theirs == &other.positive_ ? positive_ : negative_;
    for (std::size_t i = 0; i < theirs->recent.size(); ++i) {
      const std::uint64_t c = theirs->count_at(i);
      if (c != 0) mine.add(theirs->offset + static_cast<std::int64_t>(i), c);
    }
    if (theirs->collapsed && (!mine.collapsed || mine.floor < theirs->floor)) mine.collapse_below(theirs->floor);
  }
  zeros_ += other.zeros_;
  nan_ += other.nan_;
  off_edge_ |= other.off_edge_;
}

double QuantileSketch::value_at(std::uint64_t rank) const noexcept {
  // A bin's value: its lower edge when every value lay on one (then exactly the value), else its
  // representative.
  const bool exact = off_edge_ == 0 && !collapsed();
  auto value = [&](std::int64_t bin) {
    return exact ? std::bit_cast<double>(static_cast<std::uint64_t>(bin) << MANTISSA_SHIFT) : representative(bin);
  };
  // Ascending order: negatives from the largest magnitude down, zeros, positives upwards.
  if (rank < negative_.total) return -value(negative_.bin_at(negative_.total - 1 - rank));
  rank -= negative_.total;
  if (rank < zeros_) return 0.0;
  rank -= zeros_;
  return value(positive_.bin_at(rank));
}

double QuantileSketch::quantile(double q) const {
  const std::uint64_t n = count();
  if (n == 0) return std::numeric_limits<double>::quiet_NaN();
  const double h = std::clamp(q, 0.0, 1.0) * static_cast<double>(n - 1);
  const auto k = static_cast<std::uint64_t>(std::floor(h));
  const double frac = h - static_cast<double>(k);
  const double lo = value_at(k);
  if (frac == 0 || k + 1 >= n) return lo;
  const double hi = value_at(k + 1);
  return lo + frac * (hi - lo);
}

}  // namespace fabcast::core
