#include "scenario/key_paths.hpp"

#include "scenario/schema.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <utility>

namespace fabcast::scenario {
namespace {

// Keys the format no longer reads, each with what replaced it: refused with that pointer rather
// than accepted and ignored (the ones no code ever read were retired in 2026.12).
constexpr std::pair<std::string_view, std::string_view> RETIRED[] = {
    {"program.pipeline_logic_wspm",
     "use program.pipeline_wspm_per_year (what of the pipeline comes online each year) and program.pipeline_years; "
     "the old total is their product"},
    {"accelerator.package_power_w",
     "accelerator.all_in_kw holds the power an accelerator draws, server and network included"},
    {"nodes.*.density_gain", "a node's gain reaches the model through nodes.*.perf_gain; the die keeps its area"},
    {"node_roadmap.density_gain", "roadmap nodes gain through their perf_gain; the die keeps its area"},
    {"modules.*.equipment_life_years", "capex is depreciated for tax over economics.depreciation_years"},
    {"modules.*.shell_life_years", "capex is depreciated for tax over economics.depreciation_years"},
    {"economics.ark_training_cost_decline_per_year",
     "a claim, not an input: the data library keeps it as comparators.ark_training_cost_decline_per_year, "
     "beside the model's training_cost_decline_per_year"},
    {"world.installed_h100e_2026", "the world's installed base is an input of the market: market.installed_h100e_2026"},
    {"regions.*.construction_slots_2025",
     "construction is limited by crews, not slots: regions.*.construction_workers_2025 (workers a region can put "
     "on fab sites at once; a module holds modules.*.construction_workers_peak while it builds)"},
    {"regions.*.construction_slots_growth_per_year", "use regions.*.construction_workers_growth_per_year"},
    {"execution.logic_starts_per_year_2025",
     "logic modules are started by operators: set operators.NAME.logic_starts_per_year_2025 (operators.\"*\" for "
     "every one)"},
    {"world.h100_flops", "the unit of the market's H100-equivalent counts: market.h100_flops"},
    {"comparators.world_installed_h100e_2026", "an input of the market now: market.installed_h100e_2026"},
    {"comparators.h100_flops", "an input of the market now: market.h100_flops"},
};

}  // namespace

// A name becomes a segment of key paths such as regions.NAME.build_months, and of --set arguments:
// a '.' or '*' in it would read as another key or a wildcard.
bool valid_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

std::string pattern_of(std::string_view key) {
  for (auto collection : NAMED_COLLECTIONS) {
    if (key.starts_with(collection) && key.size() > collection.size() && key[collection.size()] == '.') {
      const auto end = key.find('.', collection.size() + 1);
      return std::string(collection) + ".*" + (end == std::string_view::npos ? "" : std::string(key.substr(end)));
    }
  }
  return std::string(key);
}

std::string_view singular(std::string_view collection) {
  return collection == "regions" ? "region" : collection == "nodes" ? "node" : "operator";
}

bool in_extensible(std::string_view key) {
  return std::any_of(EXTENSIBLE.begin(), EXTENSIBLE.end(), [&](const char* c) {
    return key.starts_with(c) && key.size() > std::strlen(c) && key[std::strlen(c)] == '.';
  });
}

std::optional<std::string_view> retired_key(std::string_view path) {
  const std::string pattern = pattern_of(path);
  for (const auto& [key, why] : RETIRED) {
    if (path == key || pattern == key) return why;
  }
  return std::nullopt;
}

}  // namespace fabcast::scenario
