#pragma once
// Running count, mean, variance, min and max: Welford's update (Technometrics 4(3), 1962) and
// Chan, Golub & LeVeque's pairwise merge (1979). Merging in a fixed order gives the same bits
// whatever the thread count.

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace fabcast::core {

struct Moments {
  std::uint64_t n = 0;
  double mean = 0;
  double m2 = 0;  //!< sum of squared deviations from the mean
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();

  //! Adds one observation.
  void add(double x) noexcept {
    ++n;
    const double delta = x - mean;
    mean += delta / static_cast<double>(n);
    m2 += delta * (x - mean);
    min = std::min(min, x);
    max = std::max(max, x);
  }

  //! Adds every observation of `other` (Chan et al. 1979).
  void merge(const Moments& other) noexcept {
    if (other.n == 0) return;
    if (n == 0) {
      *this = other;
      return;
    }
    const double na = static_cast<double>(n);
    const double nb = static_cast<double>(other.n);
    const double total = na + nb;
    const double delta = other.mean - mean;
    mean += delta * nb / total;
    m2 += other.m2 + delta * delta * na * nb / total;
    n += other.n;
    min = std::min(min, other.min);
    max = std::max(max, other.max);
  }

  //! Unbiased sample variance (n - 1 in the denominator); 0 for fewer than two observations.
  [[nodiscard]] double variance() const noexcept { return n > 1 ? m2 / static_cast<double>(n - 1) : 0.0; }
  [[nodiscard]] double sd() const noexcept { return std::sqrt(variance()); }
  //! Standard error of the mean, sd / sqrt(n).
  [[nodiscard]] double std_error() const noexcept { return n > 0 ? sd() / std::sqrt(static_cast<double>(n)) : 0.0; }
  //! Standard error relative to |mean|: 0 when every value is the same (the mean is exact),
  //! infinite when the mean is 0 otherwise.
  [[nodiscard]] double rel_error() const noexcept {
    if (std_error() == 0) return 0.0;
    return mean != 0 ? std_error() / std::fabs(mean) : std::numeric_limits<double>::infinity();
  }
};

}  // namespace fabcast::core
