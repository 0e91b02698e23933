#include "report/charts.hpp"

#include "core/number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;

// A tornado's two ends.
constexpr const char* TORNADO_LOW = "input in its lowest tenth";
constexpr const char* TORNADO_HIGH = "input in its highest tenth";

// One colour per band or layer, colour-blind safe (Okabe-Ito).
constexpr std::array<const char*, 8> PALETTE = {"#0072B2", "#E69F00", "#009E73", "#D55E00",
                                                "#CC79A7", "#56B4E9", "#F0E442", "#999999"};

// "2031" or "2031Q2" as a time in years; anything else is not a step fabcast writes.
double step_time(const std::string& label) {
  int year = 0;
  const auto [end, ec] = std::from_chars(label.data(), label.data() + std::min<std::size_t>(label.size(), 4), year);
  const bool quarter = label.size() == 6 && label[4] == 'Q' && label[5] >= '1' && label[5] <= '4';
  if (ec != std::errc{} || end != label.data() + 4 || (label.size() != 4 && !quarter)) {
    throw std::invalid_argument(fmt::format("step '{}' is not a year or a quarter such as 2031 or 2031Q2", label));
  }
  return quarter ? year + (label[5] - '1') / 4.0 : year;
}

std::optional<double> value_at(const Json& v) {
  if (!v.is_number()) return std::nullopt;
  const double x = v.get<double>();
  return std::isfinite(x) ? std::optional<double>(x) : std::nullopt;
}

std::optional<Fan> fan_of(const Json& series, const std::string& name, const std::string& label, std::size_t steps) {
  if (!series.contains(name) || !series.at(name).contains("p50")) return std::nullopt;
  const auto& s = series.at(name);
  Fan f{label, {}, {}, {}, {}, {}};
  for (std::size_t t = 0; t < steps; ++t) {  // one value per step: the charts index them by step
    f.p5.push_back(value_at(s.at("p5").at(t)));
    f.p25.push_back(value_at(s.at("p25").at(t)));
    f.p50.push_back(value_at(s.at("p50").at(t)));
    f.p75.push_back(value_at(s.at("p75").at(t)));
    f.p95.push_back(value_at(s.at("p95").at(t)));
  }
  return f;
}

// A log axis cannot show zero: quantiles at or below zero sit at the chart's floor, a decade
// under the smallest positive value.
double log_floor(const Chart& c) {
  double low = std::numeric_limits<double>::infinity();
  for (const auto& f : c.fans) {
    for (const auto* q : {&f.p5, &f.p25, &f.p50, &f.p75, &f.p95}) {
      for (const auto& v : *q) {
        if (v && *v > 0) low = std::min(low, *v);
      }
    }
  }
  return std::isfinite(low) ? std::pow(10, std::floor(std::log10(low))) : 1;
}

}  // namespace

