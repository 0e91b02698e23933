#include "report/run_report.hpp"

#include "core/json_number.hpp"

#include "core/number_format.hpp"
#include "model/outputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace fabcast::report {
namespace {

// JSON has no infinities or NaN: they become null ("never", "undefined"), as documented.
using core::json_number;

nlohmann::ordered_json summary_json(const core::Moments& m, const core::QuantileSet& q) {
  nlohmann::ordered_json j;
  j["mean"] = json_number(m.mean);
  j["sd"] = json_number(m.sd());
  j["se"] = json_number(m.std_error());
  for (std::size_t i = 0; i < core::QUANTILE_LEVELS.size(); ++i) j[core::QUANTILE_NAMES[i]] = json_number(q[i]);
  j["min"] = json_number(m.min);
  j["max"] = json_number(m.max);
  return j;
}

// Per calendar year: the mean of a per-step statistic over the year's steps (steps run in order).
std::vector<std::pair<int, double>> by_year(const model::FabModel& model, const std::vector<double>& per_step) {
  std::vector<std::pair<int, double>> out;
  int steps_in_year = 0;
  for (std::size_t t = 0; t < per_step.size(); ++t) {
    const int year = static_cast<int>(std::floor(model.time_at(t) + 1e-9));
    if (out.empty() || out.back().first != year) {
      if (!out.empty()) out.back().second /= steps_in_year;
      out.emplace_back(year, 0.0);
      steps_in_year = 0;
    }
    out.back().second += per_step[t];
    ++steps_in_year;
  }
  if (!out.empty()) out.back().second /= steps_in_year;
  return out;
}

// The levels of each scalar's CDF in the JSON: every percent, 0 to 100.
const std::array<double, 101> CDF_LEVELS = [] {
  std::array<double, 101> levels{};
  for (std::size_t i = 0; i < levels.size(); ++i) levels[i] = static_cast<double>(i) / 100;
  return levels;
}();

// Money as "$1.78T [$784B, $3.15T]": median [p5, p95].
std::string usd_range(const core::QuantileSet& q) {
  return fmt::format("{} [{}, {}]", core::format_usd(q[2], 3), core::format_usd(q[0], 3), core::format_usd(q[4], 3));
}

std::vector<double> means(const core::SeriesResult& s) {
  std::vector<double> out;
  for (const auto& m : s.moments) out.push_back(m.mean);
  return out;
}

// A table of indicator-series shares by year, one column per name (prefix + name); false when
// none of the series was recorded.
template <std::size_t N>
bool share_table(std::string& out, const char* title, const std::string& prefix, const char* const (&names)[N],
                 const core::RunResult& result, const model::FabModel& model, int width) {
  std::vector<std::pair<std::string, std::vector<std::pair<int, double>>>> columns;
  for (auto name : names) {
    if (const auto* s = result.find_series(prefix + name)) columns.emplace_back(name, by_year(model, means(*s)));
  }
  if (columns.empty()) return false;
  out += fmt::format("\n{}\n{:<6}", title, "year");
  for (const auto& [name, v] : columns) out += fmt::format("{:>{}}", name, width);
  out += "\n";
  for (std::size_t y = 0; y < columns.front().second.size(); ++y) {
    out += fmt::format("{:<6}", columns.front().second[y].first);
    for (const auto& [name, v] : columns) out += fmt::format("{:>{}.2f}", v[y].second, width);
    out += "\n";
  }
  return true;
}

}  // namespace

