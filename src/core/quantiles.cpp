#include "core/quantiles.hpp"

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

QuantileSet quantiles_sorted(std::span<const double> sorted) {
  QuantileSet out{};
  for (std::size_t i = 0; i < QUANTILE_LEVELS.size(); ++i) out[i] = quantile_sorted(sorted, QUANTILE_LEVELS[i]);
  return out;
}

}  // namespace fabcast::core
