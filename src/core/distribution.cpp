#include "core/distribution.hpp"

#include "core/normal.hpp"
#include "core/number_format.hpp"

#include <fmt/format.h>
#include <boost/math/special_functions/beta.hpp>
#include <boost/math/tools/roots.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace fabcast::core {
namespace {

// Boost.Math computes double functions in long double by default; ibeta_inv then costs 20 us a
// call on x86-64. Without promotion it costs 2 us and differs by at most 4.4e-16 (measured over
// the PERT(18, 24, 36) quantile grid; tests compare against Boost's default policy).
using FastPolicy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

// The x in [0, 1] where the incomplete beta I_x(a, b) equals p (upper: where its complement equals
// p). Boost 1.74's inversion gives up on some shapes below 1 far in a tail ("root finding exceeded
// 200 iterations": ibeta_inv(0.5, 3, 1e-10)); then the root is found here instead, in log x, where
// I_x(a, b) ~ x^a is smooth, by TOMS 748 on the forward function (which does not fail there). The
// upper tail uses I_x(a, b) = 1 - I_(1-x)(b, a), so its root is 1 - (the lower root of (b, a)).
double beta_inverse(double a, double b, double p, bool upper) {
  try {
    return upper ? boost::math::ibetac_inv(a, b, p, FastPolicy()) : boost::math::ibeta_inv(a, b, p, FastPolicy());
  } catch (const std::exception&) {
  }
  if (upper) std::swap(a, b);
  auto f = [&](double log_x) { return boost::math::ibeta(a, b, std::exp(log_x), FastPolicy()) - p; };
  const double lo = std::log(std::numeric_limits<double>::denorm_min());
  std::uintmax_t iterations = 200;
  const auto [l, h] = boost::math::tools::toms748_solve(f, lo, 0.0, f(lo), 1 - p,
                                                        boost::math::tools::eps_tolerance<double>(50), iterations);
  const double x = std::exp((l + h) / 2);
  return upper ? 1 - x : x;
}

// Shapes the incomplete beta and its inverse evaluate reliably in double precision (Boost 1.74;
// beyond them they return NaN, throw, or take seconds: beta(1e300, 1e300), beta(2, 1e-322),
// pert(0, 1, 2, 3e23)). A PERT's shapes are 1 + lambda x (a share), so its lambda has the same cap.
constexpr double MIN_BETA_SHAPE = 0.01;
constexpr double MAX_BETA_SHAPE = 1e5;
constexpr double MAX_PERT_LAMBDA = 1e5 - 1;

void require(bool ok, const std::string& message) {
  if (!ok) throw DistributionError(message);
}

bool finite(double x) { return std::isfinite(x); }

std::string list(const std::vector<double>& xs) {
  std::string out;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (i) out += ", ";
    out += format_number(xs[i]);
  }
  return out;
}

}  // namespace

Distribution Distribution::fixed(double value) {
  require(std::fabs(value) <= MAX_MAGNITUDE,
          fmt::format("a fixed value must be a finite number within +-1e145, got {}", format_number(value)));
  Distribution d;
  d.kind_ = DistKind::fixed;
  d.params_ = {value};
  return d;
}

Distribution Distribution::normal(double mean, double sd) {
  require(finite(mean), "normal: mean must be finite");
  require(finite(sd) && sd > 0, fmt::format("normal: sd must be > 0, got {}", format_number(sd)));
  Distribution d;
  d.kind_ = DistKind::normal;
  d.params_ = {mean, sd};
  d.require_finite_draws();
  return d;
}

Distribution Distribution::lognormal(double mu, double sigma) {
  require(finite(mu), "lognormal: mu must be finite");
  require(finite(sigma) && sigma > 0, fmt::format("lognormal: sigma must be > 0, got {}", format_number(sigma)));
  Distribution d;
  d.kind_ = DistKind::lognormal;
  d.params_ = {mu, sigma};
  d.derived_ = {mu, sigma, 0, 0};
  d.require_finite_draws();
  return d;
}

