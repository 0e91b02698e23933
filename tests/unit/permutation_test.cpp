#include "core/permutation.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace fabcast::core {
namespace {

TEST(KeyedPermutation, IsABijectionOnItsDomain) {
  for (std::uint64_t n : {1ULL, 2ULL, 3ULL, 7ULL, 16ULL, 100ULL, 1000ULL, 4097ULL, 65536ULL, 100003ULL}) {
    for (std::uint64_t key : {0ULL, 1ULL, 0xdeadbeefULL}) {
      const KeyedPermutation perm(n, key);
      std::vector<bool> hit(n, false);
      for (std::uint64_t x = 0; x < n; ++x) {
        const auto y = perm(x);
        ASSERT_LT(y, n);
        ASSERT_FALSE(hit[y]) << "n=" << n << " key=" << key << " repeats " << y;
        hit[y] = true;
      }
    }
  }
}

TEST(KeyedPermutation, DifferentKeysGiveDifferentOrders) {
  const KeyedPermutation a(1000, 1), b(1000, 2);
  int same = 0;
  for (std::uint64_t x = 0; x < 1000; ++x) same += a(x) == b(x);
  EXPECT_LT(same, 10);  // a random pair of permutations agrees at 1 point on average
}

TEST(KeyedPermutation, ScattersNeighbours) {
  // Consecutive inputs should not map to consecutive outputs (else LHS would pair strata).
  const KeyedPermutation p(10000, 99);
  int adjacent = 0;
  for (std::uint64_t x = 0; x + 1 < 10000; ++x) adjacent += (p(x + 1) == p(x) + 1);
  EXPECT_LT(adjacent, 10);
}

}  // namespace
}  // namespace fabcast::core
