#include "core/design.hpp"

#include "core/correlation.hpp"
#include "core/errors.hpp"
#include "core/rng.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace fabcast::core {

std::string_view to_string(SamplingMethod method) noexcept {
  return method == SamplingMethod::monte_carlo ? "mc" : "lhs";
}

std::optional<SamplingMethod> parse_sampling_method(std::string_view text) noexcept {
  if (text == "mc" || text == "monte-carlo" || text == "monte_carlo") return SamplingMethod::monte_carlo;
  if (text == "lhs" || text == "latin-hypercube" || text == "latin_hypercube") return SamplingMethod::latin_hypercube;
  return std::nullopt;
}

InputDesign::InputDesign(std::vector<InputSpec> inputs, std::optional<RankCorrelation> correlation,
                         SamplingMethod method, std::uint64_t seed)
    : inputs_(std::move(inputs)),
      correlation_(std::move(correlation)),
      correlated_slot_(inputs_.size(), -1),
      method_(method),
      seed_(seed) {
  for (const auto& input : inputs_) stream_keys_.push_back(stream_id("input:" + input.name));
  input_seeds_.assign(inputs_.size(), seed_);
  if (!correlation_) return;
  const auto& names = correlation_->names;
  std::vector<std::string> problems;
  if (static_cast<Eigen::Index>(names.size()) != correlation_->matrix.rows()) {
    problems.push_back(fmt::format("the correlation names {} inputs but its matrix has {} rows", names.size(),
                                   correlation_->matrix.rows()));
  }
  for (std::size_t c = 0; c < names.size(); ++c) {
    const auto it = std::find_if(inputs_.begin(), inputs_.end(), [&](const auto& in) { return in.name == names[c]; });
    if (it == inputs_.end()) {
      problems.push_back(fmt::format("the correlation names '{}', which is not an input", names[c]));
      continue;
    }
    auto& slot = correlated_slot_[static_cast<std::size_t>(it - inputs_.begin())];
    if (slot >= 0) problems.push_back(fmt::format("the correlation names '{}' twice", names[c]));
    slot = static_cast<int>(c);
  }
  for (auto& p : correlation_matrix_problems(correlation_->matrix)) problems.push_back(std::move(p));
  if (!problems.empty()) {
    std::string text = "invalid rank correlation:";
    for (const auto& p : problems) text += "\n  - " + p;
    throw InputError(text);
  }
}

bool InputDesign::block_dependent() const noexcept {
  return method_ == SamplingMethod::latin_hypercube || correlation_.has_value();
}

namespace {

// Every uniform a quantile function sees lies in [U_MIN, U_MAX], which is what lets a
// distribution promise finite draws (distribution.hpp).
static_assert(to_open_unit(0) == U_MIN && to_open_unit(~std::uint64_t{0}) == U_MAX);

// Latin hypercube: the draw `jitter` placed inside stratum s of n, strictly below its top, and
// no lower than U_MIN (the first stratum of a large n reaches below it only when its jitter is
// under n x 2^-53: about 1e-12 a draw at n = 10,000).
double in_stratum(std::uint64_t s, std::uint64_t n, double jitter) {
  const double dn = static_cast<double>(n);
  const double upper = static_cast<double>(s + 1) / dn;
  const double u = (static_cast<double>(s) + jitter) / dn;
  return std::max(u < upper ? u : std::nextafter(upper, 0.0), U_MIN);
}

}  // namespace

double InputDesign::independent_uniform(std::size_t input_idx, std::uint64_t sample_idx) const {
  const double jitter = to_open_unit(keyed_draw(input_seeds_[input_idx], stream_keys_[input_idx], sample_idx));
  if (method_ == SamplingMethod::monte_carlo) return jitter;
  // LHS: stratum s of n from the block's permutation; the position within it from the draw.
  const std::uint64_t n = block_end_ - block_begin_;
  return in_stratum(strata_[input_idx](sample_idx - block_begin_), n, jitter);
}

void InputDesign::set_input_seed(std::size_t input_idx, std::uint64_t seed) { input_seeds_.at(input_idx) = seed; }

void InputDesign::prepare_block(std::uint64_t begin, std::uint64_t end) {
  block_begin_ = begin;
  block_end_ = end;
  const std::uint64_t n = end - begin;
  // Keyed by the seed an input draws from, so that an input set to another seed gets that
  // design's strata (and, below, its pairing) as well as its draws.
  const auto block_key = [&](std::uint64_t seed) { return mix64(seed ^ mix64(begin + 0x51ed2701f3a5c7b9ULL)); };
  strata_.clear();
  if (method_ == SamplingMethod::latin_hypercube) {
    for (std::size_t j = 0; j < inputs_.size(); ++j) {
      strata_.emplace_back(n, mix64(block_key(input_seeds_[j]) ^ stream_keys_[j]));
    }
  }
  if (!correlation_) return;
  std::optional<std::uint64_t> pairing_seed;
  for (std::size_t j = 0; j < inputs_.size(); ++j) {
    if (correlated_slot_[j] < 0) continue;
    if (pairing_seed && *pairing_seed != input_seeds_[j]) {
      throw std::logic_error("inputs a rank correlation pairs draw from different seeds");
    }
    pairing_seed = input_seeds_[j];
  }
  correlated_columns_.assign(correlation_->names.size(), {});
  for (std::size_t j = 0; j < inputs_.size(); ++j) {
    const int slot = correlated_slot_[j];
    if (slot < 0) continue;
    auto& column = correlated_columns_[static_cast<std::size_t>(slot)];
    column.resize(n);
    for (std::uint64_t i = 0; i < n; ++i) column[i] = independent_uniform(j, begin + i);
  }
  iman_conover(correlated_columns_, correlation_->matrix, block_key(pairing_seed.value_or(seed_)));
}

double InputDesign::uniform(std::size_t input_idx, std::uint64_t sample_idx) const {
  const int slot = correlated_slot_[input_idx];
  if (slot >= 0) return correlated_columns_[static_cast<std::size_t>(slot)][sample_idx - block_begin_];
  return independent_uniform(input_idx, sample_idx);
}

void InputDesign::draw_chunk(std::uint64_t first, std::size_t count, std::span<double> values) const {
  const std::size_t k = inputs_.size();
  for (std::size_t j = 0; j < k; ++j) {
    const auto& dist = inputs_[j].dist;
    double* column = values.data() + j;
    if (dist.is_fixed()) {
      for (std::size_t i = 0; i < count; ++i) column[i * k] = dist.params()[0];
      continue;
    }
    const int slot = correlated_slot_[j];
    if (slot >= 0) {
      const double* u = correlated_columns_[static_cast<std::size_t>(slot)].data() + (first - block_begin_);
      for (std::size_t i = 0; i < count; ++i) column[i * k] = u[i];
    } else {
      keyed_draws(input_seeds_[j], stream_keys_[j], first, count, column, k);
      if (method_ == SamplingMethod::latin_hypercube) {
        const std::uint64_t n = block_end_ - block_begin_;
        for (std::size_t i = 0; i < count; ++i) {
          column[i * k] = in_stratum(strata_[j](first + i - block_begin_), n, column[i * k]);
        }
      }
    }
    dist.quantiles(column, count, k);
  }
}

void InputDesign::draw(std::uint64_t sample_idx, std::span<double> values) const {
  for (std::size_t j = 0; j < inputs_.size(); ++j) {
    const auto& dist = inputs_[j].dist;
    values[j] = dist.is_fixed() ? dist.params()[0] : dist.quantile(uniform(j, sample_idx));
  }
}

}  // namespace fabcast::core
