#pragma once

#include <array>
#include <span>
#include <vector>

namespace fabcast::core {

//! The quantile levels every summary reports.
inline constexpr std::array<double, 5> QUANTILE_LEVELS = {0.05, 0.25, 0.50, 0.75, 0.95};
//! Their names, in the same order.
inline constexpr std::array<const char*, 5> QUANTILE_NAMES = {"p5", "p25", "p50", "p75", "p95"};

using QuantileSet = std::array<double, QUANTILE_LEVELS.size()>;

//! lo + frac (hi - lo) for lo <= hi, type 7's interpolation between neighbouring order statistics,
//! where an infinity ("never") stays itself: inf - inf would give NaN, and between a number and
//! +inf the quantile is +inf.
double between(double lo, double hi, double frac);

//! The q-quantile of sorted data by linear interpolation between order statistics (Hyndman &
//! Fan 1996 type 7; numpy's and R's default): h = q (n - 1), x[floor h] + frac(h) (x[ceil h] - x[floor h]).
double quantile_sorted(std::span<const double> sorted, double q);

//! QUANTILE_LEVELS of sorted data.
QuantileSet quantiles_sorted(std::span<const double> sorted);

//! QUANTILE_LEVELS of unsorted data, exactly as quantiles_sorted would give them, by selection
//! (nth_element) in O(n) instead of sorting; reorders `data`.
QuantileSet quantiles_select(std::span<double> data);

//! The same values as quantiles_select, leaving `data` as it is (no NaN in it). For large n, one
//! pass counts the values by the top 16 bits of their order (sign, exponent and 4 bits of
//! mantissa), a second gathers the few buckets that hold the wanted order statistics, and
//! selection runs inside those alone: a few passes over the data instead of nth_element's many.
QuantileSet quantiles_of(std::span<const double> data);

//! The same at any ascending levels in [0, 1] (a CDF drawn through 0, 1, ..., 100 %): the order
//! statistics the levels need are gathered by bucket as above, and each bucket holding several of
//! them is sorted once rather than selected in once per level.
std::vector<double> quantiles_of(std::span<const double> data, std::span<const double> levels);

}  // namespace fabcast::core
