#include "report/run_document.hpp"

#include "core/number_format.hpp"
#include "data/library.hpp"
#include "report/charts.hpp"
#include "report/run_report.hpp"
#include "report/web_assets.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <sstream>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;

// ---- content, independent of the format ----

// A member that may be absent (the quantile of an output with too few finite samples), or
// null: shown as "-". Required structure is read with at(), which throws rather than guess.
const Json& member(const Json& j, const std::string& key) {
  static const Json NONE;
  const auto it = j.find(key);  // end() for a non-object too
  return it == j.end() ? NONE : *it;
}

std::string num(const Json& v, int digits = 3) {
  if (!v.is_number()) return "-";
  return core::format_sig(v.get<double>(), digits);
}

// The stored scenario's lines "key = value  # origin", with their table prefix.
struct Input {
  std::string key, value, origin;
};

std::vector<Input> scenario_inputs(const std::string& toml) {
  std::vector<Input> inputs;
  std::istringstream lines(toml);
  std::string table;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      table = line.substr(1, line.find(']') - 1);
      continue;
    }
    const auto eq = line.find(" = ");
    if (eq == std::string::npos) continue;
    const auto hash = line.rfind("  # ");
    const std::string key = line.substr(0, eq);
    std::string value = line.substr(eq + 3, hash == std::string::npos ? std::string::npos : hash - eq - 3);
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    inputs.push_back(
        {table.empty() ? key : table + "." + key, value, hash == std::string::npos ? "" : line.substr(hash + 4)});
  }
  return inputs;
}

Document build(const store::StoredRun& run) {
  const auto result = Json::parse(run.result_json);
  const auto& scalars = result.at("scalars");
  const auto inputs = scenario_inputs(run.scenario_text);
  Document c;
  c.generator = run.fabcast_version;
  c.title = fmt::format("fabcast report: {}", run.scenario_name);
  for (const auto& in : inputs) {
    if (in.key == "description") c.description = in.value;
  }
  c.run_line = fmt::format("Run {} of {}: {} samples ({}), seed {}, stored {}.", run.id, run.scenario_name, run.samples,
                           run.sampling, run.seed, run.created);

  Section program{"Scenario",
                  "The program's settings; every input with its source is listed under Inputs below.",
                  {"key", "value", "source"},
                  {},
                  false};
  Section all{"Inputs",
              "Every input of the run, with its unit and where it came from (data entries cite their sources; see "
              "`fabcast data show KEY`).",
              {"key", "value", "source"},
              {},
              true};
  for (const auto& in : inputs) {
    if (in.key.rfind("program.", 0) == 0) program.rows.push_back({{in.key, in.value, in.origin}});
    all.rows.push_back({{in.key, in.value, in.origin}});
  }

  Section key{"Key results",
              "Quantiles over the samples; '-' where fewer than the quantile's share of samples reach a value (for "
              "example a payback that never comes).",
              {"output", "p5", "p50", "p95", "mean", "samples with a value"},
              {},
              false};
  for (const auto& [name, label] : KEY_SCALARS) {
    if (!scalars.contains(name)) continue;
    const auto& s = scalars.at(name);
    const int digits = std::string(name) == "payback_year" ? 4 : 3;  // a year reads whole
    const auto& share = member(s, "share_finite");
    key.rows.push_back({{label, num(member(s, "p5"), digits), num(member(s, "p50"), digits),
                         num(member(s, "p95"), digits), num(member(s, "mean"), digits),
                         share.is_number() ? fmt::format("{:.0f} %", 100 * share.get<double>()) : "-"}});
  }
  c.sections_before_charts = {program, key};
  // What the results leave out, stated by the model for this scenario.
  if (const auto& caveats = member(result.at("run"), "caveats"); caveats.is_array() && !caveats.empty()) {
    Section notes{"Caveats", "What these results leave out:", {"caveat"}, {}, false};
    for (const auto& text : caveats) notes.rows.push_back({{text.get<std::string>()}});
    c.sections_before_charts.insert(c.sections_before_charts.begin() + 1, notes);
  }

  Section binding{"Binding constraints",
                  fmt::format("Most binding over the program's life: **{}**. The first year each constraint stops new "
                              "starts, over the samples in which it ever does:",
                              result.at("binding").value("most_binding", std::string("-"))),
                  {"constraint", "p5", "p50", "p95", "share of samples"},
                  {},
                  false};
  if (result.at("binding").contains("first_binding_year")) {
    for (const auto& [name, q] : result.at("binding").at("first_binding_year").items()) {
      const auto& share = member(member(scalars, "first_binding_year_" + name), "share_finite");
      binding.rows.push_back({{name, num(member(q, "p5"), 4), num(member(q, "p50"), 4), num(member(q, "p95"), 4),
                               share.is_number() ? fmt::format("{:.0f} %", 100 * share.get<double>()) : "-"}});
    }
  }

  Section comparators{
      "Against what exists", "", {"comparator", "value (USD)", "committed / comparator", "source"}, {}, false};
  if (const auto& p50 = member(member(scalars, "committed_usd"), "p50"); p50.is_number()) {
    const double committed = p50.get<double>();
    comparators.intro = fmt::format("The money the program commits (median {} USD) set against public figures:",
                                    core::format_sig(committed, 3));
    const auto& lib = data::Library::builtin();
    for (const auto& e : lib.entries()) {
      if (e.key.rfind("comparators.", 0) != 0 || !e.central || e.unit != "USD") continue;
      comparators.rows.push_back({{e.note.empty() ? e.key : e.note, core::format_sig(*e.central, 4),
                                   fmt::format("{:.2f}x", committed / *e.central), lib.cite(e)}});
    }
  }

  Section meta{"Reproducing this run", "", {"what", "value"}, {}, false};
  meta.rows = {
      {{"run id", std::to_string(run.id)}},
      {{"stored (UTC)", run.created}},
      {{"scenario", run.scenario_name}},
      {{"scenario sha256", run.scenario_hash}},
      {{"seed", std::to_string(run.seed)}},
      {{"samples", std::to_string(run.samples)}},
      {{"sampling", run.sampling}},
      {{"threads (results do not depend on them)", std::to_string(run.threads)}},
      {{"reference data", run.data_version}},
      {{"fabcast", run.fabcast_version + " (commit " + run.git_commit + ")"}},
      {{"rerun from the store", fmt::format("fabcast runs rerun {}", run.id)}},
      {{"rerun anywhere",
        fmt::format(
            "fabcast runs show {} --scenario > run.toml && fabcast run run.toml --seed {} --samples {} --sampling {}",
            run.id, run.seed, run.samples, run.sampling)}}};
  c.sections_after_charts = {binding, comparators, meta, all};
  for (auto& chart : report_charts(result)) c.charts.emplace_back(std::move(chart));
  c.charts_title = "Over time";
  c.charts_intro =
      "Fan charts: the line is the median over the samples, the dark band p25-p75, the light band p5-p95. Stacked "
      "areas: the share of samples in each state per step.";
  return c;
}

}  // namespace

std::string html_report(const store::StoredRun& run) { return html_document(build(run)); }

MarkdownReport markdown_report(const store::StoredRun& run, const std::string& charts_dir) {
  return markdown_document(build(run), charts_dir);
}

}  // namespace fabcast::report
