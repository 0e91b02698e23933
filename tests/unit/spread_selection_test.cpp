// A module's project-spread factor (docs/model.md, Cost) is drawn once and kept until the module
// starts. If a module that could not start drew afresh at each attempt, the draws that start would
// be a selection (a build ending in a year with EUV tools to spare, a cost that fits the money),
// and build times would no longer follow their stated distribution. Reference: the build time's
// distribution itself, round(build_months x f / 3) quarters with build_months and the lognormal
// factor f independent, integrated on a grid of their quantiles (no sampling).

#include "core/normal.hpp"
#include "report/validation.hpp"
#include "scenario/loader.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

namespace fabcast {
namespace {

TEST(ProjectSpread, BuildTimesOfStartedModulesFollowTheirDistributionWhateverWaitedForTools) {
  const auto sc = scenario::load_scenario("altman-7t");
  const auto& build = sc.dist("regions.US.build_months");
  const double sigma = sc.dist("program.project_spread").quantile(0.5);  // a fixed number
  ASSERT_GT(sigma, 0);
  // E[3 max(1, floor(b f / 3 + 0.5))], midpoint rule over 2,000 x 2,000 quantile levels.
  constexpr int GRID = 2000;
  std::vector<double> f(GRID);
  for (int j = 0; j < GRID; ++j) f[j] = std::exp(sigma * core::normal_quantile((j + 0.5) / GRID));
  double expected = 0;
  for (int i = 0; i < GRID; ++i) {
    const double b = build.quantile((i + 0.5) / GRID);
    for (int j = 0; j < GRID; ++j) expected += 3 * std::max(1.0, std::floor(b * f[j] / 3 + 0.5));
  }
  expected /= static_cast<double>(GRID) * GRID;

  // The model: one US logic module, months from its start to its first output, per sample. EUV
  // tools are scarce at first (2 a year, doubling yearly, no ceiling), so many modules wait for
  // the year their tools come from, and every one of them starts in the end: a module that could
  // never start would leave out its sample, a selection of its own.
  const auto months = report::months_to_first_output("US", 8000, 2025,
                                                     {"world.euv_supply=allowance", "world.euv_tools_per_year_2025=2",
                                                      "world.euv_growth_per_year=1", "world.euv_ceiling_per_year=1e9"});
  ASSERT_EQ(months.size(), 8000u);
  const double n = static_cast<double>(months.size());
  const double mean = std::accumulate(months.begin(), months.end(), 0.0) / n;
  double ss = 0;
  for (double m : months) ss += (m - mean) * (m - mean);
  const double se = std::sqrt(ss / (n - 1) / n);
  EXPECT_NEAR(mean, expected, 4 * se) << "standard error " << se;
  ::testing::Test::RecordProperty("mean_months", std::to_string(mean));
  ::testing::Test::RecordProperty("expected_months", std::to_string(expected));
}

}  // namespace
}  // namespace fabcast
