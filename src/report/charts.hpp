#pragma once
// The charts of a run report, defined once and drawn two ways: as Vega-Lite specs (HTML report,
// rendered by vega-embed in the browser) and as SVG files (Markdown report, drawn here). Both
// renderers take a series' colour from its place in the chart (series_colour), so a series looks
// the same in both.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fabcast::report {

//! What a value axis holds, which sets how its numbers read.
enum class Unit {
  number,  //!< 12k, 3.5e18
  usd,     //!< $200B, $1.5T
  share,   //!< 40%
  year,    //!< 2031
};

//! One band of a fan chart: per-step quantiles of one series. A fan with no p5..p95 (all
//! nullopt) is drawn as its median line alone.
struct Fan {
  std::string label;
  std::vector<std::optional<double>> p5, p25, p50, p75, p95;
};

//! One layer of a stacked-area chart: per-step share of samples.
struct Layer {
  std::string label;
  std::vector<double> share;
};

//! A dashed reference line: a figure of the world beside the program's (nullopt: none at that step).
struct Reference {
  std::string label;
  std::vector<std::optional<double>> y;
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
  //! Each point's step as the run names it ("2031Q2", "2031"), for tooltips; empty: the x value.
  std::vector<std::string> time_labels;
  Unit y_unit = Unit::number;
  Unit x_unit = Unit::number;         //!< when x is a value, not a year (a swept budget: usd)
  bool facet = false;                 //!< one panel per fan, each with its own y scale (small multiples)
  std::vector<Reference> references;  //!< fan charts only
  //! What a quantile at zero means here ("no compute installed yet"): named on the chart where the
  //! lower quantiles sit at zero (on a log axis, at the floor drawn for zero).
  std::string zero_label;
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
  Unit x_unit = Unit::number;
};

//! One distribution over the samples: its value at every percent, with the mass at zero and at
//! "never" (+inf, or undefined) that five quantiles hide.
struct Cdf {
  std::string label;
  std::vector<std::optional<double>> quantiles;  //!< at 0, 1, ..., 100 % (nullopt: never, +inf)
  double share_zero = 0;
  double share_never = 0;
  std::string never_label = "never";  //!< what a non-finite value means ("never", "undefined")
};

//! Distributions drawn as CDFs: the share of samples at or below each value.
struct CdfChart {
  std::string id;
  std::string title;
  std::string x_title;
  Unit x_unit = Unit::number;
  bool log_x = false;
  std::vector<Cdf> cdfs;
  //! The x axis's span when the values alone would not show it (years: the run's, so the flat
  //! end of a "never" reaches its last step); else the values'.
  std::optional<std::pair<double, double>> x_domain;
};

//! Figures of the world the run report draws beside the program's results.
struct WorldFigures {
  //! FLOP/s of one H100-equivalent (market.h100_flops), to draw world_installed_h100e as FLOP/s.
  std::optional<double> h100_flops;
  //! Power levels (GW) for the power chart, each from a calendar time on (or throughout).
  struct Level {
    std::string label;
    double value = 0;
    std::optional<double> from_time;
  };
  std::vector<Level> power_gw;
};

//! The report's charts from a run's result JSON (docs/output-format.md): fans for modules operating
//! by kind (a panel each), accelerators, installed FLOP/s (log) against the world's, cumulative
//! spend against funding unspent, power against US data centres, logic capacity against the
//! world's leading edge; stacked shares for what stops new starts and what limits output. A chart
//! whose series the run did not record is left out.
std::vector<Chart> report_charts(const nlohmann::ordered_json& result, const WorldFigures& world = {});

//! A scalar of the result JSON as a Cdf (its `cdf` member), or nullopt when the run has none
//! (runs stored before the JSON carried it).
std::optional<Cdf> scalar_cdf(const nlohmann::ordered_json& result, const std::string& name, const std::string& label);

//! The chart as a Vega-Lite v5 spec with its data inline.
nlohmann::ordered_json vega_lite_spec(const Chart& chart);

//! The chart as a standalone SVG document.
std::string svg_chart(const Chart& chart);

nlohmann::ordered_json vega_lite_spec(const BarChart& chart);
std::string svg_chart(const BarChart& chart);

nlohmann::ordered_json vega_lite_spec(const CdfChart& chart);
std::string svg_chart(const CdfChart& chart);

//! The colour of a chart's i-th series (fan, layer, bar series, CDF, then references), in both
//! renderers: a colour-blind-safe palette of ten.
const char* series_colour(std::size_t i);

//! A value as an axis or tooltip shows it: "$200B", "40%", "2031", "12k".
std::string format_for(double value, Unit unit, int digits = 3);

//! What an output's or a key's values are, from its name: "_usd" money, "_year" a year, else a number.
Unit unit_of(std::string_view name);

//! The width in pixels the SVG layout reserves for `text` at `font_size` (a sans-serif font's
//! advance widths, on the wide side, as DejaVu Sans draws them).
double svg_text_width(std::string_view text, double font_size);

}  // namespace fabcast::report
