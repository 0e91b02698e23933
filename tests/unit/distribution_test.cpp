// Each family against its closed form: sample mean and variance within K_SE standard errors,
// the quantile function against Boost.Math, and a Kolmogorov-Smirnov test of the draws against
// the reference CDF (see test_support.hpp for the false-failure rates).

#include "core/distribution.hpp"

#include "core/expression.hpp"
#include "core/normal.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <boost/math/special_functions/beta.hpp>

#include <cmath>
#include <functional>
#include <numbers>
#include <utility>
#include <vector>

namespace fabcast::core {
namespace {

constexpr std::size_t N = 200000;
constexpr double QUANTILE_LEVELS_TO_CHECK[] = {0.001, 0.05, 0.25, 0.5, 0.75, 0.95, 0.999};

struct Case {
  const char* name;
  Distribution dist;
  double mean;
  double variance;
  std::function<double(double)> reference_cdf;  // independent of fabcast's code
  std::function<double(double)> reference_quantile;
};

std::vector<Case> cases() {
  namespace bm = boost::math;
  std::vector<Case> out;
  {
    bm::normal_distribution<double> ref(10, 2);
    out.push_back({"normal", Distribution::normal(10, 2), 10, 4, [=](double x) { return bm::cdf(ref, x); },
                   [=](double p) { return bm::quantile(ref, p); }});
  }
  {
    const double mu = 1.5, sigma = 0.4;
    bm::lognormal_distribution<double> ref(mu, sigma);
    out.push_back({"lognormal", Distribution::lognormal(mu, sigma), std::exp(mu + sigma * sigma / 2),
                   (std::exp(sigma * sigma) - 1) * std::exp(2 * mu + sigma * sigma),
                   [=](double x) { return bm::cdf(ref, x); }, [=](double p) { return bm::quantile(ref, p); }});
  }
  {
    // `a to b` = lognormal with p5 = a, p95 = b (MODEL.md section 2).
    const double a = 10e9, b = 25e9;
    const double mu = (std::log(a) + std::log(b)) / 2, sigma = (std::log(b) - std::log(a)) / (2 * 1.6448536269514722);
    bm::lognormal_distribution<double> ref(mu, sigma);
    out.push_back({"to", Distribution::to(a, b), std::exp(mu + sigma * sigma / 2),
                   (std::exp(sigma * sigma) - 1) * std::exp(2 * mu + sigma * sigma),
                   [=](double x) { return bm::cdf(ref, x); }, [=](double p) { return bm::quantile(ref, p); }});
  }
  {
    bm::uniform_distribution<double> ref(1, 3);
    out.push_back({"uniform", Distribution::uniform(1, 3), 2, 4.0 / 12, [=](double x) { return bm::cdf(ref, x); },
                   [=](double p) { return bm::quantile(ref, p); }});
  }
  {
    const double a = 1, b = 100, l = std::log(b / a);
    out.push_back({"loguniform", Distribution::loguniform(a, b), (b - a) / l,
                   (b * b - a * a) / (2 * l) - ((b - a) / l) * ((b - a) / l),
                   [=](double x) { return x <= a   ? 0.0
                                          : x >= b ? 1.0
                                                   : std::log(x / a) / l; },
                   [=](double p) { return a * std::pow(b / a, p); }});
  }
  {
    const double a = 1, c = 2, b = 5;
    bm::triangular_distribution<double> ref(a, c, b);
    out.push_back({"triangular", Distribution::triangular(a, c, b), (a + b + c) / 3,
                   (a * a + b * b + c * c - a * b - a * c - b * c) / 18, [=](double x) { return bm::cdf(ref, x); },
                   [=](double p) { return bm::quantile(ref, p); }});
  }
  {
    // PERT (Vose 2008): mean (a + 4m + b) / 6, variance (mean - a)(b - mean) / 7.
    const double a = 18, m = 24, b = 36, mean = (a + 4 * m + b) / 6;
    bm::beta_distribution<double> ref(1 + 4 * (m - a) / (b - a), 1 + 4 * (b - m) / (b - a));
    out.push_back({"pert", Distribution::pert(a, m, b), mean, (mean - a) * (b - mean) / 7,
                   [=](double x) { return bm::cdf(ref, std::clamp((x - a) / (b - a), 0.0, 1.0)); },
                   [=](double p) { return a + (b - a) * bm::quantile(ref, p); }});
  }
  {
    const double al = 2, be = 5;
    bm::beta_distribution<double> ref(al, be);
    out.push_back({"beta", Distribution::beta(al, be), al / (al + be),
                   al * be / ((al + be) * (al + be) * (al + be + 1)), [=](double x) { return bm::cdf(ref, x); },
                   [=](double p) { return bm::quantile(ref, p); }});
  }
  {
    // Truncated normal on [lo, hi] (Johnson, Kotz & Balakrishnan, Continuous Univariate Distributions, 1994).
    const double mu = 0.3, sd = 0.2, lo = 0, hi = 0.5;
    const double alpha = (lo - mu) / sd, beta = (hi - mu) / sd;
    const auto phi = [](double z) { return std::exp(-z * z / 2) / std::sqrt(2 * std::numbers::pi); };
    bm::normal_distribution<double> ref(mu, sd);
    const double z = bm::cdf(ref, hi) - bm::cdf(ref, lo);
    const double mean = mu + sd * (phi(alpha) - phi(beta)) / z;
    const double var =
        sd * sd * (1 + (alpha * phi(alpha) - beta * phi(beta)) / z - std::pow((phi(alpha) - phi(beta)) / z, 2));
    out.push_back({"truncated normal", Distribution::normal(mu, sd).truncated(lo, hi), mean, var,
                   [=](double x) { return x <= lo   ? 0.0
                                          : x >= hi ? 1.0
                                                    : (bm::cdf(ref, x) - bm::cdf(ref, lo)) / z; },
                   [=](double p) { return bm::quantile(ref, bm::cdf(ref, lo) + p * z); }});
  }
  return out;
}

class Families : public ::testing::TestWithParam<std::size_t> {};

TEST_P(Families, MeanAndVarianceMatchClosedForm) {
  const auto c = cases()[GetParam()];
  const auto xs = test::draws(c.dist, N, 20260101);
  const auto st = test::stats(xs);
  EXPECT_NEAR(st.mean, c.mean, test::K_SE * std::sqrt(c.variance / N)) << c.name;
  EXPECT_NEAR(st.variance, c.variance, test::K_SE * st.se_variance) << c.name;
}

TEST_P(Families, QuantileFunctionMatchesBoost) {
  const auto c = cases()[GetParam()];
  for (double p : QUANTILE_LEVELS_TO_CHECK) {
    const double expected = c.reference_quantile(p);
    EXPECT_NEAR(c.dist.quantile(p), expected, 1e-12 * std::max(1.0, std::fabs(expected))) << c.name << " p=" << p;
  }
}

TEST_P(Families, CdfInvertsQuantile) {
  const auto c = cases()[GetParam()];
  for (double p : QUANTILE_LEVELS_TO_CHECK) {
    EXPECT_NEAR(c.reference_cdf(c.dist.quantile(p)), p, 1e-10) << c.name << " p=" << p;
    EXPECT_NEAR(c.dist.cdf(c.dist.quantile(p)), p, 1e-10) << c.name << " p=" << p;
  }
}

TEST_P(Families, DrawsPassKolmogorovSmirnov) {
  const auto c = cases()[GetParam()];
  const auto xs = test::draws(c.dist, N, 77);
  EXPECT_LT(test::ks_statistic(xs, c.reference_cdf), test::ks_limit(N)) << c.name;
}

INSTANTIATE_TEST_SUITE_P(AllFamilies, Families, ::testing::Range<std::size_t>(0, 9), [](const auto& param_info) {
  std::string name = cases()[param_info.param].name;
  std::replace(name.begin(), name.end(), ' ', '_');
  return name;
});

TEST(To, HitsItsFifthAndNinetyFifthPercentiles) {
  const auto d = Distribution::to(10e9, 25e9);
  EXPECT_NEAR(d.quantile(0.05), 10e9, 10e9 * 1e-13);
  EXPECT_NEAR(d.quantile(0.95), 25e9, 25e9 * 1e-13);
  // Sample quantiles: standard error sqrt(p (1 - p) / n) / f(x_p).
  auto xs = test::draws(d, N, 5);
  std::sort(xs.begin(), xs.end());
  const auto density = [&](double x) {
    const double h = x * 1e-6;
    return (d.cdf(x + h) - d.cdf(x - h)) / (2 * h);
  };
  for (auto [p, x] : {std::pair{0.05, 10e9}, std::pair{0.95, 25e9}}) {
    const double se = std::sqrt(p * (1 - p) / N) / density(x);
    EXPECT_NEAR(xs[static_cast<std::size_t>(p * (N - 1))], x, test::K_SE * se) << "p=" << p;
  }
}

// quantiles() transforms a strided column in place and must equal quantile() value by value,
// for the families it batches (normal, lognormal) and those it does not, truncated or not.
TEST(Quantiles, StridedBatchEqualsOneAtATime) {
  for (const char* text : {"normal(10, 2)", "10e9 to 25e9", "lognormal(1, 0.5)", "uniform(1, 3)", "pert(18, 24, 36)",
                           "truncate(normal(0.3, 0.2), 0, 1)", "choice(1: 0.2, 2: 0.5, 5: 0.3)"}) {
    const auto d = parse_distribution(text);
    constexpr std::size_t STRIDE = 3, COUNT = 150;  // more than one block of 64, and a remainder
    std::vector<double> x(COUNT * STRIDE, -1.0);
    for (std::size_t i = 0; i < COUNT; ++i) x[i * STRIDE] = (static_cast<double>(i) + 0.5) / COUNT;
    x[0] = 1e-12;  // deep in a tail
    const std::vector<double> u = x;
    d.quantiles(x.data(), COUNT, STRIDE);
    for (std::size_t i = 0; i < COUNT; ++i) {
      ASSERT_EQ(x[i * STRIDE], d.quantile(u[i * STRIDE])) << text << " u = " << u[i * STRIDE];
      ASSERT_EQ(x[i * STRIDE + 1], -1.0) << text << ": wrote between strides";
    }
  }
}

TEST(Choice, FrequenciesMatchWeights) {
  const auto d = Distribution::choice({5, 1, 2}, {0.3, 0.2, 0.5});
  const auto xs = test::draws(d, N, 11);
  for (auto [v, w] : {std::pair{1.0, 0.2}, std::pair{2.0, 0.5}, std::pair{5.0, 0.3}}) {
    const double share = static_cast<double>(std::count(xs.begin(), xs.end(), v)) / N;
    EXPECT_NEAR(share, w, test::K_SE * std::sqrt(w * (1 - w) / N)) << "value " << v;
  }
  EXPECT_EQ(d.quantile(0.1), 1.0);
  EXPECT_EQ(d.quantile(0.2), 1.0);  // the CDF reaches 0.2 at 1
  EXPECT_EQ(d.quantile(0.21), 2.0);
  EXPECT_EQ(d.quantile(0.99), 5.0);
}

TEST(Empirical, EachValueEquallyLikely) {
  const auto d = Distribution::empirical({8, 3, 5, 3});
  const auto xs = test::draws(d, N, 12);
  EXPECT_NEAR(static_cast<double>(std::count(xs.begin(), xs.end(), 3.0)) / N, 0.5, test::K_SE * std::sqrt(0.25 / N));
  EXPECT_NEAR(static_cast<double>(std::count(xs.begin(), xs.end(), 8.0)) / N, 0.25, test::K_SE * std::sqrt(0.1875 / N));
  const auto st = test::stats(xs);
  EXPECT_NEAR(st.mean, 19.0 / 4, test::K_SE * st.se_mean);
}

TEST(Truncation, KeepsEveryDrawInsideItsBounds) {
  for (const auto& d : {Distribution::normal(0, 1).truncated(-0.5, 2), Distribution::to(1, 100).truncated(5, 50),
                        Distribution::pert(0, 1, 10).truncated(2, 3), Distribution::uniform(0, 1).truncated(0.9, 5),
                        Distribution::choice({1, 2, 3, 4}, {1, 1, 1, 1}).truncated(1.5, 3)}) {
    for (double x : test::draws(d, 20000, 3)) {
      ASSERT_GE(x, d.trunc_lo()) << d.to_string();
      ASSERT_LE(x, d.trunc_hi()) << d.to_string();
    }
  }
}

TEST(Truncation, OfADiscreteChoiceRenormalisesTheRemainingWeights) {
  const auto d = Distribution::choice({1, 2, 3, 4}, {0.1, 0.2, 0.3, 0.4}).truncated(2, 3);
  const auto xs = test::draws(d, N, 4);
  const double share2 = static_cast<double>(std::count(xs.begin(), xs.end(), 2.0)) / N;
  EXPECT_NEAR(share2, 0.4, test::K_SE * std::sqrt(0.24 / N));
  EXPECT_EQ(std::count_if(xs.begin(), xs.end(), [](double x) { return x != 2 && x != 3; }), 0);
}

TEST(Truncation, RejectsBoundsWithNoMass) {
  EXPECT_THROW((void)Distribution::uniform(0, 1).truncated(2, 3), DistributionError);
  EXPECT_THROW((void)Distribution::choice({1, 2}, {1, 1}).truncated(1.2, 1.8), DistributionError);
  EXPECT_THROW((void)Distribution::normal(0, 1).truncated(1, 1), DistributionError);
  EXPECT_THROW((void)Distribution::fixed(5).truncated(0, 1), DistributionError);
  EXPECT_NO_THROW((void)Distribution::fixed(0.5).truncated(0, 1));
}

// The truncated quantile in the upper tail against Boost's complement quantile (an independent
// implementation of the inverse survival function): x(u) solves S(x) = S(lo) - u (S(lo) - S(hi)).
// Through the CDF instead, 1 - F(8) = 6e-16 has three doubles of resolution and the old p95 of
// truncate(normal(0, 1), 8, 9) was 9 (the true value is 8.36).
TEST(Truncation, InTheUpperTailKeepsItsPrecision) {
  const boost::math::normal_distribution<double> unit;
  auto reference = [&](double lo, double hi, double u) {
    const double s_lo = boost::math::cdf(boost::math::complement(unit, lo));
    const double s_hi = boost::math::cdf(boost::math::complement(unit, hi));
    return boost::math::quantile(boost::math::complement(unit, s_hi + (1 - u) * (s_lo - s_hi)));
  };
  for (const auto& [lo, hi] : {std::pair{8.0, 9.0}, std::pair{8.3, 9.0}, std::pair{5.0, 30.0}, std::pair{1.0, 37.0},
                               std::pair{0.0, Distribution::INF}}) {
    const auto d = Distribution::normal(0, 1).truncated(lo, hi);
    for (double u : {U_MIN, 0.001, 0.05, 0.5, 0.95, 0.999, U_MAX}) {
      EXPECT_NEAR(d.quantile(u), reference(lo, std::min(hi, 40.0), u),
                  1e-12 * reference(lo, std::min(hi, 40.0), u) + 1e-14)
          << d.to_string() << " at u = " << u;
      EXPECT_NEAR(d.cdf(d.quantile(u)), u, 1e-9) << d.to_string() << " at u = " << u;
    }
  }
  // By bisection on erfc in double precision: S(x) = S(9) + 0.05 (S(8) - S(9)) at x = 8.360554716618324.
  EXPECT_NEAR(Distribution::normal(0, 1).truncated(8, 9).quantile(0.95), 8.360554716618324, 1e-12);
  // The same for PERT's beta near its maximum, against Boost's ibetac_inv.
  const auto pert = Distribution::pert(0, 1, 10).truncated(9.99, 10);
  const boost::math::beta_distribution<double> b(1.4, 4.6);
  const double s_lo = boost::math::cdf(boost::math::complement(b, 0.999));
  for (double u : {U_MIN, 0.05, 0.5, 0.95, U_MAX}) {
    EXPECT_NEAR(pert.quantile(u), 10 * boost::math::quantile(boost::math::complement(b, s_lo * (1 - u))), 1e-10)
        << "u = " << u;
  }
}

// Beta shapes below 1 far in a tail, where Boost 1.74's inversion gives up (ibeta_inv(0.5, 3, 1e-10)
// throws): the quantile inverts Boost's forward function there too, and never decreases in u.
TEST(Beta, TailsInvertTheIncompleteBetaForEveryAllowedShape) {
  const std::pair<double, double> shapes[] = {{0.5, 3}, {2, 0.5}, {0.05, 5},  {0.01, 0.01},
                                              {1e5, 3}, {3, 1e5}, {1e5, 1e5}, {1, 1}};
  const double us[] = {U_MIN, 1e-10, 1e-4, 0.5, 1 - 1e-4, 1 - 1e-10, U_MAX};
  for (const auto& [a, b] : shapes) {
    const auto d = Distribution::beta(a, b);
    double previous = -1;
    for (double u : us) {
      const double x = d.quantile(u);
      EXPECT_GE(x, previous) << d.to_string() << " at u = " << u;
      previous = x;
      if (x <= 0 || x >= 1) continue;  // the root lies below the smallest double above 0, or rounds to 1
      // The root of I_x(a, b) = u lies within 8 doubles of x either way (relative slack 1e-9 for
      // the forward function's own rounding).
      double below = x, above = x;
      for (int i = 0; i < 8; ++i) {
        below = std::nextafter(below, 0.0);
        above = std::nextafter(above, 1.0);
      }
      EXPECT_LE(boost::math::ibeta(a, b, below), u * (1 + 1e-9)) << d.to_string() << " at u = " << u;
      EXPECT_GE(boost::math::ibeta(a, b, above), u * (1 - 1e-9)) << d.to_string() << " at u = " << u;
      if (u > 0.5) {  // in the upper tail the same through the complement, which keeps its digits
        EXPECT_GE(boost::math::ibetac(a, b, below), (1 - u) * (1 - 1e-9)) << d.to_string() << " at u = " << u;
        EXPECT_LE(boost::math::ibetac(a, b, above), (1 - u) * (1 + 1e-9)) << d.to_string() << " at u = " << u;
      }
    }
  }
  EXPECT_THROW((void)Distribution::beta(1e-300, 1e-300), DistributionError);
  EXPECT_THROW((void)Distribution::beta(2, 1e-322), DistributionError);
  EXPECT_THROW((void)Distribution::beta(1e300, 1e300), DistributionError);
  EXPECT_THROW((void)Distribution::pert(0, 1, 2, 3e23), DistributionError);
  // A choice's weights sum in value order, as its canonical text lists them: the text parses
  // back to the same bits whatever the order they were written in.
  const auto mixed = parse_distribution("discrete(1: 7.2014e-304, 3: 0.852308, 3: 2, 1: 29007199254740992)");
  EXPECT_EQ(parse_distribution(mixed.to_string()), mixed);
  EXPECT_THROW((void)Distribution::choice({1, 2}, {1e308, 1e308}), DistributionError);  // the sum overflows
  // -0 and 0 are one value: the canonical text is stable.
  EXPECT_EQ(Distribution::empirical({0, -0.0, 1}).to_string(), "empirical(0, 0, 1)");
  EXPECT_EQ(parse_distribution(Distribution::empirical({-0.0, 0, 1}).to_string()), Distribution::empirical({0, 0, 1}));
}

// Every distribution that can be built draws finite numbers only, from U_MIN to U_MAX: the
// constructors refuse the rest, so no input can enter the model as an infinity.
TEST(Construction, RefusesDistributionsWhoseDrawsOverflow) {
  EXPECT_THROW((void)Distribution::uniform(-1e308, 1e308), DistributionError);
  EXPECT_THROW((void)Distribution::to(1, 1e308), DistributionError);
  EXPECT_THROW((void)Distribution::to(1, 1e150), DistributionError);  // sigma 105: exp(8.2 sigma) overflows
  EXPECT_THROW((void)Distribution::lognormal(710, 0.1), DistributionError);
  EXPECT_THROW((void)Distribution::normal(0, 1e308), DistributionError);
  EXPECT_THROW((void)Distribution::pert(-1e308, 0, 1e308), DistributionError);
  EXPECT_THROW((void)Distribution::triangular(-1e308, 0, 1e308), DistributionError);
  EXPECT_THROW((void)Distribution::beta(2, 2, -1e308, 1e308), DistributionError);
  // Near the limit but finite: accepted, and its extreme draws are finite.
  EXPECT_THROW((void)Distribution::normal(0, 1e145), DistributionError);  // draws past MAX_MAGNITUDE
  EXPECT_THROW((void)Distribution::fixed(1e200), DistributionError);
  for (const auto& d :
       {Distribution::normal(0, 1e143), Distribution::to(1, 1e30), Distribution::lognormal(300, 0.1),
        Distribution::uniform(-1e145, 1e145), Distribution::normal(0, 1).truncated(0, Distribution::INF),
        Distribution::to(1, 10).truncated(2, Distribution::INF)}) {
    const auto [lo, hi] = d.draw_range();
    EXPECT_TRUE(std::isfinite(lo) && std::isfinite(hi)) << d.to_string();
    EXPECT_LE(lo, hi) << d.to_string();
  }
}

TEST(Construction, RejectsInvalidParametersWithTheReason) {
  auto message = [](auto f) {
    try {
      f();
    } catch (const DistributionError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message([] { return Distribution::normal(1, -2); }), "normal: sd must be > 0, got -2");
  EXPECT_EQ(message([] { return Distribution::to(5, 3); }), "'a to b' needs a < b, got 5 to 3");
  EXPECT_EQ(message([] { return Distribution::to(-1, 3); }), "'a to b' needs 0 < a < b, got a = -1");
  EXPECT_EQ(message([] { return Distribution::triangular(1, 6, 5); }),
            "triangular: needs min <= mode <= max and min < max, got (1, 6, 5)");
  EXPECT_EQ(message([] { return Distribution::choice({1, 2}, {0, 0}); }), "choice: the weights sum to zero");
  EXPECT_EQ(message([] { return Distribution::loguniform(0, 1); }), "loguniform: needs 0 < min < max, got (0, 1)");
  EXPECT_EQ(message([] { return Distribution::to(1, Distribution::INF); }), "'a to b' needs a finite b, got b = inf");
}

TEST(Text, EveryFamilyRoundTripsThroughItsCanonicalText) {
  const Distribution all[] = {
      Distribution::fixed(7e12),
      Distribution::normal(10, 2.5),
      Distribution::lognormal(23.3, 0.27853),
      Distribution::to(10e9, 25e9),
      Distribution::uniform(0.03, 0.15),
      Distribution::loguniform(1, 1000),
      Distribution::triangular(1, 2, 5),
      Distribution::pert(18, 24, 36),
      Distribution::pert(18, 24, 36, 6),
      Distribution::beta(2, 5),
      Distribution::beta(2, 5, 10, 20),
      Distribution::choice({1, 2, 5}, {0.2, 0.5, 0.3}),
      Distribution::empirical({3, 1, 2}),
      Distribution::normal(0, 1).truncated(0, Distribution::INF),
      Distribution::to(1, 10).truncated(-Distribution::INF, 5),
  };
  for (const auto& d : all) {
    const auto text = d.to_string();
    EXPECT_EQ(parse_distribution(text), d) << text;
  }
  EXPECT_EQ(Distribution::to(10e9, 25e9).to_string(), "1e10 to 2.5e10");
  EXPECT_EQ(Distribution::normal(0, 1).truncated(0, Distribution::INF).to_string(), "truncate(normal(0, 1), 0, inf)");
}

}  // namespace
}  // namespace fabcast::core