nlohmann::ordered_json run_to_json(const RunInfo& info, const core::RunResult& result, const model::FabModel& model) {
  nlohmann::ordered_json j;
  auto& run = j["run"];
  run["scenario"] = info.scenario;
  run["samples"] = result.samples;
  run["seed"] = result.seed;
  run["sampling"] = core::to_string(result.sampling);
  run["data_version"] = info.data_version;
  run["fabcast_version"] = info.fabcast_version;
  run["git_commit"] = info.git_commit;
  run["step_years"] = model.step_years();
  if (!model.caveats().empty()) run["caveats"] = model.caveats();
  // A target-error run: what it judged, what it reached, and whether it got there.
  if (result.target_rel_error) {
    auto& stopping = run["stopping"];
    stopping["target_rel_error"] = *result.target_rel_error;
    stopping["target_output"] = result.target_output;
    stopping["rel_error"] = json_number(result.rel_error);
    stopping["converged"] = result.converged;
  }
  // How the scalars' quantiles were computed: every value kept, or summarised past the limit.
  if (result.values_kept) {
    run["scalar_quantiles"] = "exact";
  } else {
    run["scalar_quantiles"] = "summarised";
    run["scalar_quantiles_relative_error"] = core::QuantileSketch::RELATIVE_ACCURACY;
  }
  for (std::size_t t = 0; t < model.steps(); ++t) j["steps"].push_back(model.step_label(t));

  auto& series = j["series"] = nlohmann::ordered_json::object();
  for (const auto& s : result.series) {
    nlohmann::ordered_json item;
    for (std::size_t t = 0; t < s.moments.size(); ++t) item["mean"].push_back(json_number(s.moments[t].mean));
    const bool has_quantiles = !s.quantiles.empty() && !std::isnan(s.quantiles.front()[0]);
    if (has_quantiles) {
      for (std::size_t i = 0; i < core::QUANTILE_LEVELS.size(); ++i) {
        auto& q = item[core::QUANTILE_NAMES[i]];
        for (std::size_t t = 0; t < s.quantiles.size(); ++t) q.push_back(json_number(s.quantiles[t][i]));
      }
    }
    series[s.name] = std::move(item);
  }
  auto& scalars = j["scalars"] = nlohmann::ordered_json::object();
  for (const auto& s : result.scalars) {
    auto item = summary_json(s.moments, s.quantiles);
    item["share_finite"] = result.samples == 0 ? 0.0
                                               : static_cast<double>(result.samples - s.infinite_count()) /
                                                     static_cast<double>(result.samples);
    if (!s.exact) item["quantiles_exact"] = false;
    // The distribution as a CDF through every percent, with the mass at zero and at "never" that
    // the five quantiles hide (from the kept values, or the summary past EXACT_SCALAR_LIMIT).
    auto& cdf = item["cdf"];
    cdf["quantiles"] = nlohmann::ordered_json::array();
    for (const double q : s.quantiles_at(CDF_LEVELS)) cdf["quantiles"].push_back(json_number(q));
    const auto share = [&](std::uint64_t count) {
      return result.samples == 0 ? 0.0 : static_cast<double>(count) / static_cast<double>(result.samples);
    };
    cdf["share_zero"] = share(s.zero_count());
    cdf["share_nonfinite"] = share(s.infinite_count());
    // Where some samples are +inf ("never", "undefined"), the quantiles of the others.
    if (s.infinite_count() > 0 && s.infinite_count() < result.samples) {
      const auto finite = s.finite_quantiles();
      auto& f = item["finite"];
      for (std::size_t i = 0; i < core::QUANTILE_LEVELS.size(); ++i)
        f[core::QUANTILE_NAMES[i]] = json_number(finite[i]);
    }
    scalars[s.name] = std::move(item);
  }

  // Binding constraints: per step the share of samples where each stopped the starts.
  auto& binding = j["binding"] = nlohmann::ordered_json::object();
  std::string most;
  double most_share = -1;
  for (auto name : model::CONSTRAINT_NAMES) {
    const auto* s = result.find_series(std::string("binding_") + name);
    if (!s) continue;
    const auto shares = means(*s);
    binding["constraints"][name] = shares;
    double total = 0;
    for (double x : shares) total += x;
    if (std::string(name) != "none" && total > most_share) {
      most_share = total;
      most = name;
    }
    if (const auto* first = result.find_scalar(std::string("first_binding_year_") + name)) {
      binding["first_binding_year"][name] = summary_json(first->moments, first->quantiles);
    }
  }
  if (!most.empty()) binding["most_binding"] = most;

  // P(largest run >= threshold) by year: the CDF of each "first year it is reached" scalar.
  for (const auto& s : result.scalars) {
    if (!s.name.starts_with("first_year_run_exceeds_")) continue;
    auto& item = j["training_runs"][s.name.substr(23)];
    const int first_year = static_cast<int>(std::floor(model.time_at(0) + 1e-9));
    const int last_year = static_cast<int>(std::floor(model.time_at(model.steps() - 1) + 1e-9));
    for (int year = first_year; year <= last_year; ++year) {
      item["years"].push_back(year);
      item["probability"].push_back(static_cast<double>(s.count_at_most(year)) / static_cast<double>(result.samples));
    }
  }
  for (auto name : model::STAGE_NAMES) {
    if (const auto* s = result.find_series(std::string("limiting_") + name)) binding["limiting"][name] = means(*s);
  }
  for (auto name : model::DEPLOY_LIMIT_NAMES) {
    if (const auto* s = result.find_series(std::string("deploy_limit_") + name))
      binding["deploy_limit"][name] = means(*s);
  }
  return j;
}

