#include "scenario/loader.hpp"

#include "core/number_format.hpp"
#include "core/rng.hpp"
#include "core/text_distance.hpp"
#include "data/embedded.hpp"
#include "data/toml_value.hpp"
#include "scenario/key_paths.hpp"
#include "scenario/modal_keys.hpp"
#include "scenario/scenario_files.hpp"
#include "scenario/value_checks.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <set>
#include <tuple>

namespace fabcast::scenario {

ScenarioError::ScenarioError(std::vector<std::string> problems)
    : InputError([&] {
        std::string text = problems.size() == 1 ? "1 problem in the scenario:"
                                                : fmt::format("{} problems in the scenario:", problems.size());
        for (const auto& p : problems) text += "\n  " + p;
        return text;
      }()),
      problems_(std::move(problems)) {}

namespace {

namespace fs = std::filesystem;
using data::Location;

struct Layer {
  std::string file;
  std::string dir;
  bool embedded = false;
  toml::table table;
};

// How a list is written after --set, as in a scenario file (a TOML array: names quoted, in
// brackets), with the values the user gave when they read as a comma-separated list; quoted for
// the shell, which would otherwise eat the quotes and brackets. Empty for keys that are no list.
std::string list_syntax(const std::string& key, const std::string& given, ValueType type) {
  if (type != ValueType::text_list && type != ValueType::number_list && type != ValueType::matrix) return "";
  if (type == ValueType::matrix) {
    return fmt::format(
        "; a matrix is a list of rows in brackets, as in a scenario file: --set '{}=[[1, 0.5], [0.5, 1]]'", key);
  }
  std::vector<std::string> items;
  std::string item;
  for (const char ch : given + ",") {
    if (ch != ',') {
      if (ch != '[' && ch != ']' && ch != '"' && (ch != ' ' || !item.empty())) item += ch;
      continue;
    }
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) items.push_back(type == ValueType::text_list ? "\"" + item + "\"" : item);
    item.clear();
  }
  if (items.empty())
    items =
        type == ValueType::text_list ? std::vector<std::string>{"\"A\"", "\"B\""} : std::vector<std::string>{"1", "2"};
  return fmt::format("; a list is written in brackets{}, as in a scenario file: --set '{}=[{}]'",
                     type == ValueType::text_list ? ", each name in double quotes" : "", key, fmt::join(items, ", "));
}

}  // namespace

class Loader {
 public:
  explicit Loader(const LoadOptions& options)
      : options_(options), lib_(options.library ? *options.library : data::Library::builtin()) {}

  Scenario load(const std::string& text, const std::string& file, const std::string& dir, bool is_embedded) {
    std::vector<std::string> stack;
    collect_layers(text, file, dir, is_embedded, stack, {});
    if (!found_.empty()) fail();
    collect_names();
    apply_defaults();
    for (const auto& layer : layers_) apply_table(layer.table, "", layer);
    for (const auto& o : options_.overrides) apply_override(o);
    validate();
    if (!found_.empty()) fail();
    return finish(file);
  }

 private:
  void problem(const Location& at, std::string_view key, const std::string& message) {
    const std::string where = data::format_location(at);
    found_.push_back(
        {at, key.empty() ? fmt::format("{}: {}", where, message) : fmt::format("{}: {}: {}", where, key, message)});
  }

  // Problems in reading order: by file (as first met), line, column.
  [[noreturn]] void fail() {
    std::vector<std::string> files;
    for (const auto& l : layers_) files.push_back(l.file);                   // base first, as read
    for (const auto& o : options_.overrides) files.push_back("--set " + o);  // command-line order
    for (const auto& [at, text] : found_) {
      if (std::find(files.begin(), files.end(), at.file) == files.end()) files.push_back(at.file);
    }
    auto rank = [&](const Location& at) {
      return std::tuple(std::find(files.begin(), files.end(), at.file) - files.begin(), at.line, at.column);
    };
    std::stable_sort(found_.begin(), found_.end(),
                     [&](const auto& a, const auto& b) { return rank(a.first) < rank(b.first); });
    std::vector<std::string> out;
    for (auto& [at, text] : found_) out.push_back(std::move(text));
    throw ScenarioError(std::move(out));
  }

