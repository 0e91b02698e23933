#include "model/outputs.hpp"

#include "core/number_format.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace fabcast::model {

std::vector<std::string> family_members(Family family, const std::vector<double>& thresholds,
                                        const std::vector<std::string>& operators) {
  switch (family) {
    case Family::one:
      return {""};
    case Family::kind:
      return {std::begin(KIND_NAMES), std::end(KIND_NAMES)};
    case Family::constraint:
      return {std::begin(CONSTRAINT_NAMES), std::end(CONSTRAINT_NAMES)};
    case Family::stage:
      return {std::begin(STAGE_NAMES), std::end(STAGE_NAMES)};
    case Family::operator_:
      return operators;
    case Family::deploy:
      return {std::begin(DEPLOY_LIMIT_NAMES), std::end(DEPLOY_LIMIT_NAMES)};
    case Family::threshold: {
      std::vector<std::string> names;
      for (double t : thresholds) names.push_back(core::format_number(t));
      return names;
    }
  }
  return {};
}

std::string output_name(const OutputDef& def, std::string_view member) {
  const auto at = def.name.find("{}");
  if (at == std::string_view::npos) return std::string(def.name);
  return fmt::format("{}{}{}", def.name.substr(0, at), member, def.name.substr(at + 2));
}

const OutputDef* find_output(std::string_view name) {
  // An exact row first; else the family whose fixed parts match most of the name, so that
  // binding_steps_euv_drawdown is a binding_steps_{}_drawdown and not a binding_{}.
  const OutputDef* best = nullptr;
  std::size_t best_fixed = 0;
  for (const auto& def : OUTPUTS) {
    const auto at = def.name.find("{}");
    if (at == std::string_view::npos) {
      if (def.name == name) return &def;
      continue;
    }
    const auto head = def.name.substr(0, at);
    const auto tail = def.name.substr(at + 2);
    const bool fits = name.size() > head.size() + tail.size() && name.starts_with(head) && name.ends_with(tail);
    if (fits && head.size() + tail.size() > best_fixed) {
      best = &def;
      best_fixed = head.size() + tail.size();
    }
  }
  return best;
}

std::string output_unit(std::string_view name, bool sells_wafers) {
  const auto* def = find_output(name);
  if (!def) return "";
  if (def->name == "breakeven_price_usd" && sells_wafers) return "USD/wafer";
  return std::string(def->unit);
}

std::string outputs_markdown() {
  // A family's members as the results name them (thresholds: as the scenario lists them).
  auto members = [](Family f) -> std::string {
    if (f == Family::one) return "";
    if (f == Family::threshold) return "`{}`: each of compute.thresholds_flop, as written in the results";
    if (f == Family::operator_) return "`{}`: each of program.operators";
    return fmt::format("`{{}}`: one of {}", fmt::join(family_members(f, {}), ", "));
  };
  std::string md;
  for (const bool series : {true, false}) {
    md += series ? "### Series (one value a step)\n\n" : "\n### Scalars (one value a sample)\n\n";
    md += "| Output | Unit | Description |\n|---|---|---|\n";
    for (const auto& d : OUTPUTS) {
      if (d.series != series) continue;
      std::string notes;
      if (!members(d.family).empty()) notes += "; " + members(d.family);
      if (series && !d.quantiles) notes += "; mean only (the share of samples)";
      if (d.never) notes += "; +inf when it never happens (or is undefined)";
      if (d.year) notes += fmt::format("; only when the run covers {}", d.year);
      md += fmt::format("| `{}` | {} | {}{} |\n", d.name, d.unit, d.description, notes);
    }
  }
  return md;
}

}  // namespace fabcast::model
