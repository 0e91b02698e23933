#include "analysis/seek.hpp"

#include "core/json_number.hpp"

#include "analysis/study.hpp"
#include "core/errors.hpp"
#include "core/expression.hpp"
#include "core/number_format.hpp"
#include "core/quantiles.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <regex>

namespace fabcast::analysis {
namespace {

constexpr const char* TARGET_FORMS =
    "P(OUTPUT >= X) >= P, pNN(OUTPUT) >= X, median(OUTPUT) >= X or mean(OUTPUT) >= X (any of >=, >, <=, <)";

Compare parse_compare(const std::string& op) {
  if (op == ">=") return Compare::at_least;
  if (op == ">") return Compare::above;
  if (op == "<=") return Compare::at_most;
  return Compare::below;
}

}  // namespace

bool compares(double x, Compare c, double y) {
  switch (c) {
    case Compare::at_least:
      return x >= y;
    case Compare::above:
      return x > y;
    case Compare::at_most:
      return x <= y;
    case Compare::below:
      return x < y;
  }
  return false;
}

std::string_view to_string(Compare c) noexcept {
  switch (c) {
    case Compare::at_least:
      return ">=";
    case Compare::above:
      return ">";
    case Compare::at_most:
      return "<=";
    case Compare::below:
      return "<";
  }
  return "?";
}

namespace {

double target_number(const std::string& text, const std::string& what, const std::string& target,
                     std::string_view label) {
  const auto v = core::parse_number(text);
  if (!v || std::isnan(*v)) {
    throw InputError(
        fmt::format("{} \"{}\": {} must be a number (1e24, 2.5T, 80%), got '{}'", label, target, what, text));
  }
  return *v;
}

// The key's value at a fraction of the range, rounded to 12 significant digits as a sweep's are.
double at_fraction(const SeekRequest& r, double f) {
  const double v = r.log ? r.lo * std::pow(r.hi / r.lo, f) : r.lo + (r.hi - r.lo) * f;
  return std::stod(fmt::format("{:.12g}", v));
}

std::string value_text(double v) { return fmt::format("{}", v); }

// A point's distance along the range, 0 at lo and 1 at hi (on the log scale with `log`).
double fraction_of(const SeekRequest& r, double v) {
  return r.log ? std::log(v / r.lo) / std::log(r.hi / r.lo) : (v - r.lo) / (r.hi - r.lo);
}

}  // namespace

SeekTarget parse_seek_target(const std::string& text, std::string_view label) {
  static const std::regex probability(
      R"(^\s*P\s*\(\s*([A-Za-z_][A-Za-z0-9_]*(?:@[0-9]{4})?)\s*(>=|<=|>|<)\s*([^\s)=<>][^\s)]*)\s*\)\s*(>=|<=|>|<)\s*([^\s=<>]\S*)\s*$)");
  static const std::regex statistic(
      R"(^\s*(p[0-9]+(?:\.[0-9]+)?|median|mean)\s*\(\s*([A-Za-z_][A-Za-z0-9_]*(?:@[0-9]{4})?)\s*\)\s*(>=|<=|>|<)\s*([^\s=<>]\S*)\s*$)");
  SeekTarget t;
  t.text = text;
  std::smatch m;
  if (std::regex_match(text, m, probability)) {
    t.statistic = SeekTarget::Statistic::probability;
    t.output = m[1];
    t.event = parse_compare(m[2]);
    t.threshold = target_number(m[3], "the threshold", text, label);
    t.goal_compare = parse_compare(m[4]);
    t.goal = target_number(m[5], "the probability", text, label);
    if (!(t.goal >= 0 && t.goal <= 1)) {
      throw InputError(fmt::format("{} \"{}\": the probability must be from 0 to 1 (or 0% to 100%), got {}", label,
                                   text, m[5].str()));
    }
    return t;
  }
  if (std::regex_match(text, m, statistic)) {
    const std::string stat = m[1];
    t.output = m[2];
    t.goal_compare = parse_compare(m[3]);
    t.goal = target_number(m[4], "the goal", text, label);
    if (stat == "mean") {
      t.statistic = SeekTarget::Statistic::mean;
    } else {
      t.statistic = SeekTarget::Statistic::quantile;
      t.level = stat == "median" ? 0.5 : std::stod(stat.substr(1)) / 100;
      if (!(t.level > 0 && t.level < 1)) {
        throw InputError(
            fmt::format("{} \"{}\": a percentile pNN needs NN between 0 and 100, got {}", label, text, stat));
      }
    }
    return t;
  }
  throw InputError(fmt::format("{} \"{}\": expected {}", label, text, TARGET_FORMS));
}

double seek_statistic(const SeekTarget& t, std::vector<double> values) {
  return seek_estimate(t, std::move(values)).value;
}

bool meets(const SeekTarget& t, double statistic) { return compares(statistic, t.goal_compare, t.goal); }

Estimate seek_estimate(const SeekTarget& t, std::vector<double> values) {
  std::erase_if(values, [](double v) { return std::isnan(v); });
  const double n = static_cast<double>(values.size());
  if (values.empty()) return {NAN, NAN, NAN};
  constexpr double Z = 1.959963984540054;  // the normal's 97.5 % point
  switch (t.statistic) {
    case SeekTarget::Statistic::probability: {
      const auto k =
          std::count_if(values.begin(), values.end(), [&](double v) { return compares(v, t.event, t.threshold); });
      const double p = static_cast<double>(k) / n;
      // Wilson score interval (Wilson 1927; Brown, Cai & DasGupta 2001 recommend it over the
      // normal interval, which collapses to a point at p = 0 or 1).
      const double centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n);
      const double half = Z / (1 + Z * Z / n) * std::sqrt(p * (1 - p) / n + Z * Z / (4 * n * n));
      return {p, std::max(0.0, centre - half), std::min(1.0, centre + half)};
    }
    case SeekTarget::Statistic::quantile: {
      std::sort(values.begin(), values.end());
      // The order statistics X(r), X(s) with r, s = n q -+ Z sqrt(n q (1 - q)) rounded up: a
      // distribution-free interval for the quantile (Conover, Practical Nonparametric
      // Statistics, 3rd ed. 1999, section 3.2, the large-sample form).
      const double q = t.level, sd = std::sqrt(n * q * (1 - q));
      const auto at_rank = [&](double r) { return values[static_cast<std::size_t>(std::clamp(r, 1.0, n)) - 1]; };
      return {core::quantile_sorted(values, q), at_rank(std::ceil(n * q - Z * sd)), at_rank(std::ceil(n * q + Z * sd))};
    }
    case SeekTarget::Statistic::mean: {
      double mean = 0, m2 = 0, count = 0;
      for (double v : values) {  // Welford
        count += 1;
        const double d = v - mean;
        mean += d / count;
        m2 += d * (v - mean);
      }
      const double se = n > 1 ? std::sqrt(m2 / (n - 1) / n) : INFINITY;
      return {mean, mean - Z * se, mean + Z * se};
    }
  }
  return {};
}

