#include "analysis/claims.hpp"

#include "analysis/study.hpp"
#include "core/errors.hpp"
#include "core/expression.hpp"
#include "core/json_number.hpp"
#include "core/number_format.hpp"
#include "core/text_distance.hpp"
#include "data/embedded.hpp"
#include "data/library.hpp"
#include "scenario/scenario_files.hpp"

#include <fmt/format.h>
#include <muParser.h>
#include <toml++/toml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <regex>
#include <set>
#include <string_view>

namespace fabcast::analysis {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::array<std::string_view, 4> FILE_KEYS = {"title", "description", "scenario", "claims"};
constexpr std::array<std::string_view, 7> CLAIM_KEYS = {"id", "text", "by", "date", "source", "note", "checks"};
constexpr std::array<std::string_view, 9> CHECK_KEYS = {"data",     "model", "label",    "note",    "unit",
                                                        "scenario", "set",   "holds_if", "fails_if"};
constexpr std::array<std::string_view, 4> SOURCE_KEYS = {"title", "publisher", "date", "url"};
//! Data checks take their interval from every corner of their inputs' ranges: 2^k evaluations.
constexpr std::size_t MAX_RANGED_INPUTS = 12;

// Every problem of a file, reported together as the scenario loader does.
class Problems {
 public:
  explicit Problems(std::string path) : path_(std::move(path)) {}
  void add(const data::Location& at, const std::string& key, const std::string& message) {
    list_.push_back(fmt::format("{}: {}{}", data::format_location(at), key.empty() ? "" : key + ": ", message));
  }
  void throw_if_any() const {
    if (list_.empty()) return;
    std::string text = fmt::format("{} problem{} in the claims file:", list_.size(), list_.size() == 1 ? "" : "s");
    for (const auto& p : list_) text += "\n  " + p;
    throw InputError(text);
  }
  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::vector<std::string> list_;
};

template <std::size_t N>
void unknown_keys(const toml::table& table, const std::array<std::string_view, N>& known, const std::string& prefix,
                  Problems& problems) {
  for (const auto& [key, node] : table) {
    const std::string_view k = key.str();
    if (std::find(known.begin(), known.end(), k) != known.end()) continue;
    const auto hint = core::closest_match(k, std::span<const std::string_view>(known.data(), known.size()));
    const auto& where = key.source();
    problems.add(where.begin.line ? data::Location{problems.path(), where.begin.line, where.begin.column}
                                  : data::location_of(node, problems.path()),
                 prefix + std::string(k),
                 hint.empty() ? fmt::format("unknown key; expected one of {}", fmt::join(known, ", "))
                              : fmt::format("unknown key; did you mean '{}{}'?", prefix, hint));
  }
}

// A string field: absent gives "", another type is a problem.
std::string text_field(const toml::table& table, std::string_view key, const std::string& prefix, bool required,
                       const data::Location& owner, Problems& problems) {
  const auto* node = table.get(key);
  if (!node) {
    if (required) problems.add(owner, prefix + std::string(key), "missing; expected a string");
    return {};
  }
  if (const auto* s = node->as_string()) {
    if (required && s->get().empty())
      problems.add(data::location_of(*node, problems.path()), prefix + std::string(key), "is empty");
    return s->get();
  }
  problems.add(data::location_of(*node, problems.path()), prefix + std::string(key),
               fmt::format("found {}; expected a string", data::describe_node(*node)));
  return {};
}

// The location of the character at `offset` inside a basic string node's text (after its quote).
data::Location inside(const toml::node& node, const std::string& path, std::size_t offset) {
  auto at = data::location_of(node, path);
  if (at.column) at.column += 1 + offset;
  return at;
}

std::optional<Condition> parse_condition(const toml::table& table, std::string_view key, const std::string& prefix,
                                         Problems& problems) {
  const auto* node = table.get(key);
  if (!node) return std::nullopt;
  static const std::regex form(R"(^\s*(>=|<=|>|<)\s*(\S+)\s*$)");
  const auto* s = node->as_string();
  std::smatch m;
  const std::string text = s ? s->get() : std::string();
  std::optional<double> value;
  if (s && std::regex_match(text, m, form)) value = core::parse_number(m[2].str());
  if (!value || !std::isfinite(*value)) {
    problems.add(data::location_of(*node, problems.path()), prefix + std::string(key),
                 fmt::format("found {}; expected a comparison with a number: \">= 0.5\", \"> 1\", \"< 1e11\"",
                             data::describe_node(*node)));
    return std::nullopt;
  }
  const std::string op = m[1];
  const Compare c = op == ">="   ? Compare::at_least
                    : op == ">"  ? Compare::above
                    : op == "<=" ? Compare::at_most
                                 : Compare::below;
  return Condition{c, *value, fmt::format("{} {}", op, m[2].str())};
}

// A parser for an expression over data keys ('.' may appear in names), its variables bound to `slots`.
struct DataExpression {
  mu::Parser parser;
  std::vector<std::string> keys;
  std::vector<double> slots;
};

void prepare(DataExpression& e, const std::string& text) {
  e.parser.DefineNameChars("0123456789_.abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
  e.parser.SetExpr(text);
  e.keys.clear();
  for (const auto& [name, ptr] : e.parser.GetUsedVar()) e.keys.push_back(name);
  e.slots.assign(e.keys.size(), 0.0);
  for (std::size_t i = 0; i < e.keys.size(); ++i) e.parser.DefineVar(e.keys[i], &e.slots[i]);
}

// The entries' central values and, when they have one, their ranges.
struct Input {
  double central = 0;
  std::optional<std::pair<double, double>> range;
};

Input data_input(const std::string& key) {
  const auto* e = data::Library::builtin().find(key);
  Input in;
  in.central = *e->central;
  if (e->low && e->high && *e->low != *e->high) in.range = std::make_pair(*e->low, *e->high);
  return in;
}

void parse_data_check(const toml::node& node, Check& check, const std::string& prefix, Problems& problems) {
  check.kind = Check::Kind::data;
  DataExpression e;
  try {
    prepare(e, check.text);
  } catch (const mu::Parser::exception_type& err) {
    problems.add(inside(node, problems.path(), static_cast<std::size_t>(std::max(0, static_cast<int>(err.GetPos())))),
                 prefix + "data", fmt::format("the expression does not parse: {}", err.GetMsg()));
    return;
  }
  const auto& lib = data::Library::builtin();
  std::vector<std::string_view> known;
  for (const auto& entry : lib.entries())
    if (entry.central && entry.key.find('*') == std::string::npos) known.push_back(entry.key);
  for (const auto& key : e.keys) {
    const auto* entry = lib.find(key);
    const auto offset = check.text.find(key);
    if (!entry || !entry->central || key.find('*') != std::string::npos) {
      const auto hint = core::closest_match(key, known);
      problems.add(
          inside(node, problems.path(), offset == std::string::npos ? 0 : offset), prefix + "data",
          fmt::format("'{}' is not a reference-data value{}", key,
                      hint.empty() ? " (fabcast data list shows them)" : fmt::format("; did you mean '{}'?", hint)));
      continue;
    }
    check.data_keys.push_back(key);
  }
  if (e.keys.size() > MAX_RANGED_INPUTS) {
    problems.add(data::location_of(node, problems.path()), prefix + "data",
                 fmt::format("reads {} values; at most {}", e.keys.size(), MAX_RANGED_INPUTS));
  }
}

void parse_model_check(const toml::table& table, const toml::node& node, Check& check, const std::string& prefix,
                       Problems& problems) {
  check.kind = Check::Kind::model;
  try {
    // The rule is checked apart; the measure alone needs a goal to parse as a target.
    check.measure = parse_seek_target(check.text + " >= 0", "the measure");
    check.measure.text = check.text;
  } catch (const InputError& err) {
    std::string message = err.what();
    if (const auto at = message.find(" >= 0\""); at != std::string::npos) message.erase(at, 5);
    problems.add(data::location_of(node, problems.path()), prefix + "model",
                 message + " (the rule goes in holds_if and fails_if)");
  }
  const data::Location owner = data::location_of(node, problems.path());
  check.scenario = text_field(table, "scenario", prefix, false, owner, problems);
  if (const auto* set = table.get("set")) {
    const auto* array = set->as_array();
    if (!array) {
      problems.add(data::location_of(*set, problems.path()), prefix + "set",
                   fmt::format("found {}; expected a list of \"key=value\" strings", data::describe_node(*set)));
    } else {
      for (const auto& item : *array) {
        const auto* s = item.as_string();
        if (!s || s->get().find('=') == std::string::npos) {
          problems.add(data::location_of(item, problems.path()), prefix + "set",
                       fmt::format("found {}; expected \"key=value\"", data::describe_node(item)));
        } else {
          check.overrides.push_back(s->get());
        }
      }
    }
  }
}

std::vector<std::string> read_sources(const toml::node& node, const std::string& prefix, Problems& problems) {
  const auto& lib = data::Library::builtin();
  std::vector<std::string> out;
  auto one = [&](const toml::node& item) {
    if (const auto* id = item.as_string()) {
      const auto it = lib.sources().find(id->get());
      if (it == lib.sources().end()) {
        std::vector<std::string_view> ids;
        for (const auto& [k, v] : lib.sources()) ids.push_back(k);
        const auto hint = core::closest_match(id->get(), ids);
        problems.add(data::location_of(item, problems.path()), prefix + "source",
                     fmt::format("'{}' is not a source of the reference data{}; write a table "
                                 "{{ title = \"...\", publisher = \"...\", date = \"YYYY-MM-DD\", url = \"...\" }}",
                                 id->get(), hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint)));
        return;
      }
      const auto& s = it->second;
      out.push_back(fmt::format("{}. {}, {}{}", s.title, s.publisher, s.date, s.url.empty() ? "" : ". " + s.url));
      return;
    }
    if (const auto* t = item.as_table()) {
      unknown_keys(*t, SOURCE_KEYS, prefix + "source.", problems);
      const auto at = data::location_of(item, problems.path());
      const auto title = text_field(*t, "title", prefix + "source.", true, at, problems);
      const auto publisher = text_field(*t, "publisher", prefix + "source.", true, at, problems);
      const auto date = text_field(*t, "date", prefix + "source.", true, at, problems);
      const auto url = text_field(*t, "url", prefix + "source.", false, at, problems);
      out.push_back(fmt::format("{}. {}, {}{}", title, publisher, date, url.empty() ? "" : ". " + url));
      return;
    }
    problems.add(data::location_of(item, problems.path()), prefix + "source",
                 fmt::format("found {}; expected a source id of the reference data or a table with title, "
                             "publisher, date (and url)",
                             data::describe_node(item)));
  };
  if (const auto* array = node.as_array()) {
    for (const auto& item : *array) one(item);
    if (array->empty())
      problems.add(data::location_of(node, problems.path()), prefix + "source", "is empty; a claim needs a source");
  } else {
    one(node);
  }
  return out;
}

Check read_check(const toml::table& table, const std::string& prefix, Problems& problems) {
  Check check;
  check.at = data::location_of(table, problems.path());
  unknown_keys(table, CHECK_KEYS, prefix, problems);
  const auto* data_node = table.get("data");
  const auto* model_node = table.get("model");
  if (!data_node == !model_node) {
    problems.add(check.at, prefix.substr(0, prefix.size() - 1),
                 data_node ? "has both data and model; a check is one or the other (write two checks)"
                           : "has neither data (an expression over reference data) nor model (a statistic of an "
                             "output: \"P(OUTPUT >= X)\", \"median(OUTPUT)\", \"p95(OUTPUT)\", \"mean(OUTPUT)\")");
    return check;
  }
  const auto& node = data_node ? *data_node : *model_node;
  check.text = text_field(table, data_node ? "data" : "model", prefix, true, check.at, problems);
  check.label = text_field(table, "label", prefix, false, check.at, problems);
  check.note = text_field(table, "note", prefix, false, check.at, problems);
  check.unit = text_field(table, "unit", prefix, false, check.at, problems);
  check.holds_if = parse_condition(table, "holds_if", prefix, problems);
  check.fails_if = parse_condition(table, "fails_if", prefix, problems);
  if (check.text.empty()) return check;
  if (data_node) {
    parse_data_check(node, check, prefix, problems);
    for (const auto* key : {"scenario", "set"}) {
      if (const auto* n = table.get(key))
        problems.add(data::location_of(*n, problems.path()), prefix + key, "applies to model checks only");
    }
  } else {
    parse_model_check(table, node, check, prefix, problems);
  }
  if (check.label.empty()) check.label = check.text;
  return check;
}

std::string verdict_word(Verdict v) {
  switch (v) {
    case Verdict::holds:
      return "HOLDS";
    case Verdict::fails:
      return "FAILS";
    case Verdict::uncertain:
      return "UNCERTAIN";
    case Verdict::context:
      return "CONTEXT";
  }
  return "?";
}

std::string group_key(const std::string& scenario, const std::vector<std::string>& overrides) {
  return fmt::format("{}\n{}", scenario, fmt::join(overrides, "\n"));
}

}  // namespace

