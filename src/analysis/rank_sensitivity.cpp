#include "analysis/rank_sensitivity.hpp"

#include "core/quantiles.hpp"

#include <Eigen/Dense>

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

RankResult rank_measures(const std::vector<std::string>& names, const std::vector<double>& x,
                         const std::string& output, const std::vector<double>& y, bool mean) {
  RankResult out;
  out.output = output;
  out.mean = mean;
  const std::size_t n = y.size(), k = names.size();
  auto ry = ranks(y);
  if (n < 3 || !standardize(ry)) {
    out.undefined = "it does not vary";
    return out;
  }
  out.centre = centre_of(y, mean);
  // Standardized rank columns of the inputs that vary.
  std::vector<std::size_t> used;
  std::vector<std::vector<double>> columns;
  for (std::size_t j = 0; j < k; ++j) {
    std::vector<double> column(n);
    for (std::size_t i = 0; i < n; ++i) column[i] = x[i * k + j];
    auto r = ranks(column);
    if (!standardize(r)) continue;
    used.push_back(j);
    columns.push_back(std::move(r));
  }
  const auto m = used.size();
  Eigen::MatrixXd design(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(m));
  for (std::size_t c = 0; c < m; ++c) {
    for (std::size_t i = 0; i < n; ++i) design(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(c)) = columns[c][i];
  }
  const Eigen::Map<const Eigen::VectorXd> target(ry.data(), static_cast<Eigen::Index>(n));
  // Least squares on standardized ranks (no intercept: every column has mean 0). The normal
  // equations are well conditioned for independent inputs; LDLT is robust to near-collinearity.
  const Eigen::MatrixXd gram = design.transpose() * design;
  const Eigen::VectorXd beta = gram.ldlt().solve(design.transpose() * target);
  const Eigen::VectorXd residual = target - design * beta;
  out.r2 = 1 - residual.squaredNorm() / target.squaredNorm();
  const double decile = 0.1 * static_cast<double>(n);
  for (std::size_t c = 0; c < m; ++c) {
    RankMeasure measure;
    measure.input = names[used[c]];
    double dot = 0;
    for (std::size_t i = 0; i < n; ++i) dot += columns[c][i] * ry[i];
    measure.spearman = dot / static_cast<double>(n - 1);
    measure.srrc = beta(static_cast<Eigen::Index>(c));
    // Deciles by rank: the samples whose input ranks in the lowest (highest) tenth.
    std::vector<double> low, high;
    const auto r = ranks([&] {
      std::vector<double> column(n);
      for (std::size_t i = 0; i < n; ++i) column[i] = x[i * k + used[c]];
      return column;
    }());
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

}  // namespace fabcast::analysis
