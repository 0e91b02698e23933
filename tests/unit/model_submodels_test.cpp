// The model's pure submodels against hand-computed cases and a slow oracle.

#include "model/finance.hpp"
#include "model/yield.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace fabcast::model {
namespace {

TEST(GrossDies, An814mm2DieOn300mmGives63) {
  // MODEL.md section 4.6 and the issue: 63 +- 1 for 814 mm2 on 300 mm. The formula's edge term
  // is its own edge exclusion, so no further exclusion is applied (edge_exclusion_mm = 0).
  EXPECT_NEAR(gross_dies_per_wafer(300, 0, 814), 63.48, 0.01);
  EXPECT_EQ(std::floor(gross_dies_per_wafer(300, 0, 814)), 63);
  // With 3 mm of exclusion on top the formula gives 60.5: the usable diameter is 294 mm.
  EXPECT_NEAR(gross_dies_per_wafer(300, 3, 814), 60.51, 0.01);
}

// Slow oracle: whole dies of w x h mm on a grid, best of many grid offsets, inside radius R.
int grid_count(double radius, double w, double h) {
  int best = 0;
  for (int i = 0; i < 24; ++i) {
    for (int j = 0; j < 24; ++j) {
      const double ox = w * i / 24, oy = h * j / 24;
      int n = 0;
      for (int a = -20; a <= 20; ++a) {
        for (int b = -20; b <= 20; ++b) {
          const double x0 = a * w + ox, y0 = b * h + oy;
          bool inside = true;
          for (double x : {x0, x0 + w}) {
            for (double y : {y0, y0 + h}) inside &= std::hypot(x, y) <= radius;
          }
          n += inside;
        }
      }
      best = std::max(best, n);
    }
  }
  return best;
}

TEST(GrossDies, FormulaIsWithinSixPercentOfAnExactGridCountWithA3mmRing) {
  // Reticle-size dies: the formula is below the exact count (63.5 vs 67); small dies: above it.
  EXPECT_LT(gross_dies_per_wafer(300, 0, 26 * 31.3), grid_count(147, 26, 31.3));
  for (auto [w, h] : {std::pair{26.0, 31.3}, std::pair{20.0, 20.0}, std::pair{10.0, 12.0}}) {
    const int exact_3mm = grid_count(147, w, h);
    const double formula = gross_dies_per_wafer(300, 0, w * h);
    EXPECT_NEAR(formula, exact_3mm, 0.06 * exact_3mm) << w << "x" << h;
  }
}

TEST(DieYield, MatchesHandComputedValues) {
  // A = 800 mm2 = 8 cm2, D0 = 0.1: A D0 = 0.8.
  EXPECT_NEAR(die_yield(YieldModel::poisson, 800, 0.1, 2), std::exp(-0.8), 1e-15);
  EXPECT_NEAR(die_yield(YieldModel::negative_binomial, 800, 0.1, 2), 1 / (1.4 * 1.4), 1e-15);  // (1 + 0.4)^-2
  EXPECT_NEAR(die_yield(YieldModel::murphy, 800, 0.1, 2), std::pow((1 - std::exp(-0.8)) / 0.8, 2), 1e-15);
  // Ordering for the same A D0: Poisson is the most pessimistic, negative binomial the least.
  EXPECT_LT(die_yield(YieldModel::poisson, 800, 0.1, 2), die_yield(YieldModel::murphy, 800, 0.1, 2));
  EXPECT_LT(die_yield(YieldModel::murphy, 800, 0.1, 2), die_yield(YieldModel::negative_binomial, 800, 0.1, 2));
  // Negative binomial tends to Poisson as alpha grows.
  EXPECT_NEAR(die_yield(YieldModel::negative_binomial, 800, 0.1, 1e7), std::exp(-0.8), 1e-7);
  EXPECT_EQ(die_yield(YieldModel::poisson, 800, 0.0, 2), 1.0);
}

TEST(DefectDensity, LearnsFromLaunchToMature) {
  EXPECT_EQ(defect_density(0.4, 0.1, 0, 6), 0.4);
  EXPECT_NEAR(defect_density(0.4, 0.1, 6, 6), 0.1 + 0.3 / std::exp(1.0), 1e-15);
  EXPECT_NEAR(defect_density(0.4, 0.1, 1000, 6), 0.1, 1e-15);
}

TEST(Finance, NpvMatchesTheTextbookSum) {
  const std::vector<double> cf = {-100, 30, 40, 50};
  EXPECT_NEAR(npv(cf, 1.0, 0.1), -100 + 30 / 1.1 + 40 / 1.21 + 50 / 1.331, 1e-12);
  // Quarterly steps discount at (1 + r)^(t / 4).
  EXPECT_NEAR(npv(cf, 0.25, 0.1), -100 + 30 / std::pow(1.1, 0.25) + 40 / std::pow(1.1, 0.5) + 50 / std::pow(1.1, 0.75),
              1e-12);
}

TEST(Finance, IrrZeroesTheNpv) {
  const std::vector<double> cf = {-100, 30, 40, 50};
  const double r = irr(cf, 1.0);
  EXPECT_NEAR(npv(cf, 1.0, r), 0, 1e-9);
  EXPECT_NEAR(r, 0.0889633947, 1e-8);  // root of -100 + 30/x + 40/x^2 + 50/x^3 (x = 1 + r)
  EXPECT_NEAR(irr(std::vector<double>{-100, 110}, 1.0), 0.10, 1e-12);
  // Losing money still has an IRR: 100 x^2 - 10 x - 10 = 0 at x = (10 + sqrt(4100)) / 200.
  EXPECT_NEAR(irr(std::vector<double>{-100, 10, 10}, 1.0), (10 + std::sqrt(4100.0)) / 200 - 1, 1e-10);
  EXPECT_EQ(irr(std::vector<double>{-100, -10}, 1.0), -0.99);  // never any inflow: the bracket's floor
  EXPECT_EQ(irr(std::vector<double>{0, 0, 0}, 1.0), 0);        // nothing happened
}

// Over 175 years of quarters x^t reaches 3.16^700 at r = -0.99 and overflows: the IRR is still
// the root, found on the polynomial scaled by x^-(n-1) where x > 1 (it once came back NaN).
TEST(Finance, IrrOverCenturiesOfStepsIsTheRoot) {
  for (const double annuity : {0.5, 1.0, 3.0}) {  // an outlay, then equal inflows: one root
    std::vector<double> cf(704, annuity);
    cf[0] = -100;
    const double r = irr(cf, 0.25);
    ASSERT_TRUE(std::isfinite(r)) << annuity;
    EXPECT_NEAR(npv(cf, 0.25, r), 0, 1e-9 * 100) << annuity;
  }
  // A loss over the same horizon: inflows summing to less than the outlay give a negative root.
  std::vector<double> loss(704, 0.1);
  loss[0] = -100;
  const double r = irr(loss, 0.25);
  EXPECT_LT(r, 0);
  EXPECT_NEAR(npv(loss, 0.25, r), 0, 1e-9 * 100);
  // A non-finite cash flow has no IRR: NaN, for the engine to report with the sample's inputs.
  EXPECT_TRUE(std::isnan(irr(std::vector<double>{-100, INFINITY}, 1.0)));
}

TEST(Finance, PaybackIsTheFirstStepCumulativeCashTurnsNonNegative) {
  EXPECT_EQ(payback_step(std::vector<double>{-100, 30, 40, 50}), 3);
  EXPECT_EQ(payback_step(std::vector<double>{-100, 100}), 1);
  EXPECT_EQ(payback_step(std::vector<double>{-100, 10}), -1);
  EXPECT_EQ(payback_step(std::vector<double>{0, 0}), -1);  // never negative: nothing to pay back
}

}  // namespace
}  // namespace fabcast::model
