#include "analysis/sweep.hpp"

#include "core/json_number.hpp"

#include "analysis/study.hpp"

#include "core/errors.hpp"
#include "core/expression.hpp"
#include "core/number_format.hpp"
#include "model/fab_model.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fabcast::analysis {
namespace {

// A number of a range, parsed as scenario numbers are ("1e12", "2.5e9").
double range_number(const std::string& text, const std::string& what, const std::string& arg) {
  const auto v = core::parse_number(text);
  if (!v || !std::isfinite(*v)) {
    throw InputError(fmt::format("--vary {}: the range's {} must be a number, got '{}'", arg, what, text));
  }
  return *v;
}

std::vector<std::string> split(const std::string& text, char sep) {
  std::vector<std::string> parts;
  std::size_t from = 0;
  while (true) {
    const auto at = text.find(sep, from);
    parts.push_back(text.substr(from, at == std::string::npos ? std::string::npos : at - from));
    if (at == std::string::npos) return parts;
    from = at + 1;
  }
}

}  // namespace

SweepAxis parse_sweep_axis(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw InputError(fmt::format("--vary expects KEY=VALUES (a list a,b,c or a range LO..HI:N), got '{}'", text));
  }
  SweepAxis axis{text.substr(0, eq), {}};
  const std::string values = text.substr(eq + 1);
  if (values.empty()) throw InputError(fmt::format("--vary {}: no values after '='", text));
  if (const auto dots = values.find(".."); dots != std::string::npos) {
    const auto parts = split(values.substr(dots + 2), ':');
    if (parts.size() < 2 || parts.size() > 3 || (parts.size() == 3 && parts[2] != "log")) {
      throw InputError(fmt::format("--vary {}: a range is LO..HI:N or LO..HI:N:log (N values from LO to HI), got '{}'",
                                   text, values));
    }
    const double lo = range_number(values.substr(0, dots), "low end", text);
    const double hi = range_number(parts[0], "high end", text);
    const auto n = core::parse_number(parts[1]);
    if (!n || *n < 2 || *n > static_cast<double>(MAX_SWEEP_POINTS) || std::floor(*n) != *n) {
      throw InputError(fmt::format("--vary {}: the count N must be a whole number from 2 to {}, got '{}'", text,
                                   MAX_SWEEP_POINTS, parts[1]));
    }
    const bool log = parts.size() == 3;
    if (log && !(lo > 0 && hi > 0)) {
      throw InputError(fmt::format("--vary {}: a log range needs LO and HI above 0", text));
    }
    const auto count = static_cast<std::size_t>(*n);
    for (std::size_t i = 0; i < count; ++i) {
      const double f = static_cast<double>(i) / static_cast<double>(count - 1);
      double v = log ? lo * std::pow(hi / lo, f) : lo + (hi - lo) * f;
      if (i + 1 == count) v = hi;  // the end exactly as written
      // Rounded to 12 significant digits, so 2e12 is not written 1999999999999.9998.
      axis.values.push_back(fmt::format("{}", std::stod(fmt::format("{:.12g}", v))));
    }
    return axis;
  }
  for (auto& v : split(values, ',')) {
    if (v.empty()) throw InputError(fmt::format("--vary {}: an empty value in the list", text));
    axis.values.push_back(std::move(v));
  }
  return axis;
}

SweepResult run_sweep(const SweepRequest& request, const std::function<void(std::size_t, std::size_t)>& progress) {
  if (request.axes.empty() || request.axes.size() > 2) {
    throw InputError(fmt::format("a sweep varies one or two keys (--vary), got {}", request.axes.size()));
  }
  if (request.axes.size() == 2 && request.axes[0].key == request.axes[1].key) {
    throw InputError(fmt::format("--vary names {} twice", request.axes[0].key));
  }
  std::size_t total = 1;
  for (const auto& a : request.axes) total *= a.values.size();
  if (total > MAX_SWEEP_POINTS) {
    throw InputError(fmt::format("the sweep has {} points; at most {}", total, MAX_SWEEP_POINTS));
  }
  SweepResult out;
  out.scenario = request.scenario;
  out.seed = request.options.seed;
  out.axes = request.axes;
  out.outputs = request.outputs.empty() ? std::vector<std::string>{"committed_usd"} : expand_outputs(request.outputs);
  check_scalar_outputs({request.scenario, request.scenario_text}, request.overrides, out.outputs);
  std::vector<std::size_t> at(request.axes.size(), 0);
  for (std::size_t p = 0; p < total; ++p) {
    // The point's values, the first axis outermost.
    std::size_t rest = p;
    for (std::size_t a = request.axes.size(); a-- > 0;) {
      at[a] = rest % request.axes[a].values.size();
      rest /= request.axes[a].values.size();
    }
    SweepPoint point;
    std::vector<std::string> overrides = request.overrides;
    for (std::size_t a = 0; a < request.axes.size(); ++a) {
      point.values.push_back(request.axes[a].values[at[a]]);
      overrides.push_back(request.axes[a].key + "=" + point.values.back());
    }
    const auto result =
        run_point({request.scenario, request.scenario_text}, overrides, out.outputs, request.options, request.sampling);
    out.samples = result.samples;
    for (const auto& name : out.outputs) {
      const auto& s = result.scalar(name);
      SweepCell cell;
      const auto infinite = s.infinite_count();
      cell.quantiles = infinite > 0 ? s.finite_quantiles() : s.quantiles;
      cell.mean = s.moments.mean;
      cell.share_finite =
          result.samples > 0 ? 1 - static_cast<double>(infinite) / static_cast<double>(result.samples) : 0;
      point.cells.push_back(cell);
    }
    point.most_binding = most_binding(result);
    out.points.push_back(std::move(point));
    if (progress) progress(p + 1, total);
  }
  return out;
}

