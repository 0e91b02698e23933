#pragma once
// The charts of a run report, defined once and drawn two ways: as Vega-Lite specs (HTML report,
// rendered by vega-embed in the browser) and as SVG files (Markdown report, drawn here).

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace fabcast::report {

//! One band of a fan chart: per-step quantiles of one series.
struct Fan {
  std::string label;
  std::vector<std::optional<double>> p5, p25, p50, p75, p95;
};

//! One layer of a stacked-area chart: per-step share of samples.
struct Layer {
  std::string label;
  std::vector<double> share;
};

struct Chart {
  std::string id;  //!< "modules", "flops", ...
  std::string title;
  std::string y_title;
  bool log_y = false;
  std::vector<double> time;      //!< x at each point: calendar years, or a swept key's values
  std::vector<Fan> fans;         //!< a fan chart when non-empty
  std::vector<Layer> layers;     //!< else a stacked area of shares
  std::string x_title = "year";  //!< anything else: x is a value, not a year
  bool log_x = false;
  std::optional<double> y_rule;  //!< a horizontal reference line (a seek's goal)
  std::string y_rule_label;
};

//! One series of a bar chart: a value per label with its interval (NaN: none).
struct BarSeries {
  std::string name;
  std::vector<double> value, lo, hi;
};

//! Horizontal bars, a row per label: grouped bars with interval whiskers (Sobol indices), or with
//! `range`, one bar from lo to hi per row around a reference line (a tornado).
struct BarChart {
  std::string id;
  std::string title;
  std::string x_title;
  std::vector<std::string> labels;  //!< top to bottom
  std::vector<BarSeries> series;
  bool range = false;
  std::optional<double> reference;  //!< a vertical line (the tornado's centre)
};

//! The report's charts from a run's result JSON (docs/output-format.md): fans for modules operating
//! by kind, accelerators, installed FLOP/s (log), cumulative spend against funding unspent, power and
//! logic capacity; stacked shares for what stops new starts and what limits output. A chart whose
//! series the run did not record is left out.
std::vector<Chart> report_charts(const nlohmann::ordered_json& result);

//! The chart as a Vega-Lite v5 spec with its data inline.
nlohmann::ordered_json vega_lite_spec(const Chart& chart);

//! The chart as a standalone SVG document.
std::string svg_chart(const Chart& chart);

nlohmann::ordered_json vega_lite_spec(const BarChart& chart);
std::string svg_chart(const BarChart& chart);

}  // namespace fabcast::report
