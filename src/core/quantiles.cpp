#include "core/quantiles.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <limits>

namespace fabcast::core {

double quantile_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  assert(q >= 0 && q <= 1);
  const double h = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const double frac = h - static_cast<double>(lo);
  if (lo + 1 >= sorted.size() || frac == 0) return sorted[lo];
  return sorted[lo] + frac * (sorted[lo + 1] - sorted[lo]);
}

QuantileSet quantiles_select(std::span<double> data) {
  QuantileSet out{};
  const std::size_t n = data.size();
  if (n == 0) {
    out.fill(std::numeric_limits<double>::quiet_NaN());
    return out;
  }
  // Levels ascend, so each selection only searches right of the previous one; the order
  // statistic after k is the minimum of the part right of k.
  std::size_t from = 0;
  for (std::size_t i = 0; i < QUANTILE_LEVELS.size(); ++i) {
    const double h = QUANTILE_LEVELS[i] * static_cast<double>(n - 1);
    const auto k = static_cast<std::size_t>(std::floor(h));
    const double frac = h - static_cast<double>(k);
    std::nth_element(data.begin() + static_cast<std::ptrdiff_t>(from), data.begin() + static_cast<std::ptrdiff_t>(k),
                     data.end());
    const double lo = data[k];
    if (frac == 0 || k + 1 >= n) {
      out[i] = lo;
    } else {
      const double hi = *std::min_element(data.begin() + static_cast<std::ptrdiff_t>(k + 1), data.end());
      out[i] = lo + frac * (hi - lo);
    }
    from = k;
  }
  return out;
}

QuantileSet quantiles_sorted(std::span<const double> sorted) {
  QuantileSet out{};
  for (std::size_t i = 0; i < QUANTILE_LEVELS.size(); ++i) out[i] = quantile_sorted(sorted, QUANTILE_LEVELS[i]);
  return out;
}

}  // namespace fabcast::core
