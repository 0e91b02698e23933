// The charts as Vega-Lite v5 specs, data inline. Colours come from an explicit domain in the
// legend's order (Vega-Lite would otherwise sort the names and shift the colours away from the SVG
// renderer's); money axes read $200B, not 200G; tooltips name steps as the run does (2031Q2) and
// print values as the report does.

#include "report/chart_common.hpp"
#include "report/charts.hpp"

#include "core/number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;
using detail::legend_of;

// A tornado's two ends.
constexpr const char* TORNADO_LOW = "input in its lowest tenth";
constexpr const char* TORNADO_HIGH = "input in its highest tenth";

// Dollars as core::format_usd writes them: $35,290, $1.2M, $466.6B, $2.6T.
constexpr const char* USD_LABEL =
    "(datum.value < 0 ? '-' : '') + '$' + (abs(datum.value) >= 1e12 ? format(abs(datum.value) / 1e12, '.4~r') + 'T' "
    ": abs(datum.value) >= 1e9 ? format(abs(datum.value) / 1e9, '.4~r') + 'B' : abs(datum.value) >= 1e6 ? "
    "format(abs(datum.value) / 1e6, '.4~r') + 'M' : format(abs(datum.value), ',.4~r'))";

Json colour_scale(const std::vector<detail::LegendEntry>& legend) {
  Json domain = Json::array(), range = Json::array();
  for (const auto& e : legend) {
    domain.push_back(e.label);
    range.push_back(e.colour);
  }
  return {{"domain", domain}, {"range", range}};
}

// How a value axis reads: money in dollars with a scale word, shares in percent, years whole;
// on a log axis with a floor, the floor reads 0.
Json value_axis(Unit unit, bool log, std::optional<double> floor, double largest) {
  switch (unit) {
    case Unit::usd:
      return {{"labelExpr", USD_LABEL}};
    case Unit::share:
      return {{"format", "~%"}};
    case Unit::year:
      return {{"format", "d"}};
    case Unit::number:
      break;
  }
  // 7T, 12M rather than 7,000,000,000,000; past 1e15 SI prefixes (2Y for 2e24) read worse than 2e24.
  const char* format = log || largest >= 1e15 ? "~e" : "~s";
  if (floor) {
    return {{"labelExpr", fmt::format("datum.value <= {} ? '0' : format(datum.value, '{}')", *floor * 1.0001, format)}};
  }
  return {{"format", format}};
}

Json legend_at_bottom() {
  return {{"orient", "bottom"}, {"direction", "vertical"}, {"labelLimit", 0}, {"symbolOpacity", 1}};
}

// Whole decades from the floor to the top, for a log axis (Vega's default crowds 2e, 4e, 7e ...).
Json decades(double floor, double top) {
  Json values = Json::array();
  for (double u = std::log10(floor); u <= std::ceil(std::log10(std::max(top, floor))) + 1e-9; u += 1)
    values.push_back(std::pow(10, u));
  return values;
}

Json filter(const char* kind) { return Json::array({{{"filter", fmt::format("datum.kind === '{}'", kind)}}}); }