std::vector<Chart> report_charts(const Json& result) {
  std::vector<double> time;
  // Checked access (at) throughout: a stored result changed outside fabcast fails with an error
  // the command names the run by, not with undefined behaviour.
  for (const auto& label : result.at("steps")) time.push_back(step_time(label.get<std::string>()));
  const auto& series = result.at("series");
  std::vector<Chart> charts;
  auto fans = [&](const char* id, const char* title, const char* y, bool log,
                  std::vector<std::pair<std::string, std::string>> names) {
    Chart c{id, title, y, log, time, {}, {}};
    for (const auto& [name, label] : names) {
      if (auto f = fan_of(series, name, label, time.size())) c.fans.push_back(std::move(*f));
    }
    if (!c.fans.empty()) charts.push_back(std::move(c));
  };
  auto stacked = [&](const char* id, const char* title, const std::string& prefix) {
    Chart c{id, title, "share of samples", false, time, {}, {}};
    for (const auto& [name, s] : series.items()) {
      if (name.rfind(prefix, 0) != 0 || s.contains("p50")) continue;
      Layer l{name.substr(prefix.size()), {}};
      for (std::size_t t = 0; t < time.size(); ++t) l.share.push_back(value_at(s.at("mean").at(t)).value_or(0));
      c.layers.push_back(std::move(l));
    }
    if (!c.layers.empty()) charts.push_back(std::move(c));
  };
  fans("modules", "Modules operating, by kind", "modules", false,
       {{"modules_operating_logic", "logic"},
        {"modules_operating_packaging", "packaging"},
        {"modules_operating_memory", "memory (HBM)"}});
  fans("accelerators", "Accelerators produced per step", "accelerators", false, {{"accelerators", "accelerators"}});
  fans("flops", "Installed AI compute (log scale)", "FLOP/s", true, {{"installed_flops", "installed FLOP/s"}});
  fans("spend", "Cumulative capex against funding not yet committed", "USD", false,
       {{"capex_cumulative_usd", "capex paid (cumulative)"}, {"funding_unspent_usd", "funding not yet committed"}});
  fans("power", "Power drawn by the installed accelerators", "GW", false,
       {{"power_gw", "GW drawn"}, {"datacentre_power_gw", "data-centre power built (program.datacentres = build)"}});
  fans("market", "Price the program's accelerators fetch, over the list price", "x", false,
       {{"market_price_index", "price index"}});
  fans("compute_share", "The program's share of the world's installed AI compute", "share", false,
       {{"program_compute_share", "share"}});
  fans("capacity", "Leading-edge logic capacity", "wafer starts per month", false,
       {{"logic_capacity_wspm", "capacity"}});
  stacked("binding", "What stops new starts (share of samples per step)", "binding_");
  stacked("limiting", "What limits accelerator output (share of samples per step)", "limiting_");
  return charts;
}

