#include "data/toml_value.hpp"

#include "core/expression.hpp"
#include "core/number_format.hpp"
#include "core/text_distance.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <sstream>

namespace fabcast::data {

std::string format_location(const Location& at) {
  if (at.line == 0) return at.file;
  if (at.column == 0) return fmt::format("{}:{}", at.file, at.line);
  return fmt::format("{}:{}:{}", at.file, at.line, at.column);
}

Location location_of(const toml::node& node, const std::string& file) {
  return {file, node.source().begin.line, node.source().begin.column};
}

std::string describe_node(const toml::node& node) {
  if (const auto* s = node.as_string()) return fmt::format("\"{}\"", s->get());
  if (const auto* i = node.as_integer()) return std::to_string(i->get());
  if (const auto* f = node.as_floating_point()) return core::format_number(f->get());
  if (const auto* b = node.as_boolean()) return b->get() ? "true" : "false";
  std::ostringstream out;
  if (const auto* a = node.as_array()) {
    out << toml::toml_formatter(*a, toml::format_flags::none);
  } else if (const auto* t = node.as_table()) {
    out << toml::toml_formatter(*t, toml::format_flags::none);
  } else {
    return "a date or time";
  }
  std::string text = out.str();
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text.size() > 60 ? text.substr(0, 57) + "..." : text;
}

std::optional<Location> too_deep_key(std::string_view text, const std::string& file) {
  std::size_t line = 1, column = 0, dots = 0;
  enum class In { code, comment, basic, literal, multi_basic, multi_literal } in = In::code;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      column = 0;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column;  // characters, as toml++ counts columns
    }
    switch (in) {
      case In::comment:
        if (c == '\n') in = In::code;
        break;
      case In::basic:
        if (c == '\\')
          ++i;
        else if (c == '"' || c == '\n')
          in = In::code;
        break;
      case In::literal:
        if (c == '\'' || c == '\n') in = In::code;
        break;
      case In::multi_basic:
        if (c == '\\')
          ++i;
        else if (text.substr(i, 3) == "\"\"\"")
          in = In::code, i += 2;
        break;
      case In::multi_literal:
        if (text.substr(i, 3) == "\'\'\'") in = In::code, i += 2;
        break;
      case In::code:
        if (c == '#') {
          in = In::comment;
        } else if (c == '"') {
          in = text.substr(i, 3) == "\"\"\"" ? (i += 2, In::multi_basic) : In::basic;
        } else if (c == '\'') {
          in = text.substr(i, 3) == "\'\'\'" ? (i += 2, In::multi_literal) : In::literal;
        } else if (c == '.') {
          if (++dots >= MAX_KEY_PARTS) return Location{file, line, column};
        } else if (c == '\n' || c == ',' || c == '=' || c == '[' || c == ']' || c == '{' || c == '}') {
          dots = 0;
        }
        break;
    }
  }
  return std::nullopt;
}