PathShape path_shape(std::vector<SeekPoint> path, const std::string& key) {
  PathShape shape;
  std::sort(path.begin(), path.end(), [](const SeekPoint& a, const SeekPoint& b) { return a.value < b.value; });
  // Non-strictly: a probability is flat between the values at which a sample crosses the threshold.
  int direction = 0;
  for (std::size_t i = 1; i < path.size() && shape.monotone; ++i) {
    const double d = path[i].statistic - path[i - 1].statistic;
    const int s = d > 0 ? 1 : (d < 0 ? -1 : 0);
    if (s == 0) continue;
    if (direction == 0) {
      direction = s;
    } else if (s != direction) {
      shape.monotone = false;
      shape.note = fmt::format("the statistic {} up to {} at {} = {}, then {} to {} at {}",
                               direction > 0 ? "rose" : "fell", core::format_sig(path[i - 1].statistic, 4), key,
                               core::format_sig(path[i - 1].value, 6), s > 0 ? "rose" : "fell",
                               core::format_sig(path[i].statistic, 4), core::format_sig(path[i].value, 6));
    }
  }
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (path[i].met && (i == 0 || !path[i - 1].met)) ++shape.met_stretches;
  }
  return shape;
}

SeekResult run_seek(const SeekRequest& rq, const std::function<void(std::size_t)>& progress) {
  if (!(rq.lo < rq.hi) || !std::isfinite(rq.lo) || !std::isfinite(rq.hi)) {
    throw InputError(fmt::format("--range: LO must be below HI, both finite, got {}..{}", rq.lo, rq.hi));
  }
  if (rq.log && !(rq.lo > 0)) throw InputError("--log: the range must lie above 0");
  if (rq.grid < 2) throw InputError("a seek's first pass needs at least 2 points");
  if (!(rq.tolerance > 0 && rq.tolerance < 1)) {
    throw InputError(fmt::format("--tolerance must be above 0 and below 1, got {}", rq.tolerance));
  }
  check_scalar_outputs({rq.scenario, rq.scenario_text}, rq.overrides, {rq.target.output});
  SeekResult out;
  out.request = rq;
  auto options = rq.options;
  options.keep_values = true;
  const std::vector<std::string> outputs{rq.target.output};
  auto evaluate = [&](double value) {
    auto overrides = rq.overrides;
    overrides.push_back(rq.key + "=" + value_text(value));
    const auto result = run_point({rq.scenario, rq.scenario_text}, overrides, outputs, options, rq.sampling);
    out.samples = result.samples;
    SeekPoint p{value, seek_statistic(rq.target, result.scalar(rq.target.output).values), false, most_binding(result)};
    p.met = meets(rq.target, p.statistic);
    out.path.push_back(p);
    if (progress) progress(out.path.size());
    return p;
  };

  // First pass: a grid over the range, both ends included.
  std::vector<SeekPoint> grid;
  for (std::size_t i = 0; i < rq.grid; ++i) {
    grid.push_back(evaluate(at_fraction(rq, static_cast<double>(i) / static_cast<double>(rq.grid - 1))));
  }
  // Scanning from the end the answer lies nearest: the first point met, and the one before it.
  std::vector<SeekPoint> scan = grid;
  if (rq.largest) std::reverse(scan.begin(), scan.end());
  const auto first = std::find_if(scan.begin(), scan.end(), [](const SeekPoint& p) { return p.met; });
  if (first == scan.end()) {
    // Out of reach: the best statistic reached, the one nearest the goal.
    const bool up = rq.target.goal_compare == Compare::at_least || rq.target.goal_compare == Compare::above;
    out.answer = *std::max_element(grid.begin(), grid.end(), [&](const SeekPoint& a, const SeekPoint& b) {
      return up ? a.statistic < b.statistic : a.statistic > b.statistic;
    });
  } else if (first == scan.begin()) {
    out.found = true;
    out.at_range_end = true;
    out.answer = *first;
  } else {
    out.found = true;
    SeekPoint met = *first, unmet = *(first - 1);
    // Bisection: the bracket [unmet, met] narrows until it is `tolerance` of the range wide.
    while (std::abs(fraction_of(rq, met.value) - fraction_of(rq, unmet.value)) > rq.tolerance) {
      const double f = (fraction_of(rq, met.value) + fraction_of(rq, unmet.value)) / 2;
      const double mid = at_fraction(rq, f);
      if (mid == met.value || mid == unmet.value) break;  // as fine as 12 digits go
      const auto p = evaluate(mid);
      (p.met ? met : unmet) = p;
    }
    out.answer = met;
    out.neighbour = unmet;
  }

  const auto shape = path_shape(out.path, rq.key);
  out.monotone = shape.monotone;
  out.monotone_note = shape.note;
  out.met_stretches = shape.met_stretches;

  if (out.found) {
    auto verify = options;
    verify.seed = rq.verify_seed;
    auto overrides = rq.overrides;
    overrides.push_back(rq.key + "=" + value_text(out.answer.value));
    const auto result = run_point({rq.scenario, rq.scenario_text}, overrides, outputs, verify, rq.sampling);
    out.verified = seek_estimate(rq.target, result.scalar(rq.target.output).values);
    out.verified_run = true;
    if (progress) progress(out.path.size() + 1);
  }
  return out;
}

