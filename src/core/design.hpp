#pragma once
// The input design: for each sample, one value of every uncertain input. Monte Carlo draws each
// input independently from its own keyed stream; Latin hypercube puts exactly one draw in each of
// n equal-probability strata per input; a rank-correlation matrix pairs the draws of the inputs it
// names by Iman-Conover. All three are pure functions of (seed, input name, sample index, block).

#include "core/distribution.hpp"
#include "core/permutation.hpp"

#include <Eigen/Dense>

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace fabcast::core {

enum class SamplingMethod { monte_carlo, latin_hypercube };

//! "mc" or "lhs".
std::string_view to_string(SamplingMethod method) noexcept;
//! Accepts "mc", "lhs" (and the long names); nullopt otherwise.
std::optional<SamplingMethod> parse_sampling_method(std::string_view text) noexcept;

//! One uncertain input: its name (which keys its random stream) and its distribution.
struct InputSpec {
  std::string name;
  Distribution dist;
};

//! A target Spearman rank-correlation matrix over some of the inputs, by name.
struct RankCorrelation {
  std::vector<std::string> names;
  Eigen::MatrixXd matrix;
};

class InputDesign {
 public:
  //! Throws InputError when the correlation names an unknown or repeated input, or its matrix
  //! is not a valid correlation matrix.
  InputDesign(std::vector<InputSpec> inputs, std::optional<RankCorrelation> correlation, SamplingMethod method,
              std::uint64_t seed);

  [[nodiscard]] const std::vector<InputSpec>& inputs() const noexcept { return inputs_; }
  [[nodiscard]] SamplingMethod method() const noexcept { return method_; }
  //! Inputs that a rank correlation pairs (0 without one).
  [[nodiscard]] std::size_t correlated_inputs() const noexcept { return correlation_ ? correlation_->names.size() : 0; }
  //! True when samples depend on the block they are drawn in (LHS or correlation).
  [[nodiscard]] bool block_dependent() const noexcept;

  //! Draws input `input_idx` as a design with `seed` would, leaving the others as they are: the
  //! pick-and-freeze designs of Sobol indices take some columns of one design (B) into another
  //! (A). Inputs a rank correlation pairs must all draw from one seed (throws std::logic_error
  //! otherwise, when the block is prepared), since their pairing spans them. Call before
  //! prepare_block.
  void set_input_seed(std::size_t input_idx, std::uint64_t seed);

  //! Prepares the block of samples [begin, end): strata and Iman-Conover pairings span a block.
  void prepare_block(std::uint64_t begin, std::uint64_t end);

  //! The uniform on (0, 1) that input `input_idx` of sample `sample_idx` maps through its
  //! quantile function. sample_idx must lie in the prepared block. Thread-safe.
  [[nodiscard]] double uniform(std::size_t input_idx, std::uint64_t sample_idx) const;

  //! Values of every input for sample_idx (values.size() == inputs().size()). Thread-safe.
  void draw(std::uint64_t sample_idx, std::span<double> values) const;

  //! Values of every input for samples [first, first + count): values[i * inputs + j] is input j
  //! of sample first + i, exactly as draw() gives it, computed input by input. Thread-safe.
  void draw_chunk(std::uint64_t first, std::size_t count, std::span<double> values) const;

 private:
  [[nodiscard]] double independent_uniform(std::size_t input_idx, std::uint64_t sample_idx) const;

  std::vector<InputSpec> inputs_;
  std::vector<std::uint64_t> stream_keys_;
  std::vector<std::uint64_t> input_seeds_;  // per input: the seed it draws from (seed_ unless set)
  std::optional<RankCorrelation> correlation_;
  std::vector<int> correlated_slot_;  // per input: index into correlated_columns_, or -1
  SamplingMethod method_;
  std::uint64_t seed_;
  std::uint64_t block_begin_ = 0;
  std::uint64_t block_end_ = 0;
  std::vector<KeyedPermutation> strata_;  // per input, for LHS
  std::vector<std::vector<double>> correlated_columns_;
};

}  // namespace fabcast::core
