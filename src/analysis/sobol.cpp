#include "analysis/sobol.hpp"

#include "core/errors.hpp"
#include "core/rng.hpp"
#include "core/runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace fabcast::analysis {
namespace {

// The per-row terms of the estimators, so that a bootstrap resample sums them again.
struct Terms {
  std::vector<double> a, b;             // f(A), f(B)
  std::vector<std::vector<double>> ab;  // f(AB_g), per group
};

struct Estimate {
  std::vector<double> first, total;
};

// The estimators over rows `rows` (a bootstrap resample, or 0..N-1).
Estimate estimate(const Terms& t, const std::vector<std::size_t>& rows) {
  const double n = static_cast<double>(rows.size());
  // Variance over A and B together, two-pass.
  double mean = 0;
  for (auto j : rows) mean += t.a[j] + t.b[j];
  mean /= 2 * n;
  double var = 0;
  for (auto j : rows) var += (t.a[j] - mean) * (t.a[j] - mean) + (t.b[j] - mean) * (t.b[j] - mean);
  var /= 2 * n - 1;
  Estimate e;
  for (const auto& ab : t.ab) {
    double first = 0, total = 0;
    for (auto j : rows) {
      first += (t.b[j] - mean) * (ab[j] - t.a[j]);
      total += (t.a[j] - ab[j]) * (t.a[j] - ab[j]);
    }
    e.first.push_back(first / n / var);
    e.total.push_back(total / (2 * n) / var);
  }
  return e;
}

// Percentile of sorted data (type 7).
double percentile(std::vector<double>& v, double q) {
  std::sort(v.begin(), v.end());
  const double h = q * static_cast<double>(v.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const auto hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

std::uint64_t sobol_b_seed(std::uint64_t seed) { return core::mix64(seed ^ core::stream_id("sobol:B")); }

SobolResult sobol_indices(const core::Model& model, const std::vector<core::InputSpec>& inputs,
                          const std::optional<core::RankCorrelation>& correlation,
                          const std::vector<InputGroup>& groups, const std::vector<std::string>& outputs,
                          const SobolOptions& options, const std::function<void(std::size_t, std::size_t)>& progress) {
  if (options.base_samples < 2) throw InputError("Sobol indices need at least 2 base samples");
  if (groups.empty()) throw InputError("Sobol indices need at least one group of inputs");
  std::vector<int> group_of(inputs.size(), -1);
  for (std::size_t g = 0; g < groups.size(); ++g) {
    for (auto i : groups[g].inputs) {
      if (i >= inputs.size()) throw std::out_of_range("a group names an input the model does not have");
      if (group_of[i] >= 0) {
        throw InputError(fmt::format("input {} is in two groups, {} and {}", inputs[i].name,
                                     groups[static_cast<std::size_t>(group_of[i])].name, groups[g].name));
      }
      group_of[i] = static_cast<int>(g);
    }
  }
  if (correlation) {
    // The pairing spans every correlated input: they must move from A to B together.
    std::optional<int> shared;
    std::string first_name;
    for (const auto& name : correlation->names) {
      const auto it = std::find_if(inputs.begin(), inputs.end(), [&](const auto& in) { return in.name == name; });
      if (it == inputs.end()) continue;
      const int g = group_of[static_cast<std::size_t>(it - inputs.begin())];
      if (!shared) {
        shared = g;
        first_name = name;
      } else if (*shared != g) {
        auto group_name = [&](int k) {
          return k < 0 ? std::string("no group") : "group " + groups[static_cast<std::size_t>(k)].name;
        };
        throw InputError(fmt::format(
            "{} and {} are rank-correlated but lie in {} and {}: a Sobol index of correlated inputs taken apart is "
            "not defined (the design would break their pairing); put them in one group",
            first_name, name, group_name(*shared), group_name(g)));
      }
    }
  }

  const std::size_t runs = groups.size() + 2;
  core::RunOptions run_options;
  run_options.seed = options.seed;
  run_options.threads = options.threads;
  run_options.keep_values = true;
  run_options.stop.samples = options.base_samples;
  run_options.keep_cells = options.cells;
  const std::uint64_t b_seed = sobol_b_seed(options.seed);
  // Run r: 0 is A, 1 is B, 2 + g is AB_g. The model's own streams keep the run's seed throughout.
  std::vector<core::RunResult> results;
  for (std::size_t r = 0; r < runs; ++r) {
    core::InputDesign design(inputs, correlation, core::SamplingMethod::monte_carlo, options.seed);
    for (std::size_t i = 0; i < inputs.size(); ++i) {
      if (r == 1 || (r >= 2 && group_of[i] == static_cast<int>(r - 2))) design.set_input_seed(i, b_seed);
    }
    results.push_back(core::run(model, design, run_options));
    if (progress) progress(r + 1, runs);
  }

  SobolResult out;
  out.base_samples = options.base_samples;
  out.model_runs = options.base_samples * runs;
  out.groups = groups;
  const double tail = (1 - options.level) / 2;
  for (const auto& name : outputs) {
    SobolOutput o;
    o.name = name;
    Terms t;
    t.a = results[0].scalar(name).values;
    t.b = results[1].scalar(name).values;
    for (std::size_t g = 0; g < groups.size(); ++g) t.ab.push_back(results[2 + g].scalar(name).values);
    const auto finite = [](const std::vector<double>& v) {
      return std::all_of(v.begin(), v.end(), [](double x) { return std::isfinite(x); });
    };
    bool all_finite = finite(t.a) && finite(t.b);
    for (const auto& ab : t.ab) all_finite = all_finite && finite(ab);
    std::vector<std::size_t> rows(options.base_samples);
    for (std::size_t j = 0; j < rows.size(); ++j) rows[j] = j;
    if (!all_finite) {
      o.undefined = "some samples have no finite value (\"never\", or an IRR not defined): its variance is not defined";
      out.outputs.push_back(std::move(o));
      continue;
    }
    const auto point = estimate(t, rows);
    double mean = 0;
    for (auto j : rows) mean += t.a[j] + t.b[j];
    mean /= 2.0 * static_cast<double>(rows.size());
    for (auto j : rows) o.variance += (t.a[j] - mean) * (t.a[j] - mean) + (t.b[j] - mean) * (t.b[j] - mean);
    o.variance /= 2.0 * static_cast<double>(rows.size()) - 1;
    if (!(o.variance > 0)) {
      o.undefined = "it does not vary";
      out.outputs.push_back(std::move(o));
      continue;
    }
    // Bootstrap: resample the rows with replacement, the same resamples for every output.
    std::vector<std::vector<double>> first(groups.size()), total(groups.size());
    std::vector<std::size_t> resample(rows.size());
    for (std::size_t b = 0; b < options.bootstrap; ++b) {
      core::Stream stream(options.seed, core::stream_id("sobol:bootstrap"), b);
      for (auto& j : resample) j = stream.below(rows.size());
      const auto e = estimate(t, resample);
      for (std::size_t g = 0; g < groups.size(); ++g) {
        first[g].push_back(e.first[g]);
        total[g].push_back(e.total[g]);
      }
    }
    for (std::size_t g = 0; g < groups.size(); ++g) {
      SobolIndex index;
      index.first = {point.first[g], percentile(first[g], tail), percentile(first[g], 1 - tail)};
      index.total = {point.total[g], percentile(total[g], tail), percentile(total[g], 1 - tail)};
      o.max_half_width =
          std::max({o.max_half_width, (index.first.hi - index.first.lo) / 2, (index.total.hi - index.total.lo) / 2});
      o.groups.push_back(index);
    }
    out.max_half_width = std::max(out.max_half_width, o.max_half_width);
    out.outputs.push_back(std::move(o));
  }
  return out;
}

}  // namespace fabcast::analysis