Distribution Distribution::to(double p5, double p95) {
  require(finite(p5) && p5 > 0, fmt::format("'a to b' needs 0 < a < b, got a = {}", format_number(p5)));
  require(finite(p95), fmt::format("'a to b' needs a finite b, got b = {}", format_number(p95)));
  require(p5 < p95, fmt::format("'a to b' needs a < b, got {} to {}", format_number(p5), format_number(p95)));
  // MODEL.md section 2: mu = (ln a + ln b) / 2, sigma = (ln b - ln a) / (2 z95).
  const double mu = (std::log(p5) + std::log(p95)) / 2;
  const double sigma = (std::log(p95) - std::log(p5)) / (2 * Z95);
  require(sigma > 0, fmt::format("'a to b' needs a < b by more than rounding, got {} to {}", format_number(p5),
                                 format_number(p95)));
  Distribution d;
  d.kind_ = DistKind::lognormal;
  d.params_ = {p5, p95};
  d.derived_ = {mu, sigma, 0, 0};
  d.to_form_ = true;
  d.require_finite_draws();
  return d;
}

Distribution Distribution::uniform(double min, double max) {
  require(finite(min) && finite(max) && min < max,
          fmt::format("uniform: needs min < max, got ({}, {})", format_number(min), format_number(max)));
  Distribution d;
  d.kind_ = DistKind::uniform;
  d.params_ = {min, max};
  d.require_finite_draws();
  return d;
}

Distribution Distribution::loguniform(double min, double max) {
  require(finite(min) && finite(max) && 0 < min && min < max,
          fmt::format("loguniform: needs 0 < min < max, got ({}, {})", format_number(min), format_number(max)));
  Distribution d;
  d.kind_ = DistKind::loguniform;
  d.params_ = {min, max};
  d.derived_ = {std::log(min), std::log(max) - std::log(min), 0, 0};
  d.require_finite_draws();
  return d;
}

Distribution Distribution::triangular(double min, double mode, double max) {
  require(finite(min) && finite(mode) && finite(max) && min <= mode && mode <= max && min < max,
          fmt::format("triangular: needs min <= mode <= max and min < max, got ({}, {}, {})", format_number(min),
                      format_number(mode), format_number(max)));
  Distribution d;
  d.kind_ = DistKind::triangular;
  d.params_ = {min, mode, max};
  d.require_finite_draws();
  return d;
}

Distribution Distribution::pert(double min, double mode, double max, double lambda) {
  require(finite(min) && finite(mode) && finite(max) && min <= mode && mode <= max && min < max,
          fmt::format("pert: needs min <= mode <= max and min < max, got ({}, {}, {})", format_number(min),
                      format_number(mode), format_number(max)));
  require(finite(lambda) && lambda > 0 && lambda <= MAX_PERT_LAMBDA,
          fmt::format("pert: lambda must be > 0 and at most {}, got {}", format_number(MAX_PERT_LAMBDA),
                      format_number(lambda)));
  // Vose (2008), Risk Analysis, 3rd ed., section 9.1.4: PERT is a beta on [min, max] with
  // alpha = 1 + lambda (mode - min) / (max - min), beta = 1 + lambda (max - mode) / (max - min).
  const double span = max - min;
  Distribution d;
  d.kind_ = DistKind::pert;
  d.params_ = lambda == 4.0 ? std::vector<double>{min, mode, max} : std::vector<double>{min, mode, max, lambda};
  d.derived_ = {1 + lambda * (mode - min) / span, 1 + lambda * (max - mode) / span, min, span};
  d.require_finite_draws();
  return d;
}

