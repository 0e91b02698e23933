#pragma once
// Counter-based random streams (Philox4x64-10, Salmon et al., SC'11, "Parallel random numbers:
// as easy as 1, 2, 3"). A stream is keyed by (seed, stream id) and addressed by
// (sample index, block index): sample i draws the same numbers whatever thread, rank or order runs
// it, and a draw added to one named stream never shifts another stream.

#include <Random123/philox.h>

#include <cstdint>
#include <string_view>

namespace fabcast::core {

__extension__ using uint128 = unsigned __int128;  // GCC and Clang; for 64x64 -> 128-bit products

//! SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mixer.
constexpr std::uint64_t mix64(std::uint64_t x) noexcept {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

//! A stable 64-bit id for a named stream: FNV-1a over the bytes, then mix64.
constexpr std::uint64_t stream_id(std::string_view name) noexcept {
  std::uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return mix64(h);
}

//! Maps 64 random bits to a double uniform on the open interval (0, 1): the top 52 bits, centred
//! in their cell, so neither 0 nor 1 is ever returned (quantile functions stay finite). With 53
//! bits the top cell's centre, 1 - 2^-54, would round to 1.0.
constexpr double to_open_unit(std::uint64_t bits) noexcept {
  return (static_cast<double>(bits >> 12) + 0.5) * 0x1.0p-52;
}

//! The one draw of an input of sample_idx: word (sample_idx % 4) of the Philox block at counter
//! (sample_idx / 4, 2^63, 0, 0) under key (seed, stream). One call serves four consecutive samples,
//! and a sample's draw still depends on nothing but (seed, stream, sample_idx). The 2^63 in the
//! second counter word keeps these blocks apart from Stream's (whose block index starts at 0).
inline std::uint64_t keyed_draw(std::uint64_t seed, std::uint64_t stream, std::uint64_t sample_idx) noexcept {
  r123::Philox4x64 gen;
  const r123::Philox4x64::ctr_type ctr = {{sample_idx >> 2, std::uint64_t{1} << 63, 0, 0}};
  const r123::Philox4x64::key_type key = {{seed, stream}};
  return gen(ctr, key)[sample_idx & 3];
}

//! keyed_draw for samples [first, first + count), written to out[i * stride].
inline void keyed_draws(std::uint64_t seed, std::uint64_t stream, std::uint64_t first, std::size_t count, double* out,
                        std::size_t stride) noexcept {
  r123::Philox4x64 gen;
  const r123::Philox4x64::key_type key = {{seed, stream}};
  r123::Philox4x64::ctr_type ctr = {{first >> 2, std::uint64_t{1} << 63, 0, 0}};
  auto block = gen(ctr, key);
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint64_t sample_idx = first + i;
    if ((sample_idx & 3) == 0 && i > 0) {
      ctr[0] = sample_idx >> 2;
      block = gen(ctr, key);
    }
    out[i * stride] = to_open_unit(block[sample_idx & 3]);
  }
}

//! A sequential stream of random numbers for one (seed, stream, sample): the counter is
//! (sample_idx, block, 0, 0), each block gives four 64-bit values.
class Stream {
 public:
  Stream(std::uint64_t seed, std::uint64_t stream, std::uint64_t sample_idx) noexcept
      : key_{{seed, stream}}, ctr_{{sample_idx, 0, 0, 0}} {}

  //! The next 64 random bits.
  std::uint64_t next_u64() noexcept {
    if (pos_ == 4) {
      block_ = gen_(ctr_, key_);
      ++ctr_[1];
      pos_ = 0;
    }
    return block_[pos_++];
  }

  //! The next uniform draw on (0, 1).
  double uniform() noexcept { return to_open_unit(next_u64()); }

  //! A uniform integer in [0, n), n > 0 (Lemire's multiply-shift; bias below 2^-64 * n).
  std::uint64_t below(std::uint64_t n) noexcept {
    return static_cast<std::uint64_t>((static_cast<uint128>(next_u64()) * n) >> 64);
  }

 private:
  r123::Philox4x64 gen_;
  r123::Philox4x64::key_type key_;
  r123::Philox4x64::ctr_type ctr_;
  r123::Philox4x64::ctr_type block_{};
  int pos_ = 4;
};

}  // namespace fabcast::core