  // ---- the extends chain ----
  void collect_layers(const std::string& text, const std::string& file, const std::string& dir, bool is_embedded,
                      std::vector<std::string>& stack, const Location& from) {
    if (std::find(stack.begin(), stack.end(), file) != stack.end()) {
      std::string cycle;
      for (const auto& f : stack) cycle += f + " -> ";
      problem(from, "extends", fmt::format("cycle: {}{}", cycle, file));
      return;
    }
    if (stack.size() >= MAX_EXTENDS_DEPTH) {
      problem(from, "extends",
              fmt::format("the chain of extends is {} files deep at '{}'; it may be at most {}", stack.size() + 1, file,
                          MAX_EXTENDS_DEPTH));
      return;
    }
    Layer layer{file, dir, is_embedded, {}};
    if (const auto deep = data::too_deep_key(text, file)) {
      problem(*deep, "",
              fmt::format("a dotted key or table header of more than {} parts; keys nest at most {} deep",
                          data::MAX_KEY_PARTS, data::MAX_KEY_PARTS));
      return;
    }
    try {
      layer.table = toml::parse(text, std::string_view(file));
    } catch (const toml::parse_error& e) {
      problem({file, e.source().begin.line, e.source().begin.column}, "",
              fmt::format("not valid TOML: {}", e.description()));
      return;
    }
    stack.push_back(file);
    if (const auto* ext = layer.table.get("extends")) {
      const Location at = data::location_of(*ext, file);
      if (const auto* name = ext->as_string()) {
        resolve_extends(name->get(), layer, stack, at);
      } else {
        problem(at, "extends",
                fmt::format("found {}; expected the name of a shipped scenario or a path to a .toml file",
                            data::describe_node(*ext)));
      }
    }
    stack.pop_back();
    layers_.push_back(std::move(layer));
  }

  void resolve_extends(const std::string& target, const Layer& child, std::vector<std::string>& stack,
                       const Location& at) {
    if (!is_path(target)) {
      const std::string path = "scenarios/" + target + ".toml";
      if (const auto* f = embedded(path)) {
        collect_layers(std::string(f->text), path, "scenarios", true, stack, at);
      } else {
        problem(at, "extends", unknown_scenario_message(target));
      }
      return;
    }
    if (child.embedded) {
      const std::string path = (fs::path(child.dir) / target).lexically_normal().string();
      if (const auto* f = embedded(path)) {
        collect_layers(std::string(f->text), path, fs::path(path).parent_path().string(), true, stack, at);
      } else {
        problem(at, "extends", fmt::format("no shipped file '{}'", path));
      }
      return;
    }
    const fs::path path = (fs::path(child.dir) / target).lexically_normal();
    const auto file = read_scenario_file(path);
    if (!file.error.empty()) {
      problem(at, "extends", fmt::format("'{}' {}", path.string(), file.error));
      return;
    }
    collect_layers(file.text, path.string(), path.parent_path().string(), false, stack, at);
  }

  // ---- names: regions, nodes and operators from the data library, then those the scenario files add ----
  void collect_names() {
    names_["regions"] = lib_.names_under("regions");
    names_["nodes"] = lib_.names_under("nodes");
    names_["operators"] = lib_.names_under("operators");
    names_["modules"] = MODULE_KINDS;
    for (const auto& layer : layers_) {
      for (const char* collection : EXTENSIBLE) {
        const auto* table = layer.table.get_as<toml::table>(collection);
        if (!table) continue;
        auto& names = names_[collection];
        for (const auto& [name, node] : *table) {
          if (name.str() == "*") continue;  // [regions."*"]: a key of every name, not a name
          if (!valid_name(name.str())) {
            // '.' and '*' would make its keys read as other keys or as a wildcard; report the name
            // once and none of its keys.
            const std::string prefix = std::string(collection) + "." + std::string(name.str());
            if (bad_names_.insert(prefix).second) {
              problem(Location{layer.file, name.source().begin.line, name.source().begin.column}, prefix,
                      fmt::format("a {} name holds letters, digits, '-' and '_' only, found \"{}\"",
                                  singular(collection), name.str()));
            }
            continue;
          }
          if (node.is_table() && std::find(names.begin(), names.end(), name.str()) == names.end()) {
            names.emplace_back(name.str());
            new_names_[std::string(collection) + "." + std::string(name.str())] =
                Location{layer.file, name.source().begin.line, name.source().begin.column};
          }
        }
      }
    }
  }

