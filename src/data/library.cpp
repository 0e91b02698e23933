#include "data/library.hpp"

#include "core/errors.hpp"
#include "core/number_format.hpp"
#include "core/text_distance.hpp"
#include "data/embedded.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace fabcast::data {

std::string_view to_string(RangeKind kind) noexcept {
  switch (kind) {
    case RangeKind::p5_p95:
      return "p5-p95";
    case RangeKind::p2_5_p97_5:
      return "p2.5-p97.5";
    case RangeKind::low_high:
      return "low-high";
    case RangeKind::none:
      break;
  }
  return "";
}

std::string_view to_string(Evidence kind) noexcept {
  switch (kind) {
    case Evidence::derived:
      return "derived";
    case Evidence::assumption:
      return "assumption";
    case Evidence::measured:
      break;
  }
  return "measured";
}

namespace {

constexpr std::array<std::string_view, 11> ENTRY_FIELDS = {"value", "dist", "central", "low",    "high", "range",
                                                           "unit",  "year", "kind",    "source", "note"};

struct Parser {
  std::vector<std::string> problems;

  void problem(const Location& at, const std::string& key, const std::string& message) {
    problems.push_back(fmt::format("{}: {}: {}", format_location(at), key, message));
  }

  std::string text(const toml::table& t, std::string_view field) {
    if (const auto* s = t.get_as<std::string>(field)) return s->get();
    return {};
  }

  std::optional<double> number(const toml::table& t, std::string_view field, const std::string& key,
                               const std::string& file) {
    const auto* node = t.get(field);
    if (!node) return std::nullopt;
    if (const auto* i = node->as_integer()) return static_cast<double>(i->get());
    if (const auto* f = node->as_floating_point()) return f->get();
    problem(location_of(*node, file), key, fmt::format("'{}' must be a number, found {}", field, describe_node(*node)));
    return std::nullopt;
  }

