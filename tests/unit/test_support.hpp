#pragma once
// Helpers shared by the statistical tests.
//
// Tolerances: a sample statistic is compared with its exact value within K_SE standard errors.
// With K_SE = 4 a correct implementation fails a single two-sided check with probability 6.3e-5
// for a random seed; the seeds here are fixed, so each test is deterministic, and that is the
// rate at which a new seed would fail it by chance. Kolmogorov-Smirnov checks use the asymptotic
// critical value at alpha = 1e-3: D_n <= 1.9495 / sqrt(n).

#include "core/distribution.hpp"
#include "core/rng.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace fabcast::test {

inline constexpr double K_SE = 4.0;
inline constexpr double KS_CRITICAL_1E3 = 1.9495;

//! n independent draws by inverse transform from the (seed, "test", 0) stream.
inline std::vector<double> draws(const core::Distribution& dist, std::size_t n, std::uint64_t seed) {
  core::Stream stream(seed, core::stream_id("test"), 0);
  std::vector<double> out(n);
  for (auto& x : out) x = dist.quantile(stream.uniform());
  return out;
}

struct SampleStats {
  double mean = 0;
  double variance = 0;
  double se_mean = 0;
  double se_variance = 0;
};

//! Two-pass mean and variance, and their standard errors (the variance's from the fourth
//! central moment: Var(s^2) ~ (m4 - s^4) / n).
inline SampleStats stats(const std::vector<double>& xs) {
  const double n = static_cast<double>(xs.size());
  long double sum = 0;
  for (double x : xs) sum += x;
  const double mean = static_cast<double>(sum / xs.size());
  long double m2 = 0, m4 = 0;
  for (double x : xs) {
    const long double d = x - mean;
    m2 += d * d;
    m4 += d * d * d * d;
  }
  SampleStats s;
  s.mean = mean;
  s.variance = static_cast<double>(m2 / (n - 1));
  s.se_mean = std::sqrt(s.variance / n);
  const double fourth = static_cast<double>(m4 / n);
  s.se_variance = std::sqrt(std::max(0.0, fourth - s.variance * s.variance) / n);
  return s;
}

//! Kolmogorov-Smirnov statistic of the sample against a CDF.
inline double ks_statistic(std::vector<double> xs, const std::function<double(double)>& cdf) {
  std::sort(xs.begin(), xs.end());
  const double n = static_cast<double>(xs.size());
  double d = 0;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    const double f = cdf(xs[i]);
    d = std::max({d, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return d;
}

inline double ks_limit(std::size_t n) { return KS_CRITICAL_1E3 / std::sqrt(static_cast<double>(n)); }

}  // namespace fabcast::test
