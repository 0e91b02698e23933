// The headline: every number in its sentences comes from the run's result, read at the right step.

#include "report/headline.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace fabcast::report {
namespace {

using ::testing::HasSubstr;
using Json = nlohmann::ordered_json;

Json result() {
  Json r;
  r["steps"] = {"2030Q3", "2030Q4", "2031Q1", "2035Q4"};
  r["series"]["committed_cumulative_usd"] = {
      {"p5", {0, 1e12, 2e12, 3e12}}, {"p50", {0, 1.5e12, 2.5e12, 4e12}}, {"p95", {0, 2e12, 3e12, 5e12}}};
  r["binding"]["constraints"] = {
      {"capital", {0.0, 0.1, 0.1, 0.1}}, {"euv", {0.6, 0.5, 0.5, 0.5}}, {"none", {0.4, 0.4, 0.4, 0.4}}};
  Json q = Json::array();
  for (int i = 0; i <= 100; ++i) q.push_back(i - 70.0);  // 29 of 100 percent points above zero
  r["scalars"]["npv_usd"] = {{"p5", -65.0}, {"p50", -20.0}, {"p95", 25.0}, {"cdf", {{"quantiles", q}}}};
  r["scalars"]["irr"] = {{"share_finite", 0.3}};
  return r;
}

TEST(Headline, StatesTheMoneyByYearAndWhatStopsMoreFromTheResult) {
  const auto h = headline(result(), 7e12);
  ASSERT_FALSE(h.findings.empty());
  // The last step of each year: 2030Q4, not 2030Q3.
  EXPECT_THAT(h.findings[0], HasSubstr("Of the $7T pledged, the program commits $1.5T [$1T, $2T] by the end of 2030, "
                                       "$4T [$3T, $5T] by the end of 2035"));
  // EUV binds in 0.6 + 3 x 0.5 of 4 steps' samples: 52.5 %.
  EXPECT_THAT(h.findings[0], HasSubstr("EUV tools, in 52 % of sample-quarters"));
  EXPECT_THAT(h.findings[1], HasSubstr("Net present value -$20 [-$65, $25]; positive in about 30 % of samples; an IRR "
                                       "exists in 30 % of samples"));
  EXPECT_THAT(h.caveats.back(), HasSubstr("The run covers 2030 to 2035"));
}

TEST(Headline, LeavesOutWhatTheRunDidNotRecord) {
  auto r = result();
  r["series"].erase("committed_cumulative_usd");
  const auto h = headline(r, std::nullopt);
  for (const auto& f : h.findings) EXPECT_THAT(f, ::testing::Not(HasSubstr("commits")));
}

}  // namespace
}  // namespace fabcast::report
