// Moments and exact quantiles against slow oracles by definition.

#include "core/moments.hpp"
#include "core/normal.hpp"
#include "core/quantiles.hpp"
#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <functional>
#include <limits>
#include <vector>

namespace fabcast::core {
namespace {

std::vector<double> random_data(std::uint64_t seed, std::size_t n) {
  Stream s(seed, stream_id("data"), 0);
  std::vector<double> xs(n);
  for (auto& x : xs) x = 1e9 + std::exp(10 * s.uniform()) * (s.uniform() - 0.3);  // large offset, skew
  return xs;
}

TEST(Moments, WelfordMatchesTwoPassOracle) {
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const auto xs = random_data(seed, 1000 + seed * 37);
    Moments m;
    for (double x : xs) m.add(x);
    long double sum = 0;
    for (double x : xs) sum += x;
    const long double mean = sum / xs.size();
    long double ss = 0;
    for (double x : xs) ss += (x - mean) * (x - mean);
    // Welford's running mean makes one rounding per update: worst case n * eps relative
    // (Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., section 4.2).
    const double n_eps = static_cast<double>(xs.size()) * std::numeric_limits<double>::epsilon();
    EXPECT_NEAR(m.mean, static_cast<double>(mean), n_eps * std::fabs(static_cast<double>(mean)));
    EXPECT_NEAR(m.variance(), static_cast<double>(ss / (xs.size() - 1)), 1e-9 * static_cast<double>(ss / xs.size()));
    EXPECT_EQ(m.min, *std::min_element(xs.begin(), xs.end()));
    EXPECT_EQ(m.max, *std::max_element(xs.begin(), xs.end()));
  }
}

TEST(Moments, MergingChunksMatchesASinglePass) {
  for (std::uint64_t seed = 0; seed < 20; ++seed) {
    const auto xs = random_data(seed + 100, 5000);
    Moments one;
    for (double x : xs) one.add(x);
    Moments merged;
    Stream cut(seed, stream_id("cuts"), 0);
    for (std::size_t i = 0; i < xs.size();) {
      const std::size_t len = 1 + cut.below(700);
      Moments chunk;
      for (std::size_t j = i; j < std::min(xs.size(), i + len); ++j) chunk.add(xs[j]);
      merged.merge(chunk);
      i += len;
    }
    EXPECT_EQ(merged.n, one.n);
    EXPECT_NEAR(merged.mean, one.mean, 1e-14 * std::fabs(one.mean));
    EXPECT_NEAR(merged.variance(), one.variance(), 1e-9 * one.variance());
    EXPECT_EQ(merged.min, one.min);
    EXPECT_EQ(merged.max, one.max);
  }
}

TEST(Moments, StandardErrorIsSdOverRootN) {
  Moments m;
  for (double x : {1.0, 2.0, 3.0, 4.0}) m.add(x);
  EXPECT_DOUBLE_EQ(m.variance(), 5.0 / 3.0);
  EXPECT_DOUBLE_EQ(m.std_error(), std::sqrt(5.0 / 3.0) / 2);
  EXPECT_DOUBLE_EQ(m.rel_error(), std::sqrt(5.0 / 3.0) / 2 / 2.5);
}

TEST(QuantileSorted, IsHyndmanFanType7) {
  // numpy.quantile([1, 2, 3, 4], q) with its default linear method.
  const std::vector<double> xs = {1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(quantile_sorted(xs, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(quantile_sorted(xs, 0.05), 1.15);
  EXPECT_DOUBLE_EQ(quantile_sorted(xs, 0.95), 3.85);
  EXPECT_DOUBLE_EQ(quantile_sorted(xs, 0.0), 1);
  EXPECT_DOUBLE_EQ(quantile_sorted(xs, 1.0), 4);
  EXPECT_DOUBLE_EQ(quantile_sorted(std::vector<double>{7}, 0.3), 7);
  EXPECT_TRUE(std::isnan(quantile_sorted(std::vector<double>{}, 0.5)));
}

TEST(QuantileSelect, EqualsSortingOnManySeededInputs) {
  for (std::uint64_t seed = 0; seed < 50; ++seed) {
    Stream s(seed, stream_id("select"), 0);
    const std::size_t n = 1 + s.below(5000);
    std::vector<double> xs(n);
    for (auto& x : xs) x = s.uniform() < 0.2 ? 0.0 : std::floor(100 * s.uniform()) - 30;  // ties and signs
    auto sorted = xs;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(quantiles_select(xs), quantiles_sorted(sorted)) << "seed " << seed << " n " << n;
  }
}

// quantiles_of counts by the top bits of each value's order and selects inside the buckets that
// hold the wanted ranks: against sorting, on data that crowd one bucket (ties, a constant), span
// signs, zeros of both signs and infinities, and at sizes either side of where it starts; at the
// five summary levels and at every percent (a CDF), where buckets hold many wanted ranks.
TEST(QuantilesOf, EqualsSortingAndLeavesTheDataAsItIs) {
  std::vector<double> percents;
  for (int p = 0; p <= 100; ++p) percents.push_back(p / 100.0);
  using Gen = std::function<double(Stream&)>;
  const std::vector<std::pair<const char*, Gen>> gens = {
      {"lognormal", [](Stream& s) { return std::exp(0.3 * normal_quantile(s.uniform())); }},
      {"ties and signs", [](Stream& s) { return s.uniform() < 0.2 ? 0.0 : std::floor(100 * s.uniform()) - 30; }},
      {"signed zeros", [](Stream& s) { return s.uniform() < 0.5 ? -0.0 : (s.uniform() < 0.5 ? 0.0 : s.uniform()); }},
      {"infinities",
       [](Stream& s) { return s.uniform() < 0.3 ? INFINITY : (s.uniform() < 0.1 ? -INFINITY : s.uniform()); }},
      {"constant", [](Stream&) { return 42.0; }},
      {"one bucket", [](Stream& s) { return 1.0 + 1e-3 * s.uniform(); }},
      {"wide", [](Stream& s) { return std::exp(600 * (s.uniform() - 0.5)) * (s.uniform() < 0.5 ? -1 : 1); }},
  };
  for (const auto& [name, gen] : gens) {
    for (std::size_t n :
         {std::size_t{1}, std::size_t{7}, std::size_t{16383}, std::size_t{16384}, std::size_t{100001}}) {
      Stream s(n, stream_id(name), 0);
      std::vector<double> xs(n);
      for (auto& x : xs) x = gen(s);
      const auto before = xs;
      auto sorted = xs;
      std::sort(sorted.begin(), sorted.end());
      const QuantileSet got = quantiles_of(xs), want = quantiles_sorted(sorted);
      for (std::size_t i = 0; i < got.size(); ++i) {
        // Equal values compare equal (-0 == +0); NaN only where sorting gives it (inf - inf).
        EXPECT_TRUE(got[i] == want[i] || (std::isnan(got[i]) && std::isnan(want[i])))
            << name << " n " << n << " level " << QUANTILE_LEVELS[i] << ": " << got[i] << " vs " << want[i];
      }
      const auto cdf = quantiles_of(xs, percents);
      ASSERT_EQ(cdf.size(), percents.size());
      for (std::size_t i = 0; i < percents.size(); ++i) {
        const double exact = quantile_sorted(sorted, percents[i]);
        EXPECT_TRUE(cdf[i] == exact || (std::isnan(cdf[i]) && std::isnan(exact)))
            << name << " n " << n << " level " << percents[i] << ": " << cdf[i] << " vs " << exact;
      }
      EXPECT_TRUE(std::equal(xs.begin(), xs.end(), before.begin(), [](double a, double b) {
        return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b);
      })) << name;
    }
  }
}

}  // namespace
}  // namespace fabcast::core
