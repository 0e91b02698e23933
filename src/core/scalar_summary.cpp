#include "core/scalar_summary.hpp"

#include "core/rng.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>

namespace fabcast::core {

void ScalarSummary::count_distinct(double x, std::uint64_t n) {
  if (overflowed_) return;
  if (keys_.empty()) {
    keys_.assign(SLOTS, EMPTY);
    counts_.assign(SLOTS, 0);
  }
  const std::uint64_t key = std::bit_cast<std::uint64_t>(x + 0.0);  // -0 counts as 0
  for (std::size_t slot = mix64(key) & (SLOTS - 1);; slot = (slot + 1) & (SLOTS - 1)) {
    if (keys_[slot] == key) {
      counts_[slot] += n;
      return;
    }
    if (keys_[slot] == EMPTY) {
      if (distinct_ == MAX_DISTINCT) {  // one more than counted: from now on the sketch alone
        overflowed_ = true;
        keys_ = {};
        counts_ = {};
        return;
      }
      keys_[slot] = key;
      counts_[slot] = n;
      ++distinct_;
      return;
    }
  }
}

void ScalarSummary::add_many(const double* values, std::size_t n, std::size_t stride) {
  constexpr std::size_t BLOCK = 256;
  double finite[BLOCK];
  std::size_t held = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = values[i * stride];
    count_distinct(x, 1);
    if (std::isinf(x)) {
      (x > 0 ? positive_infinite_ : negative_infinite_) += 1;
      continue;
    }
    finite[held++] = x;
    if (held == BLOCK) {
      finite_.add_many(finite, held);
      held = 0;
    }
  }
  finite_.add_many(finite, held);
}

void ScalarSummary::merge(const ScalarSummary& other) {
  finite_.merge(other.finite_);
  positive_infinite_ += other.positive_infinite_;
  negative_infinite_ += other.negative_infinite_;
  if (other.overflowed_) {
    overflowed_ = true;
    keys_ = {};
    counts_ = {};
    return;
  }
  for (std::size_t slot = 0; slot < other.keys_.size(); ++slot) {
    if (other.keys_[slot] != EMPTY) count_distinct(std::bit_cast<double>(other.keys_[slot]), other.counts_[slot]);
  }
}

std::vector<std::pair<double, std::uint64_t>> ScalarSummary::sorted_distinct() const {
  std::vector<std::pair<double, std::uint64_t>> out;
  for (std::size_t slot = 0; slot < keys_.size(); ++slot) {
    if (keys_[slot] != EMPTY) out.emplace_back(std::bit_cast<double>(keys_[slot]), counts_[slot]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

double ScalarSummary::approximate_at(std::uint64_t rank) const {
  if (rank < negative_infinite_) return -std::numeric_limits<double>::infinity();
  rank -= negative_infinite_;
  if (rank < finite_.count()) return finite_.value_at(rank);
  return std::numeric_limits<double>::infinity();
}

QuantileSet ScalarSummary::quantiles() const { return to_set(quantiles_over(QUANTILE_LEVELS, false)); }

QuantileSet ScalarSummary::finite_quantiles() const { return to_set(quantiles_over(QUANTILE_LEVELS, true)); }

std::vector<double> ScalarSummary::quantiles_at(std::span<const double> levels) const {
  return quantiles_over(levels, false);
}

QuantileSet ScalarSummary::to_set(const std::vector<double>& at) {
  QuantileSet out{};
  std::copy(at.begin(), at.end(), out.begin());
  return out;
}

std::uint64_t ScalarSummary::zero_count() const {
  if (!exact()) return finite_.zero_count();
  std::uint64_t n = 0;
  for (std::size_t slot = 0; slot < keys_.size(); ++slot) {
    if (keys_[slot] != EMPTY && std::bit_cast<double>(keys_[slot]) == 0) n += counts_[slot];
  }
  return n;
}

std::vector<double> ScalarSummary::quantiles_over(std::span<const double> levels, bool finite_only) const {
  std::vector<double> out(levels.size(), std::numeric_limits<double>::quiet_NaN());
  const std::uint64_t n = finite_only ? finite_.count() : count();
  if (n == 0) return out;
  auto distinct = exact() ? sorted_distinct() : std::vector<std::pair<double, std::uint64_t>>{};
  if (finite_only) std::erase_if(distinct, [](const auto& d) { return !std::isfinite(d.first); });
  // The rank-th smallest value: walked through the counts when exact, else from the sketch.
  auto at = [&](std::uint64_t rank) {
    if (!exact()) return finite_only ? finite_.value_at(rank) : approximate_at(rank);
    std::uint64_t seen = 0;
    for (const auto& [value, count] : distinct) {
      seen += count;
      if (seen > rank) return value;
    }
    return distinct.back().first;
  };
  for (std::size_t i = 0; i < levels.size(); ++i) {
    // Type 7, as quantile_sorted: h = q (n - 1), between order statistics floor(h) and the next.
    const double h = levels[i] * static_cast<double>(n - 1);
    const auto k = static_cast<std::uint64_t>(std::floor(h));
    const double frac = h - static_cast<double>(k);
    out[i] = frac != 0 && k + 1 < n ? between(at(k), at(k + 1), frac) : at(k);
  }
  return out;
}

std::uint64_t ScalarSummary::count_at_most(double x) const {
  if (exact()) {
    std::uint64_t n = 0;
    for (std::size_t slot = 0; slot < keys_.size(); ++slot) {
      if (keys_[slot] != EMPTY && std::bit_cast<double>(keys_[slot]) <= x) n += counts_[slot];
    }
    return n;
  }
  if (std::isinf(x)) return x > 0 ? count() : negative_infinite_;
  return negative_infinite_ + finite_.count_at_most(x);
}

}  // namespace fabcast::core
