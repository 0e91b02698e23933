#include "report/run_sections.hpp"

#include "core/number_format.hpp"
#include "data/library.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;

std::string percent(double share) { return core::format_sig(100 * share, 2) + " %"; }

std::string value_text(const Json& v, Unit unit) {
  return v.is_number() ? format_for(v.get<double>(), unit, 3) : std::string("-");
}

// Values spread over more than three decades, none below zero, read on a log axis.
bool wants_log(const Cdf& cdf) {
  double low = INFINITY, high = 0;
  for (const auto& v : cdf.quantiles) {
    if (!v) continue;
    if (*v < 0) return false;
    if (*v > 0) low = std::min(low, *v);
    high = std::max(high, *v);
  }
  return std::isfinite(low) && high / low >= 1e3;
}

// The scalars shown as distributions, with what a value reads as and what "never" means.
struct Shown {
  const char* name;
  const char* title;
  Unit unit;
  const char* never;
};
constexpr Shown SHOWN[] = {
    {"committed_usd", "Money committed over the run", Unit::usd, "never"},
    {"npv_usd", "Net present value of the program's cash flows", Unit::usd, "never"},
    {"payback_year", "Year the program's cumulative cash is back to zero", Unit::year, "never"},
    {"irr", "Internal rate of return (a year)", Unit::share, "undefined"},
    {"modules_operating_2035", "Modules operating at the end of 2035", Unit::number, "never"},
    {"installed_flops_2035", "Installed AI compute at the end of 2035 (FLOP/s)", Unit::number, "never"},
    {"accelerators_total", "Accelerators made over the run", Unit::number, "never"},
    {"peak_power_gw", "Peak power the program's chips draw (GW)", Unit::number, "never"},
};

// The run's first and last steps as calendar times ("2025Q1" 2025, "2045Q4" 2045.75).
std::optional<std::pair<double, double>> run_span(const Json& result) {
  const auto& steps = result.at("steps");
  if (steps.empty()) return std::nullopt;
  auto time = [](const std::string& label) {
    const double year = std::stod(label.substr(0, 4));
    return label.size() == 6 ? year + (label[5] - '1') / 4.0 : year;
  };
  return std::pair{time(steps.front().get<std::string>()), time(steps.back().get<std::string>())};
}

}  // namespace

std::vector<Section> distribution_sections(const Json& result) {
  Section s{"Distributions",
            "Each output over the samples as a CDF: the share of samples at or below each value. A vertical "
            "step is many samples at one value (at zero: samples that build or earn nothing); a curve that stops "
            "short of 100 % and runs flat, dashed, to the right edge leaves out the samples that never get a value "
            "(a payback that never comes). The legend and the table give both shares, which five quantiles hide.",
            {"output", "p5", "p50", "p95", "samples at 0", "samples never (or undefined)"},
            {},
            false};
  const auto& scalars = result.at("scalars");
  for (const auto& shown : SHOWN) {
    auto cdf = scalar_cdf(result, shown.name, shown.name);
    if (!cdf) continue;
    cdf->never_label = shown.never;
    const auto& q = scalars.at(shown.name);
    s.rows.push_back({{shown.name, value_text(member(q, "p5"), shown.unit), value_text(member(q, "p50"), shown.unit),
                       value_text(member(q, "p95"), shown.unit), percent(cdf->share_zero), percent(cdf->share_never)}});
    CdfChart c;
    c.id = std::string("cdf-") + shown.name;
    c.title = shown.title;
    c.x_title = shown.name;
    c.x_unit = shown.unit;
    c.log_x = wants_log(*cdf);
    if (shown.unit == Unit::year) c.x_domain = run_span(result);
    c.cdfs.push_back(std::move(*cdf));
    s.charts.emplace_back(std::move(c));
  }
  if (s.rows.empty()) return {};
  return {s};
}