Distribution Distribution::beta(double alpha, double beta_param, double min, double max) {
  require(alpha >= MIN_BETA_SHAPE && alpha <= MAX_BETA_SHAPE && beta_param >= MIN_BETA_SHAPE &&
              beta_param <= MAX_BETA_SHAPE,
          fmt::format("beta: alpha and beta must lie in [{}, {}], got ({}, {})", format_number(MIN_BETA_SHAPE),
                      format_number(MAX_BETA_SHAPE), format_number(alpha), format_number(beta_param)));
  require(finite(min) && finite(max) && min < max,
          fmt::format("beta: needs min < max, got ({}, {})", format_number(min), format_number(max)));
  Distribution d;
  d.kind_ = DistKind::beta;
  d.params_ = (min == 0.0 && max == 1.0) ? std::vector<double>{alpha, beta_param}
                                         : std::vector<double>{alpha, beta_param, min, max};
  d.derived_ = {alpha, beta_param, min, max - min};
  d.require_finite_draws();
  return d;
}

Distribution Distribution::choice(std::vector<double> values, std::vector<double> weights) {
  require(!values.empty(), "choice: needs at least one value");
  require(values.size() == weights.size(), "choice: needs one weight per value");
  for (std::size_t i = 0; i < values.size(); ++i) {
    require(std::fabs(values[i]) <= MAX_MAGNITUDE, "choice: values must be finite numbers within +-1e145");
    require(finite(weights[i]) && weights[i] >= 0,
            fmt::format("choice: weights must be >= 0, got {}", format_number(weights[i])));
  }
  // Sort by value so the quantile function is monotone (stable: equal values keep their order).
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return values[a] < values[b]; });
  // Summed in that order, as the canonical text lists them, so the text parses back to the same
  // bits (summed in input order, 2.9e16 + 0.85 + 2 and 0.85 + 2 + 2.9e16 round apart).
  double total = 0;
  for (auto i : order) total += weights[i];
  require(total > 0, "choice: the weights sum to zero");
  require(finite(total), "choice: the weights sum past the largest double");
  Distribution d;
  d.kind_ = DistKind::choice;
  d.params_.clear();
  double running = 0;
  for (auto i : order) {
    d.values_.push_back(values[i] + 0.0);  // -0 is 0
    d.weights_.push_back(weights[i]);
    running += weights[i];
    d.cumulative_.push_back(running / total);
  }
  d.cumulative_.back() = 1.0;
  return d;
}

Distribution Distribution::empirical(std::vector<double> values) {
  require(!values.empty(), "empirical: needs at least one value");
  for (double& v : values) {
    require(std::fabs(v) <= MAX_MAGNITUDE, "empirical: values must be finite numbers within +-1e145");
    v += 0.0;  // -0 is 0: sorting could otherwise order the two either way, and the text with them
  }
  std::sort(values.begin(), values.end());
  Distribution d = choice(values, std::vector<double>(values.size(), 1.0));
  d.kind_ = DistKind::empirical;
  d.weights_.clear();
  return d;
}

Distribution Distribution::truncated(double lo, double hi) const {
  require(!std::isnan(lo) && !std::isnan(hi) && lo < hi,
          fmt::format("truncate: needs lo < hi, got ({}, {})", format_number(lo), format_number(hi)));
  require(!truncated_, "truncate: the distribution is already truncated");
  Distribution d = *this;
  if (kind_ == DistKind::fixed) {
    require(lo <= params_[0] && params_[0] <= hi,
            fmt::format("truncate: the fixed value {} lies outside [{}, {}]", format_number(params_[0]),
                        format_number(lo), format_number(hi)));
    return d;
  }
  d.truncated_ = true;
  d.lo_ = lo;
  d.hi_ = hi;
  if (kind_ == DistKind::choice || kind_ == DistKind::empirical) {
    // Mass strictly below lo, and up to hi inclusive.
    const auto first = std::lower_bound(values_.begin(), values_.end(), lo) - values_.begin();
    const auto last = std::upper_bound(values_.begin(), values_.end(), hi) - values_.begin();
    require(first < last, fmt::format("truncate: no value of the distribution lies in [{}, {}]", format_number(lo),
                                      format_number(hi)));
    d.cdf_lo_ = first == 0 ? 0.0 : cumulative_[first - 1];
    d.cdf_hi_ = cumulative_[last - 1];
    d.derived_[0] = static_cast<double>(first);  // the index range the quantile may return
    d.derived_[1] = static_cast<double>(last - 1);
    d.mass_ = d.cdf_hi_ - d.cdf_lo_;
  } else {
    d.cdf_lo_ = raw_cdf(lo);
    d.cdf_hi_ = raw_cdf(hi);
    d.sf_lo_ = raw_sf(lo);
    d.sf_hi_ = raw_sf(hi);
    d.mass_ = d.upper_form() ? d.sf_lo_ - d.sf_hi_ : d.cdf_hi_ - d.cdf_lo_;
  }
  require(d.mass_ > 0, fmt::format("truncate: [{}, {}] has zero probability under {}", format_number(lo),
                                   format_number(hi), to_string()));
  d.require_finite_draws();
  return d;
}

