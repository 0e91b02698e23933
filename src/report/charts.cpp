// The run report's charts from its result JSON, and what both renderers share: the palette, how
// numbers read on an axis, and the width text takes.

#include "report/charts.hpp"

#include "core/number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;

// One colour per series, colour-blind safe (Okabe-Ito, then Tol's indigo and wine for charts of
// nine or ten series, as the binding constraints are): the only palette either renderer uses.
constexpr std::array<const char*, 10> PALETTE = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7",
                                                 "#56B4E9", "#F0E442", "#999999", "#332288", "#882255"};

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

// What each layer of the stacked charts stands for, where its name alone does not say.
std::string layer_label(const std::string& prefix, const std::string& name) {
  // starts.cpp: `none` binds when nothing is left to start: the whole budget has arrived and is
  // committed (the program is done), or the policy's logic-module target is met.
  if (prefix == "binding_" && name == "none") return "nothing left to start (budget all committed, or target met)";
  if (prefix == "binding_" && name == "datacentres") return "datacentres (starts held for power)";
  if (prefix == "limiting_" && name == "hbm") return "HBM";
  return name;
}

}  // namespace

const char* series_colour(std::size_t i) { return PALETTE[i % PALETTE.size()]; }

std::string format_for(double value, Unit unit, int digits) {
  if (!std::isfinite(value)) return value > 0 ? "inf" : value < 0 ? "-inf" : "-";
  switch (unit) {
    case Unit::usd:
      return core::format_usd(value, digits);
    case Unit::share:
      return core::format_sig(100 * value, digits) + "%";
    case Unit::year: {
      // A step's start: 2031 for a whole year, 2031Q2 a quarter in; else the year to a decimal.
      const double quarters = std::round(value * 4);
      if (std::fabs(value * 4 - quarters) < 1e-6) {
        const auto q = static_cast<long long>(quarters);
        const long long year = q >= 0 ? q / 4 : -((-q + 3) / 4);
        return q - 4 * year == 0 ? std::to_string(year) : fmt::format("{}Q{}", year, q - 4 * year + 1);
      }
      return core::format_sig(value, 5);
    }
    case Unit::number:
      break;
  }
  return core::format_sig(value, digits);
}

Unit unit_of(std::string_view name) {
  if (name.ends_with("_usd")) return Unit::usd;
  if (name.ends_with("_year") || name.starts_with("first_year_") || name.starts_with("first_binding_year_"))
    return Unit::year;
  return Unit::number;
}

double svg_text_width(std::string_view text, double font_size) {
  // DejaVu Sans advance widths in 1/2048 em for ASCII 32..126 (Debian's default sans-serif, wider
  // than Helvetica or Arial); any other character as a wide letter.
  static constexpr std::array<int, 95> ADVANCE = {
      651,  821,  942,  1716, 1303, 1946, 1597, 563,  799,  799,  1024, 1716, 651,  739,  651,  690,  1303, 1303, 1303,
      1303, 1303, 1303, 1303, 1303, 1303, 1303, 690,  690,  1716, 1716, 1716, 1087, 2048, 1401, 1405, 1430, 1577, 1294,
      1178, 1587, 1540, 604,  604,  1343, 1141, 1767, 1532, 1612, 1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403,
      1251, 1403, 799,  690,  799,  1716, 1024, 1024, 1255, 1300, 1126, 1300, 1260, 721,  1300, 1298, 569,  569,  1186,
      569,  1995, 1298, 1253, 1300, 1300, 842,  1067, 803,  1298, 1212, 1675, 1212, 1212, 1075, 1303, 690,  1303, 1716};
  double units = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 32 && c < 127) {
      units += ADVANCE[c - 32];
    } else if ((c & 0xC0) != 0x80) {  // the first byte of a UTF-8 sequence: one character
      units += 1700;
    }
  }
  return units / 2048 * font_size;
}

