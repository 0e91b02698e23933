// Validation against history: how long a single leading-edge logic module takes from
// groundbreaking to first output. Sources: TSMC Arizona fab 1, April 2021 to volume production in
// Q4 2024, 43 months (Tom's Hardware; C.C. Wei, January 2025): the US median must lie within 36-48
// months. Exyte (February 2025): 19 months from permit to production in Taiwan: the Taiwan median
// must lie within 18-30 months.

#include "report/validation.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace fabcast {
namespace {

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(v.size() / 2), v.end());
  return v[v.size() / 2];
}

// The median build time of `region` must lie in [lo, hi] months; it is recorded in the test XML.
void expect_median_months(const std::string& region, double lo, double hi) {
  const auto months = report::months_to_first_output(region, 4000, 2024);
  ASSERT_GT(months.size(), 1000u) << region;
  const double m = median(months);
  EXPECT_GE(m, lo) << region;
  EXPECT_LE(m, hi) << region;
  ::testing::Test::RecordProperty(region + "_median_months", std::to_string(m));
}

TEST(Validation, UsModuleBuildTimeMatchesTsmcArizona) { expect_median_months("US", 36, 48); }

TEST(Validation, TaiwanModuleBuildTimeMatchesExyte) { expect_median_months("Taiwan", 18, 30); }

}  // namespace
}  // namespace fabcast