std::string verification_text(const SeekResult& r) {
  if (!r.verified_run) return "Not verified: the target was not met on the range.";
  auto f = [](double x) { return core::format_sig(x, 4); };
  const auto& t = r.request.target;
  const bool inside_met = meets(t, r.verified.lo) && meets(t, r.verified.hi);
  const bool inside_unmet = !meets(t, r.verified.lo) && !meets(t, r.verified.hi);
  return fmt::format("Verified with a fresh seed ({}): {} [{}, {}] (95 % interval): {}", r.request.verify_seed,
                     f(r.verified.value), f(r.verified.lo), f(r.verified.hi),
                     inside_met     ? "meets the target"
                     : inside_unmet ? "falls short of the target: the answer rests on the search's samples"
                                    : "at the target within sampling noise, as a boundary is");
}

std::string monotonicity_text(const SeekResult& r) {
  if (r.monotone) return "The statistic moved one way along the values run.";
  if (r.met_stretches <= 1) {
    return fmt::format("Not monotone: {}; the target is met on one stretch of the values run, so the answer stands.",
                       r.monotone_note);
  }
  return fmt::format(
      "Not monotone: {}; the target is met on {} stretches of the values run: the answer is the {} "
      "value met, and the range may hold others.",
      r.monotone_note, r.met_stretches, r.request.largest ? "largest" : "smallest");
}

