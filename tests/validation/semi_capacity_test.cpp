// Validation against history: the world's leading-edge (7 nm and below) capacity. SEMI's 300mm Fab
// Outlook (25 June 2025): 850k wafer starts a month in 2024, 982k in 2025, 1.4M in 2028.
// status-quo starts from the 2024 base and takes its pipeline's yearly rate from SEMI's 2025
// increase; the check is 2028: SEMI's figure must lie inside the model's p5-p95 band, with the
// samples and seed of docs/validation.md.

#include "report/validation.hpp"

#include <gtest/gtest.h>

namespace fabcast {
namespace {

TEST(Validation, StatusQuoReachesSemisLeadingEdgeCapacityIn2028) {
  const auto path = report::semi_capacity_path(10000, 2028);
  ASSERT_EQ(path.size(), 3u);
  const auto& y2028 = path[2];
  ASSERT_EQ(y2028.year, "2028");
  EXPECT_FALSE(y2028.calibrated);
  EXPECT_GE(y2028.semi, y2028.p5);
  EXPECT_LE(y2028.semi, y2028.p95);
  ::testing::Test::RecordProperty("p5_2028", std::to_string(y2028.p5));
  ::testing::Test::RecordProperty("p50_2028", std::to_string(y2028.p50));
  ::testing::Test::RecordProperty("p95_2028", std::to_string(y2028.p95));
}

TEST(Validation, NoNewStartProducesWithin2025SoThe2025IncreaseIsThePipelines) {
  // The calibration's premise: at the end of 2025 every sample holds exactly the base plus one
  // year of the pipeline, 850k + 132k. One 2025 start producing in one sample of 2,000 would
  // raise the (exact) mean by at least 25k x 3/36 / 2,000 = 1 wafer start a month.
  const auto y2025 = report::semi_capacity_path(2000, 7).front();
  ASSERT_EQ(y2025.year, "2025");
  EXPECT_TRUE(y2025.calibrated);
  EXPECT_NEAR(y2025.mean, 982e3, 0.01);
}

}  // namespace
}  // namespace fabcast
