#include "report/run_document.hpp"

#include "core/expression.hpp"
#include "core/number_format.hpp"
#include "data/library.hpp"
#include "report/charts.hpp"
#include "report/headline.hpp"
#include "report/run_report.hpp"
#include "report/run_sections.hpp"
#include "report/stored_scenario.hpp"
#include "report/web_assets.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <optional>
#include <sstream>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;

// ---- content, independent of the format ----

std::string num(const Json& v, int digits = 3) {
  if (!v.is_number()) return "-";
  return core::format_sig(v.get<double>(), digits);
}

// The stored scenario's keys; a source cell reads "unit; origin" as the scenario text writes it.
using Input = StoredInput;

std::vector<Input> scenario_inputs(const std::string& toml) {
  auto inputs = stored_inputs(toml);
  for (auto& in : inputs)
    if (!in.unit.empty()) in.origin = in.origin.empty() ? in.unit : in.unit + "; " + in.origin;
  return inputs;
}

// An input's value as a number: the median of a distribution ("5e12 to 7e12"); nullopt when the
// stored scenario lacks it or it is not a number.
std::optional<double> input_number(const std::vector<Input>& inputs, const std::string& key) {
  for (const auto& in : inputs) {
    if (in.key != key) continue;
    try {
      const double median = core::parse_distribution(in.value).quantile(0.5);
      return std::isfinite(median) ? std::optional<double>(median) : std::nullopt;
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

// The world's figures the charts draw beside the program: the H100's FLOP/s the run used (to draw
// the world's H100-equivalents as FLOP/s), and US data centres' power from the reference data.
WorldFigures world_figures(const std::vector<Input>& inputs) {
  WorldFigures world;
  world.h100_flops = input_number(inputs, "market.h100_flops");
  const auto& lib = data::Library::builtin();
  if (const auto* now = lib.find("comparators.us_datacentre_power_gw_2023"); now && now->central) {
    world.power_gw.push_back(
        {fmt::format("US data centres' average draw in 2023: {} GW (LBNL)", core::format_sig(*now->central, 3)),
         *now->central, std::nullopt});
  }
  if (const auto* then = lib.find("comparators.us_datacentre_power_gw_2028"); then && then->central) {
    world.power_gw.push_back(
        {fmt::format("US data centres in 2028, as projected: {} GW ({}-{}; LBNL)", core::format_sig(*then->central, 3),
                     core::format_sig(then->low.value_or(0), 3), core::format_sig(then->high.value_or(0), 3)),
         *then->central, static_cast<double>(then->year)});
  }
  return world;
}

// The sections drawn from the result alone, after the charts over time: the scalars'
// distributions and the training runs.
void add_result_sections(Document& c, const Json& result) {
  auto at = c.sections_after_charts.begin();
  for (auto& s : distribution_sections(result)) at = c.sections_after_charts.insert(at, std::move(s)) + 1;
  for (auto& s : training_run_sections(result)) at = c.sections_after_charts.insert(at, std::move(s)) + 1;
}

Document build(const store::StoredRun& run, const std::vector<Section>& extra) {
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
    const bool money = std::string_view(name).ends_with("_usd");
    const auto cell = [&](const Json& v) {
      return money && v.is_number() ? core::format_usd(v.get<double>(), 4) : num(v, digits);
    };
    const auto& share = member(s, "share_finite");
    key.rows.push_back(
        {{label, cell(member(s, "p5")), cell(member(s, "p50")), cell(member(s, "p95")), cell(member(s, "mean")),
          share.is_number() ? fmt::format("{:.0f} %", 100 * share.get<double>()) : "-"}});
  }
  const auto answer = headline(result, input_number(inputs, "program.budget_usd"));
  Section findings{"The answer",
                   "Generated from this run's results: medians with [p5, p95] over the samples.",
                   {"finding"},
                   {},
                   false};
  for (const auto& f : answer.findings) findings.rows.push_back({{f}});
  Section largest{"Largest caveats", "", {"caveat"}, {}, false};
  for (const auto& f : answer.caveats) largest.rows.push_back({{f}});
  c.sections_before_charts = {findings, largest};
  c.sections_before_charts.insert(c.sections_before_charts.end(), extra.begin(), extra.end());
  c.sections_before_charts.push_back(program);
  c.sections_before_charts.push_back(key);
  // What the results leave out, stated by the model for this scenario.
  if (const auto& caveats = member(result.at("run"), "caveats"); caveats.is_array() && !caveats.empty()) {
    Section notes{"Caveats", "What these results leave out:", {"caveat"}, {}, false};
    for (const auto& text : caveats) notes.rows.push_back({{text.get<std::string>()}});
    c.sections_before_charts.insert(c.sections_before_charts.end() - 1, notes);
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
      // `none` binds when nothing is left to start (src/model/starts.cpp), as the chart names it.
      binding.rows.push_back({{name == "none" ? "nothing left to start (budget all committed, or target met)" : name,
                               num(member(q, "p5"), 4), num(member(q, "p50"), 4), num(member(q, "p95"), 4),
                               share.is_number() ? fmt::format("{:.0f} %", 100 * share.get<double>()) : "-"}});
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
  c.sections_after_charts = {binding, comparators_section(result, input_number(inputs, "program.budget_usd")), meta,
                             all};
  add_result_sections(c, result);
  for (auto& chart : report_charts(result, world_figures(inputs))) c.charts.emplace_back(std::move(chart));
  c.charts_title = "Over time";
  c.charts_intro =
      "Fan charts: the line is the median over the samples, the dark band p25-p75, the light band p5-p95. Stacked "
      "areas: the share of samples in each state per step.";
  return c;
}

}  // namespace

std::string html_report(const store::StoredRun& run, const std::vector<Section>& extra) {
  return html_document(build(run, extra));
}

MarkdownReport markdown_report(const store::StoredRun& run, const std::string& charts_dir,
                               const std::vector<Section>& extra) {
  return markdown_document(build(run, extra), charts_dir);
}

}  // namespace fabcast::report
