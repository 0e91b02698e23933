#pragma once

#include <string>

namespace fabcast::core {

//! The shortest text that reads back to exactly x, in the expression syntax: "2.5e10", "0.15",
//! "1e-5", "inf", "-inf" (no '+' in exponents, no padding zeros).
std::string format_number(double x);

//! x rounded to `digits` significant digits for people: "1.6549e10", "0.15", "42", and below a
//! million whole numbers in full ("120" for 123 to 2 digits).
std::string format_sig(double x, int digits = 5);

//! Money for people, to `digits` significant digits with a scale word: "$466.6B", "-$2.625T",
//! "$35,290", "$1.2M"; "$1T", not "$1000B", when rounding crosses a scale.
std::string format_usd(double x, int digits = 4);

}  // namespace fabcast::core
