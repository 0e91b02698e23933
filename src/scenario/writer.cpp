#include "scenario/writer.hpp"

#include "core/number_format.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

namespace fabcast::scenario {
namespace {

std::string unit_of(const Setting& s) {
  if (!s.spec || s.spec->unit.empty() || s.spec->unit == "1") return "";
  return std::string(s.spec->unit);
}

// Settings grouped by their table ("" for top-level keys), tables in order of first appearance.
std::vector<std::pair<std::string, std::vector<const Setting*>>> by_table(const Scenario& sc) {
  std::vector<std::pair<std::string, std::vector<const Setting*>>> groups;
  std::map<std::string, std::size_t> where;
  for (const auto& s : sc.settings()) {
    const auto dot = s.key.rfind('.');
    const std::string table = dot == std::string::npos ? "" : s.key.substr(0, dot);
    auto [it, fresh] = where.emplace(table, groups.size());
    if (fresh) groups.push_back({table, {}});
    groups[it->second].second.push_back(&s);
  }
  return groups;
}

std::string leaf(const std::string& key) {
  const auto dot = key.rfind('.');
  return dot == std::string::npos ? key : key.substr(dot + 1);
}

}  // namespace

std::string describe_origin(const Setting& s, const data::Library& library) {
  switch (s.origin.layer) {
    case Origin::Layer::data: {
      const auto* entry = library.find(s.origin.data_key);
      const std::string cite = entry ? library.cite(*entry) : "";
      const bool assumed = entry && entry->evidence == data::Evidence::assumption;
      return fmt::format("data{}: {} [{}]", assumed ? " (model assumption)" : "", cite,
                         data::format_location(s.origin.at));
    }
    case Origin::Layer::setting:
      return "fabcast default";
    case Origin::Layer::scenario:
      return s.origin.data_key.empty()
                 ? fmt::format("scenario [{}]", data::format_location(s.origin.at))
                 : fmt::format("scenario, {} [{}]", s.origin.data_key, data::format_location(s.origin.at));
    case Origin::Layer::override_:
      return s.origin.at.file;
  }
  return "";
}

std::string to_table(const Scenario& sc, const data::Library& library) {
  std::size_t key_width = 3, value_width = 5, unit_width = 4;
  for (const auto& s : sc.settings()) {
    key_width = std::max(key_width, s.key.size());
    value_width = std::max(value_width, std::min<std::size_t>(40, data::to_text(s.value).size()));
    unit_width = std::max(unit_width, unit_of(s).size());
  }
  std::string out = fmt::format("scenario {} ({}), reference data {}\n\n", sc.name(), sc.file(), sc.data_version());
  out +=
      fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", "key", key_width, "value", value_width, "unit", unit_width, "from");
  for (const auto& s : sc.settings()) {
    out += fmt::format("{:<{}}  {:<{}}  {:<{}}  {}\n", s.key, key_width, data::to_text(s.value), value_width,
                       unit_of(s), unit_width, describe_origin(s, library));
  }
  return out;
}

namespace {

// A scenario changed by --set is not the one it came from, and says so when written out: named
// NAME-modified, its description followed by the overrides (unless --set gave a name or
// description itself), so that the file loads back to what was shown and is told apart from the
// original wherever it goes next (a run, the store, a report).
struct Identity {
  std::string name, description;
  std::string name_origin, description_origin;  // the comment on each line
};

bool set_by_override(const Scenario& sc, const std::string& key) {
  const auto* s = sc.find(key);
  return s && s->origin.layer == Origin::Layer::override_;
}

Identity identity(const Scenario& sc, const data::Library& library, const std::vector<std::string>& overrides) {
  Identity id;
  const auto* name = sc.find("name");
  const auto* description = sc.find("description");
  id.name = name ? std::get<std::string>(name->value) : sc.name();
  id.description = description ? std::get<std::string>(description->value) : "";
  id.name_origin = name ? describe_origin(*name, library) : "";
  id.description_origin = description ? describe_origin(*description, library) : "";
  if (overrides.empty()) return id;
  std::string sets;
  for (const auto& o : overrides) sets += (sets.empty() ? "--set " : ", --set ") + o;
  if (!set_by_override(sc, "name")) {
    id.name = sc.name().ends_with("-modified") ? sc.name() : sc.name() + "-modified";
    id.name_origin = fmt::format("{} changed by --set (see the description)", sc.name());
  }
  if (!set_by_override(sc, "description")) {
    // The name it came from, unless --set renamed it (then the name is the user's own, not the origin's).
    const std::string from = set_by_override(sc, "name") ? "" : " from " + sc.name();
    id.description = id.description.empty() ? fmt::format("Modified{} by {}", from, sets)
                                            : fmt::format("{} (modified{} by {})", id.description, from, sets);
    id.description_origin = "the scenario's own, and the --set overrides";
  }
  return id;
}

}  // namespace

std::string to_toml(const Scenario& sc, const data::Library& library, const std::vector<std::string>& overrides) {
  const auto id = identity(sc, library, overrides);
  std::string out = fmt::format(
      "# Scenario {}, fully resolved (reference data {}).\n"
      "# Every key is listed with its unit and where its value came from; this file loads back\n"
      "# to the same scenario.\n",
      overrides.empty() ? sc.name() : fmt::format("{} ({} with --set)", id.name, sc.name()), sc.data_version());
  for (const auto& [table, settings] : by_table(sc)) {
    if (!table.empty()) out += fmt::format("\n[{}]\n", table);
    for (const auto* s : settings) {
      if (s->key == "name" || s->key == "description") {
        const bool is_name = s->key == "name";
        out += fmt::format("{} = {}  # {}\n", s->key, data::to_toml(data::Value(is_name ? id.name : id.description)),
                           is_name ? id.name_origin : id.description_origin);
        continue;
      }
      const std::string unit = unit_of(*s);
      out += fmt::format("{} = {}  # {}{}\n", leaf(s->key), data::to_toml(s->value), unit.empty() ? "" : unit + "; ",
                         describe_origin(*s, library));
    }
  }
  return out;
}

std::string to_json(const Scenario& sc, const data::Library& library, const std::vector<std::string>& overrides) {
  const auto id = identity(sc, library, overrides);
  nlohmann::ordered_json j;
  j["name"] = overrides.empty() ? sc.name() : id.name;
  if (!overrides.empty()) {
    j["modified_from"] = sc.name();
    j["overrides"] = overrides;
  }
  j["file"] = sc.file();
  j["chain"] = sc.chain();
  j["data_version"] = sc.data_version();
  auto& settings = j["settings"] = nlohmann::ordered_json::array();
  for (const auto& s : sc.settings()) {
    nlohmann::ordered_json item;
    item["key"] = s.key;
    item["value"] = s.key == "name" ? id.name : s.key == "description" ? id.description : data::to_text(s.value);
    item["unit"] = s.spec ? std::string(s.spec->unit) : "";
    item["from"] = to_string(s.origin.layer);
    item["at"] = data::format_location(s.origin.at);
    if (s.origin.layer == Origin::Layer::data) {
      item["data_key"] = s.origin.data_key;
      if (const auto* entry = library.find(s.origin.data_key)) item["sources"] = entry->sources;
    }
    settings.push_back(std::move(item));
  }
  return j.dump(2) + "\n";
}

std::string keys_reference_markdown(const data::Library& library) {
  std::string out;
  std::string section;
  for (const auto& spec : schema()) {
    const std::string path(spec.path);
    const std::string top = path.substr(0, path.find('.'));
    const std::string head = path.find('.') == std::string::npos ? "identity" : top;
    if (head != section) {
      section = head;
      out += fmt::format("\n### {}\n\n| key | meaning | type | unit | allowed | default |\n|---|---|---|---|---|---|\n",
                         section);
    }
    std::string fallback;
    if (spec.from_data) {
      if (const auto* entry = library.find(path)) {
        fallback = fmt::format("`{}` (data)", data::to_text(entry->value));
      } else {
        fallback = "per name, from data (see docs/data-sources.md)";
      }
    } else if (!spec.fallback.empty()) {
      fallback = fmt::format("`{}`", spec.fallback);
    } else {
      fallback = spec.optional ? "unset" : "required";
    }
    std::string allowed = spec.type == ValueType::number || !spec.choices.empty() ? expectation(spec) : "";
    out += fmt::format("| `{}` | {} | {} | {} | {} | {} |\n", path, spec.doc, to_string(spec.type), spec.unit, allowed,
                       fallback);
  }
  return out;
}

namespace {
// Whether a data entry's value is of the kind a key of that type reads (an empty list in a data
// file reads as numbers, so a list of names must hold at least one).
bool holds_type(const data::Value& value, ValueType type) {
  switch (type) {
    case ValueType::number:
      return std::holds_alternative<core::Distribution>(value);
    case ValueType::text:
    case ValueType::period:
      return std::holds_alternative<std::string>(value);
    case ValueType::boolean:
      return std::holds_alternative<bool>(value);
    case ValueType::number_list:
      return std::holds_alternative<data::NumberList>(value);
    case ValueType::text_list:
      return std::holds_alternative<data::TextList>(value);
    case ValueType::matrix:
      return std::holds_alternative<data::Matrix>(value);
  }
  return false;
}
}  // namespace

std::vector<std::string> check_library_against_schema(const data::Library& library) {
  std::vector<std::string> problems;
  for (const auto& spec : schema()) {
    if (!spec.from_data) continue;
    const std::string path(spec.path);
    std::vector<std::string> keys;
    const auto star = path.find(".*.");
    if (star == std::string::npos) {
      keys.push_back(path);
    } else {
      const std::string collection = path.substr(0, star);
      const auto names = collection == "modules" ? MODULE_KINDS : library.names_under(collection);
      for (const auto& n : names) keys.push_back(collection + "." + n + path.substr(star + 2));
    }
    for (const auto& key : keys) {
      const auto* entry = library.find(key);
      if (!entry) {
        problems.push_back(
            fmt::format("{}: no data entry (the scenario schema takes its default from the library)", key));
      } else if (spec.type == ValueType::number && entry->unit != spec.unit) {
        problems.push_back(fmt::format("{}: {}: unit \"{}\" differs from the scenario format's \"{}\"",
                                       data::format_location(entry->at), key, entry->unit, spec.unit));
      } else if (!holds_type(entry->value, spec.type)) {
        problems.push_back(fmt::format("{}: {}: holds {}; the scenario format expects a {}",
                                       data::format_location(entry->at), key, data::to_text(entry->value),
                                       to_string(spec.type)));
      }
    }
  }
  return problems;
}

}  // namespace fabcast::scenario