  // Every concrete key of a spec: "regions.*.x" -> "regions.Taiwan.x", ...
  std::vector<std::string> concrete(const KeySpec& spec) const {
    const std::string path(spec.path);
    const auto star = path.find(".*.");
    if (star == std::string::npos) return {path};
    const std::string collection = path.substr(0, star);
    std::vector<std::string> keys;
    for (const auto& name : names_.at(collection)) {
      if (collection == "modules" && spec.path.find(".*.") == std::string_view::npos) continue;
      keys.push_back(collection + "." + name + path.substr(star + 2));
    }
    return keys;
  }

  // ---- defaults ----
  void apply_defaults() {
    for (const auto& spec : schema()) {
      for (const auto& key : concrete(spec)) {
        if (spec.from_data) {
          if (const auto* entry = lib_.find(key)) {
            values_[key] = Setting{key, entry->value, Origin{Origin::Layer::data, entry->at, entry->key}, &spec};
          }
        } else if (!spec.fallback.empty()) {
          const auto doc = toml::parse("v = " + std::string(spec.fallback), std::string_view("fabcast defaults"));
          data::ReadError error;
          if (auto value = convert(spec, *doc.get("v"), "fabcast defaults", error)) {
            values_[key] = Setting{key, *value, Origin{Origin::Layer::setting, {"fabcast default"}, {}}, &spec};
          }
        }
      }
    }
  }

  // ---- values from TOML nodes ----
  // A TOML array read item by item; `item_of` returns nullopt for an item of the wrong type.
  template <class List, class Found, class ItemOf>
  static std::optional<data::Value> read_list(const toml::node& node, const std::string& file, data::ReadError& error,
                                              Found&& found, std::string_view expected, ItemOf&& item_of) {
    const auto* arr = node.as_array();
    if (!arr) {
      error = {data::location_of(node, file), found()};
      return std::nullopt;
    }
    List out;
    for (const auto& item : *arr) {
      auto value = item_of(item);
      if (!value) {
        error = {data::location_of(item, file),
                 fmt::format("found {} in the list; expected {}", data::describe_node(item), expected)};
        return std::nullopt;
      }
      out.push_back(std::move(*value));
    }
    return data::Value(std::move(out));
  }

