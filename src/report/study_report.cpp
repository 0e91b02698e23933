#include "report/study_report.hpp"

#include <fabcast/version.hpp>
#include "core/expression.hpp"
#include "core/number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace fabcast::report {
namespace {

std::string sig(double x, int digits = 4) {
  if (std::isnan(x)) return "-";
  if (std::isinf(x)) return x > 0 ? "never" : "-inf";
  return core::format_sig(x, digits);
}

std::optional<double> finite(double x) { return std::isfinite(x) ? std::optional<double>(x) : std::nullopt; }

// Numbers of an axis, or nullopt when a value is a word (entrant, incumbent).
std::optional<std::vector<double>> numbers_of(const std::vector<std::string>& values) {
  std::vector<double> out;
  for (const auto& v : values) {
    const auto x = core::parse_number(v);
    if (!x || !std::isfinite(*x)) return std::nullopt;
    out.push_back(*x);
  }
  return out;
}

// A swept value as a table shows it: a number to 6 significant digits, a word as it is.
std::string value_text(const std::string& v) {
  const auto x = core::parse_number(v);
  return x && std::isfinite(*x) ? core::format_sig(*x, 6) : v;
}

std::string last_part(const std::string& key) { return key.substr(key.rfind('.') + 1); }

// A log axis when the values are positive and span two decades or more.
bool wants_log(const std::vector<double>& xs) {
  const auto [lo, hi] = std::minmax_element(xs.begin(), xs.end());
  return *lo > 0 && *hi / *lo >= 100;
}

}  // namespace

Document sweep_document(const analysis::SweepResult& r) {
  Document d;
  d.generator = VERSION;
  d.title = fmt::format("fabcast sweep: {}", r.scenario);
  d.description = fmt::format("{} over {}.", r.scenario,
                              r.axes.size() == 1 ? r.axes[0].key : r.axes[0].key + " and " + r.axes[1].key);
  d.run_line = fmt::format(
      "{} points, {} samples each, seed {} at every point (common random numbers: the differences between points are "
      "the keys' effect, not sampling noise).",
      r.points.size(), r.samples, r.seed);
  Section varied{"What was varied", "", {"key", "values"}, {}, false};
  for (const auto& a : r.axes) {
    std::vector<std::string> shown;
    for (const auto& v : a.values) shown.push_back(value_text(v));
    varied.rows.push_back({{a.key, fmt::format("{}", fmt::join(shown, ", "))}});
  }
  d.sections_before_charts.push_back(varied);

  const auto first = numbers_of(r.axes[0].values);
  const std::size_t inner = r.axes.size() == 2 ? r.axes[1].values.size() : 1;
  if (first) {
    for (std::size_t o = 0; o < r.outputs.size(); ++o) {
      Chart c;
      c.id = "sweep-" + r.outputs[o];
      c.title = fmt::format("{} against {}", r.outputs[o], r.axes[0].key);
      c.y_title = r.outputs[o];
      c.x_title = r.axes[0].key;
      c.x_unit = unit_of(r.axes[0].key);
      c.y_unit = unit_of(r.outputs[o]);
      c.time = *first;
      c.log_x = wants_log(*first);
      for (std::size_t j = 0; j < inner; ++j) {
        Fan f;
        f.label = inner > 1 ? last_part(r.axes[1].key) + " = " + value_text(r.axes[1].values[j]) : r.outputs[o];
        for (std::size_t i = 0; i < first->size(); ++i) {
          const auto& q = r.points[i * inner + j].cells[o].quantiles;
          f.p5.push_back(finite(q[0]));
          f.p25.push_back(finite(q[1]));
          f.p50.push_back(finite(q[2]));
          f.p75.push_back(finite(q[3]));
          f.p95.push_back(finite(q[4]));
        }
        c.fans.push_back(std::move(f));
      }
      d.charts.emplace_back(std::move(c));
    }
    d.charts_title = "Curves";
    d.charts_intro =
        "The line is the median over the samples at each point, the dark band p25-p75, the light band p5-p95.";
  }
  for (std::size_t o = 0; o < r.outputs.size(); ++o) {
    Section s{r.outputs[o], o == 0 ? "With what stops new starts most at each point." : "", {}, {}, false};
    for (const auto& a : r.axes) s.header.push_back(a.key);
    for (const char* h : {"p5", "p25", "p50", "p75", "p95", "mean", "samples with a value"}) s.header.emplace_back(h);
    if (o == 0) s.header.emplace_back("binds most");
    for (const auto& p : r.points) {
      Row row;
      for (const auto& v : p.values) row.cells.push_back(value_text(v));
      const auto& c = p.cells[o];
      for (double q : c.quantiles) row.cells.push_back(sig(q));
      row.cells.push_back(sig(c.mean));
      row.cells.push_back(fmt::format("{:.0f} %", 100 * c.share_finite));
      if (o == 0) row.cells.push_back(p.most_binding);
      s.rows.push_back(std::move(row));
    }
    d.sections_after_charts.push_back(std::move(s));
  }
  return d;
}

