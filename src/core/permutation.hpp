#pragma once
// A keyed pseudo-random permutation of [0, n) evaluated point-wise in O(1) memory: a balanced
// Feistel network on the smallest even power of two >= n with cycle walking (Black & Rogaway,
// "Ciphers with arbitrary finite domains", CT-RSA 2002). Latin hypercube sampling uses one per
// input, so sample i finds its stratum without any table and without knowing other samples.

#include <cstdint>

namespace fabcast::core {

class KeyedPermutation {
 public:
  //! A permutation of [0, n), n >= 1, chosen by `key`.
  KeyedPermutation(std::uint64_t n, std::uint64_t key) noexcept;

  //! The image of x in [0, n).
  [[nodiscard]] std::uint64_t operator()(std::uint64_t x) const noexcept;

  [[nodiscard]] std::uint64_t size() const noexcept { return n_; }

 private:
  [[nodiscard]] std::uint64_t feistel(std::uint64_t x) const noexcept;

  static constexpr int ROUNDS = 6;
  std::uint64_t n_;
  std::uint64_t keys_[ROUNDS];
  unsigned half_bits_;
  std::uint64_t half_mask_;
};

}  // namespace fabcast::core
