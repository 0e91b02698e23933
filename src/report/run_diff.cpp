#include "report/run_diff.hpp"

#include "core/number_format.hpp"
#include "model/outputs.hpp"
#include "report/stored_scenario.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>
#include <map>

namespace fabcast::report {
namespace {

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

double number(const nlohmann::ordered_json& item, const char* key) {
  const auto it = item.find(key);
  return it != item.end() && it->is_number() ? it->get<double>() : NaN;
}

// Per-sample values of each kept output, by name.
std::map<std::string, const std::vector<double>*> kept(const store::StoredRun& run) {
  std::map<std::string, const std::vector<double>*> out;
  for (const auto& [name, values] : run.samples_by_output) out[name] = &values;
  return out;
}

std::string show(double x, const std::string& unit) {
  if (!std::isfinite(x)) return "-";
  return model::is_money(unit) ? core::format_usd(x) : core::format_sig(x, 4);
}

// A difference, signed: "+$1.2T", "-3.5".
std::string show_difference(double x, const std::string& unit) {
  if (!std::isfinite(x)) return "-";
  if (model::is_money(unit)) return (x > 0 ? "+" : "") + core::format_usd(x, 3);
  return (x > 0 ? "+" : "") + core::format_sig(x, 3);
}

}  // namespace

RunComparison compare_runs(const store::StoredRun& a, const store::StoredRun& b) {
  RunComparison c;
  const bool same_draws = a.seed == b.seed && a.samples == b.samples && a.sampling == b.sampling;
  const bool both_kept = !a.samples_by_output.empty() && !b.samples_by_output.empty();
  c.pairing = !same_draws ? Pairing::independent : both_kept ? Pairing::paired_samples : Pairing::paired_summaries;
  const auto ja = nlohmann::ordered_json::parse(a.result_json).at("scalars");
  const auto jb = nlohmann::ordered_json::parse(b.result_json).at("scalars");
  const bool wafers_a = stored_sells_wafers(a.scenario_text), wafers_b = stored_sells_wafers(b.scenario_text);
  const auto kept_a = kept(a), kept_b = kept(b);
  for (const auto& [name, sa] : ja.items()) {
    if (!jb.contains(name)) continue;
    const auto& sb = jb.at(name);
    OutputComparison o;
    o.name = name;
    o.unit_a = model::output_unit(name, wafers_a);
    o.unit_b = model::output_unit(name, wafers_b);
    o.median_a = number(sa, "p50");
    o.median_b = number(sb, "p50");
    const auto ka = kept_a.find(name), kb = kept_b.find(name);
    if (c.pairing == Pairing::paired_samples && ka != kept_a.end() && kb != kept_b.end() &&
        ka->second->size() == kb->second->size()) {
      // The per-sample differences: the same draws in both runs, so their spread is the noise of
      // the difference itself (Welford's mean and variance).
      double mean = 0, m2 = 0;
      for (std::size_t i = 0; i < ka->second->size(); ++i) {
        const double x = (*ka->second)[i], y = (*kb->second)[i];
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        const double d = y - x;
        ++o.pairs;
        const double delta = d - mean;
        mean += delta / static_cast<double>(o.pairs);
        m2 += delta * (d - mean);
      }
      o.mean_difference = o.pairs > 0 ? mean : NaN;
      o.se = o.pairs > 1 ? std::sqrt(m2 / static_cast<double>(o.pairs - 1) / static_cast<double>(o.pairs)) : NaN;
    } else {
      o.mean_difference = number(sb, "mean") - number(sa, "mean");
      o.se = std::hypot(number(sa, "se"), number(sb, "se"));
    }
    o.z = o.se > 0 ? o.mean_difference / o.se : o.mean_difference == 0 ? 0 : NaN;
    c.outputs.push_back(std::move(o));
  }
  return c;
}

std::string comparison_text(const RunComparison& c, const store::StoredRun& a, const store::StoredRun& b) {
  std::string out;
  switch (c.pairing) {
    case Pairing::independent:
      out += fmt::format(
          "noise: the runs drew independent samples ({}), so the difference of their means has standard error "
          "sqrt(se1^2 + se2^2); a difference of {:g} of those or more (about a 5 % chance for one output that did "
          "not change) is beyond noise\n",
          a.seed != b.seed ? fmt::format("seeds {} and {}", a.seed, b.seed)
                           : fmt::format("{} and {} samples", a.samples, b.samples),
          NOISE_Z);
      break;
    case Pairing::paired_summaries:
      out += fmt::format(
          "paired: both runs drew with seed {} and {} samples ({}), common random numbers: each sample met the same "
          "draws in both, so a difference is mostly the change, not noise. Only each run's own standard error is "
          "stored, so the noise judged is the unpaired sqrt(se1^2 + se2^2), which overstates it: a difference beyond "
          "it is real, one within it may be too (runs stored with --keep-samples are compared sample by sample)\n",
          a.seed, a.samples, a.sampling);
      break;
    case Pairing::paired_samples:
      out += fmt::format(
          "paired, sample by sample: both runs drew with seed {} and {} samples ({}) and kept them, so each "
          "difference is the mean of the per-sample differences, with its 95 % interval (+- 1.96 se of those); "
          "{:g} se or more is beyond noise\n",
          a.seed, a.samples, a.sampling, NOISE_Z);
      break;
  }
  const char* judged =
      c.pairing == Pairing::paired_samples ? "mean of the per-sample differences" : "difference of the means";
  out += fmt::format("\nkey outputs: medians, how they moved, and the {} against noise\n", judged);
  out += fmt::format("  {:<38} {:<16} {:>12} {:>12} {:>9}   {}\n", "output", "unit", "run " + std::to_string(a.id),
                     "run " + std::to_string(b.id), "change", "noise");
  for (const auto& o : c.outputs) {
    const bool year = o.unit_a == "year";
    std::string change, noise;
    if (o.unit_a != o.unit_b) {
      change = "-";
      noise = fmt::format("not compared: {} in one run, {} in the other", o.unit_a, o.unit_b);
    } else {
      if (o.median_a == o.median_b) {
        change = "=";
      } else if (std::isfinite(o.median_a) && std::isfinite(o.median_b)) {
        change = year              ? fmt::format("{:+g} y", o.median_b - o.median_a)
                 : o.median_a != 0 ? fmt::format("{:+.1f}%", 100 * (o.median_b - o.median_a) / std::abs(o.median_a))
                                   : show_difference(o.median_b - o.median_a, o.unit_a);
      }
      if (o.mean_difference == 0) {
        noise = "no difference";
      } else if (std::isnan(o.mean_difference)) {
        noise = "- (not finite in every sample)";
      } else if (!(o.se > 0)) {
        noise = "beyond noise (no sampling noise: every sample moved by the same)";
      } else {
        const bool beyond = std::abs(o.z) >= NOISE_Z;
        const std::string size = fmt::format("{:.1f} se", std::abs(o.z));
        if (c.pairing == Pairing::paired_samples) {
          noise = fmt::format("{} [{}, {}]: {}, {}{}", show_difference(o.mean_difference, o.unit_a),
                              show_difference(o.mean_difference - 1.96 * o.se, o.unit_a),
                              show_difference(o.mean_difference + 1.96 * o.se, o.unit_a), size,
                              beyond ? "beyond noise" : "within noise",
                              o.pairs < a.samples ? fmt::format(" (the {} samples finite in both)", o.pairs) : "");
        } else if (c.pairing == Pairing::paired_summaries) {
          noise = fmt::format("{} unpaired: {}", size, beyond ? "beyond noise" : "within unpaired noise");
        } else {
          noise = fmt::format("{}: {}", size, beyond ? "beyond noise" : "within noise");
        }
      }
    }
    out += fmt::format("  {:<38} {:<16} {:>12} {:>12} {:>9}   {}\n", o.name, o.unit_a, show(o.median_a, o.unit_a),
                       show(o.median_b, o.unit_b), change, noise);
  }
  if (c.pairing != Pairing::paired_samples && !c.outputs.empty()) {
    out += fmt::format(
        "({} outputs compared: even with no change, about one in 20 shows {:g} se or more by chance; the medians' "
        "change is shown for reading, the noise is judged on the means)\n",
        c.outputs.size(), NOISE_Z);
  }
  return out;
}

}  // namespace fabcast::report
