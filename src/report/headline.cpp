#include "report/headline.hpp"

#include "core/number_format.hpp"
#include "data/library.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace fabcast::report {
namespace {

using Json = nlohmann::ordered_json;

const Json* find(const Json& j, const std::string& key) {
  const auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

// The index of the last step of `year` ("2030Q4"), or -1.
int last_step_of(const Json& steps, int year) {
  int at = -1;
  const auto prefix = std::to_string(year);
  for (std::size_t i = 0; i < steps.size(); ++i)
    if (steps[i].get<std::string>().rfind(prefix, 0) == 0) at = static_cast<int>(i);
  return at;
}

std::optional<double> number(const Json* j) {
  if (!j || !j->is_number()) return std::nullopt;
  return j->get<double>();
}

// median [p5, p95] of a series at a step, through `format`.
template <typename F>
std::optional<std::string> series_range(const Json& result, const std::string& name, int step, F format) {
  const auto* s = find(result.at("series"), name);
  if (!s || step < 0) return std::nullopt;
  const auto p50 = number(&s->at("p50").at(step)), p5 = number(&s->at("p5").at(step)),
             p95 = number(&s->at("p95").at(step));
  if (!p50 || !p5 || !p95) return std::nullopt;
  return fmt::format("{} [{}, {}]", format(*p50), format(*p5), format(*p95));
}

template <typename F>
std::optional<std::string> scalar_range(const Json& result, const std::string& name, F format) {
  const auto* s = find(result.at("scalars"), name);
  if (!s) return std::nullopt;
  const auto p50 = number(find(*s, "p50")), p5 = number(find(*s, "p5")), p95 = number(find(*s, "p95"));
  if (!p50 || !p5 || !p95) return std::nullopt;
  return fmt::format("{} [{}, {}]", format(*p50), format(*p5), format(*p95));
}

// The share of samples with a scalar above `x`, read from its CDF at every percent (to 1 %).
std::optional<double> share_above(const Json& result, const std::string& name, double x) {
  const auto* s = find(result.at("scalars"), name);
  const auto* cdf = s ? find(*s, "cdf") : nullptr;
  const auto* q = cdf ? find(*cdf, "quantiles") : nullptr;
  if (!q || !q->is_array() || q->size() < 2) return std::nullopt;
  std::size_t at_or_below = 0;
  for (const auto& v : *q)
    if (v.is_number() && v.get<double>() <= x) ++at_or_below;
  // The largest level whose quantile is at most x: the CDF at x, to the grid's step.
  if (at_or_below == 0) return 1.0;
  return 1.0 - static_cast<double>(at_or_below - 1) / static_cast<double>(q->size() - 1);
}

// The label with the largest mean share over the steps of a {label: [share per step]} table.
std::pair<std::string, double> dominant(const Json& table) {
  std::pair<std::string, double> best{"", -1};
  double total = 0;
  std::map<std::string, double> sums;
  for (const auto& [label, shares] : table.items()) {
    double sum = 0;
    for (const auto& v : shares)
      if (v.is_number()) sum += v.get<double>();
    sums[label] = sum;
    total += sum;
  }
  for (const auto& [label, sum] : sums)
    if (sum > best.second) best = {label, sum};
  if (total > 0) best.second /= total;
  return best;
}

std::string percent(double share) { return fmt::format("{:.0f} %", 100 * share); }
std::string usd(double x) { return core::format_usd(x, 3); }
std::string sig(double x) { return core::format_sig(x, 3); }

const char* constraint_words(const std::string& c) {
  static const std::map<std::string, const char*> words = {
      {"capital", "money (the budget is spent)"},
      {"execution", "execution (projects that fail or slip)"},
      {"workers", "skilled workers"},
      {"construction", "construction crews"},
      {"euv", "EUV tools"},
      {"equipment", "other fab equipment"},
      {"power", "grid power for fabs"},
      {"datacentres", "data-centre power for the chips (the program holds new fabs until its chips can be powered)"},
      {"none", "nothing (all that can be started has been)"}};
  const auto it = words.find(c);
  return it == words.end() ? c.c_str() : it->second;
}

}  // namespace

Headline headline(const Json& result, std::optional<double> pledge_usd) {
  Headline h;
  const auto& steps = result.at("steps");
  const auto& binding = result.at("binding");
  const int first_year = std::stoi(steps.front().get<std::string>().substr(0, 4));
  const int last_year = std::stoi(steps.back().get<std::string>().substr(0, 4));

  // Money: committed by year, and what stops more.
  std::vector<std::string> by_year;
  std::vector<int> years;
  for (const int year : {2030, 2035, last_year})
    if (year <= last_year && std::find(years.begin(), years.end(), year) == years.end()) years.push_back(year);
  for (const int year : years) {
    if (const auto r = series_range(result, "committed_cumulative_usd", last_step_of(steps, year), usd))
      by_year.push_back(fmt::format("{} by the end of {}", *r, year));
  }
  if (!by_year.empty()) {
    std::string money = pledge_usd ? fmt::format("Of the {} pledged, the program commits ", usd(*pledge_usd))
                                   : std::string("The program commits ");
    money += fmt::format("{} (median [p5, p95]).", fmt::join(by_year, ", "));
    if (const auto* c = find(binding, "constraints")) {
      const auto [what, share] = dominant(*c);
      if (!what.empty())
        money += fmt::format(" What most often stops more fabs from starting: {}, in {} of sample-quarters.",
                             constraint_words(what), percent(share));
    }
    h.findings.push_back(money);
  }
  // Chips: what limits output, and what limits chips in service.
  if (const auto* lim = find(binding, "limiting"); lim && !lim->empty()) {
    const auto [what, share] = dominant(*lim);
    std::string text =
        fmt::format("Accelerator output is limited most by {} supply ({} of the quarters that made chips)",
                    what == "hbm" ? "HBM memory" : what, percent(share));
    if (const auto* dep = find(binding, "deploy_limit"); dep && !dep->empty()) {
      const auto [d, dshare] = dominant(*dep);
      text += fmt::format("; chips in service are limited most by {} ({} of sample-quarters)",
                          d == "chips"   ? "the chips made"
                          : d == "power" ? "data-centre power"
                                         : d,
                          percent(dshare));
    }
    h.findings.push_back(text + ".");
  }
  // Compute, against the world's.
  {
    std::vector<std::string> parts;
    for (const int year : {2030, 2035}) {
      const auto flops = scalar_range(result, fmt::format("installed_flops_{}", year), sig);
      const auto share = series_range(result, "program_compute_share", last_step_of(steps, year), percent);
      if (flops)
        parts.push_back(fmt::format("{} FLOP/s in {}{}", *flops, year,
                                    share ? fmt::format(" ({} of the world's AI compute)", *share) : ""));
    }
    if (!parts.empty())
      h.findings.push_back(fmt::format("Installed AI compute of the program: {}.", fmt::join(parts, "; ")));
  }
  // Returns.
  if (const auto npv = scalar_range(result, "npv_usd", usd)) {
    std::string text = fmt::format("Net present value {}", *npv);
    if (const auto above = share_above(result, "npv_usd", 0))
      text += *above < 0.01 ? std::string("; positive in under 1 % of samples")
                            : fmt::format("; positive in about {} of samples", percent(*above));
    if (const auto* irr = find(result.at("scalars"), "irr")) {
      if (const auto share = number(find(*irr, "share_finite")); share && *share > 0) {
        text += fmt::format("; an IRR exists in {} of samples", percent(*share));
      } else {
        text += "; no sample has an IRR";
      }
    }
    h.findings.push_back(text + ".");
  }
  // Training runs within reach.
  if (const auto* runs = find(result, "training_runs"); runs && runs->is_object()) {
    std::vector<std::string> parts;
    for (const auto& [threshold, t] : runs->items()) {
      const auto& years = t.at("years");
      for (std::size_t i = 0; i < years.size(); ++i) {
        const int y = years[i].get<int>();
        if (y == 2030 || y == 2035) {
          parts.push_back(
              fmt::format("P({} FLOP by {}) = {:.2f}", threshold, y, t.at("probability").at(i).get<double>()));
        }
      }
    }
    if (!parts.empty())
      h.findings.push_back(
          fmt::format("The largest training run the program's chips allow: {}.", fmt::join(parts, ", ")));
  }

  // Caveats.
  if (const auto* s = find(result.at("scalars"), "modules_operating_2030")) {
    if (const auto* cdf = find(*s, "cdf")) {
      if (const auto zero = number(find(*cdf, "share_zero")); zero && *zero > 0)
        h.caveats.push_back(fmt::format("{} of samples have no module operating by 2030.", percent(*zero)));
    }
  }
  if (const auto added = scalar_range(result, "datacentre_added_gw", sig)) {
    const auto& lib = data::Library::builtin();
    const auto* us23 = lib.find("comparators.us_datacentre_power_gw_2023");
    const auto* us28 = lib.find("comparators.us_datacentre_power_gw_2028");
    if (us23 && us23->central && us28 && us28->central) {
      h.caveats.push_back(fmt::format(
          "The program orders {} GW of data-centre power, against {} GW drawn by all US data centres in 2023 and {} "
          "GW projected for 2028 (LBNL): the pace at which it can be built (compute.datacentre_gw_per_year_max) is "
          "a stated range, not a measurement (`fabcast sensitivity` shows how much the results rest on it).",
          *added, sig(*us23->central), sig(*us28->central)));
    }
  }
  if (const auto* c = find(binding, "constraints")) {
    std::vector<std::string> binding_now;
    for (const auto& [what, shares] : c->items()) {
      double peak = 0;
      for (const auto& v : shares)
        if (v.is_number()) peak = std::max(peak, v.get<double>());
      if (peak >= 0.1 && what != "none") binding_now.push_back(what);
    }
    if (!binding_now.empty())
      h.caveats.push_back(fmt::format(
          "Constraints that bind in at least a tenth of samples in some year: {}. Each rests on data whose ranges "
          "are listed under Inputs; those marked 'assumption' in `fabcast data list` are the model's, not measured.",
          fmt::join(binding_now, ", ")));
  }
  h.caveats.push_back(
      fmt::format("The run covers {} to {}; what the program does after is not counted.", first_year, last_year));
  return h;
}

std::string headline_text(const Headline& h) {
  auto wrap = [](const std::string& text) {
    std::string out, line = "  - ";
    std::size_t start = 0;
    while (start < text.size()) {
      auto end = text.find(' ', start);
      if (end == std::string::npos) end = text.size();
      const auto word = text.substr(start, end - start);
      if (line.size() + word.size() > 100 && line.size() > 4) {
        out += line + "\n";
        line = "    ";
      }
      line += word + " ";
      start = end + 1;
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    return out + line + "\n";
  };
  std::string out = "the answer\n";
  for (const auto& f : h.findings) out += wrap(f);
  out += "caveats\n";
  for (const auto& c : h.caveats) out += wrap(c);
  return out + "\n";
}

}  // namespace fabcast::report
