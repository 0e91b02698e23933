// Fuzz target: bytes -> core::parse_distribution. A malformed expression must be an InputError
// (ExpressionError, which also carries every DistributionError of a bad parameter); a parsed one
// must keep the invariants below. docs/fuzzing.md lists them.

#include "fuzz_support.hpp"

#include "core/expression.hpp"
#include "core/number_format.hpp"
#include "core/rng.hpp"

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

namespace {

using fabcast::core::Distribution;
using fabcast::fuzz::finding;

// The smallest and largest uniforms the engine ever draws, and the median.
const std::array<double, 3> U = {fabcast::core::to_open_unit(0), 0.5, fabcast::core::to_open_unit(~0ULL)};

bool same_bits(double a, double b) { return std::bit_cast<std::uint64_t>(a) == std::bit_cast<std::uint64_t>(b); }

void check_invariants(const Distribution& d) {
  // Canonical text parses back to the same distribution, bit for bit (distribution.hpp), and
  // prints the same text again.
  const std::string canonical = d.to_string();
  Distribution again;
  try {
    again = fabcast::core::parse_distribution(canonical);
  } catch (const fabcast::InputError& e) {
    finding("the canonical text does not parse", canonical + ": " + e.what());
  }
  if (!(again == d)) finding("the canonical text parses to a different distribution", canonical);
  if (again.to_string() != canonical) {
    finding("the canonical text is not stable", canonical + " -> " + again.to_string());
  }
  (void)d.describe();

  // Quantiles at the extreme draws are numbers, non-decreasing in u, and the several-at-a-time
  // path gives the same bits as the one-at-a-time one (distribution.hpp).
  std::array<double, U.size()> q{}, batch = U;
  for (std::size_t i = 0; i < U.size(); ++i) q[i] = d.quantile(U[i]);
  d.quantiles(batch.data(), batch.size(), 1);
  for (std::size_t i = 0; i < U.size(); ++i) {
    const std::string at = canonical + " at u = " + fabcast::core::format_number(U[i]);
    if (std::isnan(q[i])) finding("the quantile is NaN", at);
    if (!same_bits(q[i], batch[i])) finding("quantiles() and quantile() differ", at);
    // Every draw is a finite number (Distribution's constructors promise it).
    if (!std::isfinite(q[i])) finding("the quantile is not finite", at);
    if (i > 0 && q[i] < q[i - 1]) finding("the quantile decreases", at);
  }
  // The CDF is a probability where the distribution has its mass.
  const double p = d.cdf(q[1]);
  if (!(p >= 0 && p <= 1)) finding("the CDF is not in [0, 1]", canonical + " at its median");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  fabcast::fuzz::expect_input_errors([&] {
    const Distribution d = fabcast::core::parse_distribution(text);
    check_invariants(d);
  });
  return 0;
}