Json fan_spec(const Chart& c) {
  const bool years = c.x_title == "year";
  const auto legend = legend_of(c);
  const double floor = c.log_y ? detail::log_floor(c) : 0;
  const bool zero = detail::shows_zero(c);
  auto cell = [&](const std::optional<double>& v) -> Json {
    if (!v) return nullptr;
    return c.log_y ? std::max(*v, floor) : *v;
  };
  auto text = [&](const std::optional<double>& v) { return v ? format_for(*v, c.y_unit) : std::string("-"); };
  Json values = Json::array();
  double largest = 0;
  for (const auto& f : c.fans) {
    for (std::size_t t = 0; t < c.time.size(); ++t) {
      Json row = {{"kind", "fan"},
                  {"panel", f.label},
                  {"series", f.label},
                  {"x", c.time[t]},
                  {"step", detail::step_text(c, t)},
                  {"p5", cell(f.p5[t])},
                  {"p25", cell(f.p25[t])},
                  {"p50", cell(f.p50[t])},
                  {"p75", cell(f.p75[t])},
                  {"p95", cell(f.p95[t])},
                  {"median", text(f.p50[t])},
                  {"range", f.p5[t] || f.p95[t] ? fmt::format("{} to {}", text(f.p5[t]), text(f.p95[t])) : "-"}};
      if (zero) row["at_zero"] = detail::share_at_zero(f, t);
      values.push_back(std::move(row));
      for (const auto* v : {&f.p50[t], &f.p95[t]}) largest = std::max(largest, *v ? std::abs(**v) : 0.0);
    }
    if (zero) values.push_back({{"kind", "zero"}, {"panel", f.label}, {"series", detail::zero_text(c)}, {"y", floor}});
  }
  for (const auto& r : c.references) {
    for (std::size_t t = 0; t < c.time.size(); ++t) {
      if (!r.y[t]) continue;
      values.push_back({{"kind", "reference"},
                        {"panel", ""},
                        {"series", r.label},
                        {"x", c.time[t]},
                        {"step", detail::step_text(c, t)},
                        {"y", cell(r.y[t])},
                        {"value", text(r.y[t])}});
    }
  }
  if (c.y_rule) {
    values.push_back({{"kind", "rule"}, {"panel", ""}, {"series", c.y_rule_label}, {"y", *c.y_rule}});
  }
  const Json x = {{"field", "x"},
                  {"type", "quantitative"},
                  {"title", c.x_title},
                  {"axis", years ? Json{{"format", "d"}} : value_axis(c.x_unit, c.log_x, std::nullopt, 0)},
                  {"scale", c.log_x ? Json{{"type", "log"}} : Json{{"nice", false}}}};
  const Json y_scale = c.log_y ? Json{{"type", "log"}} : Json{{"zero", true}};
  Json y_axis = value_axis(c.y_unit, c.log_y, c.log_y ? std::optional<double>(floor) : std::nullopt, largest);
  if (c.log_y) y_axis["values"] = decades(floor, largest);
  auto y = [&](const char* field) {
    return Json{{"field", field}, {"type", "quantitative"}, {"title", c.y_title}, {"scale", y_scale}, {"axis", y_axis}};
  };
  const Json color = {{"field", "series"},
                      {"type", "nominal"},
                      {"title", nullptr},
                      {"scale", colour_scale(legend)},
                      {"legend", legend_at_bottom()}};
  const std::string step = detail::step_title(c);
  Json tooltip = Json::array({{{"field", "series"}, {"title", "series"}},
                              {{"field", "step"}, {"title", step}},
                              {{"field", "median"}, {"title", "median"}}});
  const bool bands = std::any_of(c.fans.begin(), c.fans.end(), detail::has_band);
  if (bands) tooltip.push_back({{"field", "range"}, {"title", "p5 to p95"}});
  if (zero) tooltip.push_back({{"field", "at_zero"}, {"title", "samples at 0"}});
  Json layers = Json::array();
  auto band = [&](const char* lo, const char* hi, double opacity) {
    layers.push_back({{"transform", filter("fan")},
                      {"mark", {{"type", "area"}, {"opacity", opacity}}},
                      {"encoding", {{"x", x}, {"y", y(lo)}, {"y2", {{"field", hi}}}, {"color", color}}}});
  };
  if (bands) {
    band("p5", "p95", 0.18);
    band("p25", "p75", 0.35);
  }
  layers.push_back({{"transform", filter("fan")},
                    {"mark", {{"type", "line"}, {"strokeWidth", 2}, {"point", !years}}},
                    {"encoding", {{"x", x}, {"y", y("p50")}, {"color", color}, {"tooltip", tooltip}}}});
  if (!c.references.empty()) {
    layers.push_back({{"transform", filter("reference")},
                      {"mark", {{"type", "line"}, {"strokeWidth", 1.5}, {"strokeDash", {6, 4}}}},
                      {"encoding",
                       {{"x", x},
                        {"y", y("y")},
                        {"color", color},
                        {"tooltip", Json::array({{{"field", "series"}, {"title", "reference"}},
                                                 {{"field", "step"}, {"title", step}},
                                                 {{"field", "value"}, {"title", "value"}}})}}}});
  }
  if (zero) {
    layers.push_back({{"transform", filter("zero")},
                      {"mark", {{"type", "rule"}, {"strokeWidth", 1.5}}},
                      {"encoding", {{"y", y("y")}, {"color", color}, {"tooltip", {{"field", "series"}}}}}});
  }
  if (c.y_rule) {
    layers.push_back({{"transform", filter("rule")},
                      {"mark", {{"type", "rule"}, {"strokeDash", {6, 4}}}},
                      {"encoding",
                       {{"y", y("y")},
                        {"color", color},
                        {"tooltip", Json::array({{{"field", "series"}}, {{"field", "y"}, {"format", ".4~g"}}})}}}});
  }
  Json spec;
  spec["$schema"] = "https://vega.github.io/schema/vega-lite/v5.json";
  spec["title"] = c.title;
  spec["description"] = bands ? "Median line; bands p25-p75 (dark) and p5-p95 (light)." : "Lines.";
  spec["data"] = {{"values", values}};
  if (c.facet) {
    // Small multiples: a panel per fan with its own y scale, so no band hides another.
    Json order = Json::array();
    for (const auto& f : c.fans) order.push_back(f.label);
    spec["facet"] = {{"field", "panel"}, {"type", "nominal"}, {"title", nullptr}, {"sort", order}};
    spec["columns"] = std::min<std::size_t>(3, c.fans.size());
    spec["spec"] = {{"width", 240}, {"height", 200}, {"layer", layers}};
    spec["resolve"] = {{"scale", {{"y", "independent"}}}};
  } else {
    spec["width"] = "container";
    spec["height"] = 260;
    spec["layer"] = layers;
  }
  return spec;
}