// What the budget buys: the money committed by the ends of 2030, 2035 and the run, what stops
// more, who runs the logic modules, and what the program paid its suppliers for.
void money_summary(std::string& out, const core::RunResult& result, const model::FabModel& model,
                   const nlohmann::ordered_json& json) {
  const auto* committed = result.find_series("committed_cumulative_usd");
  if (!committed || model.steps() == 0) return;
  auto range = [](const core::QuantileSet& q, double scale) {
    return fmt::format("{} [{}, {}]", core::format_sig(q[2] / scale, 3), core::format_sig(q[0] / scale, 3),
                       core::format_sig(q[4] / scale, 3));
  };
  out += "\nthe money: median [p5, p95]\n";
  for (std::size_t t = 0; t < model.steps(); ++t) {
    const int year = static_cast<int>(std::floor(model.time_at(t) + 1e-9));
    const bool last = t + 1 == model.steps();
    const bool year_end = last || std::floor(model.time_at(t + 1) + 1e-9) != year;
    if (!year_end || !(last || year == 2027 || year == 2030 || year == 2035)) continue;
    out +=
        fmt::format("{:<40}{}\n", fmt::format("committed by the end of {}", year), usd_range(committed->quantiles[t]));
  }
  if (json["binding"].contains("most_binding")) {
    out += fmt::format("{:<40}{} (binds in the most sample-quarters; table below)\n", "what stops more",
                       json["binding"]["most_binding"].get<std::string>());
  }
  // The data centres the program built for its chips, and the chips still waiting for power.
  if (const auto* added = result.find_scalar("datacentre_added_gw")) {
    const auto* capex = result.find_scalar("datacentre_capex_usd");
    out += fmt::format("{:<40}{} GW ordered, {} committed\n", "data centres built", range(added->quantiles, 1),
                       capex ? usd_range(capex->quantiles) : std::string("-"));
    if (const auto* waiting = result.find_series("chips_waiting"); waiting && !waiting->quantiles.empty()) {
      out += fmt::format("{:<40}{} million, at {}\n", "chips waiting for power", range(waiting->quantiles.back(), 1e6),
                         model.step_label(model.steps() - 1));
    }
  }
  // Who runs the logic modules: each operator's starts over the run (program.operators).
  std::string operators;
  for (const auto& s : result.scalars) {
    if (!s.name.starts_with("logic_modules_")) continue;
    operators += fmt::format("{}{} {}", operators.empty() ? "" : ", ", s.name.substr(14), range(s.quantiles, 1));
  }
  if (!operators.empty()) out += fmt::format("{:<40}{}\n", "logic modules by operator", operators);
  const auto* funding = result.find_scalar("supplier_funding_usd");
  if (funding && funding->quantiles[4] > 0) {
    out += fmt::format("{:<40}{} (program.fund_suppliers), by {}:\n", "suppliers funded", usd_range(funding->quantiles),
                       model.step_label(model.steps() - 1));
    if (const auto* euv = result.find_series("euv_capacity_funded"); euv && euv->quantiles.back()[4] > 0) {
      out += fmt::format("{:<40}{} more EUV tools a year\n", "", range(euv->quantiles.back(), 1));
    }
    if (const auto* wfe = result.find_series("equipment_capacity_funded_usd_per_year");
        wfe && wfe->quantiles.back()[4] > 0) {
      out += fmt::format("{:<40}{} a year more of other equipment\n", "", usd_range(wfe->quantiles.back()));
    }
  }
}