void Distribution::require_finite_draws() const {
  const auto [lo, hi] = draw_range();
  const auto within = [](double x) { return std::fabs(x) <= MAX_MAGNITUDE; };  // false for inf and NaN
  if (within(lo) && within(hi)) return;
  const bool low_end = !within(lo);
  const double x = low_end ? lo : hi;
  throw DistributionError(fmt::format(
      "{} can draw {} at the {} end of its range; every draw must be a finite number within +-1e145: narrow it or "
      "bound it with truncate()",
      to_string(), format_number(x), low_end ? "low" : "high"));
}

double Distribution::raw_quantile(double u) const {
  const auto& p = params_;
  switch (kind_) {
    case DistKind::fixed:
      return p[0];
    case DistKind::normal:
    case DistKind::lognormal:
      return from_standard_normal(normal_quantile(u));
    case DistKind::uniform:
      return p[0] + u * (p[1] - p[0]);
    case DistKind::loguniform:
      return std::exp(derived_[0] + u * derived_[1]);
    case DistKind::triangular: {
      const double a = p[0], c = p[1], b = p[2];
      const double fc = (c - a) / (b - a);
      return u < fc ? a + std::sqrt(u * (b - a) * (c - a)) : b - std::sqrt((1 - u) * (b - a) * (b - c));
    }
    case DistKind::pert:
    case DistKind::beta:
      return derived_[2] + derived_[3] * beta_inverse(derived_[0], derived_[1], u, false);
    case DistKind::choice:
    case DistKind::empirical: {
      const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
      return values_[std::min<std::size_t>(it - cumulative_.begin(), values_.size() - 1)];
    }
  }
  return p[0];
}

double Distribution::raw_cdf(double x) const {
  const auto& p = params_;
  switch (kind_) {
    case DistKind::fixed:
      return x >= p[0] ? 1.0 : 0.0;
    case DistKind::normal:
      return normal_cdf((x - p[0]) / p[1]);
    case DistKind::lognormal:
      return x <= 0 ? 0.0 : normal_cdf((std::log(x) - derived_[0]) / derived_[1]);
    case DistKind::uniform:
      return std::clamp((x - p[0]) / (p[1] - p[0]), 0.0, 1.0);
    case DistKind::loguniform:
      return x <= p[0] ? 0.0 : std::clamp((std::log(x) - derived_[0]) / derived_[1], 0.0, 1.0);
    case DistKind::triangular: {
      const double a = p[0], c = p[1], b = p[2];
      if (x <= a) return 0.0;
      if (x >= b) return 1.0;
      return x <= c ? (x - a) * (x - a) / ((b - a) * (c - a)) : 1 - (b - x) * (b - x) / ((b - a) * (b - c));
    }
    case DistKind::pert:
    case DistKind::beta: {
      const double z = (x - derived_[2]) / derived_[3];
      if (z <= 0) return 0.0;
      if (z >= 1) return 1.0;
      return boost::math::ibeta(derived_[0], derived_[1], z, FastPolicy());
    }
    case DistKind::choice:
    case DistKind::empirical: {
      const auto n = std::upper_bound(values_.begin(), values_.end(), x) - values_.begin();
      return n == 0 ? 0.0 : cumulative_[n - 1];
    }
  }
  return 0.0;
}