Json stacked_spec(const Chart& c) {
  const auto legend = legend_of(c);
  Json values = Json::array();
  for (std::size_t i = 0; i < c.layers.size(); ++i) {
    for (std::size_t t = 0; t < c.time.size(); ++t) {
      values.push_back({{"x", c.time[t]},
                        {"step", detail::step_text(c, t)},
                        {"what", c.layers[i].label},
                        {"order", i},
                        {"share", c.layers[i].share[t]},
                        {"share_text", format_for(c.layers[i].share[t], Unit::share)}});
    }
  }
  Json spec;
  spec["$schema"] = "https://vega.github.io/schema/vega-lite/v5.json";
  spec["title"] = c.title;
  spec["width"] = "container";
  spec["height"] = 260;
  spec["data"] = {{"values", values}};
  spec["mark"] = {{"type", "area"}, {"interpolate", "step-after"}};
  spec["encoding"] = {{"x",
                       {{"field", "x"},
                        {"type", "quantitative"},
                        {"title", c.x_title},
                        {"axis", {{"format", "d"}}},
                        {"scale", {{"nice", false}}}}},
                      {"y",
                       {{"field", "share"},
                        {"type", "quantitative"},
                        {"stack", "zero"},
                        {"title", c.y_title},
                        {"scale", {{"domain", {0, 1}}}},
                        {"axis", {{"format", "%"}}}}},
                      {"color",
                       {{"field", "what"},
                        {"type", "nominal"},
                        {"title", nullptr},
                        {"sort", nullptr},
                        {"scale", colour_scale(legend)},
                        {"legend", legend_at_bottom()}}},
                      {"order", {{"field", "order"}}},
                      {"tooltip", Json::array({{{"field", "what"}, {"title", "state"}},
                                               {{"field", "step"}, {"title", detail::step_title(c)}},
                                               {{"field", "share_text"}, {"title", "share of samples"}}})}};
  return spec;
}

}  // namespace

Json vega_lite_spec(const Chart& c) { return c.fans.empty() ? stacked_spec(c) : fan_spec(c); }