std::vector<Chart> report_charts(const Json& result, const WorldFigures& world) {
  std::vector<double> time;
  std::vector<std::string> labels;
  // Checked access (at) throughout: a stored result changed outside fabcast fails with an error
  // the command names the run by, not with undefined behaviour.
  for (const auto& label : result.at("steps")) {
    labels.push_back(label.get<std::string>());
    time.push_back(step_time(labels.back()));
  }
  // A step is a quarter or a year: per-step series are titled by it.
  const auto& run = result.at("run");
  const bool quarterly = run.contains("step_years") ? run.at("step_years").get<double>() < 1
                                                    : !labels.empty() && labels.front().size() == 6;
  const std::string step = quarterly ? "quarter" : "year";
  const auto& series = result.at("series");
  std::vector<Chart> charts;
  auto make = [&](const char* id, std::string title, std::string y, Unit unit) {
    Chart c;
    c.id = id;
    c.title = std::move(title);
    c.y_title = std::move(y);
    c.time = time;
    c.time_labels = labels;
    c.y_unit = unit;
    return c;
  };
  auto add_fans = [&](Chart& c, const std::vector<std::pair<std::string, std::string>>& names) {
    for (const auto& [name, label] : names) {
      if (auto f = fan_of(series, name, label, time.size())) c.fans.push_back(std::move(*f));
    }
  };
  // A series' median per step, scaled, as a reference line.
  auto median_of = [&](const std::string& name, double scale) -> std::optional<std::vector<std::optional<double>>> {
    auto f = fan_of(series, name, name, time.size());
    if (!f) return std::nullopt;
    for (auto& v : f->p50) {
      if (v) *v *= scale;
    }
    return f->p50;
  };
  auto keep = [&](Chart&& c) {
    if (!c.fans.empty()) charts.push_back(std::move(c));
  };

  {
    auto c = make("modules", "Modules operating, by kind (one panel each)", "modules", Unit::number);
    add_fans(c, {{"modules_operating_logic", "logic"},
                 {"modules_operating_packaging", "packaging"},
                 {"modules_operating_memory", "memory (HBM)"}});
    c.facet = c.fans.size() > 1;
    c.zero_label = "none operating yet";
    keep(std::move(c));
  }
  {
    auto c = make("accelerators", fmt::format("Accelerators made per {}", step), fmt::format("accelerators a {}", step),
                  Unit::number);
    add_fans(c, {{"accelerators", fmt::format("accelerators made in the {}", step)}});
    c.zero_label = "no output yet";
    keep(std::move(c));
  }
  {
    auto c = make("flops", "Installed AI compute (log scale)", "FLOP/s", Unit::number);
    c.log_y = true;
    add_fans(c, {{"installed_flops", "the program's installed FLOP/s"}});
    if (world.h100_flops) {
      if (auto w = median_of("world_installed_h100e", *world.h100_flops)) {
        c.references.push_back({fmt::format("the world's installed AI compute without the program (median; an "
                                            "H100-equivalent at {} FLOP/s)",
                                            core::format_sig(*world.h100_flops, 3)),
                                std::move(*w)});
      }
    }
    c.zero_label = "no compute installed yet";
    keep(std::move(c));
  }
  {
    auto c = make("spend", "Cumulative capex against funding not yet committed", "USD", Unit::usd);
    add_fans(
        c, {{"capex_cumulative_usd", "capex paid (cumulative)"}, {"funding_unspent_usd", "funding not yet committed"}});
    keep(std::move(c));
  }
  {
    auto c = make("power", "Power drawn by the installed accelerators", "GW", Unit::number);
    add_fans(c, {{"power_gw", "GW drawn"},
                 {"datacentre_power_gw", "data-centre power built (program.datacentres = build)"}});
    for (const auto& level : world.power_gw) {
      Reference r{level.label, {}};
      for (const double t : time) {
        r.y.push_back(!level.from_time || t >= *level.from_time - 1e-9 ? std::optional<double>(level.value)
                                                                       : std::nullopt);
      }
      c.references.push_back(std::move(r));
    }
    c.zero_label = "no chips in service yet";
    keep(std::move(c));
  }
  {
    auto c = make("market", fmt::format("Price the program's accelerators fetch in the {}, over the list price", step),
                  "x list price", Unit::number);
    add_fans(c, {{"market_price_index", "price index"}});
    keep(std::move(c));
  }
  {
    auto c = make("compute_share", "The program's share of the world's installed AI compute", "share", Unit::share);
    add_fans(c, {{"program_compute_share", "share"}});
    keep(std::move(c));
  }
  {
    auto c = make("capacity", "Leading-edge logic capacity", "wafer starts per month", Unit::number);
    add_fans(c, {{"logic_capacity_wspm", "the program's capacity"}});
    if (auto w = median_of("world_leading_edge_wspm", 1)) {
      c.references.push_back({"the world's capacity at 7 nm and below, without the program (median)", std::move(*w)});
    }
    keep(std::move(c));
  }
  auto stacked = [&](const char* id, std::string title, const std::string& prefix, const char* rest) {
    auto c = make(id, std::move(title), "share of samples", Unit::share);
    for (const auto& [name, s] : series.items()) {
      if (name.rfind(prefix, 0) != 0 || s.contains("p50")) continue;
      Layer l{layer_label(prefix, name.substr(prefix.size())), {}};
      for (std::size_t t = 0; t < time.size(); ++t) l.share.push_back(value_at(s.at("mean").at(t)).value_or(0));
      c.layers.push_back(std::move(l));
    }
    if (c.layers.empty()) return;
    // Shares that sum to less than 1: the samples in none of the states, named.
    if (rest) {
      Layer l{rest, {}};
      double most = 0;
      for (std::size_t t = 0; t < time.size(); ++t) {
        double sum = 0;
        for (const auto& layer : c.layers) sum += layer.share[t];
        l.share.push_back(std::max(0.0, 1 - sum));
        most = std::max(most, l.share.back());
      }
      if (most > 1e-9) c.layers.push_back(std::move(l));
    }
    charts.push_back(std::move(c));
  };
  stacked("binding", fmt::format("What stops new starts (share of samples each {})", step), "binding_", nullptr);
  stacked("limiting", fmt::format("What limits accelerator output (share of samples each {})", step), "limiting_",
          "nothing made in the step (no dies, package slots or HBM stacks)");
  return charts;
}

std::optional<Cdf> scalar_cdf(const Json& result, const std::string& name, const std::string& label) {
  const auto& scalars = result.at("scalars");
  if (!scalars.contains(name) || !scalars.at(name).contains("cdf")) return std::nullopt;
  const auto& cdf = scalars.at(name).at("cdf");
  Cdf c;
  c.label = label;
  for (const auto& q : cdf.at("quantiles")) c.quantiles.push_back(value_at(q));
  if (c.quantiles.size() != 101) {
    throw std::invalid_argument(fmt::format("scalar {}: a CDF of {} points, not 101", name, c.quantiles.size()));
  }
  c.share_zero = cdf.at("share_zero").get<double>();
  c.share_never = cdf.at("share_nonfinite").get<double>();
  return c;
}

}  // namespace fabcast::report
