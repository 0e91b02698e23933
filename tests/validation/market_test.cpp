// Validation against history: the world market for AI accelerators. Its spending path is anchored
// on 2025 (NVIDIA's, AMD's and the custom makers' sales); 2024's and 2026's are the checks, and the
// purchases of 2025 check what that spending buys at the list price against Epoch AI's counts. The
// samples and seeds are docs/validation.md's.

#include "report/validation.hpp"

#include <gtest/gtest.h>

namespace fabcast {
namespace {

TEST(Validation, TheMarketSpendsWhatNvidiaAndAmdSoldIn2024AndExpectFor2026) {
  const auto points = report::world_accelerator_spend(10000, 2025);
  ASSERT_EQ(points.size(), 4u);
  ASSERT_EQ(points[1].year, 2024);
  EXPECT_TRUE(points[1].inside()) << points[1].p5 << " .. " << points[1].p95;
  ASSERT_EQ(points[3].year, 2026);
  EXPECT_TRUE(points[3].inside()) << points[3].p5 << " .. " << points[3].p95;
  // 2025 is the data's: its median is the geometric middle of 140-220 ($175.5B) within the sketch.
  EXPECT_NEAR(points[2].p50 / 175.5e9, 1, 0.01);
}

TEST(Validation, TheMarketBuysIn2025WhatEpochsInstalledBaseImplies) {
  const auto points = report::world_bought_h100e(10000, 2025);
  ASSERT_EQ(points.size(), 2u);
  ASSERT_EQ(points[1].year, 2025);
  EXPECT_TRUE(points[1].inside()) << points[1].p5 << " .. " << points[1].p95;
}

// The industry's own path earns about what TSMC does on its capital.
TEST(Validation, TheIndustrysOwnPathEarnsAboutTsmcsReturnOnCapital) {
  const auto points = report::industry_returns(10000, 2024);
  ASSERT_EQ(points.size(), 2u);
  EXPECT_TRUE(points[0].inside()) << points[0].p5 << " .. " << points[0].p95;
  EXPECT_GT(points[0].share, 0.9);  // defined in nearly every sample
}

}  // namespace
}  // namespace fabcast