std::vector<Section> training_run_sections(const Json& result) {
  const auto& runs = member(result, "training_runs");
  if (!runs.is_object() || runs.empty()) return {};
  Section by_year{"Training runs",
                  "The probability that the largest training run the program's installed accelerators could do "
                  "(compute.run_share of them for compute.run_days at compute.mfu) has reached each size by the "
                  "end of each year (compute.thresholds_flop).",
                  {"year"},
                  {},
                  false};
  Chart chart;
  chart.id = "training_runs";
  chart.title = "P(largest feasible training run >= each size), by year";
  chart.y_title = "probability";
  chart.y_unit = Unit::share;
  const auto& years = runs.begin().value().at("years");
  for (const auto& y : years) {
    chart.time.push_back(y.get<double>());
    chart.time_labels.push_back(std::to_string(y.get<int>()));
  }
  for (const auto& [threshold, item] : runs.items()) {
    by_year.header.push_back(fmt::format(">= {} FLOP", threshold));
    Fan f;
    f.label = fmt::format(">= {} FLOP", threshold);
    const auto& probability = item.at("probability");
    for (std::size_t t = 0; t < chart.time.size(); ++t) {
      f.p50.push_back(probability.at(t).get<double>());
      for (auto* q : {&f.p5, &f.p25, &f.p75, &f.p95}) q->push_back(std::nullopt);
    }
    chart.fans.push_back(std::move(f));
  }
  for (std::size_t t = 0; t < chart.time.size(); ++t) {
    Row row{{chart.time_labels[t]}};
    for (const auto& f : chart.fans) row.cells.push_back(percent(*f.p50[t]));
    by_year.rows.push_back(std::move(row));
  }
  by_year.charts.emplace_back(std::move(chart));

  Section first{"First year a run reaches each size",
                "Over the samples, the first year (and quarter) the largest feasible run reaches each size; 'never': "
                "the share of samples in which it does not within the run.",
                {"size", "p5", "p50", "p95", "never"},
                {},
                false};
  CdfChart cdfs;
  cdfs.id = "training_first_year";
  cdfs.title = "First year the largest feasible run reaches each size (CDF)";
  cdfs.x_title = "first year";
  cdfs.x_unit = Unit::year;
  cdfs.x_domain = run_span(result);
  const auto& scalars = result.at("scalars");
  for (const auto& [threshold, item] : runs.items()) {
    const std::string name = "first_year_run_exceeds_" + threshold;
    if (!scalars.contains(name)) continue;
    const auto& s = scalars.at(name);
    const auto& share = member(s, "share_finite");
    first.rows.push_back(
        {{threshold + " FLOP", value_text(member(s, "p5"), Unit::year), value_text(member(s, "p50"), Unit::year),
          value_text(member(s, "p95"), Unit::year), share.is_number() ? percent(1 - share.get<double>()) : "-"}});
    if (auto cdf = scalar_cdf(result, name, threshold + " FLOP")) cdfs.cdfs.push_back(std::move(*cdf));
  }
  if (!cdfs.cdfs.empty()) first.charts.emplace_back(std::move(cdfs));
  std::vector<Section> out{by_year};
  if (!first.rows.empty()) out.push_back(first);
  return out;
}

Section comparators_section(const Json& result, std::optional<double> pledge_usd) {
  Section s{"Against what exists",
            "",
            {"comparator", "value", "year", "pledge / comparator", "committed / comparator", "source"},
            {},
            false};
  const auto& committed_p50 = member(member(result.at("scalars"), "committed_usd"), "p50");
  const std::optional<double> committed =
      committed_p50.is_number() ? std::optional<double>(committed_p50.get<double>()) : std::nullopt;
  if (!committed && !pledge_usd) return s;
  std::vector<std::string> what;
  if (pledge_usd) what.push_back(fmt::format("pledges {} (program.budget_usd)", core::format_usd(*pledge_usd)));
  if (committed) what.push_back(fmt::format("commits a median {} of it", core::format_usd(*committed)));
  s.intro = fmt::format("The program {}; each set against public figures:", fmt::join(what, " and "));
  auto ratio = [](std::optional<double> x, double of) {
    return x ? core::format_sig(*x / of, 3) + "x" : std::string("-");
  };
  const auto& lib = data::Library::builtin();
  for (const auto& e : lib.entries()) {
    if (e.key.rfind("comparators.", 0) != 0 || !e.central || e.unit != "USD") continue;
    // Named by what it is: its note, less the closing full stop.
    std::string name = e.note.empty() ? e.key : e.note;
    if (name.ends_with('.')) name.pop_back();
    s.rows.push_back({{name, core::format_usd(*e.central), std::to_string(e.year), ratio(pledge_usd, *e.central),
                       ratio(committed, *e.central), lib.cite(e)}});
  }
  return s;
}

const Json& member(const Json& j, const std::string& key) {
  static const Json NONE;
  const auto it = j.find(key);  // end() for a non-object too
  return it == j.end() ? NONE : *it;
}

}  // namespace fabcast::report