Json vega_lite_spec(const Chart& c) {
  Json spec;
  spec["$schema"] = "https://vega.github.io/schema/vega-lite/v5.json";
  spec["title"] = c.title;
  spec["width"] = "container";
  spec["height"] = 260;
  Json values = Json::array();
  const bool years = c.x_title == "year";
  const Json x = {{"field", "year"},
                  {"type", "quantitative"},
                  {"title", c.x_title},
                  {"axis", {{"format", years ? "d" : "~s"}}},
                  {"scale", c.log_x ? Json{{"type", "log"}} : Json{{"nice", false}}}};
  if (!c.fans.empty()) {
    const double floor = c.log_y ? log_floor(c) : 0;
    auto cell = [&](const std::optional<double>& v) -> Json {
      if (!v) return nullptr;
      return c.log_y ? std::max(*v, floor) : *v;
    };
    for (const auto& f : c.fans) {
      for (std::size_t t = 0; t < c.time.size(); ++t) {
        values.push_back({{"year", c.time[t]},
                          {"series", f.label},
                          {"p5", cell(f.p5[t])},
                          {"p25", cell(f.p25[t])},
                          {"p50", cell(f.p50[t])},
                          {"p75", cell(f.p75[t])},
                          {"p95", cell(f.p95[t])}});
      }
    }
    Json y_scale = c.log_y ? Json{{"type", "log"}} : Json{{"zero", true}};
    // 7T, 12M rather than 7,000,000,000,000; past 1e15 SI prefixes (2Y for 2e24) read worse than 2e24.
    double largest = 0;
    for (const auto& f : c.fans) {
      for (const auto& v : f.p95) largest = std::max(largest, v ? std::abs(*v) : 0.0);
      for (const auto& v : f.p50) largest = std::max(largest, v ? std::abs(*v) : 0.0);
    }
    const Json y_axis = c.log_y || largest >= 1e15 ? Json{{"format", "~e"}} : Json{{"format", "~s"}};
    const Json color = {{"field", "series"},
                        {"type", "nominal"},
                        {"title", nullptr},
                        {"legend", {{"labelLimit", 320}}},
                        {"scale", {{"range", Json(std::vector<std::string>(PALETTE.begin(), PALETTE.end()))}}}};
    auto band = [&](const char* lo, const char* hi, double opacity) {
      return Json{
          {"mark", {{"type", "area"}, {"opacity", opacity}}},
          {"encoding",
           {{"x", x},
            {"y",
             {{"field", lo}, {"type", "quantitative"}, {"title", c.y_title}, {"scale", y_scale}, {"axis", y_axis}}},
            {"y2", {{"field", hi}}},
            {"color", color}}}};
    };
    spec["layer"] = Json::array(
        {band("p5", "p95", 0.18),
         band("p25", "p75", 0.35),
         {{"mark", {{"type", "line"}, {"strokeWidth", 2}, {"point", !years}}},
          {"encoding",
           {{"x", x},
            {"y",
             {{"field", "p50"}, {"type", "quantitative"}, {"title", c.y_title}, {"scale", y_scale}, {"axis", y_axis}}},
            {"color", color},
            {"tooltip", Json::array({{{"field", "series"}},
                                     {{"field", "year"}, {"title", c.x_title}, {"format", years ? ".2f" : ".4~g"}},
                                     {{"field", "p5"}, {"format", ".3~g"}},
                                     {{"field", "p50"}, {"format", ".3~g"}},
                                     {{"field", "p95"}, {"format", ".3~g"}}})}}}}});
    if (c.y_rule) {
      spec["layer"].push_back(
          {{"data", {{"values", Json::array({{{"y", *c.y_rule}, {"label", c.y_rule_label}}})}}},
           {"mark", {{"type", "rule"}, {"strokeDash", {6, 4}}, {"color", "#444"}}},
           {"encoding",
            {{"y", {{"field", "y"}, {"type", "quantitative"}}},
             {"tooltip", Json::array({{{"field", "label"}}, {{"field", "y"}, {"format", ".4~g"}}})}}}});
    }
    spec["description"] = "Median line; bands p25-p75 (dark) and p5-p95 (light).";
  } else {
    for (std::size_t i = 0; i < c.layers.size(); ++i) {
      for (std::size_t t = 0; t < c.time.size(); ++t) {
        values.push_back(
            {{"year", c.time[t]}, {"what", c.layers[i].label}, {"order", i}, {"share", c.layers[i].share[t]}});
      }
    }
    spec["mark"] = {{"type", "area"}, {"interpolate", "step-after"}};
    spec["encoding"] = {{"x", x},
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
                          {"scale", {{"range", Json(std::vector<std::string>(PALETTE.begin(), PALETTE.end()))}}}}},
                        {"order", {{"field", "order"}}},
                        {"tooltip", Json::array({{{"field", "what"}},
                                                 {{"field", "year"}, {"format", ".2f"}},
                                                 {{"field", "share"}, {"format", ".1%"}}})}};
  }
  spec["data"] = {{"values", values}};
  return spec;
}

