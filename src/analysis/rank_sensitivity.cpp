#include "analysis/rank_sensitivity.hpp"

#include "core/quantiles.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fabcast::analysis {
namespace {

// Standardized: mean 0, sum of squares n - 1 (unit sample variance); false when constant.
bool standardize(std::vector<double>& v) {
  const double n = static_cast<double>(v.size());
  const double mean = std::accumulate(v.begin(), v.end(), 0.0) / n;
  double ss = 0;
  for (double x : v) ss += (x - mean) * (x - mean);
  if (!(ss > 0)) return false;
  const double sd = std::sqrt(ss / (n - 1));
  for (double& x : v) x = (x - mean) / sd;
  return true;
}

double centre_of(std::vector<double> v, bool mean) {
  if (v.empty()) return NAN;
  if (mean) return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  std::sort(v.begin(), v.end());
  return core::quantile_sorted(v, 0.5);
}

}  // namespace

std::vector<double> ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> r(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    const double shared = (static_cast<double>(i) + static_cast<double>(j)) / 2 + 1;
    for (std::size_t t = i; t <= j; ++t) r[order[t]] = shared;
    i = j + 1;
  }
  return r;
}

RankInputs rank_inputs(const std::vector<std::string>& names, const std::vector<double>& x) {
  RankInputs in;
  const std::size_t k = names.size(), n = k == 0 ? 0 : x.size() / k;
  std::vector<std::vector<double>> columns;
  for (std::size_t j = 0; j < k; ++j) {
    std::vector<double> column(n);
    for (std::size_t i = 0; i < n; ++i) column[i] = x[i * k + j];
    auto r = ranks(column);
    auto z = r;
    if (n < 3 || !standardize(z)) continue;
    in.names.push_back(names[j]);
    in.ranks.push_back(std::move(r));
    columns.push_back(std::move(z));
  }
  in.design.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(columns.size()));
  for (std::size_t c = 0; c < columns.size(); ++c) {
    for (std::size_t i = 0; i < n; ++i)
      in.design(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) = columns[c][i];
  }
  // Least squares on standardized ranks (no intercept: every column has mean 0), by the normal
  // equations: well conditioned for independent inputs, and LDLT copes with near-collinear ones.
  in.gram.compute(in.design.transpose() * in.design);
  return in;
}

RankResult rank_measures(const RankInputs& in, const std::string& output, const std::vector<double>& y, bool mean) {
  RankResult out;
  out.output = output;
  out.mean = mean;
  const std::size_t n = y.size();
  auto ry = ranks(y);
  if (n < 3 || !standardize(ry)) {
    out.undefined = "it does not vary";
    return out;
  }
  out.centre = centre_of(y, mean);
  const Eigen::Map<const Eigen::VectorXd> target(ry.data(), static_cast<Eigen::Index>(n));
  const Eigen::VectorXd correlations = in.design.transpose() * target / static_cast<double>(n - 1);
  const Eigen::VectorXd beta = in.gram.solve(in.design.transpose() * target);
  const Eigen::VectorXd residual = target - in.design * beta;
  out.r2 = 1 - residual.squaredNorm() / target.squaredNorm();
  const double decile = 0.1 * static_cast<double>(n);
  for (std::size_t c = 0; c < in.names.size(); ++c) {
    RankMeasure measure;
    measure.input = in.names[c];
    measure.spearman = correlations(static_cast<Eigen::Index>(c));
    measure.srrc = beta(static_cast<Eigen::Index>(c));
    // Deciles by rank: the samples whose input ranks in the lowest (highest) tenth.
    std::vector<double> low, high;
    const auto& r = in.ranks[c];
    for (std::size_t i = 0; i < n; ++i) {
      if (r[i] <= decile) low.push_back(y[i]);
      if (r[i] > static_cast<double>(n) - decile) high.push_back(y[i]);
    }
    measure.low = centre_of(low, mean);
    measure.high = centre_of(high, mean);
    out.inputs.push_back(measure);
  }
  const auto swing = [](const RankMeasure& a) {
    const double s = std::abs(a.high - a.low);
    return std::isnan(s) ? 0.0 : (std::isinf(s) ? HUGE_VAL : s);
  };
  std::stable_sort(out.inputs.begin(), out.inputs.end(),
                   [&](const RankMeasure& a, const RankMeasure& b) { return swing(a) > swing(b); });
  return out;
}

RankResult rank_measures(const std::vector<std::string>& names, const std::vector<double>& x, const std::string& output,
                         const std::vector<double>& y, bool mean) {
  return rank_measures(rank_inputs(names, x), output, y, mean);
}

}  // namespace fabcast::analysis