std::string_view to_string(Verdict v) noexcept {
  switch (v) {
    case Verdict::holds:
      return "holds";
    case Verdict::fails:
      return "fails";
    case Verdict::uncertain:
      return "uncertain";
    case Verdict::context:
      return "context";
  }
  return "?";
}

std::vector<std::string> shipped_claims() {
  std::vector<std::string> names;
  for (const auto& f : data::embedded_files()) {
    if (f.path.starts_with("claims/") && f.path.ends_with(".toml"))
      names.push_back(scenario::stem_of(std::string(f.path)));
  }
  return names;
}

ClaimsFile parse_claims(const std::string& text, const std::string& path) {
  Problems problems(path);
  if (const auto deep = data::too_deep_key(text, path)) {
    problems.add(*deep, "", fmt::format("a dotted key or table header of more than {} parts", data::MAX_KEY_PARTS));
    problems.throw_if_any();
  }
  toml::table root;
  try {
    root = toml::parse(text, path);
  } catch (const toml::parse_error& err) {
    problems.add({path, err.source().begin.line, err.source().begin.column}, "",
                 fmt::format("not valid TOML: {}", err.description()));
    problems.throw_if_any();
  }
  ClaimsFile file;
  file.path = path;
  const data::Location top{path, 1, 1};
  unknown_keys(root, FILE_KEYS, "", problems);
  file.title = text_field(root, "title", "", true, top, problems);
  file.description = text_field(root, "description", "", false, top, problems);
  file.scenario = text_field(root, "scenario", "", false, top, problems);
  const auto* claims = root.get("claims");
  const auto* array = claims ? claims->as_array() : nullptr;
  if (!array || !array->is_array_of_tables() || array->empty()) {
    problems.add(claims ? data::location_of(*claims, path) : top, "claims",
                 "expected one or more [[claims]] tables, each with id, text, by, date, source and [[claims.checks]]");
    problems.throw_if_any();
  }
  std::set<std::string> ids;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto& table = *array->get(i)->as_table();
    Claim claim;
    claim.at = data::location_of(table, path);
    const std::string prefix = fmt::format("claims[{}].", i + 1);
    unknown_keys(table, CLAIM_KEYS, prefix, problems);
    claim.id = text_field(table, "id", prefix, true, claim.at, problems);
    if (!claim.id.empty() && !ids.insert(claim.id).second)
      problems.add(claim.at, prefix + "id", fmt::format("'{}' is used by an earlier claim; ids are unique", claim.id));
    claim.text = text_field(table, "text", prefix, true, claim.at, problems);
    claim.by = text_field(table, "by", prefix, true, claim.at, problems);
    claim.date = text_field(table, "date", prefix, true, claim.at, problems);
    claim.note = text_field(table, "note", prefix, false, claim.at, problems);
    if (const auto* source = table.get("source")) {
      claim.sources = read_sources(*source, prefix, problems);
    } else {
      problems.add(claim.at, prefix + "source", "missing; a claim names where it was made (a source id or a table)");
    }
    const auto* checks = table.get("checks");
    const auto* list = checks ? checks->as_array() : nullptr;
    if (!list || !list->is_array_of_tables() || list->empty()) {
      problems.add(checks ? data::location_of(*checks, path) : claim.at, prefix + "checks",
                   "expected one or more [[claims.checks]] tables, each with data or model");
    } else {
      for (std::size_t k = 0; k < list->size(); ++k) {
        claim.checks.push_back(
            read_check(*list->get(k)->as_table(), fmt::format("{}checks[{}].", prefix, k + 1), problems));
      }
    }
    if (std::any_of(claim.checks.begin(), claim.checks.end(),
                    [](const Check& c) { return c.kind == Check::Kind::model && c.scenario.empty(); }) &&
        file.scenario.empty()) {
      problems.add(claim.at, prefix + "checks",
                   "a model check names no scenario and the file has none: add scenario = \"...\" to either");
    }
    file.claims.push_back(std::move(claim));
  }
  problems.throw_if_any();
  return file;
}

