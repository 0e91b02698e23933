#include "analysis/sensitivity.hpp"

#include "core/json_number.hpp"

#include "analysis/study.hpp"
#include "core/errors.hpp"
#include "core/number_format.hpp"
#include "core/runner.hpp"
#include "model/fab_model.hpp"
#include "scenario/loader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace fabcast::analysis {

bool glob_match(std::string_view pattern, std::string_view name) {
  // Iterative wildcard match with backtracking to the last '*'.
  std::size_t p = 0, n = 0, star = std::string_view::npos, mark = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = n;
    } else if (p < pattern.size() && pattern[p] == name[n]) {
      ++p;
      ++n;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      n = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

const std::vector<GroupRule>& default_group_rules() {
  static const std::vector<GroupRule> rules = {
      {"regions.*.workers_*", "workers"},
      {"regions.*.worker_*", "workers"},
      {"regions.*.construction_workers*", "workers"},
      {"regions.*.trainee*", "workers"},
      {"regions.*.technician*", "workers"},
      {"regions.*.engineer*", "workers"},
      {"regions.*.grid_*", "grid power"},
      {"regions.*.subsidy*", "subsidies"},
      {"regions.*", "regions: build time and cost"},
      {"modules.*", "modules"},
      {"nodes.*", "nodes and yield"},
      {"node_roadmap.*", "nodes and yield"},
      {"yield.*", "nodes and yield"},
      {"world.euv*", "EUV supply"},
      {"suppliers.euv*", "EUV supply"},
      {"world.wfe*", "equipment supply"},
      {"suppliers.*", "equipment supply"},
      {"world.*", "world capacity"},
      {"compute.datacentre*", "data centres"},
      {"compute.*", "compute and training"},
      {"accelerator.*", "accelerator"},
      {"market.*", "market"},
      {"economics.*", "money"},
      {"program.discount_rate", "money"},
      {"program.risk_premium", "money"},
      {"execution.*", "execution"},
      {"operators.*", "execution"},
  };
  return rules;
}

GroupRule parse_group_rule(const std::string& text) {
  const auto eq = text.rfind('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size()) {
    throw InputError(fmt::format(
        "--group expects PATTERN=NAME (regions.*.workers_*=workers), or none for one group an input; got '{}'", text));
  }
  return {text.substr(0, eq), text.substr(eq + 1)};
}

std::vector<InputGroup> make_groups(const std::vector<core::InputSpec>& inputs,
                                    const std::optional<core::RankCorrelation>& correlation,
                                    const std::vector<GroupRule>& rules, bool per_input,
                                    std::vector<std::string>& notes) {
  std::vector<InputGroup> groups;
  std::map<std::string, std::size_t> by_name;
  std::vector<int> group_of(inputs.size(), -1);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    if (inputs[i].dist.is_fixed()) continue;
    std::string name;
    if (per_input) {
      name = inputs[i].name;
    } else {
      for (const auto* list : {&rules, &default_group_rules()}) {
        for (const auto& rule : *list) {
          if (glob_match(rule.pattern, inputs[i].name)) {
            name = rule.name;
            break;
          }
        }
        if (!name.empty()) break;
      }
      if (name.empty()) name = inputs[i].name.substr(0, inputs[i].name.find('.'));
    }
    auto [it, added] = by_name.emplace(name, groups.size());
    if (added) groups.push_back({name, {}});
    groups[it->second].inputs.push_back(i);
    group_of[i] = static_cast<int>(it->second);
  }
  for (const auto& rule : rules) {
    if (std::none_of(inputs.begin(), inputs.end(), [&](const auto& in) { return glob_match(rule.pattern, in.name); })) {
      throw InputError(
          fmt::format("--group {}={}: the pattern matches no input of the scenario", rule.pattern, rule.name));
    }
  }
  if (!correlation) return groups;
  // Groups a correlation links become one: the pick-and-freeze design moves them together.
  std::vector<std::size_t> linked;
  for (const auto& name : correlation->names) {
    const auto it = std::find_if(inputs.begin(), inputs.end(), [&](const auto& in) { return in.name == name; });
    if (it == inputs.end()) continue;
    const int g = group_of[static_cast<std::size_t>(it - inputs.begin())];
    if (g >= 0 && std::find(linked.begin(), linked.end(), static_cast<std::size_t>(g)) == linked.end()) {
      linked.push_back(static_cast<std::size_t>(g));
    }
  }
  if (linked.size() < 2) return groups;
  std::sort(linked.begin(), linked.end());
  std::vector<std::string> names;
  for (auto g : linked) names.push_back(groups[g].name);
  InputGroup merged{fmt::format("{}", fmt::join(names, " + ")), {}};
  for (auto g : linked) merged.inputs.insert(merged.inputs.end(), groups[g].inputs.begin(), groups[g].inputs.end());
  std::sort(merged.inputs.begin(), merged.inputs.end());
  std::vector<InputGroup> out;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    if (g == linked.front())
      out.push_back(merged);
    else if (std::find(linked.begin(), linked.end(), g) == linked.end())
      out.push_back(groups[g]);
  }
  notes.push_back(
      fmt::format("the scenario's rank correlation links inputs of {}: they are one group here, "
                  "since a Sobol index of correlated inputs taken apart is not defined",
                  fmt::join(names, ", ")));
  return out;
}