// The market (docs/model.md, "Market"): the program's share of what the world buys and the price
// its chips fetch in 2030 and 2035, its share of the world's installed compute and what training
// costs by year.
void market_summary(std::string& out, const core::RunResult& result, const model::FabModel& model) {
  auto range = [](const core::QuantileSet& q, double scale, const char* unit = "") {
    return fmt::format("{}{} [{}, {}]", core::format_sig(q[2] / scale, 3), unit, core::format_sig(q[0] / scale, 3),
                       core::format_sig(q[4] / scale, 3));
  };
  std::string lines;
  auto pair = [&](const char* label, const char* name_2030, const char* name_2035, double scale, const char* unit) {
    const auto* a = result.find_scalar(name_2030);
    const auto* b = result.find_scalar(name_2035);
    if (!a && !b) return;
    std::string text;
    if (a) text += "2030: " + range(a->quantiles, scale, unit);
    if (b) text += std::string(a ? "; " : "") + "2035: " + range(b->quantiles, scale, unit);
    lines += fmt::format("{:<40}{}\n", label, text);
  };
  pair("program's share of world purchases", "market_share_2030", "market_share_2035", 0.01, " %");
  pair("price its chips fetch, over list", "price_index_2030", "price_index_2035", 1, "");
  // A series at the last step of a year.
  auto at_year = [&](const core::SeriesResult& s, int year) -> const core::QuantileSet* {
    for (std::size_t t = 0; t < model.steps(); ++t) {
      const bool last = t + 1 == model.steps();
      if (std::floor(model.time_at(t) + 1e-9) == year && (last || std::floor(model.time_at(t + 1) + 1e-9) != year))
        return &s.quantiles[t];
    }
    return nullptr;
  };
  auto series_line = [&](const char* label, const char* name, double scale, const char* unit) {
    const auto* s = result.find_series(name);
    if (!s) return;
    std::string text;
    for (int year : {2030, 2035, 2040}) {
      if (const auto* q = at_year(*s, year)) {
        text += fmt::format("{}{}: {}", text.empty() ? "" : "; ", year,
                            model::is_money(unit) ? usd_range(*q) : range(*q, scale, unit));
      }
    }
    if (!text.empty()) lines += fmt::format("{:<40}{}\n", label, text);
  };
  series_line("world installed, without the program", "world_installed_h100e", 1e6, "M H100e");
  series_line("program's share of installed compute", "program_compute_share", 0.01, " %");
  series_line("cost of 1e25 FLOP of training", "run_cost_per_1e25_flop_usd", 1, "USD");
  if (!lines.empty()) out += "\nthe market: median [p5, p95]\n" + lines;
}

std::string run_summary(const RunInfo& info, const core::RunResult& result, const model::FabModel& model) {
  return run_summary(info, result, model, run_to_json(info, result, model));
}

