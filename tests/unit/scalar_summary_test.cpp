// ScalarSummary against sorting: exact quantiles and counts while its values are few, within the
// sketch's relative accuracy past that, and the same summary whatever the order of merges.

#include "core/scalar_summary.hpp"

#include "core/quantiles.hpp"
#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace fabcast::core {
namespace {

constexpr double INF = std::numeric_limits<double>::infinity();

ScalarSummary summary_of(const std::vector<double>& values) {
  ScalarSummary s;
  s.add_many(values.data(), values.size(), 1);
  return s;
}

QuantileSet sorted_quantiles(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return quantiles_sorted(values);
}

// The levels of a run's CDF: every percent.
std::vector<double> percents() {
  std::vector<double> out;
  for (int p = 0; p <= 100; ++p) out.push_back(p / 100.0);
  return out;
}

// Years of a first event, or never (+inf): few distinct values, so exact at any count.
std::vector<double> years(std::size_t n, std::uint64_t seed) {
  Stream stream(seed, stream_id("years"), 0);
  std::vector<double> out;
  for (std::size_t i = 0; i < n; ++i) {
    const auto k = stream.below(25);
    out.push_back(k == 24 ? INF : 2025.0 + static_cast<double>(k));
  }
  return out;
}

TEST(ScalarSummary, IsExactWhileItsDistinctValuesAreFew) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    const auto values = years(1000 + 997 * seed, seed);
    const auto s = summary_of(values);
    ASSERT_TRUE(s.exact());
    EXPECT_EQ(s.count(), values.size());
    EXPECT_EQ(s.quantiles(), sorted_quantiles(values)) << "seed " << seed;
    auto sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const auto cdf = s.quantiles_at(percents());
    for (std::size_t i = 0; i < cdf.size(); ++i) EXPECT_EQ(cdf[i], quantile_sorted(sorted, percents()[i])) << i;
    EXPECT_EQ(s.infinite_count(), static_cast<std::uint64_t>(std::count(values.begin(), values.end(), INF)));
    for (double year : {2024.0, 2025.0, 2030.0, 2030.5, 2048.0, INF}) {
      EXPECT_EQ(s.count_at_most(year), static_cast<std::uint64_t>(std::count_if(values.begin(), values.end(),
                                                                                [&](double v) { return v <= year; })))
          << year;
    }
  }
  // Exactly MAX_DISTINCT values stay exact; one more does not.
  std::vector<double> distinct;
  for (std::size_t i = 0; i < ScalarSummary::MAX_DISTINCT; ++i) distinct.push_back(static_cast<double>(i) * 0.37);
  EXPECT_TRUE(summary_of(distinct).exact());
  distinct.push_back(-1);
  EXPECT_FALSE(summary_of(distinct).exact());
  // -0 and 0 are one value, counted as zeros exactly with or without the distinct counts.
  EXPECT_EQ(summary_of({0.0, -0.0, 1.0}).count_at_most(0), 2u);
  EXPECT_EQ(summary_of({0.0, -0.0, 1.0}).zero_count(), 2u);
  distinct.push_back(0.0);
  distinct.push_back(-0.0);
  EXPECT_EQ(summary_of(distinct).zero_count(), 3u);  // 0 * 0.37 among them
}

TEST(ScalarSummary, PastItsDistinctLimitQuantilesAreWithinTheSketchAccuracy) {
  for (std::uint64_t seed = 1; seed <= 20; ++seed) {
    Stream stream(seed, stream_id("money"), 0);
    std::vector<double> values;
    const std::size_t n = 5000 + 1000 * seed;
    for (std::size_t i = 0; i < n; ++i) {
      const double u = stream.uniform();
      // Money: lognormal-like over three decades, some zeros, some negatives, a few "never".
      values.push_back(u < 0.05 ? 0.0 : u < 0.1 ? -std::exp(20 * u) : u > 0.98 ? INF : std::exp(20 + 7 * u));
    }
    const auto s = summary_of(values);
    ASSERT_FALSE(s.exact());
    const auto got = s.quantiles();
    const auto want = sorted_quantiles(values);
    for (std::size_t i = 0; i < want.size(); ++i) {
      if (std::isinf(want[i])) {
        EXPECT_EQ(got[i], want[i]);
      } else {
        EXPECT_NEAR(got[i], want[i], QuantileSketch::RELATIVE_ACCURACY * std::fabs(want[i]) * 1.0001)
            << "seed " << seed;
      }
    }
    EXPECT_EQ(s.count_at_most(0),
              static_cast<std::uint64_t>(std::count_if(values.begin(), values.end(), [](double v) { return v <= 0; })));
    EXPECT_EQ(s.zero_count(), static_cast<std::uint64_t>(std::count(values.begin(), values.end(), 0.0)));
    // Every percent, as the five levels: within the sketch's accuracy, infinities exact.
    auto sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const auto cdf = s.quantiles_at(percents());
    for (std::size_t i = 0; i < cdf.size(); ++i) {
      const double exact = quantile_sorted(sorted, percents()[i]);
      if (std::isinf(exact)) {
        EXPECT_EQ(cdf[i], exact);
      } else {
        EXPECT_NEAR(cdf[i], exact, QuantileSketch::RELATIVE_ACCURACY * std::fabs(exact) * 1.0001)
            << "seed " << seed << " level " << percents()[i];
      }
    }
    EXPECT_EQ(s.infinite_count(), static_cast<std::uint64_t>(std::count(values.begin(), values.end(), INF)));
  }
}

TEST(ScalarSummary, MergesToTheSameSummaryInAnyOrder) {
  for (const bool few : {true, false}) {
    auto values = years(30000, 7);
    if (!few) {
      for (std::size_t i = 0; i < values.size(); i += 3) values[i] += static_cast<double>(i) * 1e-3;  // many distinct
    }
    const auto whole = summary_of(values);
    // Chunks of 64, merged forwards and backwards (as threads that finish in any order would).
    std::vector<ScalarSummary> chunks;
    for (std::size_t at = 0; at < values.size(); at += 64) {
      chunks.emplace_back();
      chunks.back().add_many(values.data() + at, std::min<std::size_t>(64, values.size() - at), 1);
    }
    ScalarSummary forwards, backwards;
    for (const auto& c : chunks) forwards.merge(c);
    for (auto it = chunks.rbegin(); it != chunks.rend(); ++it) backwards.merge(*it);
    EXPECT_EQ(forwards.exact(), few);
    EXPECT_EQ(backwards.exact(), few);
    EXPECT_EQ(forwards.quantiles(), whole.quantiles());
    EXPECT_EQ(backwards.quantiles(), whole.quantiles());
    EXPECT_EQ(forwards.count_at_most(2030), whole.count_at_most(2030));
    EXPECT_EQ(backwards.count_at_most(2030), whole.count_at_most(2030));
  }
  // Strided input reads every stride-th value.
  const std::vector<double> interleaved = {1, 100, 2, 100, 3, 100};
  ScalarSummary strided;
  strided.add_many(interleaved.data(), 3, 2);
  EXPECT_EQ(strided.count(), 3u);
  EXPECT_EQ(strided.count_at_most(3), 3u);
}

}  // namespace
}  // namespace fabcast::core
