#include "core/rng.hpp"

#include "test_support.hpp"

#include <gtest/gtest.h>

#include <set>

namespace fabcast::core {
namespace {

// Known-answer vectors for Philox4x64-10 from Random123's kat_vectors (Salmon et al. 2011).
TEST(Philox, MatchesRandom123KnownAnswers) {
  Stream zeros(0, 0, 0);  // key (0, 0), counter (0, 0, 0, 0)
  EXPECT_EQ(zeros.next_u64(), 0x16554d9eca36314cULL);
  EXPECT_EQ(zeros.next_u64(), 0xdb20fe9d672d0fdcULL);
  EXPECT_EQ(zeros.next_u64(), 0xd7e772cee186176bULL);
  EXPECT_EQ(zeros.next_u64(), 0x7e68b68aec7ba23bULL);

  r123::Philox4x64 gen;
  const r123::Philox4x64::ctr_type ctr = {
      {0x243f6a8885a308d3ULL, 0x13198a2e03707344ULL, 0xa4093822299f31d0ULL, 0x082efa98ec4e6c89ULL}};
  const r123::Philox4x64::key_type key = {{0x452821e638d01377ULL, 0xbe5466cf34e90c6cULL}};
  const auto r = gen(ctr, key);
  EXPECT_EQ(r[0], 0xa528f45403e61d95ULL);
  EXPECT_EQ(r[3], 0x57bd43b5e52b7fe6ULL);
}

TEST(Stream, IsAPureFunctionOfSeedStreamAndSample) {
  Stream a(42, stream_id("build_time"), 1234);
  Stream b(42, stream_id("build_time"), 1234);
  for (int i = 0; i < 100; ++i) ASSERT_EQ(a.next_u64(), b.next_u64());
}

TEST(KeyedDraw, IsWordSampleModFourOfItsPhiloxBlock) {
  r123::Philox4x64 gen;
  const r123::Philox4x64::key_type key = {{42, stream_id("input:capex")}};
  for (std::uint64_t i : {0ULL, 1ULL, 2ULL, 3ULL, 4ULL, 1001ULL, 123456789ULL}) {
    const r123::Philox4x64::ctr_type ctr = {{i / 4, std::uint64_t{1} << 63, 0, 0}};
    EXPECT_EQ(keyed_draw(42, stream_id("input:capex"), i), gen(ctr, key)[i % 4]) << i;
  }
}

TEST(KeyedDraw, BatchesEqualSingleDrawsFromAnyStart) {
  for (std::uint64_t first : {0ULL, 1ULL, 3ULL, 4ULL, 998ULL}) {
    std::vector<double> batch(2 * 37);
    keyed_draws(5, 6, first, 37, batch.data(), 2);
    for (std::size_t i = 0; i < 37; ++i) ASSERT_EQ(batch[2 * i], to_open_unit(keyed_draw(5, 6, first + i)));
  }
}

TEST(KeyedDraw, NeverOverlapsASamplesSequentialStream) {
  // Stream blocks use counter (sample, block, 0, 0) with small block numbers; keyed draws use
  // (sample / 4, 2^63, 0, 0): the two can never address the same Philox block.
  Stream s(1, 2, 0);
  const auto seq = s.next_u64();
  EXPECT_NE(seq, keyed_draw(1, 2, 0));
}

TEST(Stream, DiffersAcrossSeedsStreamsAndSamples) {
  const auto base = Stream(1, stream_id("a"), 0).next_u64();
  EXPECT_NE(base, Stream(2, stream_id("a"), 0).next_u64());
  EXPECT_NE(base, Stream(1, stream_id("b"), 0).next_u64());
  EXPECT_NE(base, Stream(1, stream_id("a"), 1).next_u64());
}

TEST(StreamId, NamesDoNotCollideOnASmallVocabulary) {
  std::set<std::uint64_t> ids;
  const char* names[] = {"input:capex", "input:build", "input:ramp", "project_spread", "iman-conover", "test", "", "a",
                         "b",           "ab",          "ba"};
  for (const char* n : names) ids.insert(stream_id(n));
  EXPECT_EQ(ids.size(), std::size(names));
}

TEST(ToOpenUnit, NeverReturnsZeroOrOne) {
  EXPECT_GT(to_open_unit(0), 0.0);
  EXPECT_LT(to_open_unit(~std::uint64_t{0}), 1.0);
  EXPECT_EQ(to_open_unit(~std::uint64_t{0}), 1.0 - 0x1.0p-53);
  EXPECT_EQ(to_open_unit(0), 0x1.0p-53);
  EXPECT_EQ(to_open_unit(std::uint64_t{1} << 63), 0.5 + 0x1.0p-53);
}

TEST(Stream, UniformsPassMeanAndKolmogorovSmirnov) {
  constexpr std::size_t N = 200000;
  Stream s(7, stream_id("uniform-check"), 3);
  std::vector<double> xs(N);
  for (auto& x : xs) x = s.uniform();
  const auto st = test::stats(xs);
  EXPECT_NEAR(st.mean, 0.5, test::K_SE * std::sqrt(1.0 / 12 / N));
  EXPECT_NEAR(st.variance, 1.0 / 12, test::K_SE * st.se_variance);
  EXPECT_LT(test::ks_statistic(xs, [](double x) { return x; }), test::ks_limit(N));
}

TEST(Stream, BelowIsUniformOverItsRange) {
  // Chi-square with 9 degrees of freedom: 99.99th percentile is 33.7.
  constexpr int K = 10, N = 100000;
  Stream s(9, stream_id("below"), 0);
  int counts[K] = {};
  for (int i = 0; i < N; ++i) {
    const auto v = s.below(K);
    ASSERT_LT(v, static_cast<std::uint64_t>(K));
    ++counts[v];
  }
  double chi2 = 0;
  for (int c : counts) chi2 += (c - N / K) * (c - N / K) / double(N / K);
  EXPECT_LT(chi2, 33.7);
}

}  // namespace
}  // namespace fabcast::core
