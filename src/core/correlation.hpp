#pragma once
// Rank correlation between inputs: validation of a user matrix and the Iman-Conover method
// (Iman & Conover 1982, "A distribution-free approach to inducing rank correlation among input
// variables", Communications in Statistics B 11(3)).

#include <Eigen/Dense>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace fabcast::core {

//! Every reason `m` is not a valid correlation matrix (square, symmetric, unit diagonal, entries
//! in [-1, 1], positive definite), each a sentence naming the entry; empty when it is valid.
std::vector<std::string> correlation_matrix_problems(const Eigen::MatrixXd& m);

//! Reorders the values within each column (n rows, k columns) so the columns' Spearman rank
//! correlation approaches `target` (k x k, valid). Each column keeps exactly its values; only
//! their pairing across columns changes. Deterministic in `seed`.
void iman_conover(std::span<std::vector<double>> columns, const Eigen::MatrixXd& target, std::uint64_t seed);

//! Spearman rank correlation of two equally long columns (average ranks for ties).
double spearman(std::span<const double> a, std::span<const double> b);

}  // namespace fabcast::core
