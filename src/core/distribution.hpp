#pragma once
// A univariate distribution: a plain value type that knows its quantile function (used for
// Monte Carlo, Latin hypercube and Iman-Conover alike: every draw is quantile(u)), its CDF
// (for truncation) and its canonical text, which parses back to an equal distribution.

#include <array>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace fabcast::core {

//! The smallest and largest uniform the engine ever maps through a quantile function: Monte
//! Carlo's to_open_unit (rng.hpp) and Latin hypercube's strata are both held to [U_MIN, U_MAX],
//! so quantile(U_MIN) and quantile(U_MAX) bound every draw a sample can see.
inline constexpr double U_MIN = 0x1.0p-53;
inline constexpr double U_MAX = 1.0 - 0x1.0p-53;
//! The largest magnitude a draw (and an engine output) may have: far beyond any quantity a
//! scenario describes, and small enough that the squared deviations of 2^32 samples sum to a
//! finite double (4e290 x 4.3e9 < 1.8e308), so means and variances never overflow.
inline constexpr double MAX_MAGNITUDE = 1e145;

//! The families a parameter can take; the text syntax is in docs/distributions.md.
enum class DistKind {
  fixed,       //!< one value
  normal,      //!< normal(mean, sd)
  lognormal,   //!< lognormal(mu, sigma) of the log; `a to b` is one too
  uniform,     //!< uniform(min, max)
  loguniform,  //!< loguniform(min, max): uniform in log space
  triangular,  //!< triangular(min, mode, max)
  pert,        //!< pert(min, mode, max[, lambda]): a scaled beta, lambda 4 by default
  beta,        //!< beta(alpha, beta[, min, max])
  choice,      //!< choice(v1: w1, v2: w2, ...): discrete values with weights
  empirical,   //!< empirical(v1, v2, ...): each listed value equally likely
};

//! A distribution's parameters were invalid (sd <= 0, min >= max, ...); the message says which.
class DistributionError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

//! A univariate distribution, optionally truncated to [lo, hi]. Every constructor refuses a
//! distribution whose reachable draws (quantile(U_MIN) .. quantile(U_MAX)) are not all finite
//! numbers within +-MAX_MAGNITUDE, so no input the engine draws is an infinity, a NaN, or a number
//! whose square overflows.
class Distribution {
 public:
  static constexpr double INF = std::numeric_limits<double>::infinity();

  //! A fixed value (the default: 0).
  Distribution() = default;
  static Distribution fixed(double value);
  static Distribution normal(double mean, double sd);
  static Distribution lognormal(double mu, double sigma);
  //! `a to b`: the lognormal whose 5th and 95th percentiles are a and b (0 < a < b).
  static Distribution to(double p5, double p95);
  static Distribution uniform(double min, double max);
  static Distribution loguniform(double min, double max);
  static Distribution triangular(double min, double mode, double max);
  static Distribution pert(double min, double mode, double max, double lambda = 4.0);
  static Distribution beta(double alpha, double beta, double min = 0.0, double max = 1.0);
  static Distribution choice(std::vector<double> values, std::vector<double> weights);
  static Distribution empirical(std::vector<double> values);

  //! This distribution conditioned on [lo, hi] (either may be infinite).
  [[nodiscard]] Distribution truncated(double lo, double hi) const;

  [[nodiscard]] DistKind kind() const noexcept { return kind_; }
  [[nodiscard]] bool is_fixed() const noexcept { return kind_ == DistKind::fixed; }
  [[nodiscard]] bool is_truncated() const noexcept { return truncated_; }
  [[nodiscard]] double trunc_lo() const noexcept { return lo_; }
  [[nodiscard]] double trunc_hi() const noexcept { return hi_; }
  //! Parameters in the order of the family's constructor (fixed: value; to: p5, p95).
  [[nodiscard]] const std::vector<double>& params() const noexcept { return params_; }
  //! Values of a choice or empirical distribution (empirical: sorted).
  [[nodiscard]] const std::vector<double>& values() const noexcept { return values_; }
  //! Weights of a choice distribution, normalised to sum to 1.
  [[nodiscard]] const std::vector<double>& weights() const noexcept { return weights_; }
  //! True when this lognormal was written as `a to b`.
  [[nodiscard]] bool is_to_form() const noexcept { return to_form_; }

  //! The inverse CDF at u in (0, 1), honouring truncation.
  [[nodiscard]] double quantile(double u) const;
  //! x[i * stride] = quantile(x[i * stride]) for i < n: the same bits, normal and lognormal
  //! quantiles several at a time.
  void quantiles(double* x, std::size_t n, std::size_t stride) const;
  //! P(X <= x), honouring truncation.
  [[nodiscard]] double cdf(double x) const;
  //! The smallest and largest value the engine can draw: quantile(U_MIN) and quantile(U_MAX).
  [[nodiscard]] std::pair<double, double> draw_range() const { return {quantile(U_MIN), quantile(U_MAX)}; }

  //! Canonical text in the expression syntax; parse_distribution(to_string()) == *this.
  [[nodiscard]] std::string to_string() const;
  //! A one-line description with derived parameters, e.g. "lognormal (mu=23.3, sigma=0.279)".
  [[nodiscard]] std::string describe() const;

  friend bool operator==(const Distribution&, const Distribution&) = default;

 private:
  [[nodiscard]] double raw_quantile(double u) const;
  // Normal or lognormal: the value at standard-normal score z.
  [[nodiscard]] double from_standard_normal(double z) const;
  [[nodiscard]] double raw_cdf(double x) const;
  // The survival function P(X > x) and its inverse (the x whose survival is s), computed without
  // forming 1 - F or 1 - s, so the upper tail keeps its relative precision as the lower tail does.
  [[nodiscard]] double raw_sf(double x) const;
  [[nodiscard]] double raw_isf(double s) const;
  // A continuous truncation to an interval in the upper half, whose mass and quantiles are
  // computed from the survival function.
  [[nodiscard]] bool upper_form() const noexcept {
    return cdf_lo_ >= 0.5 && kind_ != DistKind::choice && kind_ != DistKind::empirical;
  }
  // Throws DistributionError unless every reachable draw is finite and within +-MAX_MAGNITUDE.
  void require_finite_draws() const;

  DistKind kind_ = DistKind::fixed;
  std::vector<double> params_{0.0};  // as written
  // Derived for speed: lognormal (mu, sigma); loguniform (log min, log span); beta/pert
  // (alpha, beta, min, span); choice: cumulative weights.
  std::array<double, 4> derived_{};
  std::vector<double> values_;
  std::vector<double> weights_;
  std::vector<double> cumulative_;
  bool to_form_ = false;
  bool truncated_ = false;
  double lo_ = -INF;
  double hi_ = INF;
  double cdf_lo_ = 0.0;  // raw CDF at lo_ and hi_, for truncation
  double cdf_hi_ = 1.0;
  double sf_lo_ = 1.0;  // raw survival at lo_ and hi_: the upper tail's exact form
  double sf_hi_ = 0.0;
  // The truncated mass, from whichever form is accurate: sf_lo_ - sf_hi_ when the interval lies in
  // the upper half (there 1 - F has lost its digits), else cdf_hi_ - cdf_lo_.
  double mass_ = 1.0;
};

}  // namespace fabcast::core