Document seek_document(const analysis::SeekResult& r) {
  const auto& rq = r.request;
  Document d;
  d.generator = VERSION;
  d.title = fmt::format("fabcast seek: {}", rq.scenario);
  d.description = fmt::format("The {} {} in [{}, {}] with {}.", rq.largest ? "largest" : "smallest", rq.key,
                              sig(rq.lo, 6), sig(rq.hi, 6), rq.target.text);
  d.run_line = fmt::format(
      "{} runs of {} samples, seed {} at every value (common random numbers); tolerance {} of the "
      "range{}.",
      r.path.size(), r.samples, rq.options.seed, rq.tolerance, rq.log ? " on a log scale" : "");
  Section answer{"Answer", "", {"what", "value"}, {}, false};
  if (r.found) {
    answer.intro = fmt::format("**{} = {}**", rq.key, sig(r.answer.value, 6));
    answer.rows.push_back({{"statistic at the answer", sig(r.answer.statistic)}});
    if (r.neighbour) {
      answer.rows.push_back(
          {{fmt::format("statistic at {} (not met)", sig(r.neighbour->value, 6)), sig(r.neighbour->statistic)}});
    }
    if (r.at_range_end) {
      answer.rows.push_back({{"caution", fmt::format("met already at the range's {} end: the boundary may lie beyond",
                                                     rq.largest ? "high" : "low")}});
    }
  } else {
    answer.intro = "**Out of reach in this range.**";
    answer.rows.push_back(
        {{"best reached", fmt::format("{} at {} = {}", sig(r.answer.statistic), rq.key, sig(r.answer.value, 6))}});
  }
  answer.rows.push_back({{"what stops new starts most there", r.answer.most_binding}});
  answer.rows.push_back({{"verification", analysis::verification_text(r)}});
  answer.rows.push_back({{"monotonicity", analysis::monotonicity_text(r)}});
  d.sections_before_charts.push_back(answer);

  auto sorted = r.path;
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.value < b.value; });
  Chart c;
  c.id = "seek";
  c.title = fmt::format("The statistic along the values run, and the goal");
  c.y_title = rq.target.text.substr(0, rq.target.text.find_last_of("<>") == std::string::npos
                                           ? rq.target.text.size()
                                           : rq.target.text.find_last_of("<>"));
  c.x_title = rq.key;
  c.x_unit = unit_of(rq.key);
  // A probability reads in percent; a percentile or mean in the output's own unit.
  c.y_unit =
      rq.target.statistic == analysis::SeekTarget::Statistic::probability ? Unit::share : unit_of(rq.target.output);
  c.log_x = rq.log;
  Fan f;
  f.label = "statistic";
  for (const auto& p : sorted) {
    c.time.push_back(p.value);
    f.p50.push_back(finite(p.statistic));
    f.p5.push_back(std::nullopt);
    f.p25.push_back(std::nullopt);
    f.p75.push_back(std::nullopt);
    f.p95.push_back(std::nullopt);
  }
  c.fans.push_back(std::move(f));
  c.y_rule = rq.target.goal;
  c.y_rule_label = "goal";
  d.charts.emplace_back(std::move(c));
  d.charts_title = "The search";
  d.charts_intro = "Every value run, with the statistic on the same samples; the dashed line is the goal.";
  Section path{"Every run of the search", "", {rq.key, "statistic", "met", "binds most"}, {}, false};
  for (const auto& p : sorted) {
    path.rows.push_back({{sig(p.value, 6), sig(p.statistic), p.met ? "yes" : "no", p.most_binding}});
  }
  d.sections_after_charts.push_back(path);
  return d;
}

