// Validation against history: ASML's EUV shipments. The order book without the program ships what
// the other buyers order; the data take ASML's 2025 sales and 2027 plan as their demand, so 2024's
// sales (44) and 2026's plan (at least 60) are the checks, with the samples and seed of
// docs/validation.md.

#include "report/validation.hpp"

#include <gtest/gtest.h>

namespace fabcast {
namespace {

TEST(Validation, TheEuvOrderBookShipsWhatAsmlSoldIn2024AndPlansFor2026) {
  const auto points = report::euv_shipments(10000, 2023);
  ASSERT_EQ(points.size(), 5u);
  const auto& y2024 = points[1];
  ASSERT_EQ(y2024.year, 2024);
  EXPECT_FALSE(y2024.calibrated);
  EXPECT_TRUE(y2024.inside()) << y2024.p5 << " .. " << y2024.p95;
  const auto& y2026 = points[3];
  ASSERT_EQ(y2026.year, 2026);
  EXPECT_GE(y2026.p50, 60);
  // 2025 is calibrated: the median is ASML's 48 within the range of the data (44-53).
  EXPECT_NEAR(points[2].p50, 48.5, 0.5);
}

TEST(Validation, TheEquipmentOrderBookShipsWhatSemiCountedIn2024AndForecastsFor2026) {
  const auto points = report::equipment_sales(10000, 2024);
  ASSERT_EQ(points.size(), 5u);
  EXPECT_TRUE(points[1].inside()) << points[1].p5 << " .. " << points[1].p95;  // 2024: $104B within 5 %
  EXPECT_TRUE(points[3].inside()) << points[3].p5 << " .. " << points[3].p95;  // 2026: about $126B
  EXPECT_NEAR(points[2].p50 / 115.7e9, 1, 0.004);  // calibrated (quantiles within the sketch's 0.4 %)
}

}  // namespace
}  // namespace fabcast
