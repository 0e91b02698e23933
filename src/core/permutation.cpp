#include "core/permutation.hpp"

#include "core/rng.hpp"

#include <bit>

namespace fabcast::core {

KeyedPermutation::KeyedPermutation(std::uint64_t n, std::uint64_t key) noexcept : n_(n) {
  const unsigned bits = n <= 1 ? 2 : static_cast<unsigned>(std::bit_width(n - 1));
  half_bits_ = (bits + 1) / 2;
  if (half_bits_ == 0) half_bits_ = 1;
  half_mask_ = (std::uint64_t{1} << half_bits_) - 1;
  std::uint64_t k = key;
  for (auto& round_key : keys_) {
    k = mix64(k + 0x9e3779b97f4a7c15ULL);
    round_key = k;
  }
}

std::uint64_t KeyedPermutation::feistel(std::uint64_t x) const noexcept {
  std::uint64_t left = x >> half_bits_;
  std::uint64_t right = x & half_mask_;
  for (const auto round_key : keys_) {
    const std::uint64_t next = left ^ (mix64(right ^ round_key) & half_mask_);
    left = right;
    right = next;
  }
  return (left << half_bits_) | right;
}

std::uint64_t KeyedPermutation::operator()(std::uint64_t x) const noexcept {
  // The Feistel network permutes [0, 4^half_bits); walking the cycle from x until it re-enters
  // [0, n) restricts it to a permutation of [0, n). The domain is < 4n, so fewer than 4 steps
  // are expected.
  std::uint64_t y = feistel(x);
  while (y >= n_) y = feistel(y);
  return y;
}

}  // namespace fabcast::core
