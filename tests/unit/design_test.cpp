#include "core/design.hpp"

#include "core/correlation.hpp"
#include "core/errors.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace fabcast::core {
namespace {

std::vector<InputSpec> inputs() {
  return {{"capex", Distribution::to(10e9, 25e9)},
          {"ramp", Distribution::uniform(1, 3)},
          {"share", Distribution::pert(0.2, 0.3, 0.5)},
          {"budget", Distribution::fixed(7e12)}};
}

TEST(LatinHypercube, PutsExactlyOneDrawInEachStratum) {
  for (std::uint64_t n : {1ULL, 2ULL, 10ULL, 1000ULL, 4099ULL}) {
    for (std::uint64_t begin : {0ULL, 512ULL}) {
      InputDesign design(inputs(), std::nullopt, SamplingMethod::latin_hypercube, 42);
      design.prepare_block(begin, begin + n);
      for (std::size_t j = 0; j < 3; ++j) {
        std::vector<int> hits(n, 0);
        for (std::uint64_t i = begin; i < begin + n; ++i) {
          const double u = design.uniform(j, i);
          ASSERT_GT(u, 0.0);
          ASSERT_LT(u, 1.0);
          // Stratum s is [s/n, (s+1)/n): find it without rounding doubt by checking both bounds.
          auto s = static_cast<std::uint64_t>(u * static_cast<double>(n));
          if (s >= n || static_cast<double>(s) / static_cast<double>(n) > u) --s;
          ASSERT_LT(u, static_cast<double>(s + 1) / static_cast<double>(n));
          ++hits[s];
        }
        EXPECT_TRUE(std::all_of(hits.begin(), hits.end(), [](int h) { return h == 1; })) << "n=" << n << " input " << j;
      }
    }
  }
}

TEST(MonteCarlo, DrawsDependOnlyOnSeedInputNameAndSample) {
  InputDesign a(inputs(), std::nullopt, SamplingMethod::monte_carlo, 7);
  // The same inputs in another order, with one more: each named input keeps its draws.
  std::vector<InputSpec> other = {{"new_one", Distribution::normal(0, 1)}, inputs()[1], inputs()[0]};
  InputDesign b(other, std::nullopt, SamplingMethod::monte_carlo, 7);
  for (std::uint64_t i = 0; i < 100; ++i) {
    EXPECT_EQ(a.uniform(0, i), b.uniform(2, i));
    EXPECT_EQ(a.uniform(1, i), b.uniform(1, i));
  }
  std::vector<double> values(4);
  a.draw(3, values);
  EXPECT_EQ(values[0], inputs()[0].dist.quantile(a.uniform(0, 3)));
  EXPECT_EQ(values[3], 7e12);
}

TEST(InputDesign, ChunkDrawsEqualSingleDrawsForEveryMethod) {
  Eigen::MatrixXd m(2, 2);
  m << 1, 0.4, 0.4, 1;
  for (auto method : {SamplingMethod::monte_carlo, SamplingMethod::latin_hypercube}) {
    for (bool correlated : {false, true}) {
      InputDesign design(inputs(), correlated ? std::optional(RankCorrelation{{"ramp", "capex"}, m}) : std::nullopt,
                         method, 11);
      design.prepare_block(100, 1100);
      std::vector<double> chunk(77 * 4), one(4);
      design.draw_chunk(203, 77, chunk);
      for (std::size_t i = 0; i < 77; ++i) {
        design.draw(203 + i, one);
        for (std::size_t j = 0; j < 4; ++j) ASSERT_EQ(chunk[i * 4 + j], one[j]) << i << "," << j;
      }
    }
  }
}

TEST(Correlation, ImposesRankCorrelationAndKeepsMarginals) {
  Eigen::MatrixXd m(2, 2);
  m << 1, 0.6, 0.6, 1;
  const std::uint64_t n = 20000;
  InputDesign plain(inputs(), std::nullopt, SamplingMethod::latin_hypercube, 3);
  InputDesign correlated(inputs(), RankCorrelation{{"capex", "share"}, m}, SamplingMethod::latin_hypercube, 3);
  plain.prepare_block(0, n);
  correlated.prepare_block(0, n);
  std::vector<double> capex(n), share(n), capex_plain(n), ramp(n), ramp_plain(n);
  for (std::uint64_t i = 0; i < n; ++i) {
    capex[i] = correlated.uniform(0, i);
    share[i] = correlated.uniform(2, i);
    ramp[i] = correlated.uniform(1, i);
    capex_plain[i] = plain.uniform(0, i);
    ramp_plain[i] = plain.uniform(1, i);
  }
  EXPECT_NEAR(spearman(capex, share), 0.6, 0.02);
  EXPECT_EQ(ramp, ramp_plain);  // an input outside the matrix is untouched
  std::sort(capex.begin(), capex.end());
  std::sort(capex_plain.begin(), capex_plain.end());
  EXPECT_EQ(capex, capex_plain);  // the same LHS draws, re-paired
}

TEST(Correlation, RejectsUnknownNamesAndInvalidMatrices) {
  Eigen::MatrixXd m(2, 2);
  m << 1, 0.5, 0.4, 1;
  try {
    InputDesign d(inputs(), RankCorrelation{{"capex", "capx"}, m}, SamplingMethod::monte_carlo, 1);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("the correlation names 'capx', which is not an input"));
    EXPECT_THAT(e.what(), ::testing::HasSubstr("the matrix must be symmetric"));
  }
}

}  // namespace
}  // namespace fabcast::core
