// The quantile sketch against exact sorting on many seeded random inputs, and its merge
// properties (exact, order-independent) that make parallel runs byte-identical.

#include "core/quantile_sketch.hpp"

#include "core/quantiles.hpp"
#include "core/rng.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>

namespace fabcast::core {
namespace {

using Generator = std::function<double(Stream&)>;

std::vector<std::pair<const char*, Generator>> generators() {
  return {
      {"uniform", [](Stream& s) { return s.uniform(); }},
      {"lognormal wide", [](Stream& s) { return std::exp(8 * (s.uniform() - 0.5) * 5); }},
      {"normal with negatives",
       [](Stream& s) { return std::sqrt(-2 * std::log(s.uniform())) * std::cos(6.283 * s.uniform()); }},
      {"many zeros", [](Stream& s) { return s.uniform() < 0.4 ? 0.0 : 1e20 * s.uniform(); }},
      {"integers", [](Stream& s) { return std::floor(20 * s.uniform()); }},
      {"heavy tail", [](Stream& s) { return 1.0 / std::pow(s.uniform(), 2.0); }},
      {"negative only", [](Stream& s) { return -1e6 * s.uniform() - 3; }},
      {"constant", [](Stream&) { return 42.0; }},
  };
}

// The documented guarantee: within RELATIVE_ACCURACY of the exact type-7 quantile when the two
// order statistics it interpolates share a sign.
void expect_within_guarantee(const QuantileSketch& sketch, const std::vector<double>& sorted, const char* what) {
  const double alpha = QuantileSketch::RELATIVE_ACCURACY;
  for (int i = 0; i <= 100; ++i) {
    const double q = i / 100.0;
    const double h = q * static_cast<double>(sorted.size() - 1);
    const auto k = static_cast<std::size_t>(h);
    const double lo = sorted[k], hi = sorted[std::min(k + 1, sorted.size() - 1)];
    if (lo < 0 && hi > 0) continue;  // interpolation across zero: no relative guarantee
    const double exact = quantile_sorted(sorted, q);
    ASSERT_LE(std::fabs(sketch.quantile(q) - exact), alpha * std::fabs(exact) * (1 + 1e-12))
        << what << " q=" << q << " exact=" << exact;
  }
}

TEST(QuantileSketch, StaysWithinItsRelativeErrorBoundOfExactSorting) {
  for (const auto& [name, gen] : generators()) {
    for (std::uint64_t seed = 0; seed < 10; ++seed) {
      Stream s(seed, stream_id(name), 0);
      const std::size_t n = 1 + seed * seed * 311;
      std::vector<double> xs(n);
      QuantileSketch sketch;
      for (auto& x : xs) {
        x = gen(s);
        sketch.add(x);
      }
      std::sort(xs.begin(), xs.end());
      ASSERT_EQ(sketch.count(), n);
      EXPECT_FALSE(sketch.collapsed());
      expect_within_guarantee(sketch, xs, name);
    }
  }
}

TEST(QuantileSketch, MergeIsExactAndIndependentOfOrderAndSplit) {
  for (const auto& [name, gen] : generators()) {
    Stream s(1, stream_id(name), 1);
    std::vector<double> xs(20000);
    for (auto& x : xs) x = gen(s);
    QuantileSketch whole;
    for (double x : xs) whole.add(x);
    // Split into parts of random sizes, merge in forward and in reverse order.
    std::vector<QuantileSketch> parts;
    Stream cut(2, stream_id("cut"), 0);
    for (std::size_t i = 0; i < xs.size();) {
      const std::size_t len = 1 + cut.below(3000);
      QuantileSketch part;
      for (std::size_t j = i; j < std::min(xs.size(), i + len); ++j) part.add(xs[j]);
      parts.push_back(std::move(part));
      i += len;
    }
    QuantileSketch forward, backward;
    for (const auto& p : parts) forward.merge(p);
    for (auto it = parts.rbegin(); it != parts.rend(); ++it) backward.merge(*it);
    for (int i = 0; i <= 200; ++i) {
      const double q = i / 200.0;
      ASSERT_EQ(forward.quantile(q), whole.quantile(q)) << name << " q=" << q;
      ASSERT_EQ(backward.quantile(q), whole.quantile(q)) << name << " q=" << q;
    }
  }
}

TEST(QuantileSketch, MemoryIsBoundedWhateverTheCount) {
  QuantileSketch sketch;
  Stream s(3, stream_id("memory"), 0);
  for (int i = 0; i < 1000000; ++i) sketch.add(std::exp(20 * s.uniform()));  // 8.7 decades
  // 8.7 decades = 28.9 octaves = 3,700 bins of 2^-7 octave, plus growth margins.
  EXPECT_LT(sketch.bins(), 3800u);
  EXPECT_EQ(sketch.count(), 1000000u);
}

TEST(QuantileSketch, CollapsesHugeRangesDeterministicallyAndKeepsUpperQuantiles) {
  // Values over 400 decades: more than MAX_BINS, so the smallest magnitudes fold together.
  std::vector<double> xs(50000);
  Stream s(4, stream_id("huge"), 0);
  for (auto& x : xs) x = std::pow(10.0, -200 + 400 * s.uniform());
  QuantileSketch whole;
  for (double x : xs) whole.add(x);
  EXPECT_TRUE(whole.collapsed());
  EXPECT_LE(whole.bins(), static_cast<std::size_t>(QuantileSketch::MAX_BINS) + 64);
  QuantileSketch a, b, merged_ab, merged_ba;
  for (std::size_t i = 0; i < xs.size(); ++i) (i % 3 ? a : b).add(xs[i]);
  merged_ab.merge(a);
  merged_ab.merge(b);
  merged_ba.merge(b);
  merged_ba.merge(a);
  std::sort(xs.begin(), xs.end());
  for (double q : {0.0, 0.01, 0.5, 0.9, 0.95, 0.99, 1.0}) {
    EXPECT_EQ(merged_ab.quantile(q), whole.quantile(q)) << q;
    EXPECT_EQ(merged_ba.quantile(q), whole.quantile(q)) << q;
  }
  // Only the top MAX_BINS bins (64 octaves, 19.3 decades) keep their resolution: quantiles whose
  // value lies above the fold keep the guarantee, those below read as the fold's value.
  const double fold = xs.back() / std::ldexp(1.0, 63);
  int checked = 0;
  for (int i = 900; i <= 1000; ++i) {
    const double q = i / 1000.0;
    const double exact = quantile_sorted(xs, q);
    const double got = whole.quantile(q);
    if (exact > fold) {
      EXPECT_LE(std::fabs(got - exact), QuantileSketch::RELATIVE_ACCURACY * exact) << q;
      ++checked;
    } else {
      EXPECT_LE(got, fold * 2) << q;  // folded into the lowest kept bins
    }
  }
  EXPECT_GT(checked, 30);
}

TEST(QuantileSketch, CountsNaNApartAndIgnoresItInQuantiles) {
  QuantileSketch sketch;
  sketch.add(1.0);
  sketch.add(std::nan(""));
  sketch.add(3.0);
  EXPECT_EQ(sketch.count(), 2u);
  EXPECT_EQ(sketch.nan_count(), 1u);
  EXPECT_NEAR(sketch.quantile(0.5), 2.0, 2.0 * QuantileSketch::RELATIVE_ACCURACY);
  EXPECT_TRUE(std::isnan(QuantileSketch().quantile(0.5)));
}

TEST(QuantileSketch, RepresentativeIsWithinTheBoundOfItsWholeBin) {
  for (double x : {1.0, 1.5, 3.14159, 1e-300, 1e300, 123456.789}) {
    const auto bin = QuantileSketch::bin_of(x);
    EXPECT_LE(std::fabs(QuantileSketch::representative(bin) - x) / x, QuantileSketch::RELATIVE_ACCURACY) << x;
  }
}

// add_many is a faster path to the same counts: every quantile, count, NaN count and collapse
// flag must equal those of adding the same values one by one, whatever the batch sizes.
TEST(QuantileSketch, AddManyCountsExactlyAsAddingOneByOne) {
  auto gens = generators();
  gens.push_back({"with NaN", [](Stream& s) { return s.uniform() < 0.1 ? std::nan("") : s.uniform() - 0.5; }});
  gens.push_back({"400 decades", [](Stream& s) { return std::pow(10.0, -200 + 400 * s.uniform()); }});
  gens.push_back({"two values", [](Stream& s) { return s.uniform() < 0.5 ? 3.0 : 3.5; }});
  for (const auto& [name, gen] : gens) {
    Stream s(11, stream_id(name), 0);
    std::vector<double> xs(20000);
    for (auto& x : xs) x = gen(s);
    QuantileSketch one, many;
    for (double x : xs) one.add(x);
    for (std::size_t i = 0, size = 1; i < xs.size(); i += size, size = size * 3 % 700 + 1) {
      many.add_many(xs.data() + i, std::min(size, xs.size() - i));
    }
    EXPECT_EQ(many.count(), one.count()) << name;
    EXPECT_EQ(many.nan_count(), one.nan_count()) << name;
    EXPECT_EQ(many.collapsed(), one.collapsed()) << name;
    for (int q = 0; q <= 1000; ++q)
      ASSERT_EQ(many.quantile(q / 1000.0), one.quantile(q / 1000.0)) << name << " q=" << q;
  }
}

// Adds first land in 16-bit counts that are flushed into 32-bit ones every 65,535 values: a bin
// holding far more than that must still rank exactly, added one by one, many at a time or merged.
TEST(QuantileSketch, CountsPastSixteenBitsExactly) {
  constexpr std::size_t N = 300000;
  Stream s(5, stream_id("two values"), 0);
  std::vector<double> xs(N);
  std::size_t threes = 0;
  for (auto& x : xs) {
    x = s.uniform() < 0.5 ? 3.0 : 3.5;
    threes += x == 3.0;
  }
  ASSERT_GT(threes, 2u * 65535u);
  QuantileSketch one, many, halves, second;
  for (double x : xs) one.add(x);
  for (std::size_t i = 0; i < N; i += 64) many.add_many(xs.data() + i, std::min<std::size_t>(64, N - i));
  halves.add_many(xs.data(), N / 2);
  second.add_many(xs.data() + N / 2, N - N / 2);
  halves.merge(second);
  const double three = 3.0, three_and_half = 3.5;  // both on their bins' edges: held exactly
  const double n1 = static_cast<double>(N - 1);
  for (const QuantileSketch* sketch : {&one, &many, &halves}) {
    EXPECT_EQ(sketch->count(), N);
    // The sorted data: `threes` copies of 3.0, then 3.5; rank threes - 1 is the last 3.0.
    EXPECT_EQ(sketch->quantile(static_cast<double>(threes - 1) / n1), three);
    EXPECT_EQ(sketch->quantile(static_cast<double>(threes) / n1), three_and_half);
  }
}

// Values on their bins' lower edges (small integers, halves) are held exactly: the quantiles are
// the exact type-7 ones, interpolation included, for adds one by one, many at a time and merged;
// one value off its edge brings back the representatives (and the relative guarantee).
TEST(QuantileSketch, IsExactWhenEveryValueIsABinEdge) {
  Stream s(17, stream_id("edges"), 0);
  std::vector<double> xs(5001);
  for (auto& x : xs) x = std::floor(40 * s.uniform()) - 10 + (s.uniform() < 0.2 ? 0.5 : 0.0);  // -10 .. 29.5
  QuantileSketch one, first, second;
  for (double x : xs) one.add(x);
  first.add_many(xs.data(), 2000);
  second.add_many(xs.data() + 2000, xs.size() - 2000);
  first.merge(second);
  auto sorted = xs;
  std::sort(sorted.begin(), sorted.end());
  for (int i = 0; i <= 200; ++i) {
    const double q = i / 200.0;
    ASSERT_EQ(one.quantile(q), quantile_sorted(sorted, q)) << "q=" << q;
    ASSERT_EQ(first.quantile(q), quantile_sorted(sorted, q)) << "q=" << q;
  }
  one.add(1.0 / 3);  // off its bin's edge
  EXPECT_NE(one.quantile(0.5), quantile_sorted(sorted, 0.5));
  sorted.push_back(1.0 / 3);
  std::sort(sorted.begin(), sorted.end());
  expect_within_guarantee(one, sorted, "after one off-edge value");
}

}  // namespace
}  // namespace fabcast::core