  void entry(const toml::table& t, const std::string& key, const std::string& file, std::vector<Entry>& out) {
    Entry e;
    e.key = key;
    e.at = location_of(t, file);
    for (const auto& [field, node] : t) {
      if (std::find(ENTRY_FIELDS.begin(), ENTRY_FIELDS.end(), field.str()) == ENTRY_FIELDS.end()) {
        const auto hint = core::closest_match(field.str(), ENTRY_FIELDS);
        problem({file, field.source().begin.line, field.source().begin.column}, key,
                fmt::format("unknown field '{}'{}", field.str(),
                            hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
      }
    }
    if (const auto* d = t.get("dist")) {
      ReadError error;
      if (auto dist = read_distribution(*d, file, error)) {
        e.value = *dist;
      } else {
        problem(error.at, key, error.message);
      }
    } else if (const auto* v = t.get("value")) {
      if (const auto* s = v->as_string()) {
        e.value = s->get();
      } else if (const auto* b = v->as_boolean()) {
        e.value = b->get();
      } else if (const auto* arr = v->as_array()) {
        // A list of numbers, or of names (an operator's regions); not both.
        const bool names = !arr->empty() && (*arr)[0].is_string();
        NumberList numbers;
        TextList words;
        for (const auto& item : *arr) {
          if (names && item.is_string())
            words.push_back(item.value<std::string>().value_or(""));
          else if (!names && item.is_number())
            numbers.push_back(item.value<double>().value_or(0));
          else
            problem(location_of(item, file), key, "a list value holds numbers only or names only");
        }
        if (names)
          e.value = words;
        else
          e.value = numbers;
      } else {
        problem(location_of(*v, file), key, "'value' holds a word, a flag or a list; numbers go in 'dist'");
      }
    } else {
      problem(e.at, key, "has neither 'dist' (a number or distribution) nor 'value'");
    }
    e.central = number(t, "central", key, file);
    e.low = number(t, "low", key, file);
    e.high = number(t, "high", key, file);
    const auto range = text(t, "range");
    if (range == "p5-p95")
      e.range = RangeKind::p5_p95;
    else if (range == "p2.5-p97.5")
      e.range = RangeKind::p2_5_p97_5;
    else if (range == "low-high")
      e.range = RangeKind::low_high;
    else if (!range.empty())
      problem(e.at, key, fmt::format("range '{}' is not p5-p95, p2.5-p97.5 or low-high", range));
    e.unit = text(t, "unit");
    if (!t.contains("unit")) problem(e.at, key, "has no unit (write unit = \"\" for a pure number)");
    if (const auto* y = t.get_as<int64_t>("year")) e.year = static_cast<int>(y->get());
    const auto kind = text(t, "kind");
    if (kind == "derived")
      e.evidence = Evidence::derived;
    else if (kind == "assumption")
      e.evidence = Evidence::assumption;
    else if (!kind.empty() && kind != "measured")
      problem(e.at, key, fmt::format("kind '{}' is not measured, derived or assumption", kind));
    if (const auto* s = t.get("source")) {
      if (const auto* arr = s->as_array()) {
        for (const auto& item : *arr) {
          if (const auto* id = item.as_string()) e.sources.push_back(id->get());
        }
      } else if (const auto* id = s->as_string()) {
        e.sources.push_back(id->get());
      }
    }
    e.note = text(t, "note");
    out.push_back(std::move(e));
  }

  void walk(const toml::table& t, const std::string& prefix, const std::string& file, std::vector<Entry>& out) {
    const bool is_entry = t.contains("dist") || t.contains("value") || t.contains("unit");
    if (is_entry) {
      entry(t, prefix, file, out);
      return;
    }
    for (const auto& [key, node] : t) {
      const std::string path = prefix.empty() ? std::string(key.str()) : prefix + "." + std::string(key.str());
      if (const auto* sub = node.as_table()) {
        walk(*sub, path, file, out);
      } else {
        problem(location_of(node, file), path, "expected an entry table with dist or value, unit, year and source");
      }
    }
  }
};

}  // namespace

Library Library::parse(const std::map<std::string, std::string>& files, const std::string& dir) {
  Library lib;
  Parser parser;
  auto load = [&](const std::string& name) -> std::optional<toml::table> {
    const std::string path = dir + "/" + name;
    const auto it = files.find(path);
    if (it == files.end()) {
      parser.problems.push_back(fmt::format("{}: missing file", path));
      return std::nullopt;
    }
    try {
      return toml::parse(it->second, std::string_view(path));
    } catch (const toml::parse_error& e) {
      parser.problems.push_back(
          fmt::format("{}:{}:{}: {}", path, e.source().begin.line, e.source().begin.column, e.description()));
      return std::nullopt;
    }
  };
  std::vector<std::string> topic_files;
  if (auto index = load("library.toml")) {
    lib.version_ = index->get_as<std::string>("version") ? index->get_as<std::string>("version")->get() : "";
    if (lib.version_.empty()) parser.problems.push_back(dir + "/library.toml: no version");
    if (const auto* arr = index->get_as<toml::array>("files")) {
      for (const auto& item : *arr) {
        if (const auto* s = item.as_string()) topic_files.push_back(s->get());
      }
    }
  }
  if (auto sources = load("sources.toml")) {
    for (const auto& [id, node] : *sources) {
      Source s;
      s.id = id.str();
      if (const auto* t = node.as_table()) {
        s.title = parser.text(*t, "title");
        s.publisher = parser.text(*t, "publisher");
        s.date = parser.text(*t, "date");
        s.url = parser.text(*t, "url");
        s.note = parser.text(*t, "note");
      }
      lib.sources_[s.id] = std::move(s);
    }
  }
  for (const auto& name : topic_files) {
    if (auto table = load(name)) parser.walk(*table, "", dir + "/" + name, lib.entries_);
  }
  for (std::size_t i = 0; i < lib.entries_.size(); ++i) {
    const auto [it, fresh] = lib.index_.emplace(lib.entries_[i].key, i);
    if (!fresh) {
      parser.problems.push_back(fmt::format("{}: {}: defined twice (first at {})", format_location(lib.entries_[i].at),
                                            lib.entries_[i].key, format_location(lib.entries_[it->second].at)));
    }
  }
  if (!parser.problems.empty()) {
    std::string text = "the reference-data library is malformed:";
    for (const auto& p : parser.problems) text += "\n  " + p;
    throw InputError(text);
  }
  return lib;
}

const Library& Library::builtin() {
  static const Library lib = [] {
    std::map<std::string, std::string> files;
    for (const auto& f : embedded_files()) {
      if (f.path.starts_with("data/")) files.emplace(std::string(f.path), std::string(f.text));
    }
    return parse(files, "data");
  }();
  return lib;
}

const Entry* Library::find(std::string_view key) const {
  if (const auto it = index_.find(std::string(key)); it != index_.end()) return &entries_[it->second];
  // Wildcard: replace the second segment with '*'.
  const auto first = key.find('.');
  if (first == std::string_view::npos) return nullptr;
  const auto second = key.find('.', first + 1);
  if (second == std::string_view::npos) return nullptr;
  const std::string wildcard = std::string(key.substr(0, first + 1)) + "*" + std::string(key.substr(second));
  if (const auto it = index_.find(wildcard); it != index_.end()) return &entries_[it->second];
  return nullptr;
}

std::vector<std::string> Library::names_under(std::string_view prefix) const {
  std::vector<std::string> names;
  const std::string head = std::string(prefix) + ".";
  for (const auto& e : entries_) {
    if (!e.key.starts_with(head)) continue;
    const auto end = e.key.find('.', head.size());
    const std::string name = e.key.substr(head.size(), end - head.size());
    if (name != "*" && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
  }
  return names;
}

std::vector<std::string> Library::validate() const {
  std::vector<std::string> problems;
  auto problem = [&](const Entry& e, const std::string& message) {
    problems.push_back(fmt::format("{}: {}: {}", format_location(e.at), e.key, message));
  };
  for (const auto& e : entries_) {
    if (e.sources.empty()) problem(e, "has no source");
    for (const auto& id : e.sources) {
      if (!sources_.contains(id)) problem(e, fmt::format("cites unknown source '{}'", id));
    }
    if (e.year < 1900 || e.year > 2100) problem(e, "has no year (the year the value describes)");
    const auto* dist = std::get_if<core::Distribution>(&e.value);
    if (!dist) continue;
    if (e.unit.empty()) problem(e, "has no unit (\"1\" for a pure number)");
    if (!e.central) problem(e, "has no central value");
    if (e.low.has_value() != e.high.has_value()) problem(e, "gives only one of low and high");
    if (!dist->is_fixed() && (!e.low || e.range == RangeKind::none))
      problem(e, "is uncertain but gives no range (low, high and range)");
    if (e.low && e.high && *e.low > *e.high) problem(e, "has low above high");
    if (e.central && e.low && e.high && (*e.central < *e.low || *e.central > *e.high)) {
      problem(e, fmt::format("central {} lies outside [{}, {}]", core::format_number(*e.central),
                             core::format_number(*e.low), core::format_number(*e.high)));
    }
    if (dist->is_fixed() && e.central && *e.central != dist->params()[0]) {
      problem(e, fmt::format("central {} differs from the fixed value {}", core::format_number(*e.central),
                             core::format_number(dist->params()[0])));
    }
    // The distribution must say what the range says.
    auto close = [](double a, double b) {
      return std::fabs(a - b) <= 1e-6 * std::max(std::fabs(a), std::fabs(b)) + 1e-12;
    };
    if (!dist->is_fixed() && e.low && e.high) {
      double q_lo = 0, q_hi = 0;
      if (e.range == RangeKind::p5_p95) {
        q_lo = dist->quantile(0.05);
        q_hi = dist->quantile(0.95);
      } else if (e.range == RangeKind::p2_5_p97_5) {
        q_lo = dist->quantile(0.025);
        q_hi = dist->quantile(0.975);
      } else {
        q_lo = dist->quantile(1e-12);
        q_hi = dist->quantile(1 - 1e-12);
      }
      const double tol = e.range == RangeKind::p2_5_p97_5 ? 1e-3 : 1e-6;
      const auto near = [&](double a, double b) {
        return e.range == RangeKind::p2_5_p97_5 ? std::fabs(a - b) <= tol * b : close(a, b);
      };
      if (!near(q_lo, *e.low) || !near(q_hi, *e.high)) {
        problem(e, fmt::format("its distribution {} puts the {} range at [{}, {}], not [{}, {}]", dist->to_string(),
                               to_string(e.range), core::format_sig(q_lo), core::format_sig(q_hi),
                               core::format_number(*e.low), core::format_number(*e.high)));
      }
    }
  }
  return problems;
}

std::string Library::cite(const Entry& entry) const {
  std::string out;
  for (const auto& id : entry.sources) {
    if (!out.empty()) out += "; ";
    const auto it = sources_.find(id);
    out += it == sources_.end() ? id : fmt::format("{} ({})", it->second.publisher, it->second.date);
  }
  return out;
}

}  // namespace fabcast::data
