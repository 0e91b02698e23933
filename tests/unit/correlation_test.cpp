#include "core/correlation.hpp"

#include "core/rng.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace fabcast::core {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Eigen::MatrixXd matrix(std::initializer_list<std::initializer_list<double>> rows) {
  Eigen::MatrixXd m(rows.size(), rows.begin()->size());
  Eigen::Index i = 0;
  for (const auto& row : rows) {
    Eigen::Index j = 0;
    for (double v : row) m(i, j++) = v;
    ++i;
  }
  return m;
}

std::vector<std::vector<double>> lognormal_and_uniform_columns(std::size_t n, std::size_t k) {
  std::vector<std::vector<double>> cols(k, std::vector<double>(n));
  for (std::size_t j = 0; j < k; ++j) {
    Stream s(5, stream_id("col"), j);
    for (auto& x : cols[j]) x = j % 2 ? s.uniform() : std::exp(3 * s.uniform());
  }
  return cols;
}

TEST(CorrelationMatrix, AcceptsAValidMatrix) {
  EXPECT_TRUE(correlation_matrix_problems(matrix({{1, 0.5, -0.2}, {0.5, 1, 0.1}, {-0.2, 0.1, 1}})).empty());
}

TEST(CorrelationMatrix, NamesEachProblem) {
  EXPECT_THAT(correlation_matrix_problems(matrix({{1, 0.5}, {0.4, 1}})),
              ElementsAre("entry (1, 2) = 0.5 differs from entry (2, 1) = 0.4; the matrix must be symmetric"));
  EXPECT_THAT(correlation_matrix_problems(matrix({{0.9, 0.5}, {0.5, 1}})),
              ElementsAre("diagonal entry (1, 1) is 0.9; it must be 1"));
  EXPECT_THAT(correlation_matrix_problems(matrix({{1, 1.5}, {1.5, 1}})),
              ElementsAre("entry (1, 2) = 1.5 lies outside [-1, 1]", "entry (2, 1) = 1.5 lies outside [-1, 1]"));
  EXPECT_THAT(correlation_matrix_problems(matrix({{1, 0.5, 0.2}})), ElementsAre(HasSubstr("must be square")));
  // A and B together, B and C together, A and C opposed: no joint distribution has this.
  EXPECT_THAT(correlation_matrix_problems(matrix({{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}})),
              ElementsAre(HasSubstr("not positive definite")));
}

TEST(ImanConover, ReachesTargetRankCorrelationsWithinTolerance) {
  // Tolerance 0.02 on Spearman's rho for n = 20,000: the method's residual error at this size is
  // below 0.01 (Iman & Conover 1982, table 2, report errors of that order for n = 100 already).
  const auto target = matrix({{1, 0.7, -0.4, 0.0}, {0.7, 1, -0.2, 0.3}, {-0.4, -0.2, 1, 0.5}, {0.0, 0.3, 0.5, 1}});
  auto cols = lognormal_and_uniform_columns(20000, 4);
  iman_conover(cols, target, 2024);
  for (std::size_t i = 0; i < 4; ++i) {
    for (std::size_t j = i + 1; j < 4; ++j) {
      EXPECT_NEAR(spearman(cols[i], cols[j]), target(i, j), 0.02) << i << "," << j;
    }
  }
}

TEST(ImanConover, KeepsEachColumnsValuesExactly) {
  const auto target = matrix({{1, 0.8}, {0.8, 1}});
  auto cols = lognormal_and_uniform_columns(5000, 2);
  auto before = cols;
  iman_conover(cols, target, 1);
  for (std::size_t j = 0; j < 2; ++j) {
    std::sort(before[j].begin(), before[j].end());
    auto after = cols[j];
    std::sort(after.begin(), after.end());
    EXPECT_EQ(after, before[j]);  // bit for bit: only the pairing changed
  }
}

TEST(ImanConover, IsDeterministicInItsSeed) {
  const auto target = matrix({{1, -0.5}, {-0.5, 1}});
  auto a = lognormal_and_uniform_columns(1000, 2), b = a, c = a;
  iman_conover(a, target, 9);
  iman_conover(b, target, 9);
  iman_conover(c, target, 10);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, c);
}

TEST(Spearman, MatchesHandComputedValue) {
  // Ranks (1,2,3,4,5) vs (2,1,4,3,5): d^2 sum = 4, rho = 1 - 6*4 / (5*24) = 0.8.
  EXPECT_NEAR(spearman(std::vector<double>{1, 2, 3, 4, 5}, std::vector<double>{20, 10, 40, 30, 50}), 0.8, 1e-12);
}

}  // namespace
}  // namespace fabcast::core