double Distribution::raw_sf(double x) const {
  const auto& p = params_;
  switch (kind_) {
    case DistKind::fixed:
      return x >= p[0] ? 0.0 : 1.0;
    case DistKind::normal:
      return normal_cdf(-(x - p[0]) / p[1]);
    case DistKind::lognormal:
      return x <= 0 ? 1.0 : normal_cdf(-(std::log(x) - derived_[0]) / derived_[1]);
    case DistKind::uniform:
      return std::clamp((p[1] - x) / (p[1] - p[0]), 0.0, 1.0);
    case DistKind::loguniform:
      return x <= p[0] ? 1.0 : std::clamp((derived_[0] + derived_[1] - std::log(x)) / derived_[1], 0.0, 1.0);
    case DistKind::triangular: {
      const double a = p[0], c = p[1], b = p[2];
      if (x <= a) return 1.0;
      if (x >= b) return 0.0;
      return x <= c ? 1 - (x - a) * (x - a) / ((b - a) * (c - a)) : (b - x) * (b - x) / ((b - a) * (b - c));
    }
    case DistKind::pert:
    case DistKind::beta: {
      const double z = (x - derived_[2]) / derived_[3];
      if (z <= 0) return 1.0;
      if (z >= 1) return 0.0;
      return boost::math::ibetac(derived_[0], derived_[1], z, FastPolicy());
    }
    case DistKind::choice:
    case DistKind::empirical:
      return 1 - raw_cdf(x);
  }
  return 0.0;
}

double Distribution::raw_isf(double s) const {
  const auto& p = params_;
  switch (kind_) {
    case DistKind::normal:
    case DistKind::lognormal:
      return from_standard_normal(-normal_quantile(s));
    case DistKind::uniform:
      return p[1] - s * (p[1] - p[0]);
    case DistKind::loguniform:
      return std::exp(derived_[0] + derived_[1] - s * derived_[1]);
    case DistKind::triangular: {
      const double a = p[0], c = p[1], b = p[2];
      const double fc = (c - a) / (b - a);
      return s > 1 - fc ? a + std::sqrt((1 - s) * (b - a) * (c - a)) : b - std::sqrt(s * (b - a) * (b - c));
    }
    case DistKind::pert:
    case DistKind::beta:
      return derived_[2] + derived_[3] * beta_inverse(derived_[0], derived_[1], s, true);
    case DistKind::fixed:
    case DistKind::choice:
    case DistKind::empirical:
      return raw_quantile(1 - s);
  }
  return p[0];
}

double Distribution::quantile(double u) const {
  if (!truncated_) return raw_quantile(u);
  if (kind_ == DistKind::choice || kind_ == DistKind::empirical) {
    const double v = std::min(cdf_lo_ + u * mass_, cdf_hi_);
    const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), v);
    const auto idx = std::clamp<std::size_t>(it - cumulative_.begin(), static_cast<std::size_t>(derived_[0]),
                                             static_cast<std::size_t>(derived_[1]));
    return values_[idx];
  }
  // The point whose truncated CDF is u: from the CDF in the lower half, from the survival function
  // in the upper half, where 1 - F has too few doubles (truncate(normal(0, 1), 8, 9) has
  // F(8) = 1 - 6e-16, which rounds to within a few doubles of 1) and F(x) -> 1 would give inf.
  double x;
  if (!upper_form() && cdf_lo_ + u * mass_ <= 0.5) {
    x = raw_quantile(std::min(cdf_lo_ + u * mass_, cdf_hi_));
  } else {
    // Survival at the point: sf_hi_ + (1 - u) x mass; 1 - u is exact for the engine's uniforms.
    x = raw_isf(std::min(sf_hi_ + (1 - u) * mass_, sf_lo_));
  }
  return std::clamp(x, lo_, hi_);  // guards the last ulp of rounding at the bounds
}

double Distribution::from_standard_normal(double z) const {
  return kind_ == DistKind::normal ? params_[0] + params_[1] * z : std::exp(derived_[0] + derived_[1] * z);
}

