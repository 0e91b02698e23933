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
  const Json x = {{"field", "year"},
                  {"type", "quantitative"},
                  {"title", "year"},
                  {"axis", {{"format", "d"}}},
                  {"scale", {{"nice", false}}}};
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
    const Json y_axis =
        c.log_y ? Json{{"format", "~e"}} : Json{{"format", "~s"}};  // 7T, 12M rather than 7,000,000,000,000
    const Json color = {{"field", "series"},
                        {"type", "nominal"},
                        {"title", nullptr},
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
         {{"mark", {{"type", "line"}, {"strokeWidth", 2}}},
          {"encoding",
           {{"x", x},
            {"y",
             {{"field", "p50"}, {"type", "quantitative"}, {"title", c.y_title}, {"scale", y_scale}, {"axis", y_axis}}},
            {"color", color},
            {"tooltip", Json::array({{{"field", "series"}},
                                     {{"field", "year"}, {"format", ".2f"}},
                                     {{"field", "p5"}, {"format", ".3~g"}},
                                     {{"field", "p50"}, {"format", ".3~g"}},
                                     {{"field", "p95"}, {"format", ".3~g"}}})}}}}});
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
  const double x0 = c.time.front(), x1 = std::max(c.time.back(), x0 + 1e-9);
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
  auto X = [&](double t) { return L + (t - x0) / (x1 - x0) * pw; };
  auto Y = [&](double v) {
    const double u = c.log_y ? std::log10(std::max(v, floor)) : v;
    return T + ph - (u - y0) / (y1 - y0) * ph;
  };
  std::string s = fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" font-family="sans-serif" font-size="11">)"
      "\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n",
      W, H, W, H);
  s += fmt::format("<text x=\"{}\" y=\"20\" font-size=\"14\" font-weight=\"bold\">{}</text>\n", L, c.title);
  // Axes and ticks.
  for (int year = static_cast<int>(std::ceil(x0)); year <= static_cast<int>(x1);
       year += std::max(1, static_cast<int>((x1 - x0) / 8))) {
    s += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1}\" y2=\"{2}\" stroke=\"#ddd\"/><text x=\"{0:.1f}\" y=\"{3}\" "
        "text-anchor=\"middle\">{4}</text>\n",
        X(year), T, T + ph, T + ph + 16, year);
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
  s += fmt::format("<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#888\"/>\n</svg>\n", L, T,
                   pw, ph);
  return s;
}

}  // namespace fabcast::report
