#pragma once
// What the two chart renderers (chart_vega.cpp, chart_svg.cpp) share beyond the palette: the
// floor a log axis draws zero at, the legend's entries in order, and the labels derived from the
// data. Internal to report/.

#include "report/charts.hpp"

#include <string>
#include <vector>

namespace fabcast::report::detail {

//! The colour of the line that names zero on a fan chart (not a series of the palette).
inline constexpr const char* ZERO_COLOUR = "#666666";
//! The colour of a seek's goal line.
inline constexpr const char* RULE_COLOUR = "#444444";

//! Where a log axis draws zero and below: the decade under the smallest positive value drawn
//! (strictly under it, so no drawn value sits on it); 1 when there is none.
double log_floor(const Chart& chart);
double log_floor(const CdfChart& chart);

//! True when the fan has quantiles besides its median (else it is a line).
bool has_band(const Fan& fan);

//! True when the chart names zero: it has a zero_label and some fan's p5 is at or below zero.
bool shows_zero(const Chart& chart);
//! The legend's name for zero ("0: none operating yet"; on a log axis, the floor it is drawn at).
std::string zero_text(const Chart& chart);
//! The share of samples at zero or below that a step's quantiles show: ">= 25%", or "< 5%".
std::string share_at_zero(const Fan& fan, std::size_t step);

//! A point's x as a tooltip names it: its step ("2031Q2") or its value.
std::string step_text(const Chart& chart, std::size_t point);
//! What a tooltip calls x: "quarter", "year" or the x title.
std::string step_title(const Chart& chart);

//! The legend entry of a CDF: its label with the mass at zero and "never" ("(at 0: 12%; never: 30%)").
std::string cdf_label(const Cdf& cdf);

//! A kind of legend entry, as the SVG draws its swatch.
enum class Swatch { fill, line, dashed };
struct LegendEntry {
  std::string label;
  std::string colour;
  Swatch swatch = Swatch::fill;
};
//! The legend of a chart in order: fans or layers, references, then zero; each colour as both
//! renderers draw it.
std::vector<LegendEntry> legend_of(const Chart& chart);
std::vector<LegendEntry> legend_of(const CdfChart& chart);

}  // namespace fabcast::report::detail