Json vega_lite_spec(const CdfChart& c) {
  const auto legend = legend_of(c);
  const double floor = c.log_x ? detail::log_floor(c) : 0;
  auto at = [&](double v) { return c.log_x ? std::max(v, floor) : v; };
  Json values = Json::array();
  double right = -INFINITY, largest = 0;
  for (const auto& cdf : c.cdfs) {
    for (const auto& v : cdf.quantiles) {
      if (v) {
        right = std::max(right, at(*v));
        largest = std::max(largest, std::abs(*v));
      }
    }
  }
  if (c.x_domain) right = std::max(right, c.x_domain->second);
  for (std::size_t k = 0; k < c.cdfs.size(); ++k) {
    const auto& cdf = c.cdfs[k];
    const std::string series = legend[k].label;
    std::optional<double> last;
    for (std::size_t i = 0; i < cdf.quantiles.size(); ++i) {
      const auto& v = cdf.quantiles[i];
      if (!v) continue;
      const double level = static_cast<double>(i) / static_cast<double>(cdf.quantiles.size() - 1);
      values.push_back({{"kind", "cdf"},
                        {"series", series},
                        {"x", at(*v)},
                        {"share", level},
                        {"value", format_for(*v, c.x_unit, 4)},
                        {"share_text", format_for(level, Unit::share)}});
      last = *v;
    }
    // The samples that never get a value: the curve stays at the share that do, to the right edge.
    if (cdf.share_never > 0 && last) {
      for (const double x : {at(*last), right}) {
        values.push_back({{"kind", "never"},
                          {"series", series},
                          {"x", x},
                          {"share", 1 - cdf.share_never},
                          {"share_text", format_for(cdf.share_never, Unit::share) + " " + cdf.never_label}});
      }
    }
  }
  Json x_axis = value_axis(c.x_unit, c.log_x, c.log_x ? std::optional<double>(floor) : std::nullopt, largest);
  x_axis["labelOverlap"] = true;
  x_axis["tickCount"] = 8;
  if (c.log_x) x_axis["values"] = decades(floor, largest);
  Json x_scale = c.log_x ? Json{{"type", "log"}} : Json{{"zero", false}};
  if (c.x_domain) {
    double lo = c.x_domain->first, hi = c.x_domain->second;
    for (const auto& row : values) {
      lo = std::min(lo, row["x"].get<double>());
      hi = std::max(hi, row["x"].get<double>());
    }
    x_scale["domain"] = {lo, hi};
    x_scale["nice"] = false;
  }
  const Json x = {{"field", "x"}, {"type", "quantitative"}, {"title", c.x_title}, {"scale", x_scale}, {"axis", x_axis}};
  const Json y = {{"field", "share"},
                  {"type", "quantitative"},
                  {"title", "share of samples at or below"},
                  {"scale", {{"domain", {0, 1}}}},
                  {"axis", {{"format", "%"}}}};
  const Json color = {{"field", "series"},
                      {"type", "nominal"},
                      {"title", nullptr},
                      {"scale", colour_scale(legend)},
                      {"legend", legend_at_bottom()}};
  Json spec;
  spec["$schema"] = "https://vega.github.io/schema/vega-lite/v5.json";
  spec["title"] = c.title;
  spec["description"] = "Share of samples at or below each value; a flat end short of 100% is the share never reached.";
  spec["width"] = "container";
  spec["height"] = 220;
  spec["data"] = {{"values", values}};
  spec["layer"] =
      Json::array({{{"transform", filter("cdf")},
                    {"mark", {{"type", "line"}, {"strokeWidth", 2}}},
                    {"encoding",
                     {{"x", x},
                      {"y", y},
                      {"color", color},
                      {"tooltip", Json::array({{{"field", "series"}, {"title", "output"}},
                                               {{"field", "value"}, {"title", "value"}},
                                               {{"field", "share_text"}, {"title", "samples at or below"}}})}}}},
                   {{"transform", filter("never")},
                    {"mark", {{"type", "line"}, {"strokeWidth", 2}, {"strokeDash", {4, 3}}}},
                    {"encoding",
                     {{"x", x},
                      {"y", y},
                      {"color", color},
                      {"tooltip", Json::array({{{"field", "series"}, {"title", "output"}},
                                               {{"field", "share_text"}, {"title", "samples"}}})}}}}});
  return spec;
}

