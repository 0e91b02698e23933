#include "report/compare_document.hpp"

#include "core/number_format.hpp"
#include "report/charts.hpp"
#include "report/headline.hpp"
#include "report/run_report.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;

std::string label_of(const store::StoredRun& run) {
  return run.id ? fmt::format("{} (run {})", run.scenario_name, run.id) : run.scenario_name;
}

std::string cell(const Json& scalars, const std::string& name) {
  const auto it = scalars.find(name);
  if (it == scalars.end()) return "-";
  const bool money = name.size() > 4 && name.compare(name.size() - 4, 4, "_usd") == 0;
  auto f = [&](const char* q) -> std::string {
    const auto v = it->find(q);
    if (v == it->end() || !v->is_number()) return "-";
    return money ? core::format_usd(v->get<double>(), 3) : core::format_sig(v->get<double>(), 3);
  };
  return fmt::format("{} [{}, {}]", f("p50"), f("p5"), f("p95"));
}

}  // namespace

Document compare_document(const std::vector<store::StoredRun>& runs) {
  std::vector<Json> results;
  std::vector<std::string> labels;
  for (const auto& run : runs) {
    results.push_back(Json::parse(run.result_json));
    labels.push_back(label_of(run));
  }
  Document d;
  d.generator = runs.front().fabcast_version;
  d.title = fmt::format("fabcast comparison: {}", fmt::join(labels, " | "));
  d.run_line = "Each column a run: median [p5, p95] over its samples.";

  std::vector<std::string> header = {"output"};
  header.insert(header.end(), labels.begin(), labels.end());
  Section key{"Key results side by side", "", header, {}, false};
  for (const auto& [name, label] : KEY_SCALARS) {
    Row row{{label}};
    bool any = false;
    for (const auto& r : results) {
      row.cells.push_back(cell(r.at("scalars"), name));
      any = any || row.cells.back() != "-";
    }
    if (any) key.rows.push_back(std::move(row));
  }
  Section answers{"The answer of each", "", {"run", "finding"}, {}, false};
  for (std::size_t i = 0; i < runs.size(); ++i)
    for (const auto& f : headline(results[i], std::nullopt).findings) answers.rows.push_back({{labels[i], f}});

  // What stops new starts: the share of sample-quarters each constraint binds.
  std::set<std::string> constraints;
  for (const auto& r : results)
    for (const auto& [c, shares] : r.at("binding").at("constraints").items()) constraints.insert(c);
  Section binding{"What stops new starts",
                  "The share of sample-quarters in which each constraint stops new starts ('none': nothing left to "
                  "start).",
                  header,
                  {},
                  false};
  for (const auto& c : constraints) {
    Row row{{c}};
    for (const auto& r : results) {
      const auto& table = r.at("binding").at("constraints");
      if (!table.contains(c)) {
        row.cells.push_back("-");
        continue;
      }
      double sum = 0;
      for (const auto& v : table.at(c)) sum += v.is_number() ? v.get<double>() : 0;
      row.cells.push_back(fmt::format("{:.0f} %", 100 * sum / std::max<std::size_t>(1, table.at(c).size())));
    }
    binding.rows.push_back(std::move(row));
  }
  Row most{{"most binding over the run"}};
  for (const auto& r : results) most.cells.push_back(r.at("binding").value("most_binding", std::string("-")));
  binding.rows.push_back(std::move(most));
  d.sections_before_charts = {key, answers, binding};

  // Fan charts of one series each, overlaid where every run has the same steps.
  bool same_steps = true;
  for (const auto& r : results) same_steps = same_steps && r.at("steps") == results.front().at("steps");
  if (same_steps) {
    std::vector<std::vector<Chart>> per_run;
    for (const auto& r : results) per_run.push_back(report_charts(r));
    for (const auto& first : per_run.front()) {
      if (first.fans.size() != 1) continue;
      Chart c = first;
      c.fans.clear();
      c.references.clear();
      c.id = "compare-" + first.id;
      for (std::size_t i = 0; i < per_run.size(); ++i) {
        for (const auto& chart : per_run[i]) {
          if (chart.id != first.id || chart.fans.size() != 1) continue;
          auto fan = chart.fans.front();
          fan.label = labels[i];
          c.fans.push_back(std::move(fan));
        }
      }
      if (c.fans.size() == runs.size()) d.charts.emplace_back(std::move(c));
    }
  }
  d.charts_title = "Over time, overlaid";
  d.charts_intro = "Each run's median line with its p25-p75 and p5-p95 bands, in its own colour.";
  Section meta{"The runs", "", {"run", "samples", "seed", "sampling", "scenario sha256"}, {}, false};
  for (std::size_t i = 0; i < runs.size(); ++i)
    meta.rows.push_back({{labels[i], std::to_string(runs[i].samples), std::to_string(runs[i].seed), runs[i].sampling,
                          runs[i].scenario_hash}});
  d.sections_after_charts = {meta};
  return d;
}

}  // namespace fabcast::report