std::string run_summary(const RunInfo& info, const core::RunResult& result, const model::FabModel& model,
                        const nlohmann::ordered_json& json) {
  std::string out = fmt::format("fabcast run {}: {} samples ({}), seed {}, {} {} steps {} to {}, reference data {}\n",
                                info.scenario, result.samples, core::to_string(result.sampling), result.seed,
                                model.steps(), model.step_years() < 1 ? "quarterly" : "yearly", model.step_label(0),
                                model.step_label(model.steps() - 1), info.data_version);

  for (const auto& caveat : model.caveats()) out += fmt::format("caveat: {}\n", caveat);
  if (!result.values_kept) {
    out += fmt::format(
        "scalar quantiles: summarised past {} samples, exact for outputs with at most {} distinct values "
        "and within {:.2f}% otherwise\n",
        core::EXACT_SCALAR_LIMIT, core::ScalarSummary::MAX_DISTINCT, 100 * core::QuantileSketch::RELATIVE_ACCURACY);
  }
  if (const auto* started = result.find_scalar("modules_started"); started && result.samples > 0) {
    const auto none = started->count_at_most(0);  // module counts are >= 0
    if (none > 0) {
      out += fmt::format("in {:.1f}% of samples the program never starts a module (see the binding table)\n",
                         100.0 * static_cast<double>(none) / static_cast<double>(result.samples));
    }
  }
  out += fmt::format("\n{:<40}{:>12}{:>12}{:>12}{:>12}\n", "key results", "p5", "p50", "p95", "mean");
  auto row = [&](const char* name, std::string label) {
    const auto* s = result.find_scalar(name);
    if (!s) return;
    const std::string unit = model::output_unit(name, model.sells_wafers());
    // Money reads as money ($466.6B); the label then needs no "(USD)". A value that is not finite
    // is an event that never came (a year), else a figure with nothing to divide by.
    if (model::is_money(unit) && label.ends_with(" (USD)")) label.resize(label.size() - 6);
    if (std::string_view(name) == "breakeven_price_usd") {
      label = model.sells_wafers() ? "break-even price per wafer" : "break-even price per accelerator";
    }
    const char* missing = unit == "year" ? "never" : "undefined";
    auto f = [&](double x) {
      if (!std::isfinite(x)) return std::string(missing);
      return model::is_money(unit) ? core::format_usd(x) : core::format_sig(x, 4);
    };
    // The IRR is +inf where it is undefined (no rate zeroes the NPV, or several do): its
    // quantiles are over the samples where it is defined, and the row says how many those are.
    if (std::string_view(name) == "irr" && result.samples > 0) {
      const auto defined = result.samples - s->infinite_count();
      const auto q = s->finite_quantiles();
      auto g = [&](double x) { return std::isnan(x) ? std::string("-") : core::format_sig(x, 4); };
      out += fmt::format("{:<40}{:>12}{:>12}{:>12}{:>12}\n",
                         fmt::format("IRR, where defined ({:.0f}%)",
                                     100.0 * static_cast<double>(defined) / static_cast<double>(result.samples)),
                         g(q[0]), g(q[2]), g(q[4]), "");
      return;
    }
    out += fmt::format("{:<40}{:>12}{:>12}{:>12}{:>12}\n", label, f(s->quantiles[0]), f(s->quantiles[2]),
                       f(s->quantiles[4]), f(s->moments.mean));
  };
  for (const auto& k : KEY_SCALARS) row(k.name, k.label);
  for (const auto& s : result.scalars) {
    if (s.name.starts_with("first_year_run_exceeds_")) {
      row(s.name.c_str(), fmt::format("first year a run reaches {} FLOP", s.name.substr(23)));
    }
  }

  money_summary(out, result, model, json);
  market_summary(out, result, model);

  // Binding constraints by year (mean share of samples over the year's steps).
  if (share_table(out, "what stops new starts (share of samples)", "binding_", model::CONSTRAINT_NAMES, result, model,
                  13)) {
    if (json["binding"].contains("most_binding")) {
      out += fmt::format("most binding over the run: {}\n", json["binding"]["most_binding"].get<std::string>());
    }
  }
  // Probability that the largest feasible training run has reached each threshold, by year.
  const auto& runs = json;
  if (runs.contains("training_runs")) {
    out += "\nP(largest feasible training run >= threshold) by year\n";
    out += fmt::format("{:<6}", "year");
    for (const auto& [threshold, item] : runs["training_runs"].items()) out += fmt::format("{:>10}", threshold);
    out += "\n";
    const auto& years = runs["training_runs"].begin().value()["years"];
    for (std::size_t y = 0; y < years.size(); ++y) {
      if (years[y].get<int>() % 5 != 0 && y + 1 != years.size()) continue;
      out += fmt::format("{:<6}", years[y].get<int>());
      for (const auto& [threshold, item] : runs["training_runs"].items())
        out += fmt::format("{:>10.2f}", item["probability"][y].get<double>());
      out += "\n";
    }
  }

  share_table(out, "what limits accelerator output (share of samples)", "limiting_", model::STAGE_NAMES, result, model,
              11);
  share_table(out, "what limits the chips in service (share of samples; program.datacentres = build)", "deploy_limit_",
              model::DEPLOY_LIMIT_NAMES, result, model, 11);

  // Key series at each year's last step: median [p5, p95]. Stocks (modules, FLOP/s, power) and
  // running totals read at the year's end; accelerators are made per step, so the column is the
  // last step's output, and its header says which (quantiles of steps do not add up to a year's).
  const bool quarterly = model.step_years() < 1;
  const std::pair<const char*, std::string> key_series[] = {
      {"modules_operating_logic", "logic modules operating"},
      {"accelerators", quarterly ? "accelerators made in Q4" : "accelerators made in the year"},
      {"installed_flops", "installed FLOP/s"},
      {"power_gw", "power drawn (GW)"},
      {"capex_cumulative_usd", "capex paid to date"}};
  std::vector<std::pair<const core::SeriesResult*, std::string>> shown;
  for (const auto& [name, label] : key_series) {
    if (const auto* s = result.find_series(name)) shown.emplace_back(s, label);
  }
  if (!shown.empty()) {
    out += fmt::format("\nkey series at year end ({}): median [p5, p95]\n",
                       quarterly ? "the year's last quarter" : "each year");
    out += fmt::format("{:<6}", "year");
    for (const auto& [s, label] : shown) out += fmt::format("{:>30}", label);
    out += "\n";
    for (std::size_t t = 0; t < model.steps(); ++t) {
      const bool year_end =
          t + 1 == model.steps() || std::floor(model.time_at(t + 1) + 1e-9) != std::floor(model.time_at(t) + 1e-9);
      if (!year_end) continue;
      out += fmt::format("{:<6}", static_cast<int>(std::floor(model.time_at(t) + 1e-9)));
      for (const auto& [s, label] : shown) {
        const auto& q = s->quantiles[t];
        const bool money = model::is_money(model::output_unit(s->name, model.sells_wafers()));
        auto f = [&](double x, int digits) {
          return money ? core::format_usd(x, digits) : core::format_sig(x, digits);
        };
        out += fmt::format("{:>30}", fmt::format("{} [{}, {}]", f(q[2], 3), f(q[0], 2), f(q[4], 2)));
      }
      out += "\n";
    }
    if (quarterly && result.find_series("accelerators")) {
      out +=
          "accelerators made in Q4: the year's last quarter alone, not the year; accelerators made (above) is the "
          "run's total\n";
    }
  }
  return out;
}

}  // namespace fabcast::report
