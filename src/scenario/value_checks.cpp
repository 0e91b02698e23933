// Checks of resolved values against their keys: the loader's last pass (scenario/loader.cpp).

#include "scenario/value_checks.hpp"

#include "core/correlation.hpp"
#include "core/number_format.hpp"

#include <fmt/format.h>

#include <cmath>
#include <set>

namespace fabcast::scenario {

void check_number(const Setting& s, std::vector<Problem>& out) {
  const auto* d = std::get_if<core::Distribution>(&s.value);
  if (!d) return;
  const KeySpec& spec = *s.spec;
  if (spec.integer) {
    if (!d->is_fixed() || std::floor(d->params()[0]) != d->params()[0]) {
      out.push_back({s.origin.at, s.key, fmt::format("found {}; expected {}", d->to_string(), expectation(spec))});
      return;
    }
  }
  // The extreme draws the engine can produce (finite: Distribution guarantees it).
  const auto [lo, hi] = d->draw_range();
  if (lo >= spec.min && hi <= spec.max) return;
  if (d->is_fixed()) {
    out.push_back({s.origin.at, s.key, fmt::format("found {}; expected {}", d->to_string(), expectation(spec))});
    return;
  }
  const bool below = lo < spec.min;
  const double p = below ? d->cdf(std::nextafter(spec.min, -INFINITY)) : 1 - d->cdf(spec.max);
  // Three digits, unless they would print the bound itself (normal(1e15, 1) reaches 1.0000000000000078e15).
  const double reach = below ? lo : hi;
  const std::string reach_text = core::format_sig(reach, 3) == core::format_number(below ? spec.min : spec.max)
                                     ? core::format_number(reach)
                                     : core::format_sig(reach, 3);
  out.push_back(
      {s.origin.at, s.key,
       fmt::format("{} can reach {} (P({} {}) = {}); expected {}; bound it, e.g. truncate({}, {}, {})", d->to_string(),
                   reach_text, below ? "<" : ">", core::format_number(below ? spec.min : spec.max),
                   core::format_sig(p, 2), expectation(spec), d->to_string(), core::format_number(spec.min),
                   core::format_number(spec.max))});
}

// A list of names no longer than the key allows, with no name twice (each names a region, node or
// operator once; program.operators' names are outputs of their own).
void check_name_list(const Setting& s, std::vector<Problem>& out) {
  const auto* list = std::get_if<data::TextList>(&s.value);
  // The correlation's keys are checked with its matrix (validate_correlation).
  if (!list || s.key == "run.correlation.inputs") return;
  if (s.spec->max_items > 0 && list->size() > s.spec->max_items) {
    out.push_back(
        {s.origin.at, s.key, fmt::format("has {} names; expected at most {}", list->size(), s.spec->max_items)});
    return;
  }
  std::set<std::string> seen;
  for (const auto& name : *list) {
    if (!seen.insert(name).second) {
      out.push_back({s.origin.at, s.key, fmt::format("lists \"{}\" twice; expected each name once", name)});
    }
  }
}

// Every item of a list of numbers: a finite number inside the key's bounds; the list no longer
// than the key allows, and (for thresholds, each an output) no item twice.
void check_number_list(const Setting& s, std::vector<Problem>& out) {
  const auto* list = std::get_if<data::NumberList>(&s.value);
  if (!list) return;
  if (s.spec->max_items > 0 && list->size() > s.spec->max_items) {
    out.push_back(
        {s.origin.at, s.key, fmt::format("has {} items; expected at most {}", list->size(), s.spec->max_items)});
    return;
  }
  if (s.key == "compute.thresholds_flop") {
    std::set<double> seen;
    for (const double x : *list) {
      if (std::isfinite(x) && !seen.insert(x).second) {  // a non-finite item is reported below
        out.push_back({s.origin.at, s.key,
                       fmt::format("lists {} twice; each threshold is an output of its own", core::format_number(x))});
      }
    }
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const double x = (*list)[i];
    if (std::isfinite(x) && x >= s.spec->min && x <= s.spec->max) continue;
    out.push_back(
        {s.origin.at, s.key,
         fmt::format("item {} is {}; expected finite numbers{}", i + 1, core::format_number(x),
                     std::isfinite(s.spec->max)   ? fmt::format(" in [{}, {}]", core::format_number(s.spec->min),
                                                                core::format_number(s.spec->max))
                     : std::isfinite(s.spec->min) ? fmt::format(" >= {}", core::format_number(s.spec->min))
                                                  : std::string())});
  }
}

void check_correlation(const Setting& inputs_setting, const Setting& matrix_setting,
                       const std::function<const Setting*(const std::string&)>& find, std::vector<Problem>& out) {
  const Setting* inputs = &inputs_setting;
  const Setting* matrix = &matrix_setting;
  const auto& names = std::get<data::TextList>(inputs->value);
  const auto& rows = std::get<data::Matrix>(matrix->value);
  if (names.size() < 2) {
    out.push_back(
        {inputs->origin.at, "run.correlation.inputs",
         fmt::format("lists {} key{}; a correlation needs two or more uncertain keys (or remove [run.correlation])",
                     names.size(), names.size() == 1 ? "" : "s")});
    return;
  }
  std::set<std::string> seen;
  for (const auto& n : names) {
    if (!seen.insert(n).second) {
      out.push_back(
          {inputs->origin.at, "run.correlation.inputs", fmt::format("\"{}\" is listed twice; list each key once", n)});
      continue;
    }
    const auto* s = find(n);
    if (!s || s->spec->type != ValueType::number) {
      out.push_back(
          {inputs->origin.at, "run.correlation.inputs", fmt::format("\"{}\" is not a numeric key of the scenario", n)});
    } else if (std::get<core::Distribution>(s->value).is_fixed()) {
      out.push_back({inputs->origin.at, "run.correlation.inputs",
                     fmt::format("\"{}\" is a fixed number; only uncertain keys can be correlated", n)});
    }
  }
  if (rows.size() != names.size()) {
    out.push_back({matrix->origin.at, "run.correlation.matrix",
                   fmt::format("has {} row{}; expected {} (one per input, in the order of run.correlation.inputs)",
                               rows.size(), rows.size() == 1 ? "" : "s", names.size())});
    return;
  }
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(names.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != names.size()) {
      out.push_back({matrix->origin.at, "run.correlation.matrix",
                     fmt::format("row {} has {} entr{}; expected {} (one per input)", i + 1, rows[i].size(),
                                 rows[i].size() == 1 ? "y" : "ies", names.size())});
      return;
    }
    for (std::size_t j = 0; j < names.size(); ++j)
      m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = rows[i][j];
  }
  for (const auto& p : core::correlation_matrix_problems(m))
    out.push_back({matrix->origin.at, "run.correlation.matrix", p});
}

}  // namespace fabcast::scenario