ClaimsFile load_claims(const std::string& name_or_path) {
  if (!scenario::is_path(name_or_path)) {
    if (const auto* f = scenario::embedded("claims/" + name_or_path + ".toml"))
      return parse_claims(std::string(f->text), "claims/" + name_or_path + ".toml");
    const auto names = shipped_claims();
    std::vector<std::string_view> views(names.begin(), names.end());
    const auto hint = core::closest_match(name_or_path, views);
    throw InputError(fmt::format("no shipped claims file '{}'{}; shipped: {} (or give a path to a .toml file)",
                                 name_or_path, hint.empty() ? "" : fmt::format(" (did you mean '{}'?)", hint),
                                 fmt::join(names, ", ")));
  }
  const auto read = scenario::read_scenario_file(name_or_path);
  if (!read.error.empty()) throw InputError(fmt::format("{}: {}", name_or_path, read.error));
  return parse_claims(read.text, name_or_path);
}

Verdict judge(const std::optional<Condition>& holds_if, const std::optional<Condition>& fails_if, double lo,
              double hi) {
  if (!holds_if && !fails_if) return Verdict::context;
  if (std::isnan(lo) || std::isnan(hi)) return Verdict::uncertain;
  // One comparison holds over an interval when it holds at both ends.
  const auto over = [&](const Condition& c) {
    return compares(lo, c.compare, c.value) && compares(hi, c.compare, c.value);
  };
  if (holds_if && over(*holds_if)) return Verdict::holds;
  if (fails_if && over(*fails_if)) return Verdict::fails;
  return Verdict::uncertain;
}

