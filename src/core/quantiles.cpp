#include "core/quantiles.hpp"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace fabcast::core {
namespace {
// Where the type-7 q-quantile of n values lies: order statistic k, and the share frac of the way
// to the next one (interpolate only when frac > 0 and there is a next one).
struct Type7 {
  std::size_t k;
  double frac;
  bool interpolate;
};
Type7 type7(double q, std::size_t n) {
  const double h = q * static_cast<double>(n - 1);
  const auto k = static_cast<std::size_t>(std::floor(h));
  const double frac = h - static_cast<double>(k);
  return {k, frac, frac != 0 && k + 1 < n};
}
}  // namespace

double between(double lo, double hi, double frac) {
  if (std::isinf(lo) || std::isinf(hi)) return lo == hi ? lo : std::isinf(hi) ? hi : lo;
  const double gap = hi - lo;
  // Two finite values whose gap overflows (-1e308 and 1e308): weigh each end instead.
  return std::isfinite(gap) ? lo + frac * gap : lo * (1 - frac) + hi * frac;
}

double quantile_sorted(std::span<const double> sorted, double q) {
  if (sorted.empty()) return std::numeric_limits<double>::quiet_NaN();
  assert(q >= 0 && q <= 1);
  const auto [lo, frac, interpolate] = type7(q, sorted.size());
  if (!interpolate) return sorted[lo];
  return between(sorted[lo], sorted[lo + 1], frac);
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
    const auto [k, frac, interpolate] = type7(QUANTILE_LEVELS[i], n);
    std::nth_element(data.begin() + static_cast<std::ptrdiff_t>(from), data.begin() + static_cast<std::ptrdiff_t>(k),
                     data.end());
    const double lo = data[k];
    if (!interpolate) {
      out[i] = lo;
    } else {
      const double hi = *std::min_element(data.begin() + static_cast<std::ptrdiff_t>(k + 1), data.end());
      out[i] = between(lo, hi, frac);
    }
    from = k;
  }
  return out;
}

namespace {
// Puts at each of the distinct ascending `ranks` (all within [lo, hi)) the value sorting would put
// there, as nth_element does for one: select the middle rank, then each side for the ranks on it.
// O(m log k) for k ranks among m values, against sorting's O(m log m).
void select_ranks(std::vector<double>& v, std::size_t lo, std::size_t hi, const std::size_t* first,
                  const std::size_t* last) {
  while (first != last) {
    const std::size_t* mid = first + (last - first) / 2;
    std::nth_element(v.begin() + static_cast<std::ptrdiff_t>(lo), v.begin() + static_cast<std::ptrdiff_t>(*mid),
                     v.begin() + static_cast<std::ptrdiff_t>(hi));
    select_ranks(v, lo, *mid, first, mid);
    lo = *mid + 1;
    first = mid + 1;
  }
}

// A key whose unsigned order is the order of the doubles (-0 and +0 equal, as for operator<).
inline std::uint64_t order_key(double x) noexcept {
  const auto bits = std::bit_cast<std::uint64_t>(x + 0.0);  // -0.0 + 0.0 is +0.0
  return (bits >> 63) != 0 ? ~bits : bits | (std::uint64_t{1} << 63);
}
}  // namespace

QuantileSet quantiles_of(std::span<const double> data) {
  constexpr std::size_t SMALL = 1 << 14;
  if (data.size() < SMALL) {
    std::vector<double> copy(data.begin(), data.end());
    return quantiles_select(copy);
  }
  const auto at = quantiles_of(data, QUANTILE_LEVELS);
  QuantileSet out{};
  std::copy(at.begin(), at.end(), out.begin());
  return out;
}