std::string svg_chart(const Chart& c) {
  constexpr double W = 720, H = 320, L = 70, R = 150, T = 36, B = 40;
  const double pw = W - L - R, ph = H - T - B;
  // On a log x axis positions are the values' logarithms.
  auto xu = [&](double t) { return c.log_x ? std::log10(t) : t; };
  const double x0 = xu(c.time.front()), x1 = std::max(xu(c.time.back()), x0 + 1e-9);
  double y0 = 0, y1 = 1;
  const double floor = c.log_y ? log_floor(c) : 0;
  if (!c.fans.empty()) {
    y1 = 0;
    for (const auto& f : c.fans) {
      for (const auto& v : f.p95) {
        if (v) y1 = std::max(y1, *v);
      }
    }
    if (c.log_y) {
      y0 = std::log10(floor);
      y1 = std::max(y0 + 1, std::ceil(std::log10(std::max(y1, floor))));
    } else if (y1 <= 0) {
      y1 = 1;
    }
  }
  auto X = [&](double t) { return L + (xu(t) - x0) / (x1 - x0) * pw; };
  auto Y = [&](double v) {
    const double u = c.log_y ? std::log10(std::max(v, floor)) : v;
    return T + ph - (u - y0) / (y1 - y0) * ph;
  };
  std::string s = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" font-family="sans-serif" font-size="11">)"
      "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      W, H, W, H);
  s += fmt::format("<text x=\"{}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>\n", L, c.title);
  // Axes and ticks: whole years; else the points' own values (a sweep's grid).
  auto x_tick = [&](double t, const std::string& label) {
    s += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#ddd\"/><text x=\"{0:.1f}\" y=\"{3}\" "
        "text-anchor=\"middle\">{4}</text>\n",
        X(t), T, T + ph, T + ph + 16, label);
  };
  if (c.x_title == "year") {
    for (int year = static_cast<int>(std::ceil(x0)); year <= static_cast<int>(x1);
         year += std::max(1, static_cast<int>((x1 - x0) / 8))) {
      x_tick(year, std::to_string(year));
    }
  } else {
    const std::size_t every = std::max<std::size_t>(1, (c.time.size() + 7) / 8);
    for (std::size_t i = 0; i < c.time.size(); i += every) x_tick(c.time[i], core::format_sig(c.time[i], 3));
  }
  if (c.x_title != "year") {
    s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", L + pw / 2, H - 4, c.x_title);
  }
  // Ticks at round values: 1, 2 or 5 times a power of ten (linear), whole decades (log).
  double tick = 0.25;
  if (c.log_y) {
    tick = std::max(1.0, std::ceil((y1 - y0) / 8));
  } else if (c.layers.empty()) {
    const double raw = (y1 - y0) / 5, decade = std::pow(10, std::floor(std::log10(raw)));
    tick = decade * (raw <= decade ? 1 : raw <= 2 * decade ? 2 : raw <= 5 * decade ? 5 : 10);
    y1 = std::ceil(y1 / tick) * tick;
  }
  for (double u = y0; u <= y1 + 1e-9 * (y1 - y0); u += tick) {
    const double v = c.log_y ? std::pow(10, u) : u;
    const double py = Y(v);
    s += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ddd\"/><text x=\"{}\" y=\"{:.1f}\" "
        "text-anchor=\"end\">{}</text>\n",
        L, L + pw, py, py, L - 6, py + 4, c.layers.empty() ? core::format_sig(v, 3) : fmt::format("{:.0f}%", 100 * v));
  }
  s += fmt::format("<text transform=\"translate(14,{}) rotate(-90)\" text-anchor=\"middle\">{}</text>\n", T + ph / 2,
                   c.y_title);
  auto legend = [&](std::size_t i, const std::string& label) {
    const double ly = T + 14 + 18 * static_cast<double>(i);
    s += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>\n",
        L + pw + 12, ly - 10, PALETTE[i % PALETTE.size()], L + pw + 30, ly, label);
  };
  auto path_of = [&](const std::vector<std::pair<double, double>>& pts) {
    std::string d;
    for (std::size_t i = 0; i < pts.size(); ++i)
      d += fmt::format("{}{:.1f},{:.1f}", i ? " L" : "M", pts[i].first, pts[i].second);
    return d;
  };
  if (!c.fans.empty()) {
    for (std::size_t i = 0; i < c.fans.size(); ++i) {
      const auto& f = c.fans[i];
      const char* colour = PALETTE[i % PALETTE.size()];
      auto band = [&](const std::vector<std::optional<double>>& lo, const std::vector<std::optional<double>>& hi,
                      double opacity) {
        std::vector<std::pair<double, double>> pts;
        for (std::size_t t = 0; t < c.time.size(); ++t) {
          if (lo[t] && hi[t]) pts.emplace_back(X(c.time[t]), Y(*hi[t]));
        }
        for (std::size_t t = c.time.size(); t-- > 0;) {
          if (lo[t] && hi[t]) pts.emplace_back(X(c.time[t]), Y(*lo[t]));
        }
        if (!pts.empty())
          s += fmt::format("<path d=\"{} Z\" fill=\"{}\" fill-opacity=\"{}\"/>\n", path_of(pts), colour, opacity);
      };
      band(f.p5, f.p95, 0.18);
      band(f.p25, f.p75, 0.35);
      std::vector<std::pair<double, double>> line;
      for (std::size_t t = 0; t < c.time.size(); ++t) {
        if (f.p50[t]) line.emplace_back(X(c.time[t]), Y(*f.p50[t]));
      }
      if (!line.empty())
        s += fmt::format("<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"/>\n", path_of(line), colour);
      legend(i, f.label);
    }
  } else {
    std::vector<double> base(c.time.size(), 0);
    for (std::size_t i = 0; i < c.layers.size(); ++i) {
      std::vector<std::pair<double, double>> pts;
      std::vector<double> top(base);
      for (std::size_t t = 0; t < c.time.size(); ++t) top[t] += c.layers[i].share[t];
      for (std::size_t t = 0; t < c.time.size(); ++t) pts.emplace_back(X(c.time[t]), Y(top[t]));
      for (std::size_t t = c.time.size(); t-- > 0;) pts.emplace_back(X(c.time[t]), Y(base[t]));
      s += fmt::format("<path d=\"{} Z\" fill=\"{}\"/>\n", path_of(pts), PALETTE[i % PALETTE.size()]);
      legend(i, c.layers[i].label);
      base = top;
    }
  }
  if (c.y_rule) {
    s += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#444\" stroke-dasharray=\"6 4\"/><text "
        "x=\"{}\" "
        "y=\"{:.1f}\">{}</text>\n",
        L, L + pw, Y(*c.y_rule), Y(*c.y_rule), L + pw + 12, Y(*c.y_rule) + 4, c.y_rule_label);
  }
  s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888\"/>\n</svg>\n", L, T,
                   pw, ph);
  return s;
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
  const Json color = {{"field", "series"},
                      {"type", "nominal"},
                      {"title", nullptr},
                      {"scale", {{"range", Json(std::vector<std::string>(PALETTE.begin(), PALETTE.end()))}}}};
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
    tornado_color["scale"] = {{"domain", {TORNADO_LOW, TORNADO_HIGH}}, {"range", {PALETTE[2], PALETTE[3]}}};
    spec["layer"] = Json::array(
        {{{"mark", {{"type", "bar"}}},
          {"encoding",
           {{"y", y},
            {"x", {{"field", "lo"}, {"type", "quantitative"}, {"title", x_title}, {"axis", {{"format", "~s"}}}}},
            {"x2", {{"field", "hi"}}},
            {"color", tornado_color},
            {"tooltip", tooltip}}}}});
  } else {
    const Json offset = {{"field", "series"}};
    spec["layer"] = Json::array({{{"mark", {{"type", "bar"}}},
                                  {"encoding",
                                   {{"y", y},
                                    {"yOffset", offset},
                                    {"x", {{"field", "value"}, {"type", "quantitative"}, {"title", x_title}}},
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

std::string svg_chart(const BarChart& c) {
  const std::size_t ns = std::max<std::size_t>(1, c.series.size());
  const double row = c.range ? 18 : 12.0 * static_cast<double>(ns) + 6;
  constexpr double W = 760, L = 240, R = 150, T = 36, B = 40;
  const double pw = W - L - R, ph = row * static_cast<double>(c.labels.size());
  const double H = T + ph + B;
  double lo = c.reference.value_or(0), hi = c.reference.value_or(0);
  for (const auto& sr : c.series) {
    for (std::size_t i = 0; i < c.labels.size(); ++i) {
      for (double v : {sr.value[i], sr.lo[i], sr.hi[i]}) {
        if (std::isfinite(v)) {
          lo = std::min(lo, v);
          hi = std::max(hi, v);
        }
      }
    }
  }
  if (!(hi > lo)) hi = lo + 1;
  const double pad = 0.04 * (hi - lo);
  lo -= pad;
  hi += pad;
  auto X = [&](double v) { return L + (v - lo) / (hi - lo) * pw; };
  std::string s = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" font-family="sans-serif" font-size="11">)"
      "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      W, H, W, H);
  s += fmt::format("<text x=\"{}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>\n", 10, c.title);
  // Ticks at round values.
  const double raw = (hi - lo) / 6, decade = std::pow(10, std::floor(std::log10(raw)));
  const double tick = decade * (raw <= decade ? 1 : raw <= 2 * decade ? 2 : raw <= 5 * decade ? 5 : 10);
  for (double v = std::ceil(lo / tick) * tick; v <= hi; v += tick) {
    s += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#ddd\"/><text x=\"{0:.1f}\" y=\"{3}\" "
        "text-anchor=\"middle\">{4}</text>\n",
        X(v), T, T + ph, T + ph + 16, core::format_sig(std::abs(v) < 1e-12 * tick ? 0.0 : v, 3));
  }
  s += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n", L + pw / 2, H - 4, c.x_title);
  for (std::size_t i = 0; i < c.labels.size(); ++i) {
    const double top = T + row * static_cast<double>(i);
    s += fmt::format("<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n", L - 6, top + row / 2 + 4,
                     c.labels[i]);
    for (std::size_t si = 0; si < c.series.size(); ++si) {
      const auto& sr = c.series[si];
      const char* colour = PALETTE[si % PALETTE.size()];
      if (c.range) {
        // From the centre (else from one end) to each end, coloured by the end.
        const double centre = c.reference.value_or(sr.lo[i]);
        for (const auto& [end, k] : {std::pair{sr.lo[i], 0}, std::pair{sr.hi[i], 1}}) {
          if (!std::isfinite(end) || !std::isfinite(centre)) continue;
          const double a = X(std::min(centre, end)), b = X(std::max(centre, end));
          s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"/>\n", a,
                           top + 3, std::max(0.5, b - a), row - 6, PALETTE[static_cast<std::size_t>(k) + 2]);
        }
        continue;
      }
      if (!std::isfinite(sr.value[i])) continue;
      const double y = top + 3 + 12.0 * static_cast<double>(si);
      const double a = X(std::min(0.0, sr.value[i])), b = X(std::max(0.0, sr.value[i]));
      s += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"10\" fill=\"{}\"/>\n", a, y,
                       std::max(0.5, b - a), colour);
      if (std::isfinite(sr.lo[i]) && std::isfinite(sr.hi[i])) {
        s += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#222\"/>\n",
                         X(sr.lo[i]), X(sr.hi[i]), y + 5, y + 5);
      }
    }
  }
  if (c.reference) {
    s += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#444\" stroke-dasharray=\"6 4\"/>\n",
        X(*c.reference), T, T + ph);
  }
  std::vector<std::pair<std::string, const char*>> legend;
  if (c.range) {
    legend = {{"lowest tenth", PALETTE[2]}, {"highest tenth", PALETTE[3]}};
  } else {
    for (std::size_t si = 0; si < c.series.size(); ++si)
      legend.emplace_back(c.series[si].name, PALETTE[si % PALETTE.size()]);
  }
  for (std::size_t k = 0; k < legend.size(); ++k) {
    const double ly = T + 14 + 18 * static_cast<double>(k);
    s += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text>\n",
        L + pw + 12, ly - 10, legend[k].second, L + pw + 30, ly, legend[k].first);
  }
  s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888\"/>\n</svg>\n", L, T,
                   pw, ph);
  return s;
}

}  // namespace fabcast::report