std::string seek_table(const SeekResult& r) {
  const auto& rq = r.request;
  auto f = [](double x) { return core::format_sig(x, 4); };
  std::string out = fmt::format("fabcast seek {}: the {} {} in [{}, {}]{} with {}\n", rq.scenario,
                                rq.largest ? "largest" : "smallest", rq.key, core::format_sig(rq.lo, 6),
                                core::format_sig(rq.hi, 6), rq.log ? " (log scale)" : "", rq.target.text);
  out += fmt::format("{} runs of {} samples, seed {} (the same at every value)\n\n", r.path.size(), r.samples,
                     rq.options.seed);
  if (!r.found) {
    out += fmt::format("Out of reach in this range: the best reached is {} at {} = {}, where {} binds most.\n",
                       f(r.answer.statistic), rq.key, core::format_sig(r.answer.value, 6), r.answer.most_binding);
  } else {
    out += fmt::format("Answer: {} = {}  (statistic {}", rq.key, core::format_sig(r.answer.value, 6),
                       f(r.answer.statistic));
    if (r.neighbour) {
      out += fmt::format("; at {} it is {}", core::format_sig(r.neighbour->value, 6), f(r.neighbour->statistic));
    }
    out += fmt::format(")\nWhat stops new starts most there: {}\n", r.answer.most_binding);
    if (r.at_range_end) {
      out += fmt::format("The target is met already at the range's {} end: the boundary may lie beyond it.\n",
                         rq.largest ? "high" : "low");
    }
    out += verification_text(r) + "\n";
  }
  out += monotonicity_text(r) + "\n";
  out += fmt::format("\n{:>16}  {:>12}  {:<5}  {}\n", rq.key.substr(rq.key.rfind('.') + 1), "statistic", "met",
                     "binds most");
  auto sorted = r.path;
  std::sort(sorted.begin(), sorted.end(), [](const SeekPoint& a, const SeekPoint& b) { return a.value < b.value; });
  for (const auto& p : sorted) {
    out += fmt::format("{:>16}  {:>12}  {:<5}  {}\n", core::format_sig(p.value, 6), f(p.statistic),
                       p.met ? "yes" : "no", p.most_binding);
  }
  return out;
}

nlohmann::ordered_json seek_json(const SeekResult& r) {
  const auto& rq = r.request;
  auto point = [&](const SeekPoint& p) {
    return nlohmann::ordered_json{{"value", p.value},
                                  {"statistic", core::json_number(p.statistic)},
                                  {"met", p.met},
                                  {"most_binding", p.most_binding}};
  };
  nlohmann::ordered_json j;
  j["seek"] = {{"scenario", rq.scenario},
               {"key", rq.key},
               {"range", {rq.lo, rq.hi}},
               {"log", rq.log},
               {"find", rq.largest ? "largest" : "smallest"},
               {"target", rq.target.text},
               {"tolerance", rq.tolerance},
               {"seed", rq.options.seed},
               {"samples", r.samples},
               {"overrides", rq.overrides}};
  j["found"] = r.found;
  j["answer"] = point(r.answer);
  j["neighbour"] = r.neighbour ? point(*r.neighbour) : nlohmann::ordered_json(nullptr);
  j["at_range_end"] = r.at_range_end;
  if (r.verified_run) {
    j["verified"] = {{"seed", rq.verify_seed},
                     {"statistic", core::json_number(r.verified.value)},
                     {"interval_95", {core::json_number(r.verified.lo), core::json_number(r.verified.hi)}}};
  } else {
    j["verified"] = nullptr;
  }
  j["monotone"] = r.monotone;
  if (!r.monotone) j["monotone_note"] = r.monotone_note;
  j["met_stretches"] = r.met_stretches;
  j["path"] = nlohmann::ordered_json::array();
  for (const auto& p : r.path) j["path"].push_back(point(p));
  return j;
}

}  // namespace fabcast::analysis
