// The model's pure submodels against hand-computed cases and a slow oracle.

#include "model/finance.hpp"
#include "model/yield.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
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
}

// The IRR is defined only where exactly one rate in (-99 %, 10,000 %] zeroes the NPV; else it is
// +inf ("undefined"), never -0.99 or 0 (it once was -0.99 though a root existed).
TEST(Finance, IrrIsUndefinedUnlessExactlyOneRateZeroesTheNpv) {
  const double undefined = std::numeric_limits<double>::infinity();
  EXPECT_EQ(irr(std::vector<double>{-100, -10}, 1.0), undefined);  // never any inflow: no root
  EXPECT_EQ(irr(std::vector<double>{100, 10}, 1.0), undefined);    // never any outflow
  EXPECT_EQ(irr(std::vector<double>{0, 0, 0}, 1.0), undefined);    // nothing happened
  // Two sign changes, two roots: -100 + 230 x - 132 x^2 = 0 at x = 1/1.1 and 1/1.2 (10 % and 20 %).
  EXPECT_EQ(irr(std::vector<double>{-100, 230, -132}, 1.0), undefined);
  // Two sign changes and one root inside the bracket: -100 + 1000 x - x^2 has roots near x = 0.1
  // (r = 900 %) and x = 999.9 (r = -99.9 %, below the bracket's -99 %): the IRR is the first.
  const double x = (1000 - std::sqrt(1000.0 * 1000 - 400)) / 2;
  EXPECT_NEAR(irr(std::vector<double>{-100, 1000, -1}, 1.0), 1 / x - 1, 1e-9);
  // One sign change whose root lies beyond the bracket's floor: -100 then 0.5 (r = -99.5 %).
  EXPECT_EQ(irr(std::vector<double>{-100, 0.5}, 1.0), undefined);
  // A conventional project after a later outlay (three sign changes) with one root: the grid
  // finds it, and it zeroes the NPV.
  const std::vector<double> cf = {-100, 60, 60, -10, 30};
  const double r = irr(cf, 1.0);
  ASSERT_TRUE(std::isfinite(r));
  EXPECT_NEAR(npv(cf, 1.0, r), 0, 1e-9 * 100);
}

// Against a slow oracle on random cash flows: the IRR, when defined, zeroes the NPV within 1e-9
// of the flows discounted at it (their absolute values: at a rate near -99 % a quarter's factor is
// 3.2 and a late flow's weight passes 1e20, so no NPV there is exact to 1e-9 of the raw outlay),
// and it is undefined exactly when a fine scan of the bracket (4,096 points) finds no sign change
// or more than one.
TEST(Finance, IrrAgreesWithAFineScanOnRandomCashFlows) {
  std::uint64_t state = 12345;
  auto uniform = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  int defined = 0, checked = 0;
  for (int trial = 0; trial < 400; ++trial) {
    std::vector<double> cf(8 + static_cast<std::size_t>(uniform() * 40));
    for (auto& c : cf) c = (uniform() - 0.45) * 100;
    cf[0] = -100 - 100 * uniform();
    int changes = 0;
    double prev = npv(cf, 0.25, IRR_HIGH);
    for (int i = 1; i <= 4096; ++i) {
      const double rate = std::pow(1 + IRR_HIGH, 1 - i / 4096.0) * std::pow(1 + IRR_LOW, i / 4096.0) - 1;
      const double v = npv(cf, 0.25, rate);
      if ((v < 0) != (prev < 0)) ++changes;
      prev = v;
    }
    const double r = irr(cf, 0.25);
    ++checked;
    if (std::isfinite(r)) {
      ++defined;
      EXPECT_EQ(changes, 1) << trial;
      std::vector<double> magnitude(cf.size());
      std::transform(cf.begin(), cf.end(), magnitude.begin(), [](double c) { return std::fabs(c); });
      EXPECT_NEAR(npv(cf, 0.25, r), 0, 1e-9 * npv(magnitude, 0.25, r)) << trial;
    } else {
      EXPECT_NE(changes, 1) << trial;
    }
  }
  EXPECT_GT(defined, 50);
  EXPECT_LT(defined, checked);
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