const std::vector<std::string>& default_sensitivity_outputs() {
  static const std::vector<std::string> outputs = {
      "committed_usd", "modules_operating_2035", "accelerators_total", "installed_flops_2035", "peak_power_gw",
      "npv_usd",       "market_share_2035",
  };
  return outputs;
}

SensitivityResult run_sensitivity(const SensitivityRequest& rq,
                                  const std::function<void(const std::string&)>& progress) {
  SensitivityResult out;
  out.request = rq;
  // The outputs: those asked for, else the defaults the scenario records.
  auto all = rq.overrides;
  all.emplace_back("run.outputs=[\"all\"]");
  const model::FabModel full(load_study_scenario({rq.scenario, rq.scenario_text}, all));
  if (rq.outputs.empty()) {
    for (const auto& name : default_sensitivity_outputs()) {
      const auto& scalars = full.schema().scalars;
      if (std::find(scalars.begin(), scalars.end(), name) != scalars.end()) out.outputs.push_back(name);
    }
  } else {
    out.outputs = expand_outputs(rq.outputs);
    check_scalar_outputs({rq.scenario, rq.scenario_text}, rq.overrides, out.outputs);
  }
  // Record the scalars and the series of SERIES@YEAR outputs, and keep those cells.
  auto overrides = rq.overrides;
  overrides.push_back(recording(out.outputs, false));
  const model::FabModel model(load_study_scenario({rq.scenario, rq.scenario_text}, overrides));
  for (const auto& in : model.inputs()) out.input_names.push_back(in.name);
  const auto cells = kept_cells(out.outputs, model);

  if (rq.method == SensitivityMethod::rank) {
    core::RunOptions options;
    options.seed = rq.seed;
    options.threads = rq.threads;
    options.keep_values = true;
    options.stop.samples = rq.samples > 0 ? rq.samples : 10'000;
    options.keep_cells = cells;
    const auto sampling = core::SamplingMethod::monte_carlo;
    core::InputDesign design(model.inputs(), model.correlation(), sampling, rq.seed);
    if (progress) progress(fmt::format("one run of {} samples", *options.stop.samples));
    const auto result = core::run(model, design, options);
    out.samples = result.samples;
    // The inputs of every sample, drawn again: the design is a pure function of the seed, the
    // input and the sample (and its block: the run's one round, [0, n)).
    const std::size_t n = result.samples, k = model.inputs().size();
    if (design.block_dependent()) design.prepare_block(0, n);
    std::vector<double> x(n * k);
    design.draw_chunk(0, n, x);
    if (progress) progress("the inputs' ranks");
    const auto ranked = rank_inputs(out.input_names, x);
    for (const auto& name : out.outputs) {
      if (progress) progress(fmt::format("rank measures of {}", name));
      out.rank.push_back(rank_measures(ranked, name, result.scalar(name).values, rq.tornado_mean));
      const auto& r = out.rank.back();
      if (r.undefined.empty() && r.r2 < 0.7) {
        out.notes.push_back(
            fmt::format("{}: the rank regression explains {:.0f} % of its ranks' variance; the rest is interaction or "
                        "non-monotone effect, which standardized coefficients do not see (Sobol indices do)",
                        name, 100 * r.r2));
      }
    }
    if (const auto& c = model.correlation()) {
      out.notes.push_back(fmt::format(
          "{} are rank-correlated: the Spearman coefficient of each carries the effect of those correlated with it; "
          "the SRRC separates them while R^2 is high; the tornado's deciles carry the correlated inputs' deciles along",
          fmt::join(c->names, ", ")));
    }
    return out;
  }

  out.groups = make_groups(model.inputs(), model.correlation(), rq.rules, rq.per_input, out.notes);
  SobolOptions options;
  options.seed = rq.seed;
  options.threads = rq.threads;
  options.bootstrap = rq.bootstrap;
  options.cells = cells;
  options.base_samples = rq.samples > 0 ? rq.samples : 2048;
  if (options.base_samples > rq.max_base_samples) {
    throw InputError(
        fmt::format("--samples {} is more than the most base samples, {}", options.base_samples, rq.max_base_samples));
  }
  while (true) {
    const auto n = options.base_samples;
    out.sobol = sobol_indices(model, model.inputs(), model.correlation(), out.groups, out.outputs, options,
                              [&](std::size_t done, std::size_t total) {
                                if (progress) progress(fmt::format("Sobol, N = {}: run {} of {}", n, done, total));
                              });
    const double hw = out.sobol->max_half_width;
    if (!(rq.target_half_width > 0) || hw <= rq.target_half_width) break;
    if (n >= rq.max_base_samples) {
      out.notes.push_back(
          fmt::format("the widest 95 % interval is +-{:.3f} at N = {}, the most allowed; the target was "
                      "+-{}",
                      hw, n, rq.target_half_width));
      break;
    }
    // Half-widths shrink as 1/sqrt(N): aim 20 % past the target, at most fourfold a round.
    const double need = static_cast<double>(n) * (hw / rq.target_half_width) * (hw / rq.target_half_width) * 1.2;
    auto next = static_cast<std::uint64_t>(std::clamp(need, static_cast<double>(n + 1), 4.0 * static_cast<double>(n)));
    next = std::min((next + 255) / 256 * 256, rq.max_base_samples);
    options.base_samples = next;
  }
  for (const auto& o : out.sobol->outputs) {
    if (!o.undefined.empty()) out.notes.push_back(fmt::format("{}: no indices: {}", o.name, o.undefined));
  }
  return out;
}