std::vector<double> quantiles_of(std::span<const double> data, std::span<const double> levels) {
  const std::size_t n = data.size();
  if (n == 0) return std::vector<double>(levels.size(), std::numeric_limits<double>::quiet_NaN());
  // The order statistics wanted: floor(h) of each level, and the next one when interpolating.
  struct Want {
    std::size_t rank;
    std::uint32_t bucket = 0;
    std::size_t offset = 0;  // rank among the values of its bucket
    double value = 0;
  };
  std::vector<Want> wants;
  for (const double level : levels) {
    assert(level >= 0 && level <= 1);
    const Type7 at = type7(level, n);
    wants.push_back({at.k});
    if (at.interpolate) wants.push_back({at.k + 1});
  }
  // Few values: one sort serves every level.
  constexpr std::size_t SMALL = 1 << 14;
  constexpr unsigned SHIFT = 48;
  constexpr std::size_t BUCKETS = std::size_t{1} << (64 - SHIFT);
  if (n < SMALL) {
    std::vector<double> sorted(data.begin(), data.end());
    std::sort(sorted.begin(), sorted.end());
    for (auto& w : wants) w.value = sorted[w.rank];
  } else {
    std::vector<std::uint32_t> counts(BUCKETS, 0);
    for (const double x : data) ++counts[order_key(x) >> SHIFT];
    {  // each wanted rank's bucket: walk the cumulative counts, the ranks in ascending order
      std::vector<std::size_t> order(wants.size());
      for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
      std::sort(order.begin(), order.end(),
                [&](std::size_t a, std::size_t b) { return wants[a].rank < wants[b].rank; });
      std::size_t bucket = 0, below = 0;
      for (const std::size_t i : order) {
        while (below + counts[bucket] <= wants[i].rank) below += counts[bucket++];
        wants[i].bucket = static_cast<std::uint32_t>(bucket);
        wants[i].offset = wants[i].rank - below;
      }
    }
    // Gather the values of those buckets, then select the wanted ranks inside each, all of a
    // bucket's at once (values piled in a few buckets, as whole years or module counts are, would
    // otherwise be selected in once per level).
    std::vector<std::int32_t> slot(counts.size(), -1);
    std::vector<std::vector<double>> gathered;
    std::vector<std::vector<std::size_t>> offsets;
    for (auto& w : wants) {
      if (slot[w.bucket] < 0) {
        slot[w.bucket] = static_cast<std::int32_t>(gathered.size());
        gathered.emplace_back().reserve(counts[w.bucket]);
        offsets.emplace_back();
      }
      offsets[static_cast<std::size_t>(slot[w.bucket])].push_back(w.offset);
    }
    for (const double x : data) {
      const std::int32_t s = slot[order_key(x) >> SHIFT];
      if (s >= 0) gathered[static_cast<std::size_t>(s)].push_back(x);
    }
    for (std::size_t g = 0; g < gathered.size(); ++g) {
      auto& ranks = offsets[g];
      std::sort(ranks.begin(), ranks.end());
      ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
      // Many ranks in one bucket (whole years or counts pile up there, ties nth_element is slow
      // on) sort faster than they select; a few select in about log2(k) passes.
      if (static_cast<double>(ranks.size()) > std::log2(static_cast<double>(gathered[g].size()) + 1)) {
        std::sort(gathered[g].begin(), gathered[g].end());
      } else {
        select_ranks(gathered[g], 0, gathered[g].size(), ranks.data(), ranks.data() + ranks.size());
      }
    }
    for (auto& w : wants) w.value = gathered[static_cast<std::size_t>(slot[w.bucket])][w.offset];
  }
  std::vector<double> out(levels.size());
  std::size_t next = 0;
  for (std::size_t i = 0; i < levels.size(); ++i) {
    const Type7 at = type7(levels[i], n);
    const double lo = wants[next++].value;
    out[i] = at.interpolate ? between(lo, wants[next++].value, at.frac) : lo;
  }
  return out;
}

QuantileSet quantiles_sorted(std::span<const double> sorted) {
  QuantileSet out{};
  for (std::size_t i = 0; i < QUANTILE_LEVELS.size(); ++i) out[i] = quantile_sorted(sorted, QUANTILE_LEVELS[i]);
  return out;
}

}  // namespace fabcast::core