  std::optional<data::Value> convert(const KeySpec& spec, const toml::node& node, const std::string& file,
                                     data::ReadError& error) {
    auto fail = [&](const std::string& message) -> std::optional<data::Value> {
      error = {data::location_of(node, file), message};
      return std::nullopt;
    };
    auto found = [&] { return fmt::format("found {}; expected {}", data::describe_node(node), expectation(spec)); };
    switch (spec.type) {
      case ValueType::number: {
        auto d = data::read_distribution(node, file, error);
        if (!d) return std::nullopt;
        return data::Value(*d);
      }
      case ValueType::text: {
        const auto* s = node.as_string();
        if (!s) return fail(found());
        if (!spec.choices.empty() &&
            std::find(spec.choices.begin(), spec.choices.end(), s->get()) == spec.choices.end()) {
          const auto hint = core::closest_match(s->get(), spec.choices);
          return fail(found() + (hint.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", hint)));
        }
        return data::Value(s->get());
      }
      case ValueType::boolean:
        if (const auto* b = node.as_boolean()) return data::Value(b->get());
        return fail(found());
      case ValueType::period: {
        std::string text;
        if (const auto* s = node.as_string()) text = s->get();
        if (const auto* i = node.as_integer()) text = std::to_string(i->get());
        if (!parse_period(text)) {
          return fail(fmt::format(
              "found {}; expected a quarter from \"{}Q1\" to \"{}Q4\" (such as \"2025Q1\"), or a year from {} to {}",
              data::describe_node(node), FIRST_YEAR, LAST_YEAR, FIRST_YEAR, LAST_YEAR));
        }
        return data::Value(text);
      }
      case ValueType::number_list:
        return read_list<data::NumberList>(node, file, error, found, "numbers",
                                           [](const toml::node& item) -> std::optional<double> {
                                             if (!item.is_number()) return std::nullopt;
                                             return item.value<double>();
                                           });
      case ValueType::text_list:
        return read_list<data::TextList>(node, file, error, found, "names in quotes",
                                         [](const toml::node& item) -> std::optional<std::string> {
                                           if (!item.is_string()) return std::nullopt;
                                           return item.as_string()->get();
                                         });
      case ValueType::matrix: {
        const auto* rows = node.as_array();
        if (!rows) return fail(found());
        data::Matrix out;
        for (const auto& row : *rows) {
          const auto* cells = row.as_array();
          if (!cells) return fail("expected a list of rows, each a list of numbers");
          std::vector<double> r;
          for (const auto& c : *cells) {
            if (!c.is_number()) {
              error = {data::location_of(c, file),
                       fmt::format("found {} in the matrix; expected numbers", data::describe_node(c))};
              return std::nullopt;
            }
            r.push_back(c.value<double>().value_or(0));
          }
          out.push_back(std::move(r));
        }
        return data::Value(out);
      }
    }
    return std::nullopt;
  }

  // ---- scenario layers ----
  bool known_prefix(const std::string& path) const {
    const std::string p = pattern_of(path) + ".";
    for (const auto& s : schema()) {
      if (s.path.starts_with(p)) return true;
    }
    return false;
  }

  // The known key closest to `path`: first among its siblings, then among all keys.
  // "unknown key" and a way forward: what replaced a retired key, else the closest known key.
  std::string unknown_key(const std::string& path) const {
    if (const auto why = retired_key(path)) return fmt::format("retired key: {}", *why);
    const auto hint = suggest(path);
    return fmt::format("unknown key{}", hint.empty() ? "; see docs/scenario-format.md for the keys"
                                                     : fmt::format("; did you mean '{}'?", hint));
  }

  std::string suggest(const std::string& path) const {
    const auto dot = path.rfind('.');
    const std::string parent = dot == std::string::npos ? "" : path.substr(0, dot + 1);
    std::vector<std::string> siblings, all;
    for (const auto& spec : schema()) {
      for (auto& key : concrete(spec)) {
        if (!parent.empty() && key.starts_with(parent)) siblings.push_back(key);
        all.push_back(key);
      }
    }
    for (const auto* pool : {&siblings, &all}) {
      std::vector<std::string_view> views(pool->begin(), pool->end());
      if (auto hint = core::closest_match(path, views); !hint.empty()) return hint;
    }
    // A key of every name given without its table and name ("build_months"): the key of each
    // name, regions.*.build_months, when that is the only key it can be.
    std::set<std::string> patterns;
    for (const auto& key : all) {
      if (key.size() > path.size() && key.ends_with(path) && key[key.size() - path.size() - 1] == '.')
        patterns.insert(pattern_of(key));
    }
    if (patterns.size() == 1) return *patterns.begin();
    return {};
  }

  void apply_table(const toml::table& table, const std::string& prefix, const Layer& layer) {
    // A new region, node or operator copies its template first, so its own keys then override.
    if (const auto* like = table.get("like"); like && in_extensible(prefix)) {
      if (prefix.ends_with(".*")) {
        problem(data::location_of(*like, layer.file), prefix + ".like",
                "[" + prefix.substr(0, prefix.size() - 2) +
                    ".\"*\"] sets a key of every name; it has no template (like) of its own");
      } else {
        apply_like(prefix, *like, layer);
      }
    }
    for (const auto& [k, node] : table) {
      const std::string key(k.str());
      const std::string path = prefix.empty() ? key : prefix + "." + key;
      if (bad_names_.contains(path)) continue;  // reported once, by collect_names
      const Location key_at{layer.file, k.source().begin.line, k.source().begin.column};
      if (key.empty()) {
        problem(
            key_at, prefix.empty() ? "\"\"" : prefix + ".\"\"",
            fmt::format("an empty key (\"\"){}; every key has a name", prefix.empty() ? "" : " in [" + prefix + "]"));
        continue;
      }
      if (prefix.empty() && key == "extends") continue;
      if (key == "like" && in_extensible(prefix)) continue;
      if (prefix == "modules" && std::find(MODULE_KINDS.begin(), MODULE_KINDS.end(), key) == MODULE_KINDS.end()) {
        problem(key_at, path, fmt::format("unknown module kind '{}'; expected logic, packaging or memory", key));
        continue;
      }
      if (const KeySpec* spec = find_spec(path)) {
        apply_leaf(path, node, *spec, layer);
      } else if (node.is_table() && known_prefix(path)) {
        apply_table(*node.as_table(), path, layer);
      } else {
        problem(key_at, path, unknown_key(path));
      }
    }
  }

  void apply_like(const std::string& prefix, const toml::node& like, const Layer& layer) {
    const Location at = data::location_of(like, layer.file);
    const auto* name = like.as_string();
    const std::string collection = prefix.substr(0, prefix.find('.'));
    const auto& names = names_[collection];
    if (!name || std::find(names.begin(), names.end(), name->get()) == names.end()) {
      failed_likes_.insert(prefix);
      std::vector<std::string_view> views(names.begin(), names.end());
      const auto hint = name ? core::closest_match(name->get(), views) : std::string();
      problem(at, prefix + ".like",
              fmt::format("found {}; expected the name of a defined {}{}", data::describe_node(like),
                          singular(collection), hint.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", hint)));
      return;
    }
    // The template's keys are one ordered range of values_; copy them out first, since inserting
    // the new name's keys could land inside that range.
    const std::string from = collection + "." + name->get() + ".";
    std::vector<std::pair<std::string, Setting>> copies;
    for (auto it = values_.lower_bound(from); it != values_.end() && it->first.starts_with(from); ++it) {
      const std::string to = prefix + "." + it->first.substr(from.size());
      copies.emplace_back(
          to, Setting{to, it->second.value, Origin{Origin::Layer::scenario, at, "like " + it->first}, it->second.spec});
    }
    for (auto& [to, setting] : copies) values_[to] = std::move(setting);
  }

  void apply_leaf(const std::string& path, const toml::node& node, const KeySpec& spec, const Layer& layer) {
    data::ReadError error;
    if (auto value = convert(spec, node, layer.file, error)) {
      const Origin origin{Origin::Layer::scenario, data::location_of(node, layer.file), {}};
      // [regions."*"] sets the key of every region defined (as --set regions.*.x does); a
      // region's own key, which sorts after "*" in its table, then overrides it.
      if (const auto star = path.find(".*."); star != std::string::npos && path.find('.') == star) {
        const std::string collection = path.substr(0, star);
        for (const auto& name : names_[collection]) {
          const std::string key = collection + "." + name + path.substr(star + 2);
          values_[key] = Setting{key, *value, origin, &spec};
        }
        return;
      }
      values_[path] = Setting{path, *value, origin, &spec};
    } else {
      problem(error.at, path, error.message);
      failed_keys_.insert(path);
    }
  }

  void apply_override(const std::string& text) {
    const Location at{"--set " + text};
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0) {
      problem(at, "", "expected KEY=VALUE, such as program.budget_usd=5e12");
      return;
    }
    const std::string key = text.substr(0, eq);
    const std::string rhs = text.substr(eq + 1);
    if (key.ends_with(".like")) {
      problem(at, key,
              "like = \"NAME\" defines a new region, node or operator and belongs in a scenario file, not in --set");
      return;
    }
    const KeySpec* spec = find_spec(key);
    const bool name_ok = [&] {
      const std::string pattern = pattern_of(key);
      if (pattern == key) return true;
      const std::string collection = key.substr(0, key.find('.'));
      const auto name_end = key.find('.', collection.size() + 1);
      const std::string name = key.substr(collection.size() + 1, name_end - collection.size() - 1);
      const auto& names = names_[collection];
      return std::find(names.begin(), names.end(), name) != names.end();
    }();
    if (!spec || !name_ok) {
      problem(at, key, unknown_key(key));
      return;
    }
    toml::table doc;
    bool parsed = false;
    try {
      // An inline table's keys nest like a file's (too_deep_key); deeper text is read as a string.
      if (!data::too_deep_key(rhs, at.file)) {
        doc = toml::parse("v = " + rhs, std::string_view("--set"));
        parsed = true;
      }
    } catch (const toml::parse_error&) {
    }
    // Unquoted text such as 30 to 50 or quarter is read as a string.
    if (!parsed || (spec->type == ValueType::number && !doc.get("v")->is_number() && !doc.get("v")->is_string() &&
                    !doc.get("v")->is_table())) {
      doc = toml::table{{"v", rhs}};
    }
    data::ReadError error;
    auto value = convert(*spec, *doc.get("v"), at.file, error);
    if (!value) {
      problem(at, key, error.message + list_syntax(key, rhs, spec->type));
      failed_keys_.insert(key);
      return;
    }
    // A '*' in the name's place sets the key of every name in the collection (regions.*.x: every
    // defined region, as `fabcast show` lists them).
    if (pattern_of(key) == key && key.find(".*.") != std::string::npos) {
      const std::string collection = key.substr(0, key.find('.'));
      const std::string leaf = key.substr(key.find(".*.") + 2);
      for (const auto& name : names_[collection]) {
        const std::string concrete_key = collection + "." + name + leaf;
        values_[concrete_key] = Setting{concrete_key, *value, Origin{Origin::Layer::override_, at, {}}, spec};
      }
      return;
    }
    values_[key] = Setting{key, *value, Origin{Origin::Layer::override_, at, {}}, spec};
  }

  // ---- validation ----
  void report(const std::vector<Problem>& found) {
    for (const auto& p : found) problem(p.at, p.key, p.message);
  }

  const Setting* get(const std::string& key) const {
    const auto it = values_.find(key);
    return it == values_.end() ? nullptr : &it->second;
  }

  // Every name in the list `key` is one of the collection's ("*", every name, where `star` allows
  // it); false when one is not.
  bool check_names(const std::string& key, const std::string& collection, bool star = false) {
    const auto* s = get(key);
    if (!s) return true;
    const auto* list = std::get_if<data::TextList>(&s->value);
    if (!list) return true;
    bool known = true;
    const auto& names = names_[collection];
    std::vector<std::string_view> views(names.begin(), names.end());
    for (const auto& n : *list) {
      if (star && n == "*") continue;
      if (std::find(names.begin(), names.end(), n) == names.end()) {
        const auto hint = core::closest_match(n, views);
        problem(s->origin.at, key,
                fmt::format("unknown {} \"{}\"{}; defined: {}", singular(collection), n,
                            hint.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", hint), fmt::join(names, ", ")));
        known = false;
      }
    }
    return known;
  }

  // The program's operators exist, list regions that exist, and cover every region it builds in.
  void check_operators(const std::vector<std::string>& active_regions) {
    const auto* chosen = get("program.operators");
    if (!check_names("program.operators", "operators") || !chosen) return;  // an unknown name is the problem
    const auto& operators = std::get<data::TextList>(chosen->value);
    if (operators.empty()) {
      problem(chosen->origin.at, "program.operators", "is empty; expected at least one operator to run the modules");
      return;
    }
    std::set<std::string> served;
    // Where the user last changed who builds where: a scenario's or --set's operators.NAME.regions,
    // else program.operators itself; the message names that place.
    const Setting* changed = chosen;
    for (const auto& name : names_["operators"]) {
      const std::string key = "operators." + name + ".regions";
      check_names(key, "regions", true);
      if (std::find(operators.begin(), operators.end(), name) == operators.end()) continue;
      if (const auto* regions = get(key)) {
        for (const auto& r : std::get<data::TextList>(regions->value)) served.insert(r);
        if (regions->origin.layer > changed->origin.layer) changed = regions;
      }
    }
    std::vector<std::string> uncovered;
    for (const auto& r : active_regions) {
      if (!served.contains(r) && !served.contains("*")) uncovered.push_back("\"" + r + "\"");
    }
    if (uncovered.empty()) return;
    problem(changed->origin.at, changed->key,
            fmt::format("no operator of program.operators ({}) builds in {} {}; expected an operator whose "
                        "operators.NAME.regions lists each region the program builds in (or \"*\", as the entrant's "
                        "does)",
                        fmt::join(operators, ", "), uncovered.size() == 1 ? "region" : "regions",
                        fmt::join(uncovered, ", ")));
  }

  void validate() {
    for (const auto& spec : schema()) {
      for (const auto& key : concrete(spec)) {
        const auto* s = get(key);
        if (!s) {
          if (spec.optional) continue;
          const std::string owner = key.substr(0, key.rfind('.'));
          if (failed_likes_.contains(owner)) continue;  // the failed like is the problem to report
          const auto fresh_at = new_names_.find(owner);
          const bool fresh = fresh_at != new_names_.end();
          problem(fresh ? fresh_at->second : Location{layers_.back().file}, key,
                  fresh ? fmt::format("missing; a new {} has no data defaults: set {} or copy one with like = \"NAME\"",
                                      singular(owner.substr(0, owner.find('.'))), expectation(spec))
                        : fmt::format("missing; expected {}", expectation(spec)));
          continue;
        }
        std::vector<Problem> found;
        check_number(*s, found);
        check_number_list(*s, found);
        check_name_list(*s, found);
        report(found);
      }
    }
    check_names("program.regions", "regions");
    check_names("program.regions_exclude", "regions");
    check_names("program.nodes", "nodes");
    if (const auto* regions = get("program.regions")) {
      std::vector<std::string> active;
      const auto* excluded = get("program.regions_exclude");
      for (const auto& r : std::get<data::TextList>(regions->value)) {
        const auto& ex = std::get<data::TextList>(excluded->value);
        if (std::find(ex.begin(), ex.end(), r) == ex.end()) active.push_back(r);
      }
      if (active.empty()) problem(regions->origin.at, "program.regions", "no region is left to build in");
      check_operators(active);
    }
    if (const auto* ref = get("accelerator.reference_node")) {
      const auto& name = std::get<std::string>(ref->value);
      const auto& nodes = names_["nodes"];
      if (std::find(nodes.begin(), nodes.end(), name) == nodes.end()) {
        problem(ref->origin.at, ref->key,
                fmt::format("unknown node \"{}\"; defined: {}", name, fmt::join(nodes, ", ")));
      }
    }
    const auto* start = get("run.start");
    const auto* end = get("run.end");
    if (start && end) {
      auto a = *parse_period(std::get<std::string>(start->value));
      auto b = *parse_period(std::get<std::string>(end->value));
      const int qa = a.year * 4 + (a.quarter ? a.quarter : 1);
      const int qb = b.year * 4 + (b.quarter ? b.quarter : 4);
      if (qb < qa) {
        problem(end->origin.at, "run.end",
                fmt::format("{} is before run.start {}; expected a later period", std::get<std::string>(end->value),
                            std::get<std::string>(start->value)));
      }
    }
    if (const auto* drawdown = get("program.drawdown"); drawdown && std::get<std::string>(drawdown->value) == "list") {
      const auto* list = get("program.drawdown_usd_per_year");
      const auto* budget = get("program.budget_usd");
      const auto& tranches = std::get<data::NumberList>(list->value);
      const auto& b = std::get<core::Distribution>(budget->value);
      double sum = 0;
      for (double x : tranches) sum += x;
      if (tranches.empty()) {
        problem(drawdown->origin.at, "program.drawdown", "is \"list\" but program.drawdown_usd_per_year is empty");
      } else if (!b.is_fixed()) {
        problem(budget->origin.at, "program.budget_usd", "must be a fixed number when program.drawdown = \"list\"");
      } else if (std::fabs(sum - b.params()[0]) > 1e-9 * b.params()[0]) {
        problem(list->origin.at, "program.drawdown_usd_per_year",
                fmt::format("sums to {}; expected the budget, {}", core::format_number(sum),
                            core::format_number(b.params()[0])));
      }
    }
    // Keys of a way of supplying tools that does not apply are refused, not ignored.
    std::vector<Problem> modal;
    check_modal_keys([this](const std::string& key) { return get(key); }, modal);
    report(modal);
    validate_correlation();
  }

  void validate_correlation() {
    const auto* inputs = get("run.correlation.inputs");
    const auto* matrix = get("run.correlation.matrix");
    if (!inputs && !matrix) return;
    if (!inputs || !matrix) {
      // The other half may be there but unreadable: that is the problem already reported.
      if (failed_keys_.contains("run.correlation.inputs") || failed_keys_.contains("run.correlation.matrix")) return;
      const auto* s = inputs ? inputs : matrix;
      problem(s->origin.at, "run.correlation", "needs both inputs and matrix");
      return;
    }
    std::vector<Problem> found;
    check_correlation(
        *inputs, *matrix, [this](const std::string& key) { return get(key); }, found);
    report(found);
  }

  Scenario finish(const std::string& file) {
    Scenario sc;
    // A resolved scenario holds only what applies (modal_keys.hpp), so that `show` lists, and a stored
    // scenario keeps, what the model reads.
    for (const auto& spec : schema()) {
      if (left_out(spec.path, [this](const std::string& key) { return get(key); })) continue;
      for (const auto& key : concrete(spec)) {
        if (const auto* s = get(key)) {
          sc.index_[key] = sc.settings_.size();
          sc.settings_.push_back(*s);
        }
      }
    }
    sc.file_ = file;
    for (const auto& l : layers_) sc.chain_.push_back(l.file);
    sc.data_version_ = lib_.version();
    for (const auto& [collection, names] : names_) sc.collections_[collection] = names;
    const auto& name = std::get<std::string>(sc.value("name"));
    sc.name_ = name.empty() ? stem_of(file) : name;
    return sc;
  }

  std::string unknown_scenario_message(const std::string& name) const {
    std::vector<std::string> names;
    for (const auto& [n, d] : shipped_scenarios()) names.push_back(n);
    std::vector<std::string_view> views(names.begin(), names.end());
    const auto hint = core::closest_match(name, views);
    return fmt::format("no shipped scenario named \"{}\"{}; shipped: {}; or give a path to a .toml file", name,
                       hint.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", hint), fmt::join(names, ", "));
  }

 public:
  std::string unknown(const std::string& name) const { return unknown_scenario_message(name); }

 private:
  const LoadOptions& options_;
  const data::Library& lib_;
  std::vector<std::pair<Location, std::string>> found_;
  std::vector<Layer> layers_;
  std::map<std::string, std::vector<std::string>> names_;
  std::map<std::string, Location> new_names_;  // "regions.Mars" -> where it is defined
  std::set<std::string> failed_likes_;         // new names whose like = "..." failed
  std::set<std::string> bad_names_;            // "regions.a.b": names refused, their keys skipped
  std::set<std::string> failed_keys_;          // keys whose value could not be read
  std::map<std::string, Setting> values_;
};

Scenario load_scenario_text(const std::string& text, const std::string& file, const LoadOptions& options) {
  const bool is_embedded = embedded(file) != nullptr;
  return Loader(options).load(text, file, fs::path(file).parent_path().string(), is_embedded);
}

Scenario load_scenario(const std::string& name_or_path, const LoadOptions& options) {
  if (!is_path(name_or_path)) {
    const std::string path = "scenarios/" + name_or_path + ".toml";
    const auto* f = embedded(path);
    if (!f) throw ScenarioError({fmt::format("{}: {}", name_or_path, Loader(options).unknown(name_or_path))});
    return Loader(options).load(std::string(f->text), path, "scenarios", true);
  }
  const auto file = read_scenario_file(name_or_path);
  if (!file.error.empty()) throw ScenarioError({fmt::format("{}: {}", name_or_path, file.error)});
  return Loader(options).load(file.text, name_or_path, fs::path(name_or_path).parent_path().string(), false);
}

std::vector<std::pair<std::string, std::string>> shipped_scenarios() {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& f : data::embedded_files()) {
    if (!f.path.starts_with("scenarios/") || !f.path.ends_with(".toml")) continue;
    std::string description;
    try {
      const auto table = toml::parse(f.text, std::string_view(f.path));
      if (const auto* d = table.get_as<std::string>("description")) description = d->get();
    } catch (const toml::parse_error&) {
    }
    out.emplace_back(stem_of(std::string(f.path)), description);
  }
  return out;
}

}  // namespace fabcast::scenario