namespace {

std::string f3(double x) { return std::isfinite(x) ? fmt::format("{:.3f}", x) : "-"; }
std::string sig(double x) {
  if (std::isnan(x)) return "-";
  if (std::isinf(x)) return x > 0 ? "never" : "-inf";
  return core::format_sig(x, 4);
}

}  // namespace

std::string sensitivity_table(const SensitivityResult& r) {
  const auto& rq = r.request;
  std::string out;
  if (r.sobol) {
    const auto& s = *r.sobol;
    std::size_t inputs = 0;
    for (const auto& g : r.groups) inputs += g.inputs.size();
    out += fmt::format(
        "fabcast sensitivity {}: Sobol indices of {} groups of {} uncertain inputs, N = {} ({} model runs), seed {}\n"
        "S: first order, the share of the output's variance the group explains alone; ST: total, with its "
        "interactions.\n95 % bootstrap intervals; widest half-width {:.3f}.\n",
        rq.scenario, r.groups.size(), inputs, s.base_samples, s.model_runs, rq.seed, s.max_half_width);
    for (const auto& o : s.outputs) {
      out += fmt::format("\n{}", o.name);
      if (!o.undefined.empty()) {
        out += fmt::format(": no indices: {}\n", o.undefined);
        continue;
      }
      out += fmt::format(" (sd {})\n", sig(std::sqrt(o.variance)));
      out += fmt::format("  {:<36}{:>24}{:>24}\n", "group (inputs)", "S", "ST");
      std::vector<std::size_t> order(o.groups.size());
      std::iota(order.begin(), order.end(), 0);
      std::stable_sort(order.begin(), order.end(),
                       [&](auto a, auto b) { return o.groups[a].total.value > o.groups[b].total.value; });
      double sum = 0;
      for (auto g : order) {
        const auto& i = o.groups[g];
        sum += i.first.value;
        const auto label = fmt::format("{} ({})", r.groups[g].name, r.groups[g].inputs.size());
        out += fmt::format("  {:<36}{:>24}{:>24}\n", label,
                           fmt::format("{} [{}, {}]", f3(i.first.value), f3(i.first.lo), f3(i.first.hi)),
                           fmt::format("{} [{}, {}]", f3(i.total.value), f3(i.total.lo), f3(i.total.hi)));
      }
      out += sum < 1
                 ? fmt::format("  sum of S {:.3f}: {:.0f} % of the variance comes from interactions between groups\n",
                               sum, 100 * (1 - sum))
                 : fmt::format("  sum of S {:.3f}: no sign of interactions (above 1 by sampling error)\n", sum);
    }
  } else {
    out += fmt::format(
        "fabcast sensitivity {}: rank measures from one run of {} samples, seed {}\n"
        "rho: Spearman's rank correlation; SRRC: standardized rank regression coefficient; low and high: the "
        "output's {} with the input in its lowest and highest tenth (a tornado).\n",
        rq.scenario, r.samples, rq.seed, rq.tornado_mean ? "mean" : "median");
    for (const auto& o : r.rank) {
      out += fmt::format("\n{}", o.output);
      if (!o.undefined.empty()) {
        out += fmt::format(": no measures: {}\n", o.undefined);
        continue;
      }
      out += fmt::format(" ({} {}; rank regression R^2 {:.2f})\n", o.mean ? "mean" : "median", sig(o.centre), o.r2);
      out += fmt::format("  {:<48}{:>8}{:>8}{:>12}{:>12}\n", "input", "rho", "SRRC", "low", "high");
      constexpr std::size_t SHOWN = 12;
      for (std::size_t i = 0; i < std::min(SHOWN, o.inputs.size()); ++i) {
        const auto& m = o.inputs[i];
        out +=
            fmt::format("  {:<48}{:>8.3f}{:>8.3f}{:>12}{:>12}\n", m.input, m.spearman, m.srrc, sig(m.low), sig(m.high));
      }
      if (o.inputs.size() > SHOWN)
        out += fmt::format("  ... {} inputs more (--format json)\n", o.inputs.size() - SHOWN);
    }
  }
  for (const auto& n : r.notes) out += "\nNote: " + n + "\n";
  return out;
}