void Distribution::quantiles(double* x, std::size_t n, std::size_t stride) const {
  if (truncated_ || (kind_ != DistKind::normal && kind_ != DistKind::lognormal)) {
    for (std::size_t i = 0; i < n; ++i) x[i * stride] = quantile(x[i * stride]);
    return;
  }
  constexpr std::size_t BLOCK = 64;
  double u[BLOCK], z[BLOCK];
  for (std::size_t start = 0; start < n; start += BLOCK) {
    const std::size_t m = std::min(BLOCK, n - start);
    double* column = x + start * stride;
    for (std::size_t i = 0; i < m; ++i) u[i] = column[i * stride];
    normal_quantiles(u, z, m);
    for (std::size_t i = 0; i < m; ++i) column[i * stride] = from_standard_normal(z[i]);
  }
}

double Distribution::cdf(double x) const {
  if (!truncated_) return raw_cdf(x);
  if (x < lo_) return 0.0;
  if (x >= hi_) return 1.0;
  if (upper_form()) return std::clamp(1 - (raw_sf(x) - sf_hi_) / mass_, 0.0, 1.0);
  return std::clamp((raw_cdf(x) - cdf_lo_) / mass_, 0.0, 1.0);
}

std::string Distribution::to_string() const {
  std::string body;
  switch (kind_) {
    case DistKind::fixed:
      body = format_number(params_[0]);
      break;
    case DistKind::normal:
      body = fmt::format("normal({})", list(params_));
      break;
    case DistKind::lognormal:
      body = to_form_ ? fmt::format("{} to {}", format_number(params_[0]), format_number(params_[1]))
                      : fmt::format("lognormal({})", list(params_));
      break;
    case DistKind::uniform:
      body = fmt::format("uniform({})", list(params_));
      break;
    case DistKind::loguniform:
      body = fmt::format("loguniform({})", list(params_));
      break;
    case DistKind::triangular:
      body = fmt::format("triangular({})", list(params_));
      break;
    case DistKind::pert:
      body = fmt::format("pert({})", list(params_));
      break;
    case DistKind::beta:
      body = fmt::format("beta({})", list(params_));
      break;
    case DistKind::choice: {
      body = "choice(";
      for (std::size_t i = 0; i < values_.size(); ++i) {
        if (i) body += ", ";
        body += format_number(values_[i]) + ": " + format_number(weights_[i]);
      }
      body += ")";
      break;
    }
    case DistKind::empirical:
      body = fmt::format("empirical({})", list(values_));
      break;
  }
  if (!truncated_) return body;
  return fmt::format("truncate({}, {}, {})", body, format_number(lo_), format_number(hi_));
}

std::string Distribution::describe() const {
  std::string text;
  switch (kind_) {
    case DistKind::fixed:
      text = "fixed value";
      break;
    case DistKind::normal:
      text = "normal";
      break;
    case DistKind::lognormal:
      text = fmt::format("lognormal (mu = {}, sigma = {}; median {})", format_sig(derived_[0]), format_sig(derived_[1]),
                         format_sig(std::exp(derived_[0])));
      break;
    case DistKind::uniform:
      text = "uniform";
      break;
    case DistKind::loguniform:
      text = "log-uniform";
      break;
    case DistKind::triangular:
      text = "triangular";
      break;
    case DistKind::pert:
      text = fmt::format("PERT, a beta (alpha = {}, beta = {}) on [{}, {}]", format_sig(derived_[0]),
                         format_sig(derived_[1]), format_sig(derived_[2]), format_sig(derived_[2] + derived_[3]));
      break;
    case DistKind::beta:
      text = "beta";
      break;
    case DistKind::choice:
      text = fmt::format("discrete choice of {} values", values_.size());
      break;
    case DistKind::empirical:
      text = fmt::format("empirical, {} values equally likely", values_.size());
      break;
  }
  if (truncated_) {
    text += fmt::format(", truncated to [{}, {}] (keeps {:.4g} of the mass)", format_sig(lo_), format_sig(hi_), mass_);
  }
  return text;
}

}  // namespace fabcast::core
