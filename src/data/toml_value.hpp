#pragma once
// Reading numbers and distributions from TOML nodes, with errors that point into the file.

#include "core/distribution.hpp"

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fabcast::data {

//! Where a problem is: file, 1-based line and column (0 when unknown).
struct Location {
  std::string file;
  std::size_t line = 0;
  std::size_t column = 0;
};

//! "file:line:column" (or less, when unknown).
std::string format_location(const Location& at);

//! The location of a TOML node in `file`.
Location location_of(const toml::node& node, const std::string& file);

//! A failed read: where, and what was expected.
struct ReadError {
  Location at;
  std::string message;
};

//! The most parts a dotted key or table header may have (a.b.c has 3). toml++ parses them
//! recursively, so 50,000 parts overflow its stack; its own depth limit covers nested values only.
inline constexpr std::size_t MAX_KEY_PARTS = 256;

//! Where `text` (TOML) has a dotted key or table header of more than MAX_KEY_PARTS parts, found by
//! a scan that skips strings and comments and counts the dots of each run between `,=[]{}` and
//! line ends; nullopt when it has none. Call it before toml::parse on text from a user.
std::optional<Location> too_deep_key(std::string_view text, const std::string& file);

//! The largest whole number whose neighbours a double still tells apart, 2^53: integers beyond it
//! are refused rather than rounded (numbers are read as doubles).
inline constexpr std::int64_t MAX_EXACT_INTEGER = 9007199254740992;

//! Reads a distribution: a number, an expression string ("10e9 to 25e9"), or an inline table
//! ({ dist = "pert", min = 1, mode = 2, max = 5 }, optionally with lo and hi to truncate).
//! On failure sets `error` (with the column inside an expression string) and returns nullopt.
std::optional<core::Distribution> read_distribution(const toml::node& node, const std::string& file, ReadError& error);

//! The TOML node as short text for messages: 1.5, "many", true, [1, 2], { ... }.
std::string describe_node(const toml::node& node);

}  // namespace fabcast::data