Verdict combine(const std::vector<Verdict>& checks) {
  bool any_rule = false, all_hold = true;
  for (const auto v : checks) {
    if (v == Verdict::fails) return Verdict::fails;
    if (v == Verdict::context) continue;
    any_rule = true;
    all_hold = all_hold && v == Verdict::holds;
  }
  if (!any_rule) return Verdict::context;
  return all_hold ? Verdict::holds : Verdict::uncertain;
}

ClaimsResult check_claims(const ClaimsFile& file, const ClaimsRequest& request) {
  ClaimsResult out{file, request, {}};
  const std::string default_scenario = request.scenario.empty() ? file.scenario : request.scenario;
  auto scenario_of = [&](const Check& c) { return c.scenario.empty() ? default_scenario : c.scenario; };

  // Each scenario with its overrides runs once, recording every output its checks read.
  struct Group {
    std::string scenario;
    std::vector<std::string> overrides, outputs;
    std::vector<const Check*> checks;
    core::RunResult result;
  };
  std::map<std::string, Group> groups;
  for (const auto& claim : file.claims) {
    for (const auto& check : claim.checks) {
      if (check.kind != Check::Kind::model) continue;
      auto& g = groups[group_key(scenario_of(check), check.overrides)];
      g.scenario = scenario_of(check);
      g.overrides = check.overrides;
      if (std::find(g.outputs.begin(), g.outputs.end(), check.measure.output) == g.outputs.end())
        g.outputs.push_back(check.measure.output);
      g.checks.push_back(&check);
    }
  }
  auto study_scenario = [&](const std::string& name) {
    const auto it = request.scenario_texts.find(name);
    return StudyScenario{name, it == request.scenario_texts.end() ? std::string() : it->second};
  };
  // Every output is checked before anything runs, so a typo costs no run.
  for (auto& [key, g] : groups) {
    for (const auto* check : g.checks) {
      try {
        check_scalar_outputs(study_scenario(g.scenario), g.overrides, {check->measure.output});
      } catch (const InputError& err) {
        throw InputError(fmt::format("{}: model: {}", data::format_location(check->at), err.what()));
      }
    }
  }
  for (auto& [key, g] : groups) {
    auto options = request.options;
    options.keep_values = true;
    g.result = run_point(study_scenario(g.scenario), g.overrides, g.outputs, options, request.sampling);
  }

  for (const auto& claim : file.claims) {
    ClaimResult cr;
    std::vector<Verdict> verdicts;
    for (const auto& check : claim.checks) {
      CheckResult r;
      if (check.kind == Check::Kind::data) {
        DataExpression e;
        prepare(e, check.text);
        std::vector<Input> inputs;
        for (const auto& k : e.keys) inputs.push_back(data_input(k));
        for (std::size_t i = 0; i < inputs.size(); ++i) e.slots[i] = inputs[i].central;
        r.value = e.parser.Eval();
        r.lo = r.hi = r.value;
        // Every corner of the ranged inputs: exact bounds for an expression monotone in each.
        std::vector<std::size_t> ranged;
        for (std::size_t i = 0; i < inputs.size(); ++i)
          if (inputs[i].range) ranged.push_back(i);
        for (std::size_t mask = 0; mask < (std::size_t{1} << ranged.size()); ++mask) {
          for (std::size_t b = 0; b < ranged.size(); ++b) {
            const auto& range = *inputs[ranged[b]].range;
            e.slots[ranged[b]] = (mask >> b) & 1 ? range.second : range.first;
          }
          const double v = e.parser.Eval();
          r.lo = std::min(r.lo, v);
          r.hi = std::max(r.hi, v);
        }
      } else {
        const auto& g = groups.at(group_key(scenario_of(check), check.overrides));
        const auto estimate = seek_estimate(check.measure, g.result.scalar(check.measure.output).values);
        r.value = estimate.value;
        r.lo = estimate.lo;
        r.hi = estimate.hi;
        r.scenario = g.scenario;
        r.samples = g.result.samples;
      }
      r.verdict = judge(check.holds_if, check.fails_if, r.lo, r.hi);
      verdicts.push_back(r.verdict);
      cr.checks.push_back(r);
    }
    cr.verdict = combine(verdicts);
    out.claims.push_back(std::move(cr));
  }
  return out;
}

