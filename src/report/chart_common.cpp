#include "report/chart_common.hpp"

#include "core/number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fabcast::report::detail {
namespace {

double floor_under(double low) {
  // 10^(ceil(log10 low) - 1) is a power of ten strictly under low: 1e16 for 1e17, 1e17 for 3e17.
  return std::isfinite(low) ? std::pow(10, std::ceil(std::log10(low)) - 1) : 1;
}

}  // namespace

double log_floor(const Chart& c) {
  double low = std::numeric_limits<double>::infinity();
  for (const auto& f : c.fans) {
    for (const auto* q : {&f.p5, &f.p25, &f.p50, &f.p75, &f.p95}) {
      for (const auto& v : *q) {
        if (v && *v > 0) low = std::min(low, *v);
      }
    }
  }
  for (const auto& r : c.references) {
    for (const auto& v : r.y) {
      if (v && *v > 0) low = std::min(low, *v);
    }
  }
  return floor_under(low);
}

double log_floor(const CdfChart& c) {
  double low = std::numeric_limits<double>::infinity();
  for (const auto& cdf : c.cdfs) {
    for (const auto& v : cdf.quantiles) {
      if (v && *v > 0) low = std::min(low, *v);
    }
  }
  return floor_under(low);
}

bool has_band(const Fan& f) {
  auto any = [](const std::vector<std::optional<double>>& q) {
    return std::any_of(q.begin(), q.end(), [](const auto& v) { return v.has_value(); });
  };
  return any(f.p5) || any(f.p95);
}

bool shows_zero(const Chart& c) {
  if (c.zero_label.empty()) return false;
  return std::any_of(c.fans.begin(), c.fans.end(), [](const Fan& f) {
    return std::any_of(f.p5.begin(), f.p5.end(), [](const auto& v) { return v && *v <= 0; });
  });
}

std::string zero_text(const Chart& c) {
  return c.log_y ? fmt::format("0, drawn at the floor: {} (a band down to it: that share of samples)", c.zero_label)
                 : fmt::format("0: {} (a band down to it: that share of samples)", c.zero_label);
}

std::string share_at_zero(const Fan& f, std::size_t t) {
  auto at_zero = [&](const std::vector<std::optional<double>>& q) { return q[t] && *q[t] <= 0; };
  if (at_zero(f.p95)) return ">= 95%";
  if (at_zero(f.p75)) return ">= 75%";
  if (at_zero(f.p50)) return ">= 50%";
  if (at_zero(f.p25)) return ">= 25%";
  if (at_zero(f.p5)) return ">= 5%";
  return "< 5%";
}

std::string step_text(const Chart& c, std::size_t i) {
  if (i < c.time_labels.size()) return c.time_labels[i];
  return c.x_title == "year" ? format_for(c.time[i], Unit::year) : core::format_sig(c.time[i], 4);
}

std::string step_title(const Chart& c) {
  if (c.x_title != "year") return c.x_title;
  const bool quarters = std::any_of(c.time_labels.begin(), c.time_labels.end(),
                                    [](const std::string& label) { return label.size() == 6; });
  return quarters ? "quarter" : "year";
}

std::string cdf_label(const Cdf& c) {
  std::vector<std::string> notes;
  auto percent = [](double share) { return core::format_sig(100 * share, 2) + "%"; };
  if (c.share_zero > 0) notes.push_back("at 0: " + percent(c.share_zero));
  if (c.share_never > 0) notes.push_back(c.never_label + ": " + percent(c.share_never));
  return notes.empty() ? c.label : fmt::format("{} ({})", c.label, fmt::join(notes, "; "));
}

std::vector<LegendEntry> legend_of(const Chart& c) {
  std::vector<LegendEntry> out;
  std::size_t i = 0;
  for (const auto& f : c.fans) out.push_back({f.label, series_colour(i++), has_band(f) ? Swatch::fill : Swatch::line});
  for (const auto& l : c.layers) out.push_back({l.label, series_colour(i++), Swatch::fill});
  for (const auto& r : c.references) out.push_back({r.label, series_colour(i++), Swatch::dashed});
  if (shows_zero(c)) out.push_back({zero_text(c), ZERO_COLOUR, Swatch::line});
  if (c.y_rule) out.push_back({c.y_rule_label, RULE_COLOUR, Swatch::dashed});
  return out;
}

std::vector<LegendEntry> legend_of(const CdfChart& c) {
  std::vector<LegendEntry> out;
  for (std::size_t i = 0; i < c.cdfs.size(); ++i) out.push_back({cdf_label(c.cdfs[i]), series_colour(i), Swatch::line});
  return out;
}

}  // namespace fabcast::report::detail
