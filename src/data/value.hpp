#pragma once
// The value of one parameter: a number or distribution, a word, a flag or a list.

#include "core/distribution.hpp"

#include <string>
#include <variant>
#include <vector>

namespace fabcast::data {

using NumberList = std::vector<double>;
using TextList = std::vector<std::string>;
using Matrix = std::vector<std::vector<double>>;

//! A parameter's value. Numbers are fixed distributions, so every numeric parameter is drawn the
//! same way whether or not it is uncertain.
using Value = std::variant<core::Distribution, std::string, bool, NumberList, TextList, Matrix>;

//! The value in the expression or TOML syntax fabcast reads back: `1e10 to 2.5e10`, `"quarter"`,
//! `true`, `[1, 2]`, `["US", "Japan"]`, `[[1, 0.5], [0.5, 1]]`.
std::string to_toml(const Value& value);

//! The value for people: distributions as their expression, words bare, lists comma-separated.
std::string to_text(const Value& value);

}  // namespace fabcast::data