std::string evidence_text(const Check& check, const CheckResult& r) {
  const bool point = r.lo == r.value && r.hi == r.value;
  const auto number = [&](double x) { return check.unit == "USD" ? core::format_usd(x) : core::format_sig(x, 4); };
  std::string text = point ? number(r.value) : fmt::format("{} [{}, {}]", number(r.value), number(r.lo), number(r.hi));
  std::vector<std::string> rules;
  if (check.holds_if) rules.push_back("holds if " + check.holds_if->text);
  if (check.fails_if) rules.push_back("fails if " + check.fails_if->text);
  if (!rules.empty()) text += fmt::format("; {}", fmt::join(rules, ", "));
  return text;
}

std::string claims_table(const ClaimsResult& result) {
  const auto& file = result.file;
  std::string out = fmt::format("fabcast claims: {} ({})\n", file.title, file.path);
  std::set<std::string> scenarios;
  std::uint64_t samples = 0;
  for (const auto& c : result.claims)
    for (const auto& r : c.checks)
      if (!r.scenario.empty()) {
        scenarios.insert(r.scenario);
        samples = r.samples;
      }
  if (!scenarios.empty()) {
    out += fmt::format("model checks: {}; {} samples, seed {}; intervals are 95 %\n", fmt::join(scenarios, ", "),
                       samples, result.request.options.seed);
  }
  out += "data checks: the value at the data's central values, [over their ranges]\n";
  std::array<std::size_t, 4> counts{};
  for (std::size_t i = 0; i < file.claims.size(); ++i) {
    const auto& claim = file.claims[i];
    const auto& cr = result.claims[i];
    ++counts[static_cast<std::size_t>(cr.verdict)];
    out += fmt::format("\n{:>2}. {:<10} {}\n", i + 1, verdict_word(cr.verdict), claim.text);
    out += fmt::format("    {}: {}, {}\n", claim.id, claim.by, claim.date);
    for (std::size_t k = 0; k < claim.checks.size(); ++k) {
      const auto& check = claim.checks[k];
      const auto& r = cr.checks[k];
      out += fmt::format("    {:<9} {}{}\n", verdict_word(r.verdict),
                         check.kind == Check::Kind::data ? "data: " : fmt::format("model ({}): ", r.scenario),
                         check.label);
      out += fmt::format("              {}\n", evidence_text(check, r));
      if (!check.note.empty()) out += fmt::format("              note: {}\n", check.note);
    }
    if (!claim.note.empty()) out += fmt::format("    note: {}\n", claim.note);
  }
  out += fmt::format("\n{} claims: {} hold, {} fail, {} uncertain, {} context only\n", file.claims.size(), counts[0],
                     counts[1], counts[2], counts[3]);
  return out;
}