nlohmann::ordered_json sensitivity_json(const SensitivityResult& r) {
  const auto& rq = r.request;
  auto interval = [&](const Interval& i) {
    return nlohmann::ordered_json{
        {"value", core::json_number(i.value)}, {"lo", core::json_number(i.lo)}, {"hi", core::json_number(i.hi)}};
  };
  nlohmann::ordered_json j;
  j["sensitivity"] = {{"scenario", rq.scenario},
                      {"method", rq.method == SensitivityMethod::sobol ? "sobol" : "rank"},
                      {"seed", rq.seed},
                      {"overrides", rq.overrides},
                      {"outputs", r.outputs}};
  if (r.sobol) {
    const auto& s = *r.sobol;
    j["sensitivity"]["base_samples"] = s.base_samples;
    j["sensitivity"]["model_runs"] = s.model_runs;
    j["sensitivity"]["estimators"] = "first order: Saltelli et al. 2010 (b); total: Jansen 1999";
    j["sensitivity"]["interval"] = "95 % percentile bootstrap";
    j["groups"] = nlohmann::ordered_json::array();
    for (const auto& g : r.groups) {
      auto& group = j["groups"].emplace_back();
      group["name"] = g.name;
      for (auto i : g.inputs) group["inputs"].push_back(r.input_names[i]);
    }
    j["indices"] = nlohmann::ordered_json::object();
    for (const auto& o : s.outputs) {
      auto& out = j["indices"][o.name];
      if (!o.undefined.empty()) {
        out["undefined"] = o.undefined;
        continue;
      }
      out["variance"] = o.variance;
      for (std::size_t g = 0; g < o.groups.size(); ++g) {
        out["groups"][r.groups[g].name] = {{"first", interval(o.groups[g].first)},
                                           {"total", interval(o.groups[g].total)}};
      }
    }
  } else {
    j["sensitivity"]["samples"] = r.samples;
    j["sensitivity"]["tornado"] = rq.tornado_mean ? "mean" : "median";
    j["measures"] = nlohmann::ordered_json::object();
    for (const auto& o : r.rank) {
      auto& out = j["measures"][o.output];
      if (!o.undefined.empty()) {
        out["undefined"] = o.undefined;
        continue;
      }
      out["r2"] = o.r2;
      out["centre"] = core::json_number(o.centre);
      out["inputs"] = nlohmann::ordered_json::array();
      for (const auto& m : o.inputs) {
        out["inputs"].push_back({{"input", m.input},
                                 {"spearman", m.spearman},
                                 {"srrc", m.srrc},
                                 {"low", core::json_number(m.low)},
                                 {"high", core::json_number(m.high)}});
      }
    }
  }
  j["notes"] = r.notes;
  return j;
}

}  // namespace fabcast::analysis
