#pragma once
// A finished run as JSON (docs/output-format.md) and as a readable summary.

#include "core/runner.hpp"
#include "model/fab_model.hpp"
#include "scenario/scenario.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace fabcast::report {

//! What identifies a run besides its results.
struct RunInfo {
  std::string scenario;
  std::string data_version;
  std::string fabcast_version;
  std::string git_commit;
};

//! The scalars a summary or report leads with, in order, with their labels for people.
struct KeyScalar {
  const char* name;
  const char* label;
};
inline constexpr KeyScalar KEY_SCALARS[] = {
    {"committed_usd", "committed (USD)"},
    {"logic_target_year", "year the logic-module target is met"},
    {"spent_share_2030", "share of budget spent by 2030"},
    {"spent_share_2035", "share of budget spent by 2035"},
    {"modules_operating_2030", "modules operating, 2030"},
    {"modules_operating_2035", "modules operating, 2035"},
    {"accelerators_total", "accelerators made"},
    {"installed_flops_2030", "installed FLOP/s, 2030"},
    {"installed_flops_2035", "installed FLOP/s, 2035"},
    {"installed_flops_2040", "installed FLOP/s, 2040"},
    {"peak_power_gw", "peak power of the chips (GW)"},
    {"npv_usd", "NPV (USD)"},
    {"irr", "IRR"},
    {"payback_year", "payback year"},
    {"cost_per_good_wafer_usd", "cost per good wafer (USD)"},
    {"breakeven_price_usd", "break-even price (USD)"},
    {"training_cost_decline_per_year", "fixed-capability training cost fall/yr"},
    {"idle_funds_cost_usd", "cost of money waiting (USD)"},
    {"integration_cost_usd", "paid the designer's way (USD)"},
    {"tax_usd", "tax paid (USD)"},
};

//! The full result: top-level keys run, steps, series, scalars, binding.
nlohmann::ordered_json run_to_json(const RunInfo& info, const core::RunResult& result, const model::FabModel& model);

//! Key scalars, the binding-constraint and limiting-stage tables and key series, by year.
std::string run_summary(const RunInfo& info, const core::RunResult& result, const model::FabModel& model);
//! The same from the run's JSON already made (its derived tables: binding, training runs).
std::string run_summary(const RunInfo& info, const core::RunResult& result, const model::FabModel& model,
                        const nlohmann::ordered_json& json);

}  // namespace fabcast::report