namespace {

std::optional<double> number_of(const toml::node& node) {
  if (const auto* i = node.as_integer()) {
    if (i->get() > MAX_EXACT_INTEGER || i->get() < -MAX_EXACT_INTEGER) return std::nullopt;  // would round
    return static_cast<double>(i->get());
  }
  if (const auto* f = node.as_floating_point()) return f->get();
  if (const auto* s = node.as_string()) return core::parse_number(s->get());
  return std::nullopt;
}

struct Family {
  std::string_view name;
  std::array<std::string_view, 4> params;
  std::size_t required;
};

constexpr std::array<Family, 11> FAMILIES = {{
    {"fixed", {"value"}, 1},
    {"normal", {"mean", "sd"}, 2},
    {"lognormal", {"mu", "sigma"}, 2},
    {"to", {"p5", "p95"}, 2},
    {"uniform", {"min", "max"}, 2},
    {"loguniform", {"min", "max"}, 2},
    {"triangular", {"min", "mode", "max"}, 3},
    {"pert", {"min", "mode", "max", "lambda"}, 3},
    {"beta", {"alpha", "beta", "min", "max"}, 2},
    {"choice", {"values", "weights"}, 1},
    {"empirical", {"values"}, 1},
}};

std::optional<core::Distribution> from_table(const toml::table& table, const std::string& file, ReadError& error) {
  auto fail = [&](const toml::node& at, std::string message) -> std::optional<core::Distribution> {
    error = {location_of(at, file), std::move(message)};
    return std::nullopt;
  };
  std::string family = table.contains("p5") && !table.contains("dist") ? "to" : "";
  if (const auto* d = table.get("dist")) {
    if (!d->is_string()) return fail(*d, "expected the family name as a string, such as dist = \"pert\"");
    family = d->as_string()->get();
  }
  if (family.empty())
    return fail(table,
                "an inline distribution needs dist = \"FAMILY\" (normal, lognormal, to, uniform, loguniform, "
                "triangular, pert, beta, choice, empirical, fixed)");
  const auto* spec = std::find_if(FAMILIES.begin(), FAMILIES.end(), [&](const Family& f) { return f.name == family; });
  if (spec == FAMILIES.end()) {
    std::vector<std::string_view> names;
    for (const auto& f : FAMILIES) names.push_back(f.name);
    const auto hint = core::closest_match(family, names);
    return fail(*table.get("dist"), fmt::format("unknown distribution family \"{}\"{}", family,
                                                hint.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", hint)));
  }
  std::vector<std::string_view> allowed(spec->params.begin(), spec->params.end());
  allowed.erase(std::remove(allowed.begin(), allowed.end(), std::string_view{}), allowed.end());
  std::vector<std::string_view> fields = allowed;
  fields.insert(fields.end(), {"dist", "lo", "hi"});
  for (const auto& [key, node] : table) {
    if (std::find(fields.begin(), fields.end(), key.str()) == fields.end()) {
      const auto hint = core::closest_match(key.str(), fields);
      error = {{file, key.source().begin.line, key.source().begin.column},
               fmt::format("unknown field '{}' for {}{}; its fields are {}", key.str(), family,
                           hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint), fmt::join(allowed, ", "))};
      return std::nullopt;
    }
  }
  std::vector<double> p;
  std::vector<double> values, weights;
  for (std::size_t i = 0; i < allowed.size(); ++i) {
    const auto* node = table.get(allowed[i]);
    if (!node) {
      if (i < spec->required) return fail(table, fmt::format("{} needs '{}'", family, allowed[i]));
      break;
    }
    if (allowed[i] == "values" || allowed[i] == "weights") {
      const auto* arr = node->as_array();
      auto& out = allowed[i] == "values" ? values : weights;
      if (!arr) return fail(*node, fmt::format("expected a list of numbers for '{}'", allowed[i]));
      for (const auto& item : *arr) {
        const auto x = number_of(item);
        if (!x) return fail(item, fmt::format("expected a number in '{}', found {}", allowed[i], describe_node(item)));
        out.push_back(*x);
      }
      continue;
    }
    const auto x = number_of(*node);
    if (!x) return fail(*node, fmt::format("expected a number for '{}', found {}", allowed[i], describe_node(*node)));
    p.push_back(*x);
  }
  try {
    core::Distribution d;
    if (family == "fixed")
      d = core::Distribution::fixed(p[0]);
    else if (family == "normal")
      d = core::Distribution::normal(p[0], p[1]);
    else if (family == "lognormal")
      d = core::Distribution::lognormal(p[0], p[1]);
    else if (family == "to")
      d = core::Distribution::to(p[0], p[1]);
    else if (family == "uniform")
      d = core::Distribution::uniform(p[0], p[1]);
    else if (family == "loguniform")
      d = core::Distribution::loguniform(p[0], p[1]);
    else if (family == "triangular")
      d = core::Distribution::triangular(p[0], p[1], p[2]);
    else if (family == "pert")
      d = core::Distribution::pert(p[0], p[1], p[2], p.size() > 3 ? p[3] : 4.0);
    else if (family == "beta") {
      if (p.size() == 3) return fail(table, "beta takes alpha and beta, and optionally both min and max");
      d = p.size() == 4 ? core::Distribution::beta(p[0], p[1], p[2], p[3]) : core::Distribution::beta(p[0], p[1]);
    } else if (family == "choice") {
      if (weights.empty()) weights.assign(values.size(), 1.0);
      d = core::Distribution::choice(values, weights);
    } else {
      d = core::Distribution::empirical(values);
    }
    const auto* lo = table.get("lo");
    const auto* hi = table.get("hi");
    if (lo || hi) {
      const auto lo_value = lo ? number_of(*lo) : std::optional<double>(-core::Distribution::INF);
      const auto hi_value = hi ? number_of(*hi) : std::optional<double>(core::Distribution::INF);
      if (!lo_value) return fail(*lo, "expected a number for 'lo'");
      if (!hi_value) return fail(*hi, "expected a number for 'hi'");
      d = d.truncated(*lo_value, *hi_value);
    }
    return d;
  } catch (const core::DistributionError& e) {
    return fail(table, e.what());
  }
}

}  // namespace

std::optional<core::Distribution> read_distribution(const toml::node& node, const std::string& file, ReadError& error) {
  if (const auto x = node.as_integer()) {
    // Numbers are doubles; past 2^53 a whole number would silently become a neighbour.
    if (x->get() > MAX_EXACT_INTEGER || x->get() < -MAX_EXACT_INTEGER) {
      error = {location_of(node, file),
               fmt::format("found {}, a whole number beyond 2^53 ({}); numbers are read as doubles, which would round "
                           "it: write it as a float (such as {:.3e}) if a rounded value will do",
                           x->get(), MAX_EXACT_INTEGER, static_cast<double>(x->get()))};
      return std::nullopt;
    }
  }
  if (node.is_integer() || node.is_floating_point()) {
    const double x =
        node.is_integer() ? static_cast<double>(node.as_integer()->get()) : node.as_floating_point()->get();
    if (!(std::fabs(x) <= core::MAX_MAGNITUDE)) {
      error = {location_of(node, file),
               fmt::format("expected a finite number within +-1e145, found {}", describe_node(node))};
      return std::nullopt;
    }
    return core::Distribution::fixed(x);
  }
  if (const auto* s = node.as_string()) {
    try {
      return core::parse_distribution(s->get());
    } catch (const core::ExpressionError& e) {
      // The expression's column, counted from the opening quote in the file.
      Location at = location_of(node, file);
      at.column += e.column();
      error = {at, fmt::format("in \"{}\": {}", core::printable(s->get()), e.detail())};
      return std::nullopt;
    }
  }
  if (const auto* t = node.as_table()) return from_table(*t, file, error);
  error = {location_of(node, file),
           fmt::format("expected a number, a distribution such as \"10 to 20\", or an inline table such as "
                       "{{ dist = \"pert\", min = 1, mode = 2, max = 5 }}; found {}",
                       describe_node(node))};
  return std::nullopt;
}

}  // namespace fabcast::data
