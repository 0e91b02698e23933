// Numbers as people read them (format_sig) and as the expression syntax reads them back
// (format_number), against hand-written expectations.

#include "core/number_format.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace fabcast::core {
namespace {

TEST(FormatSig, RoundsToSignificantDigits) {
  EXPECT_EQ(format_sig(0.15, 3), "0.15");
  EXPECT_EQ(format_sig(42, 5), "42");
  EXPECT_EQ(format_sig(3.14159, 3), "3.14");
  EXPECT_EQ(format_sig(1.65e10, 5), "1.65e10");
  EXPECT_EQ(format_sig(-2.5e-7, 2), "-2.5e-7");
  EXPECT_EQ(format_sig(0, 3), "0");
  EXPECT_EQ(format_sig(INFINITY, 3), "inf");
}

TEST(FormatSig, KeepsWholeNumbersBelowAMillionWhole) {
  // %g would print these as 1.2e+02 and 1.2e+05: a power and a count read better whole.
  EXPECT_EQ(format_sig(123, 2), "120");
  EXPECT_EQ(format_sig(118.6, 2), "120");
  EXPECT_EQ(format_sig(-123456, 2), "-120000");
  EXPECT_EQ(format_sig(999.7, 3), "1000");
  EXPECT_EQ(format_sig(12.34, 2), "12");
  EXPECT_EQ(format_sig(1.5e6, 2), "1.5e6");  // from a million on, the exponent form
}

TEST(FormatNumber, IsTheShortestRoundTrip) {
  EXPECT_EQ(format_number(2.5e10), "2.5e10");
  EXPECT_EQ(format_number(1e-5), "1e-5");
  EXPECT_EQ(format_number(0.15), "0.15");
  EXPECT_EQ(std::stod(format_number(0.1 + 0.2)), 0.1 + 0.2);
}

TEST(FormatUsd, ReadsAsMoneyWithAScaleWord) {
  EXPECT_EQ(format_usd(4.666e11), "$466.6B");
  EXPECT_EQ(format_usd(-2.6253e12), "-$2.625T");
  EXPECT_EQ(format_usd(6.99e12, 3), "$6.99T");
  EXPECT_EQ(format_usd(7e12), "$7T");
  EXPECT_EQ(format_usd(1.2e6), "$1.2M");
  EXPECT_EQ(format_usd(35290), "$35,290");
  EXPECT_EQ(format_usd(999), "$999");
  EXPECT_EQ(format_usd(0.426, 2), "$0.43");
  EXPECT_EQ(format_usd(0), "$0");
  // Rounding that crosses a scale moves to the next word.
  EXPECT_EQ(format_usd(999.96e9), "$1T");
  EXPECT_EQ(format_usd(999.96e6), "$1B");
  EXPECT_EQ(format_usd(999999.7), "$1M");
  EXPECT_EQ(format_usd(3.2e15), "$3200T");
  EXPECT_EQ(format_usd(NAN), "nan");
}

}  // namespace
}  // namespace fabcast::core
