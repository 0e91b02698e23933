#include "scenario/modal_keys.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace fabcast::scenario {
namespace {

struct ModalKeys {
  std::string_view switch_key, value, why;
  std::array<std::string_view, 10> keys;  // unused places empty
};

// clang-format off
constexpr ModalKeys MODAL_KEYS[] = {
    {"world.euv_supply", "allowance",
     "under the order book ASML's capacity and the program's share of it follow from the other buyers' demand "
     "(world.euv_capacity_headroom, world.euv_demand_2027) and the capacity the program funds (suppliers.*)",
     {"world.euv_program_share", "world.euv_tools_at", "world.euv_growth_per_year", "world.euv_ceiling_per_year"}},
    {"world.euv_supply", "order_book",
     "under the allowance the program takes a share of ASML's output",
     {"world.euv_capacity_headroom", "world.euv_demand_2027", "world.euv_lead_months",
      "suppliers.euv_line_usd_per_tool_year", "suppliers.euv_line_lead_years",
      "suppliers.euv_line_max_tools_per_year", "suppliers.euv_line_pace_tools_per_year"}},
    {"world.wfe_supply", "order_book",
     "with \"unlimited\" equipment nothing limits it",
     {"world.wfe_usd_2025", "world.wfe_usd_2027", "world.wfe_capacity_headroom", "world.wfe_lead_months",
      "suppliers.equipment_share_of_capex", "suppliers.euv_tool_usd", "suppliers.wfe_line_usd_per_usd_year",
      "suppliers.wfe_line_lead_years", "suppliers.wfe_line_max_usd_per_year", "suppliers.wfe_line_pace_usd_per_year"}},
    {"program.revenue_mode", "wafer",
     "a program that sells accelerators makes every one of them for AI",
     {"world.ai_share_of_leading_edge_2024", "world.ai_share_growth_per_year"}},
    {"program.revenue_mode", "accelerator",
     "a program that sells wafers pays no designer's costs",
     {"economics.integration_cost_share"}},
    {"program.market_role", "entrant",
     "an incumbent's accelerators are part of the world's supply and sell at the list price",
     {"market.demand_elasticity"}},
    {"program.datacentres", "build",
     "when the data centres are someone else's (external), nothing limits their power",
     {"compute.datacentre_lead_years", "compute.datacentre_gw_per_year_max", "program.hold_starts_for_power"}},
    {"program.datacentres", "external",
     "a program that builds its data centres pays for them as it orders them",
     {"program.charge_datacentre_capex"}},
};
// clang-format on

bool applies(const ModalKeys& mode, const FindSetting& find) {
  const auto* s = find(std::string(mode.switch_key));
  return s && std::get<std::string>(s->value) == mode.value;
}

}  // namespace

bool left_out(std::string_view path, const FindSetting& find) {
  for (const auto& mode : MODAL_KEYS) {
    if (!applies(mode, find) && std::find(mode.keys.begin(), mode.keys.end(), path) != mode.keys.end()) return true;
  }
  return false;
}

void check_modal_keys(const FindSetting& find, std::vector<Problem>& out) {
  for (const auto& mode : MODAL_KEYS) {
    if (applies(mode, find)) continue;
    for (const auto key : mode.keys) {
      if (key.empty()) break;
      const auto* s = find(std::string(key));
      if (s && s->origin.layer != Origin::Layer::data && s->origin.layer != Origin::Layer::setting) {
        out.push_back({s->origin.at, std::string(key),
                       fmt::format("applies only with {} = \"{}\"; {}", mode.switch_key, mode.value, mode.why)});
      }
    }
  }
}

}  // namespace fabcast::scenario
