#include "core/expression.hpp"

#include "core/text_distance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <vector>

namespace fabcast::core {

std::size_t column_of(std::string_view text, std::size_t byte_offset) noexcept {
  std::size_t column = 1;
  for (std::size_t i = 0; i < byte_offset && i < text.size(); ++i) {
    column += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;  // continuation bytes are not characters
  }
  return column;
}

ExpressionError::ExpressionError(std::string text, std::size_t column, std::string detail)
    : InputError(fmt::format("column {}: {}", column, detail)),
      text_(std::move(text)),
      column_(column),
      detail_(std::move(detail)) {}

std::string printable(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = '?';
  }
  return out;
}

std::string ExpressionError::pointer() const {
  return fmt::format("  {}\n  {}^", printable(text_), std::string(column_ > 0 ? column_ - 1 : 0, ' '));
}

namespace {

constexpr std::array<std::string_view, 12> FUNCTIONS = {"normal",     "lognormal", "uniform",  "loguniform",
                                                        "triangular", "pert",      "beta",     "choice",
                                                        "discrete",   "empirical", "truncate", "inf"};

// The UTF-8 character starting at text[pos], as written, or a description of a stray byte.
std::string character_at(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  const std::size_t length = lead < 0x80           ? 1
                             : (lead >> 5) == 0x6  ? 2
                             : (lead >> 4) == 0xE  ? 3
                             : (lead >> 3) == 0x1E ? 4
                                                   : 0;
  bool whole = length > 0 && pos + length <= text.size();
  for (std::size_t i = 1; whole && i < length; ++i) whole = (static_cast<unsigned char>(text[pos + i]) & 0xC0) == 0x80;
  if (!whole) return fmt::format("byte 0x{:02X} (not UTF-8 text)", lead);
  if (lead < 0x20 || lead == 0x7F) return fmt::format("control character 0x{:02X}", lead);
  return fmt::format("character '{}'", text.substr(pos, length));
}

enum class Tok { number, ident, lparen, rparen, comma, colon, minus, plus, end, bad };

struct Token {
  Tok kind = Tok::end;
  std::string_view text;
  std::size_t column = 0;  // 1-based
  double number = 0;
};

bool is_ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Scans a number at text[pos]: digits with optional '_' separators, fraction, exponent, suffix.
// Returns the length consumed (0 when there is no number) and the value; sets `error` when the
// characters look like a number but are malformed.
std::size_t scan_number(std::string_view text, std::size_t pos, double& value, std::string& error) {
  std::string digits;
  std::size_t i = pos;
  auto take_digits = [&] {
    std::size_t n = 0;
    while (i < text.size() && (std::isdigit(static_cast<unsigned char>(text[i])) ||
                               (text[i] == '_' && n > 0 && i + 1 < text.size() &&
                                std::isdigit(static_cast<unsigned char>(text[i + 1]))))) {
      if (text[i] != '_') {
        digits += text[i];
        ++n;
      }
      ++i;
    }
    return n;
  };
  const std::size_t whole = take_digits();
  std::size_t fraction = 0;
  if (i < text.size() && text[i] == '.') {
    digits += '.';
    ++i;
    fraction = take_digits();
  }
  if (whole == 0 && fraction == 0) return 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    std::size_t j = i + 1;
    if (j < text.size() && (text[j] == '+' || text[j] == '-')) ++j;
    if (j < text.size() && std::isdigit(static_cast<unsigned char>(text[j]))) {
      digits += 'e';
      digits.append(text.substr(i + 1, j - i - 1));
      i = j;
      take_digits();
    } else {
      error = "expected digits after the exponent 'e'";
      return i + 1 - pos;
    }
  }
  double scale = 1;
  if (i < text.size()) {
    switch (text[i]) {
      case 'k':
      case 'K':
        scale = 1e3;
        ++i;
        break;
      case 'M':
        scale = 1e6;
        ++i;
        break;
      case 'B':
        scale = 1e9;
        ++i;
        break;
      case 'T':
        scale = 1e12;
        ++i;
        break;
      case '%':
        scale = 1e-2;
        ++i;
        break;
      default:
        break;
    }
  }
  if (i < text.size() && is_ident_char(text[i])) {
    error = fmt::format("unexpected '{}' in a number (suffixes are k, M, B, T and %)", text[i]);
    return i + 1 - pos;
  }
  double parsed = 0;
  const auto res = std::from_chars(digits.data(), digits.data() + digits.size(), parsed);
  if (res.ec != std::errc() || res.ptr != digits.data() + digits.size()) {
    error = "the number is out of range";
    return i - pos;
  }
  value = parsed * scale;
  if (!std::isfinite(value)) error = "the number is out of range";
  return i - pos;
}

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {
    if (text_.size() > MAX_EXPRESSION_BYTES) {
      throw ExpressionError(std::string(text_.substr(0, 60)) + "...", 1,
                            fmt::format("the expression is {} bytes long; expressions are limited to {} bytes",
                                        text_.size(), MAX_EXPRESSION_BYTES));
    }
    advance();
  }

  Distribution parse() {
    Operand result = expression();
    if (tok_.kind != Tok::end) fail(tok_.column, fmt::format("unexpected {} after the expression", describe(tok_)));
    if (result.is_number) return make(result.column, [&] { return Distribution::fixed(result.number); });
    return result.dist;
  }

 private:
  struct Operand {
    bool is_number = false;
    double number = 0;
    Distribution dist;
    std::size_t column = 0;
    bool has_weight = false;
    double weight = 0;
  };

  // `column` is a 1-based byte position; the error reports it in characters, as editors count.
  [[noreturn]] void fail(std::size_t column, std::string detail) const {
    throw ExpressionError(std::string(text_), column_of(text_, column - 1), std::move(detail));
  }

  template <class F>
  Distribution make(std::size_t column, F&& build) const {
    try {
      return build();
    } catch (const DistributionError& e) {
      fail(column, e.what());
    }
  }

  static std::string describe(const Token& t) {
    switch (t.kind) {
      case Tok::end:
        return "end of input";
      case Tok::number:
        return fmt::format("number '{}'", t.text);
      case Tok::ident:
        return fmt::format("'{}'", t.text);
      default:
        return fmt::format("'{}'", t.text);
    }
  }

  void advance() {
    while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    tok_ = Token{};
    tok_.column = pos_ + 1;
    if (pos_ >= text_.size()) {
      tok_.kind = Tok::end;
      return;
    }
    const char c = text_[pos_];
    std::string error;
    double value = 0;
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') {
      const std::size_t n = scan_number(text_, pos_, value, error);
      if (n == 0) fail(tok_.column, "expected a digit after '.'");
      if (!error.empty()) fail(tok_.column, error);
      tok_.kind = Tok::number;
      tok_.number = value;
      tok_.text = text_.substr(pos_, n);
      pos_ += n;
      return;
    }
    if (std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
      std::size_t n = 0;
      while (pos_ + n < text_.size() && is_ident_char(text_[pos_ + n])) ++n;
      tok_.kind = Tok::ident;
      tok_.text = text_.substr(pos_, n);
      pos_ += n;
      return;
    }
    tok_.text = text_.substr(pos_, 1);
    ++pos_;
    switch (c) {
      case '(':
        tok_.kind = Tok::lparen;
        return;
      case ')':
        tok_.kind = Tok::rparen;
        return;
      case ',':
        tok_.kind = Tok::comma;
        return;
      case ':':
        tok_.kind = Tok::colon;
        return;
      case '-':
        tok_.kind = Tok::minus;
        return;
      case '+':
        tok_.kind = Tok::plus;
        return;
      default:
        fail(tok_.column, fmt::format("unexpected {}", character_at(text_, pos_ - 1)));
    }
  }

  // expression := operand ['to' number]
  Operand expression() {
    Operand left = operand();
    if (tok_.kind == Tok::ident && tok_.text == "to") {
      const std::size_t to_column = tok_.column;
      if (!left.is_number) fail(to_column, "'to' needs a plain number on its left, as in '10 to 20'");
      advance();
      const Operand right = number_operand("a number after 'to'");
      Operand out;
      out.column = left.column;
      // Blame the end that is wrong: b when it is infinite, else a (itself, or the order of the two).
      const bool right_bad = left.number > 0 && std::isfinite(left.number) && !std::isfinite(right.number);
      out.dist =
          make(right_bad ? right.column : left.column, [&] { return Distribution::to(left.number, right.number); });
      return out;
    }
    return left;
  }

  // A signed number or 'inf'.
  Operand number_operand(std::string_view expected) {
    const std::size_t column = tok_.column;
    double sign = 1;
    if (tok_.kind == Tok::minus || tok_.kind == Tok::plus) {
      sign = tok_.kind == Tok::minus ? -1 : 1;
      advance();
    }
    Operand out;
    out.column = column;
    out.is_number = true;
    if (tok_.kind == Tok::number) {
      out.number = sign * tok_.number;
    } else if (tok_.kind == Tok::ident && tok_.text == "inf") {
      out.number = sign * Distribution::INF;
    } else {
      fail(tok_.column, fmt::format("expected {}, found {}", expected, describe(tok_)));
    }
    advance();
    return out;
  }

  Operand operand() {
    if (tok_.kind == Tok::ident && tok_.text != "inf") {
      const Token name = tok_;
      advance();
      if (tok_.kind != Tok::lparen) {
        const auto known = std::find(FUNCTIONS.begin(), FUNCTIONS.end(), name.text) != FUNCTIONS.end();
        if (known) fail(tok_.column, fmt::format("expected '(' after '{}'", name.text));
        unknown_name(name);
      }
      return call(name);
    }
    return number_operand("a number or a distribution such as 'normal(10, 2)'");
  }

  [[noreturn]] void unknown_name(const Token& name) const {
    const auto suggestion = closest_match(name.text, FUNCTIONS);
    fail(name.column,
         fmt::format("unknown distribution '{}'{}; expected one of: {}", name.text,
                     suggestion.empty() ? "" : fmt::format(" (did you mean '{}'?)", suggestion), distribution_names()));
  }

  Operand call(const Token& name) {
    if (++depth_ > MAX_EXPRESSION_DEPTH) {
      fail(name.column, fmt::format("calls nested more than {} deep; a distribution needs at most two "
                                    "(truncate(normal(0, 1), 0, inf))",
                                    MAX_EXPRESSION_DEPTH));
    }
    advance();  // '('
    std::vector<Operand> args;
    if (tok_.kind != Tok::rparen) {
      while (true) {
        Operand arg = expression();
        if (tok_.kind == Tok::colon) {
          advance();
          const Operand weight = number_operand("a weight after ':'");
          arg.has_weight = true;
          arg.weight = weight.number;
        }
        args.push_back(std::move(arg));
        if (tok_.kind == Tok::comma) {
          advance();
          continue;
        }
        if (tok_.kind == Tok::rparen) break;
        fail(tok_.column,
             fmt::format("expected ',' or ')' in the arguments of '{}', found {}", name.text, describe(tok_)));
      }
    }
    advance();  // ')'
    --depth_;
    Operand out;
    out.column = name.column;
    out.dist = build(name, args);
    return out;
  }

  // Checks the argument count and that every argument is a number; returns the numbers.
  std::vector<double> numbers(const Token& name, const std::vector<Operand>& args, std::size_t min_count,
                              std::size_t max_count, std::string_view signature) const {
    if (args.size() < min_count || args.size() > max_count) {
      fail(name.column, fmt::format("{} takes {}, got {} argument{}", name.text, signature, args.size(),
                                    args.size() == 1 ? "" : "s"));
    }
    std::vector<double> out;
    for (const auto& a : args) {
      if (!a.is_number) fail(a.column, fmt::format("expected a number as an argument of '{}'", name.text));
      if (a.has_weight) fail(a.column, fmt::format("'value: weight' pairs belong in choice(), not '{}'", name.text));
      out.push_back(a.number);
    }
    return out;
  }

  Distribution build(const Token& name, const std::vector<Operand>& args) const {
    const auto n = name.text;
    const auto col = name.column;
    if (n == "normal") {
      const auto v = numbers(name, args, 2, 2, "(mean, sd)");
      return make(col, [&] { return Distribution::normal(v[0], v[1]); });
    }
    if (n == "lognormal") {
      const auto v = numbers(name, args, 2, 2, "(mu, sigma) of the logarithm");
      return make(col, [&] { return Distribution::lognormal(v[0], v[1]); });
    }
    if (n == "uniform") {
      const auto v = numbers(name, args, 2, 2, "(min, max)");
      return make(col, [&] { return Distribution::uniform(v[0], v[1]); });
    }
    if (n == "loguniform") {
      const auto v = numbers(name, args, 2, 2, "(min, max)");
      return make(col, [&] { return Distribution::loguniform(v[0], v[1]); });
    }
    if (n == "triangular") {
      const auto v = numbers(name, args, 3, 3, "(min, mode, max)");
      return make(col, [&] { return Distribution::triangular(v[0], v[1], v[2]); });
    }
    if (n == "pert") {
      const auto v = numbers(name, args, 3, 4, "(min, mode, max[, lambda])");
      return make(col, [&] { return Distribution::pert(v[0], v[1], v[2], v.size() == 4 ? v[3] : 4.0); });
    }
    if (n == "beta") {
      const auto v = numbers(name, args, 2, 4, "(alpha, beta[, min, max])");
      if (v.size() == 3) fail(col, "beta takes (alpha, beta) or (alpha, beta, min, max), got 3 arguments");
      return make(col, [&] {
        return v.size() == 4 ? Distribution::beta(v[0], v[1], v[2], v[3]) : Distribution::beta(v[0], v[1]);
      });
    }
    if (n == "empirical") {
      const auto v = numbers(name, args, 1, SIZE_MAX, "one or more values");
      return make(col, [&] { return Distribution::empirical(v); });
    }
    if (n == "choice" || n == "discrete") {
      if (args.empty()) fail(col, fmt::format("{} takes one or more 'value: weight' pairs, got none", n));
      const bool weighted = args.front().has_weight;
      std::vector<double> values, weights;
      for (const auto& a : args) {
        if (!a.is_number) fail(a.column, fmt::format("expected a number as a value of '{}'", n));
        if (a.has_weight != weighted) {
          fail(a.column, "give every value a weight ('value: weight') or none (equal weights)");
        }
        values.push_back(a.number);
        weights.push_back(weighted ? a.weight : 1.0);
      }
      return make(col, [&] { return Distribution::choice(values, weights); });
    }
    if (n == "truncate") {
      if (args.size() != 3) {
        fail(col, fmt::format("truncate takes (distribution, lo, hi), got {} argument{}", args.size(),
                              args.size() == 1 ? "" : "s"));
      }
      const Distribution inner =
          args[0].is_number ? make(args[0].column, [&] { return Distribution::fixed(args[0].number); }) : args[0].dist;
      for (std::size_t i = 1; i < 3; ++i) {
        if (!args[i].is_number) fail(args[i].column, "expected a number (or inf) as a truncation bound");
      }
      return make(col, [&] { return inner.truncated(args[1].number, args[2].number); });
    }
    unknown_name(name);
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t depth_ = 0;
  Token tok_;
};

}  // namespace

Distribution parse_distribution(std::string_view text) { return Parser(text).parse(); }

std::optional<double> parse_number(std::string_view text) {
  std::size_t start = 0;
  double sign = 1;
  if (!text.empty() && (text[0] == '-' || text[0] == '+')) {
    sign = text[0] == '-' ? -1 : 1;
    start = 1;
  }
  if (text.substr(start) == "inf") return sign * Distribution::INF;
  double value = 0;
  std::string error;
  const std::size_t n = scan_number(text, start, value, error);
  if (n == 0 || !error.empty() || start + n != text.size()) return std::nullopt;
  return sign * value;
}

std::string_view distribution_names() {
  return "a number (2.5B, 15%), 'a to b', normal, lognormal, uniform, loguniform, triangular, pert, "
         "beta, choice, empirical, truncate";
}

}  // namespace fabcast::core