Document sensitivity_document(const analysis::SensitivityResult& r) {
  const auto& rq = r.request;
  Document d;
  d.generator = VERSION;
  d.title = fmt::format("fabcast sensitivity: {}", rq.scenario);
  if (!r.notes.empty()) {
    Section notes{"Notes", "", {"note"}, {}, false};
    for (const auto& n : r.notes) notes.rows.push_back({{n}});
    d.sections_before_charts.push_back(notes);
  }
  if (r.sobol) {
    const auto& s = *r.sobol;
    d.description =
        "Sobol indices: S, the share of an output's variance a group of inputs explains alone; ST, the share it has a "
        "part in, interactions included.";
    d.run_line = fmt::format(
        "{} groups, N = {} ({} model runs), seed {}; first order by Saltelli et al. (2010), centred; total by Jansen "
        "(1999); 95 % percentile bootstrap intervals (widest half-width {:.3f}).",
        r.groups.size(), s.base_samples, s.model_runs, rq.seed, s.max_half_width);
    d.charts_title = "Indices";
    d.charts_intro = "Bars: the estimates; black lines: their 95 % intervals. Groups sorted by ST.";
    for (const auto& o : s.outputs) {
      if (!o.undefined.empty()) continue;
      std::vector<std::size_t> order(o.groups.size());
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(),
                       [&](auto a, auto b) { return o.groups[a].total.value > o.groups[b].total.value; });
      BarChart c;
      c.id = "sobol-" + o.name;
      c.title = "Sobol indices of " + o.name;
      c.x_title = "share of variance";
      BarSeries first{"S (first order)", {}, {}, {}}, total{"ST (total)", {}, {}, {}};
      Section table{o.name,
                    fmt::format("Standard deviation {}.", sig(std::sqrt(o.variance))),
                    {"group", "inputs", "S", "S 95 %", "ST", "ST 95 %"},
                    {},
                    false};
      for (auto g : order) {
        const auto& i = o.groups[g];
        c.labels.push_back(r.groups[g].name);
        first.value.push_back(i.first.value);
        first.lo.push_back(i.first.lo);
        first.hi.push_back(i.first.hi);
        total.value.push_back(i.total.value);
        total.lo.push_back(i.total.lo);
        total.hi.push_back(i.total.hi);
        table.rows.push_back(
            {{r.groups[g].name, std::to_string(r.groups[g].inputs.size()), fmt::format("{:.3f}", i.first.value),
              fmt::format("[{:.3f}, {:.3f}]", i.first.lo, i.first.hi), fmt::format("{:.3f}", i.total.value),
              fmt::format("[{:.3f}, {:.3f}]", i.total.lo, i.total.hi)}});
      }
      c.series = {std::move(first), std::move(total)};
      d.charts.emplace_back(std::move(c));
      d.sections_after_charts.push_back(std::move(table));
    }
    Section groups{"Groups", "The inputs in each group.", {"group", "inputs"}, {}, true};
    for (const auto& g : r.groups) {
      std::vector<std::string> names;
      for (auto i : g.inputs) names.push_back(r.input_names[i]);
      groups.rows.push_back({{g.name, fmt::format("{}", fmt::join(names, ", "))}});
    }
    d.sections_after_charts.push_back(std::move(groups));
  } else {
    d.description =
        "Rank measures from one run: Spearman's rank correlation, standardized rank regression "
        "coefficients, and a tornado.";
    d.run_line = fmt::format("{} samples, seed {}.", r.samples, rq.seed);
    d.charts_title = "Tornadoes";
    d.charts_intro = fmt::format(
        "Each bar runs from the output's {} over the samples with the input in its lowest tenth to that with it in its "
        "highest, the other inputs random; the dashed line is the {} over all samples. Twelve inputs with the widest "
        "swing.",
        rq.tornado_mean ? "mean" : "median", rq.tornado_mean ? "mean" : "median");
    for (const auto& o : r.rank) {
      if (!o.undefined.empty()) continue;
      constexpr std::size_t SHOWN = 12;
      BarChart c;
      c.id = "tornado-" + o.output;
      c.title = "Tornado of " + o.output;
      c.x_title = o.output;
      c.x_unit = unit_of(o.output);
      c.range = true;
      c.reference = std::isfinite(o.centre) ? std::optional<double>(o.centre) : std::nullopt;
      BarSeries swing{"lowest to highest tenth", {}, {}, {}};
      Section table{o.output,
                    fmt::format("Rank regression R^2 {:.2f}.", o.r2),
                    {"input", "Spearman", "SRRC", "lowest tenth", "highest tenth"},
                    {},
                    false};
      for (std::size_t i = 0; i < o.inputs.size(); ++i) {
        const auto& m = o.inputs[i];
        if (i < SHOWN) {
          c.labels.push_back(m.input);
          swing.value.push_back(NAN);
          swing.lo.push_back(m.low);
          swing.hi.push_back(m.high);
        }
        if (i < 3 * SHOWN) {
          table.rows.push_back(
              {{m.input, fmt::format("{:.3f}", m.spearman), fmt::format("{:.3f}", m.srrc), sig(m.low), sig(m.high)}});
        }
      }
      c.series = {std::move(swing)};
      d.charts.emplace_back(std::move(c));
      d.sections_after_charts.push_back(std::move(table));
    }
  }
  return d;
}

Document study_document(const analysis::StudyResult& result) {
  return std::visit(
      [](const auto& r) -> Document {
        using T = std::decay_t<decltype(r)>;
        if constexpr (std::is_same_v<T, analysis::SweepResult>)
          return sweep_document(r);
        else if constexpr (std::is_same_v<T, analysis::SeekResult>)
          return seek_document(r);
        else
          return sensitivity_document(r);
      },
      result);
}

}  // namespace fabcast::report
