#include "model/finance.hpp"

#include <boost/math/tools/roots.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace fabcast::model {

namespace {
// Sum of cf_t x^t, x the per-step discount factor, in four interleaved lanes (terms t, t+1, t+2,
// t+3 with factors x^t .. x^(t+3), each advanced by x^4): one running product and sum would make
// every term wait on the previous one's multiply and add (IRR evaluates this often). Needs x <= 1
// (no term grows beyond its cash flow, so nothing overflows).
double discounted_sum(std::span<const double> cash_flows, double x) {
  const double x4 = (x * x) * (x * x);
  double f[4] = {1, x, x * x, x * x * x};
  double sum[4] = {};
  const std::size_t n = cash_flows.size();
  std::size_t t = 0;
  for (; t + 4 <= n; t += 4) {
    for (std::size_t l = 0; l < 4; ++l) {
      sum[l] += cash_flows[t + l] * f[l];
      f[l] *= x4;
    }
  }
  for (std::size_t l = 0; t < n; ++t, ++l) sum[l] += cash_flows[t] * f[l];
  return (sum[0] + sum[1]) + (sum[2] + sum[3]);
}

// The NPV polynomial p(x) = sum cf_t x^t scaled by a positive, continuous factor so that no term
// exceeds its cash flow: p(x) for x <= 1, and p(x) / x^(n-1) = sum cf_t y^(n-1-t) with y = 1/x for
// x > 1 (a negative rate: x^t reaches 3^700 and overflows in a run of 175 years of quarters). The
// factor keeps the sign and the roots, which is all the root finder needs.
double scaled_npv(std::span<const double> cash_flows, double x, std::vector<double>& reversed) {
  if (x <= 1) return discounted_sum(cash_flows, x);
  if (reversed.empty()) reversed.assign(cash_flows.rbegin(), cash_flows.rend());
  return discounted_sum(reversed, 1 / x);
}
}  // namespace

double npv(std::span<const double> cash_flows, double step_years, double rate) {
  return discounted_sum(cash_flows, std::pow(1 + rate, -step_years));
}

double irr(std::span<const double> cash_flows, double step_years) {
  constexpr double UNDEFINED = std::numeric_limits<double>::infinity();
  // A non-finite cash flow has no IRR; NaN lets the engine report the sample and its inputs.
  if (!std::all_of(cash_flows.begin(), cash_flows.end(), [](double cf) { return std::isfinite(cf); })) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  // Sign changes of the cash flows, zeros skipped: Descartes' bound on the npv's roots in x > 0.
  int changes = 0, last = 0;
  for (const double cf : cash_flows) {
    const int sign = (cf > 0) - (cf < 0);
    if (sign != 0 && last != 0 && sign != last) ++changes;
    if (sign != 0) last = sign;
  }
  if (changes == 0) return UNDEFINED;  // all outflows, all inflows or nothing: no rate zeroes the npv
  // Solved for the per-step discount factor x = (1 + r)^-step, in which the npv is a polynomial:
  // no pow per evaluation. x falls as r rises, so r's bracket (LOW, HIGH] is x's [x_hi, x_lo).
  const double x_lo = std::pow(1 + IRR_LOW, -step_years), x_hi = std::pow(1 + IRR_HIGH, -step_years);
  // The NPV polynomial itself while it stays finite over the bracket; scaled (scaled_npv) only
  // when x_lo^t overflows (over about 150 years). Both have the same roots and signs.
  std::vector<double> reversed;
  const bool scaled = !std::isfinite(discounted_sum(cash_flows, x_lo));
  auto f = [&](double x) { return scaled ? scaled_npv(cash_flows, x, reversed) : discounted_sum(cash_flows, x); };
  // The interval [a, b] of x in which the npv changes sign, when there is exactly one.
  double a = x_hi, b = x_lo, f_a = f(x_hi), f_b = f(x_lo);
  if (changes == 1) {
    if (f_a == 0) return IRR_HIGH;
    if (f_b == 0 || (f_a < 0) == (f_b < 0)) return UNDEFINED;  // the one root lies outside the bracket
  } else {
    int found = 0;
    double prev_x = x_hi, prev_f = f_a;
    const double ratio = std::pow(x_lo / x_hi, 1.0 / IRR_GRID);
    for (int i = 1; i <= IRR_GRID; ++i) {
      const double x = i == IRR_GRID ? x_lo : x_hi * std::pow(ratio, i);
      const double fx = i == IRR_GRID ? f_b : f(x);
      if (prev_f == 0 || (i == IRR_GRID && fx == 0)) return UNDEFINED;  // a root on the grid: ambiguous
      if ((prev_f < 0) != (fx < 0)) {
        if (++found > 1) return UNDEFINED;
        a = prev_x, f_a = prev_f, b = x, f_b = fx;
      }
      prev_x = x, prev_f = fx;
    }
    if (found == 0) return UNDEFINED;
  }
  // TOMS 748 (Alefeld, Potra & Shi 1995) on the bracket; 50 bits of relative precision.
  std::uintmax_t iterations = 200;
  const auto [lo, hi] =
      boost::math::tools::toms748_solve(f, a, b, f_a, f_b, boost::math::tools::eps_tolerance<double>(50), iterations);
  return std::pow((lo + hi) / 2, -1 / step_years) - 1;
}

long payback_step(std::span<const double> cash_flows) {
  double cumulative = 0;
  bool was_negative = false;
  for (std::size_t t = 0; t < cash_flows.size(); ++t) {
    cumulative += cash_flows[t];
    if (cumulative < 0) was_negative = true;
    if (was_negative && cumulative >= 0) return static_cast<long>(t);
  }
  return -1;
}

}  // namespace fabcast::model