nlohmann::ordered_json claims_json(const ClaimsResult& result) {
  const auto& file = result.file;
  Json out;
  out["file"] = file.path;
  out["title"] = file.title;
  out["scenario"] = result.request.scenario.empty() ? file.scenario : result.request.scenario;
  out["samples"] = core::json_number(static_cast<double>(result.request.options.stop.samples.value_or(0)));
  out["seed"] = result.request.options.seed;
  Json claims = Json::array();
  for (std::size_t i = 0; i < file.claims.size(); ++i) {
    const auto& claim = file.claims[i];
    const auto& cr = result.claims[i];
    Json c;
    c["id"] = claim.id;
    c["text"] = claim.text;
    c["by"] = claim.by;
    c["date"] = claim.date;
    c["sources"] = claim.sources;
    c["note"] = claim.note;
    c["verdict"] = to_string(cr.verdict);
    Json checks = Json::array();
    for (std::size_t k = 0; k < claim.checks.size(); ++k) {
      const auto& check = claim.checks[k];
      const auto& r = cr.checks[k];
      Json j;
      j["kind"] = check.kind == Check::Kind::data ? "data" : "model";
      j[check.kind == Check::Kind::data ? "expression" : "measure"] = check.text;
      j["label"] = check.label;
      j["unit"] = check.unit;
      if (check.kind == Check::Kind::data) {
        j["data_keys"] = check.data_keys;
      } else {
        j["scenario"] = r.scenario;
        j["set"] = check.overrides;
        j["samples"] = r.samples;
      }
      j["value"] = core::json_number(r.value);
      j["lo"] = core::json_number(r.lo);
      j["hi"] = core::json_number(r.hi);
      j["holds_if"] = check.holds_if ? Json(check.holds_if->text) : Json();
      j["fails_if"] = check.fails_if ? Json(check.fails_if->text) : Json();
      j["verdict"] = to_string(r.verdict);
      j["note"] = check.note;
      checks.push_back(std::move(j));
    }
    c["checks"] = std::move(checks);
    claims.push_back(std::move(c));
  }
  out["claims"] = std::move(claims);
  return out;
}

}  // namespace fabcast::analysis