std::string sweep_table(const SweepResult& r) {
  std::string out = fmt::format("fabcast sweep {}: {} points, {} samples each, seed {} (the same at every point)\n",
                                r.scenario, r.points.size(), r.samples, r.seed);
  for (std::size_t o = 0; o < r.outputs.size(); ++o) {
    out += fmt::format("\n{}: median [p5, p95]{}\n", r.outputs[o], o == 0 ? ", and what stops new starts most" : "");
    for (const auto& a : r.axes)
      out += fmt::format("{:<22}", a.key.size() > 21 ? a.key.substr(a.key.rfind('.') + 1) : a.key);
    out += fmt::format("{:>12}{:>12}{:>12}", "p50", "p5", "p95");
    out += o == 0 ? fmt::format("  {}\n", "binds most") : "\n";
    for (const auto& p : r.points) {
      for (const auto& v : p.values) {
        const auto number = core::parse_number(v);
        out += fmt::format("{:<22}", number && std::isfinite(*number) ? core::format_sig(*number, 6) : v);
      }
      const auto& c = p.cells[o];
      auto f = [](double x) { return std::isfinite(x) ? core::format_sig(x, 4) : std::string("-"); };
      out += fmt::format("{:>12}{:>12}{:>12}", f(c.quantiles[2]), f(c.quantiles[0]), f(c.quantiles[4]));
      if (c.share_finite < 1) out += fmt::format("  ({:.0f} % defined)", 100 * c.share_finite);
      out += o == 0 ? fmt::format("  {}\n", p.most_binding) : "\n";
    }
  }
  return out;
}

nlohmann::ordered_json sweep_json(const SweepResult& r) {
  auto value = [](const std::string& text) -> nlohmann::ordered_json {
    const auto v = core::parse_number(text);
    if (v && std::isfinite(*v)) return *v;
    return text;
  };
  nlohmann::ordered_json j;
  j["sweep"] = {{"scenario", r.scenario}, {"seed", r.seed}, {"samples", r.samples}};
  for (const auto& a : r.axes) {
    auto& axis = j["sweep"]["axes"].emplace_back();
    axis["key"] = a.key;
    for (const auto& v : a.values) axis["values"].push_back(value(v));
  }
  j["sweep"]["outputs"] = r.outputs;
  j["points"] = nlohmann::ordered_json::array();
  for (const auto& p : r.points) {
    auto& point = j["points"].emplace_back();
    for (std::size_t a = 0; a < r.axes.size(); ++a) point["values"][r.axes[a].key] = value(p.values[a]);
    for (std::size_t o = 0; o < r.outputs.size(); ++o) {
      auto& cell = point["outputs"][r.outputs[o]];
      const auto& c = p.cells[o];
      for (std::size_t i = 0; i < core::QUANTILE_NAMES.size(); ++i)
        cell[core::QUANTILE_NAMES[i]] = core::json_number(c.quantiles[i]);
      cell["mean"] = core::json_number(c.mean);
      cell["share_finite"] = c.share_finite;
    }
    point["most_binding"] = p.most_binding;
  }
  return j;
}

std::string sweep_csv(const SweepResult& r) {
  std::string out;
  for (const auto& a : r.axes) out += a.key + ",";
  out += "output,p5,p25,p50,p75,p95,mean,share_finite,most_binding\n";
  // As fabcast's CSV exports write numbers: shortest round-trip form, empty when not finite.
  auto number = [](double x) { return std::isfinite(x) ? core::format_number(x) : std::string(); };
  for (const auto& p : r.points) {
    for (std::size_t o = 0; o < r.outputs.size(); ++o) {
      for (const auto& v : p.values) out += v + ",";
      const auto& c = p.cells[o];
      out += r.outputs[o];
      for (double q : c.quantiles) out += "," + number(q);
      out += fmt::format(",{},{},{}\n", number(c.mean), c.share_finite, p.most_binding);
    }
  }
  return out;
}

}  // namespace fabcast::analysis
