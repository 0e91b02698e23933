#include "core/normal.hpp"

#include <gtest/gtest.h>
#include <boost/math/distributions/normal.hpp>

#include <cmath>
#include <vector>

namespace fabcast::core {
namespace {

// AS241 against Boost.Math's quantile (erfc_inv), over the body and both tails.
TEST(NormalQuantile, MatchesBoostAcrossBodyAndTails) {
  const boost::math::normal_distribution<double> reference;
  for (double p : {1e-300, 1e-100, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.025, 0.05,  0.1,  0.2,   0.3,      0.4,
                   0.45,   0.5,    0.55,  0.6,   0.7,  0.8,   0.9,  0.95,  0.975, 0.99, 0.999, 1 - 1e-5, 1 - 1e-10}) {
    const double expected = boost::math::quantile(reference, p);
    const double got = normal_quantile(p);
    EXPECT_NEAR(got, expected, 1e-14 * std::max(1.0, std::fabs(expected))) << "p = " << p;
  }
}

TEST(NormalQuantile, DenseGridAgreesWithBoost) {
  const boost::math::normal_distribution<double> reference;
  for (int i = 1; i < 10000; ++i) {
    const double p = i / 10000.0;
    const double expected = boost::math::quantile(reference, p);
    ASSERT_NEAR(normal_quantile(p), expected, 2e-15 * std::max(1.0, std::fabs(expected))) << "p = " << p;
  }
}

TEST(NormalQuantile, IsOddAboutOneHalfAndHitsZ95) {
  EXPECT_EQ(normal_quantile(0.5), 0.0);
  EXPECT_NEAR(normal_quantile(0.95), Z95, 1e-15);
  EXPECT_NEAR(normal_quantile(0.05), -Z95, 1e-15);
  EXPECT_TRUE(std::isinf(normal_quantile(0.0)));
}

// The batch form computes the body for every value and then redoes the tails: it must give the
// bits of the one-at-a-time form everywhere, across the 0.075 and 0.925 branch points, at the
// ends of (0, 1) and past them, for any length (vector remainders included).
TEST(NormalQuantile, BatchGivesTheSameBitsAsOneAtATime) {
  std::vector<double> p = {0.0,
                           1e-300,
                           1e-20,
                           0.074999999999999997,
                           0.075,
                           0.07500000000000001,
                           0.3,
                           0.5,
                           0.925,
                           0.92500000000000004,
                           0.9250000000000001,
                           1 - 1e-16,
                           1.0};
  for (int i = 1; i < 4000; ++i) p.push_back(i / 4000.0 + 1e-7 * (i % 7));
  for (std::size_t n : {p.size(), std::size_t{1}, std::size_t{3}, std::size_t{64}, std::size_t{65}}) {
    std::vector<double> z(n);
    normal_quantiles(p.data(), z.data(), n);
    for (std::size_t i = 0; i < n; ++i) {
      const double one = normal_quantile(p[i]);
      ASSERT_TRUE(z[i] == one || (std::isnan(z[i]) && std::isnan(one))) << "p = " << p[i] << " n = " << n;
      ASSERT_EQ(std::signbit(z[i]), std::signbit(one)) << "p = " << p[i];
    }
  }
}

TEST(NormalCdf, MatchesBoostAndKeepsLowerTailPrecision) {
  // erfc(z) at large z is ill-conditioned in its argument: rounding z = -x / sqrt(2) alone costs
  // a relative error of about 2 z^2 eps (1.5e-13 at x = -37), and libm's erfc adds its own there.
  // The body must agree to 1e-13; the far tail (used only by truncation) to 1e-11 relative.
  const boost::math::normal_distribution<double> reference;
  for (double x : {-8.0, -3.0, -1.0, 0.0, 0.5, 1.6448536269514722, 3.0, 8.0}) {
    const double expected = boost::math::cdf(reference, x);
    EXPECT_NEAR(normal_cdf(x), expected, 1e-13 * expected) << "x = " << x;
  }
  for (double x : {-37.0, -20.0}) {
    const double expected = boost::math::cdf(reference, x);
    EXPECT_NEAR(normal_cdf(x), expected, 1e-11 * expected) << "x = " << x;
  }
}

}  // namespace
}  // namespace fabcast::core
