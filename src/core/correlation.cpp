#include "core/correlation.hpp"

#include "core/normal.hpp"
#include "core/number_format.hpp"
#include "core/rng.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace fabcast::core {
namespace {

constexpr double SYMMETRY_TOLERANCE = 1e-12;

// Ranks 0..n-1 of xs (ties broken by position, so the result is deterministic).
std::vector<std::size_t> order_of(std::span<const double> xs) {
  std::vector<std::size_t> order(xs.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return xs[a] < xs[b]; });
  return order;
}

std::vector<double> average_ranks(std::span<const double> xs) {
  const auto order = order_of(xs);
  std::vector<double> ranks(xs.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && xs[order[j + 1]] == xs[order[i]]) ++j;
    const double rank = (static_cast<double>(i) + static_cast<double>(j)) / 2.0;
    for (std::size_t t = i; t <= j; ++t) ranks[order[t]] = rank;
    i = j + 1;
  }
  return ranks;
}

double pearson(std::span<const double> a, std::span<const double> b) {
  const auto n = static_cast<double>(a.size());
  const double ma = std::accumulate(a.begin(), a.end(), 0.0) / n;
  const double mb = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  return sab / std::sqrt(saa * sbb);
}

}  // namespace

std::vector<std::string> correlation_matrix_problems(const Eigen::MatrixXd& m) {
  std::vector<std::string> problems;
  if (m.rows() != m.cols()) {
    problems.push_back(fmt::format("the matrix is {} x {}; a correlation matrix must be square", m.rows(), m.cols()));
    return problems;
  }
  const auto k = m.rows();
  if (k == 0) {
    problems.push_back("the matrix is empty; a correlation matrix needs a row and a column per input");
    return problems;
  }
  for (Eigen::Index i = 0; i < k; ++i) {
    for (Eigen::Index j = 0; j < k; ++j) {
      const double v = m(i, j);
      if (!std::isfinite(v)) {
        problems.push_back(fmt::format("entry ({}, {}) is {}; entries must be finite", i + 1, j + 1, format_number(v)));
      } else if (i == j && v != 1.0) {
        problems.push_back(fmt::format("diagonal entry ({}, {}) is {}; it must be 1", i + 1, j + 1, format_number(v)));
      } else if (i < j && std::fabs(v - m(j, i)) > SYMMETRY_TOLERANCE) {
        problems.push_back(
            fmt::format("entry ({}, {}) = {} differs from entry ({}, {}) = {}; the matrix must be symmetric", i + 1,
                        j + 1, format_number(v), j + 1, i + 1, format_number(m(j, i))));
      } else if (i != j && (v < -1.0 || v > 1.0)) {
        problems.push_back(fmt::format("entry ({}, {}) = {} lies outside [-1, 1]", i + 1, j + 1, format_number(v)));
      }
    }
  }
  if (!problems.empty()) return problems;
  const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eigen(m, Eigen::EigenvaluesOnly);
  const double smallest = eigen.eigenvalues().minCoeff();
  if (smallest <= 1e-10) {
    problems.push_back(k == 2
                           ? fmt::format("the matrix is not positive definite (smallest eigenvalue {}): a correlation "
                                         "of +-1 makes two inputs one; use a value strictly between -1 and 1",
                                         format_sig(smallest, 3))
                           : fmt::format("the matrix is not positive definite (smallest eigenvalue {}): these "
                                         "correlations contradict each other, e.g. A and B strongly together, B and C "
                                         "strongly together, but A and C apart",
                                         format_sig(smallest, 3)));
  }
  return problems;
}

void iman_conover(std::span<std::vector<double>> columns, const Eigen::MatrixXd& target, std::uint64_t seed) {
  const auto k = static_cast<Eigen::Index>(columns.size());
  if (k < 2) return;
  const std::size_t n = columns[0].size();
  if (n <= static_cast<std::size_t>(k)) return;  // too few rows to impose a k x k structure

  // Iman-Conover makes the Pearson correlation of normal scores equal the target. For normal
  // variables Spearman's rho_s = (6 / pi) asin(rho / 2) (Pearson 1907), so aim the scores at
  // rho = 2 sin(pi rho_s / 6) to hit the requested rank correlation. If that adjusted matrix is
  // not positive definite (only near the boundary), fall back to the target itself.
  Eigen::MatrixXd adjusted = target;
  for (Eigen::Index i = 0; i < k; ++i) {
    for (Eigen::Index j = 0; j < k; ++j) {
      if (i != j) adjusted(i, j) = 2.0 * std::sin(std::numbers::pi * target(i, j) / 6.0);
    }
  }
  Eigen::LLT<Eigen::MatrixXd> target_llt(adjusted);
  if (target_llt.info() != Eigen::Success) target_llt.compute(target);
  const Eigen::MatrixXd p = target_llt.matrixL();

  // Score matrix: van der Waerden scores, an independent random permutation in each column.
  std::vector<double> scores(n);
  for (std::size_t i = 0; i < n; ++i) {
    scores[i] = normal_quantile(static_cast<double>(i + 1) / static_cast<double>(n + 1));
  }
  Eigen::MatrixXd r(static_cast<Eigen::Index>(n), k);
  for (Eigen::Index j = 0; j < k; ++j) {
    std::vector<double> col = scores;
    Stream stream(seed, stream_id("iman-conover"), static_cast<std::uint64_t>(j));
    for (std::size_t i = n - 1; i > 0; --i) std::swap(col[i], col[stream.below(i + 1)]);  // Fisher-Yates
    for (std::size_t i = 0; i < n; ++i) r(static_cast<Eigen::Index>(i), j) = col[i];
  }

  // Remove the scores' own sample correlation E = Q Q^T, impose the target P P^T:
  // T = R (Q^-1)^T P^T has sample correlation exactly P P^T.
  const Eigen::RowVectorXd mean = r.colwise().mean();
  const Eigen::MatrixXd centred = r.rowwise() - mean;
  Eigen::MatrixXd e = centred.transpose() * centred;
  const Eigen::VectorXd inv_sd = e.diagonal().cwiseSqrt().cwiseInverse();
  e = inv_sd.asDiagonal() * e * inv_sd.asDiagonal();
  const Eigen::LLT<Eigen::MatrixXd> score_llt(e);
  if (score_llt.info() != Eigen::Success) return;  // degenerate scores: leave the columns as drawn
  const Eigen::MatrixXd q_inv = score_llt.matrixL().solve(Eigen::MatrixXd::Identity(k, k));
  const Eigen::MatrixXd t = r * (p * q_inv).transpose();

  // Give each column's sorted values the ranks of T's column.
  for (Eigen::Index j = 0; j < k; ++j) {
    auto& col = columns[static_cast<std::size_t>(j)];
    std::vector<double> sorted = col;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> tj(t.col(j).data(), t.col(j).data() + n);
    const auto order = order_of(tj);
    for (std::size_t rank = 0; rank < n; ++rank) col[order[rank]] = sorted[rank];
  }
}

double spearman(std::span<const double> a, std::span<const double> b) {
  const auto ra = average_ranks(a);
  const auto rb = average_ranks(b);
  return pearson(ra, rb);
}

}  // namespace fabcast::core
