#pragma once
// Reading numbers and distributions from TOML nodes, with errors that point into the file.

#include "core/distribution.hpp"

#include <toml++/toml.h>

#include <optional>
#include <string>

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

//! Reads a distribution: a number, an expression string ("10e9 to 25e9"), or an inline table
//! ({ dist = "pert", min = 1, mode = 2, max = 5 }, optionally with lo and hi to truncate).
//! On failure sets `error` (with the column inside an expression string) and returns nullopt.
std::optional<core::Distribution> read_distribution(const toml::node& node, const std::string& file, ReadError& error);

//! The TOML node as short text for messages: 1.5, "many", true, [1, 2], { ... }.
std::string describe_node(const toml::node& node);

}  // namespace fabcast::data
