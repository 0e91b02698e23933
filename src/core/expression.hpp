#pragma once
// The text syntax for distributions (docs/distributions.md):
//   7e12   2.5B   15%   10e9 to 25e9   normal(10, 2)   lognormal(23, 0.3)   uniform(1, 3)
//   loguniform(1, 100)   triangular(1, 2, 5)   pert(1, 2, 5)   beta(2, 5)   choice(1: 0.2, 2: 0.8)
//   empirical(3, 5, 8)   truncate(normal(0, 1), 0, inf)

#include "core/distribution.hpp"
#include "core/errors.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace fabcast::core {

//! A malformed expression: the text, the 1-based column, and what was expected there.
class ExpressionError : public InputError {
 public:
  ExpressionError(std::string text, std::size_t column, std::string detail);
  [[nodiscard]] const std::string& text() const noexcept { return text_; }
  [[nodiscard]] std::size_t column() const noexcept { return column_; }
  [[nodiscard]] const std::string& detail() const noexcept { return detail_; }
  //! The expression with a caret under the column, two lines, for terminals.
  [[nodiscard]] std::string pointer() const;

 private:
  std::string text_;
  std::size_t column_;
  std::string detail_;
};

//! The longest expression text accepted (an empirical() of thousands of values fits).
inline constexpr std::size_t MAX_EXPRESSION_BYTES = 65536;
//! The deepest nesting of calls accepted. A meaningful expression needs two
//! (truncate(normal(...), lo, hi)); the limit keeps a hostile text from exhausting the stack of
//! the recursive-descent parser.
inline constexpr std::size_t MAX_EXPRESSION_DEPTH = 16;

//! The 1-based column, in characters (UTF-8 code points), of the byte at `byte_offset`.
std::size_t column_of(std::string_view text, std::size_t byte_offset) noexcept;

//! `text` with each control character (a byte below 0x20, or 0x7F) shown as '?', one for one, so
//! an expression echoed in a message cannot move the terminal's cursor or hide text, and its
//! columns stay where they were.
std::string printable(std::string_view text);

//! Parses a distribution expression; throws ExpressionError.
Distribution parse_distribution(std::string_view text);

//! Parses a plain number with an optional k, M, B, T or % suffix ("2.5B", "15%", "-3e-4");
//! nothing else may follow it. Returns nullopt when the text is not such a number.
std::optional<double> parse_number(std::string_view text);

//! The distribution families' names, for help texts and suggestions.
std::string_view distribution_names();

}  // namespace fabcast::core