Json vega_lite_spec(const BarChart& c) {
  Json values = Json::array();
  auto number = [](double x) -> Json { return std::isfinite(x) ? Json(x) : Json(nullptr); };
  for (std::size_t si = 0; si < c.series.size(); ++si) {
    const auto& sr = c.series[si];
    for (std::size_t i = 0; i < c.labels.size(); ++i) {
      if (c.range && c.reference) {
        // A tornado: a bar from the centre to each end, coloured by the end.
        for (const auto& [name, end] : {std::pair{TORNADO_LOW, sr.lo[i]}, std::pair{TORNADO_HIGH, sr.hi[i]}}) {
          values.push_back({{"label", c.labels[i]},
                            {"order", i},
                            {"series", name},
                            {"value", number(end)},
                            {"lo", number(*c.reference)},
                            {"hi", number(end)}});
        }
        continue;
      }
      values.push_back({{"label", c.labels[i]},
                        {"order", i},
                        {"series", sr.name},
                        {"value", number(sr.value[i])},
                        {"lo", number(sr.lo[i])},
                        {"hi", number(sr.hi[i])}});
    }
  }
  const Json y = {{"field", "label"}, {"type", "nominal"}, {"title", nullptr}, {"sort", {{"field", "order"}}}};
  std::vector<detail::LegendEntry> legend;
  for (std::size_t si = 0; si < c.series.size(); ++si) legend.push_back({c.series[si].name, series_colour(si)});
  const Json color = {{"field", "series"}, {"type", "nominal"}, {"title", nullptr}, {"scale", colour_scale(legend)}};
  const Json tooltip = Json::array({{{"field", "label"}},
                                    {{"field", "series"}},
                                    {{"field", "value"}, {"format", ".3~g"}},
                                    {{"field", "lo"}, {"format", ".3~g"}},
                                    {{"field", "hi"}, {"format", ".3~g"}}});
  Json spec;
  spec["$schema"] = "https://vega.github.io/schema/vega-lite/v5.json";
  spec["title"] = c.title;
  spec["width"] = "container";
  spec["height"] = {{"step", c.range ? 18 : 12 * static_cast<int>(std::max<std::size_t>(1, c.series.size())) + 6}};
  spec["data"] = {{"values", values}};
  const Json x_title = c.x_title;
  if (c.range) {
    Json tornado_color = color;
    tornado_color["scale"] = colour_scale({{TORNADO_LOW, series_colour(2)}, {TORNADO_HIGH, series_colour(3)}});
    spec["layer"] = Json::array({{{"mark", {{"type", "bar"}}},
                                  {"encoding",
                                   {{"y", y},
                                    {"x",
                                     {{"field", "lo"},
                                      {"type", "quantitative"},
                                      {"title", x_title},
                                      {"axis", value_axis(c.x_unit, false, std::nullopt, 0)}}},
                                    {"x2", {{"field", "hi"}}},
                                    {"color", tornado_color},
                                    {"tooltip", tooltip}}}}});
  } else {
    const Json offset = {{"field", "series"}};
    spec["layer"] = Json::array({{{"mark", {{"type", "bar"}}},
                                  {"encoding",
                                   {{"y", y},
                                    {"yOffset", offset},
                                    {"x",
                                     {{"field", "value"},
                                      {"type", "quantitative"},
                                      {"title", x_title},
                                      {"axis", value_axis(c.x_unit, false, std::nullopt, 0)}}},
                                    {"color", color},
                                    {"tooltip", tooltip}}}},
                                 {{"mark", {{"type", "rule"}, {"color", "#222"}}},
                                  {"encoding",
                                   {{"y", y},
                                    {"yOffset", offset},
                                    {"x", {{"field", "lo"}, {"type", "quantitative"}}},
                                    {"x2", {{"field", "hi"}}}}}}});
  }
  if (c.reference) {
    spec["layer"].push_back({{"data", {{"values", Json::array({{{"x", *c.reference}}})}}},
                             {"mark", {{"type", "rule"}, {"strokeDash", {6, 4}}, {"color", "#444"}}},
                             {"encoding", {{"x", {{"field", "x"}, {"type", "quantitative"}}}}}});
  }
  return spec;
}

}  // namespace fabcast::report
