#pragma once
// Every output the model can record, declared once (name, kind, unit, description). The table
// below generates the output index a sample writes through, the names run.outputs accepts, and
// the output reference in docs/output-format.md (`fabcast docs outputs`), as the scenario schema
// does for inputs. Its order is the order of the outputs in every result.

#include "model/fab_model.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace fabcast::model {

// A row may stand for one output or a family, one per member of an enumeration ("{}" in the name
// is replaced by the member's name: modules_started_logic, binding_capital, ...).
enum class Family : std::uint8_t { one, kind, constraint, stage, threshold, operator_, deploy };

struct OutputDef {
  std::string_view name;
  bool series;  // per step; else one value per sample (a scalar)
  Family family;
  std::string_view unit;
  std::string_view description;
  bool quantiles = true;  // series: mean and quantiles (false: 0/1 indicators keep only their mean)
  bool never = false;     // scalar: +inf when its event never happens or it is undefined
  int year = 0;           // scalar at a year: exists when the run covers that year's last step
};

enum Output : std::uint8_t {
  // series
  MODULES_STARTED,
  OPERATOR_STARTS,
  MODULES_BUILDING,
  MODULES_OPERATING,
  WAFERS,
  ACCELERATORS,
  INSTALLED_FLOPS,
  POWER_GW,
  DATACENTRE_POWER,
  CHIPS_WAITING,
  WORKERS_EMPLOYED,
  STAFF_OPERATING,
  WORKERS_RESERVED,
  WORKERS_TRAINED,
  EUV_TOOLS_USED,
  EUV_CAPACITY,
  EUV_SHIPPED,
  EUV_FUNDED,
  WFE_CAPACITY,
  WFE_SHIPPED,
  WFE_PROGRAM,
  WFE_FUNDED,
  LOGIC_CAPACITY_WSPM,
  WORLD_LEADING_EDGE_WSPM,
  CAPEX_CUMULATIVE,
  COMMITTED_CUMULATIVE,
  FUNDING_UNSPENT,
  REVENUE,
  CASH,
  WORLD_SPEND,
  MARKET_PRICE_INDEX,
  PROGRAM_MARKET_SHARE,
  WORLD_BOUGHT_H100E,
  WORLD_INSTALLED_H100E,
  PROGRAM_COMPUTE_SHARE,
  RUN_COST_1E25,
  LARGEST_RUN,
  BINDING,
  LIMITING,
  DEPLOY_LIMIT,
  // scalars
  MODULES_OPERATING_2030,
  MODULES_OPERATING_2035,
  INSTALLED_FLOPS_2030,
  INSTALLED_FLOPS_2035,
  INSTALLED_FLOPS_2040,
  SPENT_SHARE_2030,
  SPENT_SHARE_2035,
  COMMITTED,
  SUPPLIER_FUNDING,
  MODULES_STARTED_TOTAL,
  LOGIC_MODULES_BY_OPERATOR,
  LOGIC_TARGET_YEAR,
  NPV,
  IRR,
  PAYBACK_YEAR,
  PEAK_POWER,
  DATACENTRE_CAPEX,
  DATACENTRE_ADDED,
  ACCELERATORS_TOTAL,
  COST_PER_GOOD_WAFER,
  BREAKEVEN_PRICE,
  TAX_PAID,
  IDLE_FUNDS_COST,
  INTEGRATION_COST,
  MARKET_SHARE_2030,
  MARKET_SHARE_2035,
  PRICE_INDEX_2030,
  PRICE_INDEX_2035,
  TRAINING_COST_DECLINE,
  BINDING_STEPS_DRAWDOWN,
  FIRST_BINDING_YEAR,
  FIRST_YEAR_RUN_EXCEEDS,
  OUTPUT_COUNT
};

// clang-format off
inline constexpr std::array<OutputDef, OUTPUT_COUNT> OUTPUTS = {{
    {"modules_started_{}", true, Family::kind, "modules", "Modules of the kind started in the step"},
    {"operator_starts_{}", true, Family::operator_, "modules", "Logic modules the operator started in the step"},
    {"modules_building_{}", true, Family::kind, "modules", "Modules of the kind under construction at the end of the step"},
    {"modules_operating_{}", true, Family::kind, "modules", "Modules of the kind producing (ramping or at full output)"},
    {"wafers_{}", true, Family::kind, "wafers", "Wafers the kind's modules put out in the step"},
    {"accelerators", true, Family::one, "accelerators", "Accelerators made in the step: the scarcest of logic dies, package slots and HBM stacks"},
    {"installed_flops", true, Family::one, "FLOP/s", "Peak FLOP/s of the program's accelerators deployed and within their useful life"},
    {"power_gw", true, Family::one, "GW", "Data-centre power those accelerators draw (all-in per accelerator x PUE)"},
    {"datacentre_power_gw", true, Family::one, "GW", "Power of the data centres the program has built (only with program.datacentres = build)"},
    {"chips_waiting", true, Family::one, "accelerators", "Accelerators made and delivered that wait for data-centre power (only with program.datacentres = build)"},
    {"workers_employed", true, Family::one, "workers", "Operating staff of producing modules plus construction crews on site"},
    {"staff_operating", true, Family::one, "workers", "Operating staff of producing modules (hired at completion)"},
    {"workers_reserved", true, Family::one, "workers", "Skilled staff committed to modules started so far (hired when each completes)"},
    {"workers_trained", true, Family::one, "workers", "Workers the program has trained, cumulative"},
    {"euv_tools_used", true, Family::one, "tools", "EUV tools ordered for the program's modules, cumulative"},
    {"euv_capacity_per_year", true, Family::one, "tools/year", "EUV tools ASML can make a year, with the capacity the program funded (allowance: its output)"},
    {"euv_shipped_per_year", true, Family::one, "tools/year", "EUV tools ASML ships in the step to every buyer, as a yearly rate (allowance: its output)"},
    {"euv_capacity_funded", true, Family::one, "tools/year", "EUV capacity the program has funded so far, arriving after suppliers.euv_line_lead_years"},
    {"equipment_capacity_usd_per_year", true, Family::one, "USD/year", "What the tool makers (all but ASML's EUV) can make a year, with the capacity the program funded (0: unlimited, world.wfe_supply)"},
    {"equipment_shipped_usd_per_year", true, Family::one, "USD/year", "What they ship in the step to every buyer, as a yearly rate"},
    {"equipment_received_usd", true, Family::one, "USD", "Equipment (other than EUV tools) the program has received, cumulative"},
    {"equipment_capacity_funded_usd_per_year", true, Family::one, "USD/year", "Equipment capacity the program has funded so far, arriving after suppliers.wfe_line_lead_years"},
    {"logic_capacity_wspm", true, Family::one, "wafers/month", "Logic wafer starts a month: the modules' ramped capacity plus program.existing_logic_wspm and the funded pipeline"},
    {"world_leading_edge_wspm", true, Family::one, "wafers/month", "The world's capacity at 7 nm and below without the program (world.leading_edge_*): a reference for logic_capacity_wspm"},
    {"capex_cumulative_usd", true, Family::one, "USD", "Construction payments made (modules, and supplier capacity the program funds), cumulative"},
    {"committed_cumulative_usd", true, Family::one, "USD", "Money committed to modules, training and suppliers so far"},
    {"funding_unspent_usd", true, Family::one, "USD", "Money received and not yet committed"},
    {"revenue_usd", true, Family::one, "USD", "Revenue in the step (accelerators sold, or wafers under wafer revenue)"},
    {"cash_usd", true, Family::one, "USD", "Net cash of the program, cumulative"},
    {"world_accelerator_spend_usd_per_year", true, Family::one, "USD/year", "What the world spends on AI accelerators without the program, a year (market.*; before 2025 at the 2025-2030 growth)"},
    {"market_price_index", true, Family::one, "x", "Price the program's accelerators fetch in the step over the list price: below 1 when they add to the world's supply (program.market_role = entrant; docs/model.md, Market)"},
    {"program_market_share", true, Family::one, "share", "The program's share of the AI accelerators (in H100-equivalents) bought in the step: entrant, of the world's purchases and its own; incumbent, of the world's, which count it"},
    {"world_bought_h100e", true, Family::one, "H100e", "AI accelerators the world buys in the step without the program, in H100-equivalents: its spending over the list price"},
    {"world_installed_h100e", true, Family::one, "H100e", "AI accelerators installed worldwide without the program (market.*): the reference for the program's compute"},
    {"program_compute_share", true, Family::one, "share", "The program's share of the world's installed AI compute: entrant, of the world's and its own; incumbent, of the world's, which counts it"},
    {"run_cost_per_1e25_flop_usd", true, Family::one, "USD", "What 1e25 FLOP of training costs on the newest accelerator of the step at the market price: its price over its life and its energy, for the run's time, at compute.mfu (at most 1e30)"},
    {"largest_run_flop", true, Family::one, "FLOP", "The largest training run the installed accelerators could do (run share x MFU x run days)"},
    {"binding_{}", true, Family::constraint, "0/1", "1 when the constraint stopped further starts in the step", false},
    {"limiting_{}", true, Family::stage, "0/1", "1 when the stage limited the accelerators made in the step", false},
    {"deploy_limit_{}", true, Family::deploy, "0/1", "1 when it limited the chips in service in the step: chips (all are powered), power (chips wait for data centres being built or beyond the build pace), capital (for money to order them); only with program.datacentres = build", false},
    {"modules_operating_2030", false, Family::one, "modules", "Modules of every kind producing at the end of 2030", true, false, 2030},
    {"modules_operating_2035", false, Family::one, "modules", "The same at the end of 2035", true, false, 2035},
    {"installed_flops_2030", false, Family::one, "FLOP/s", "installed_flops at the end of 2030", true, false, 2030},
    {"installed_flops_2035", false, Family::one, "FLOP/s", "installed_flops at the end of 2035", true, false, 2035},
    {"installed_flops_2040", false, Family::one, "FLOP/s", "installed_flops at the end of 2040", true, false, 2040},
    {"spent_share_2030", false, Family::one, "share", "Construction, training and supplier capacity paid by the end of 2030, as a share of the budget", true, false, 2030},
    {"spent_share_2035", false, Family::one, "share", "The same by the end of 2035", true, false, 2035},
    {"committed_usd", false, Family::one, "USD", "Money committed to modules, training and suppliers over the run"},
    {"supplier_funding_usd", false, Family::one, "USD", "Money committed to new supplier capacity (EUV lines, other equipment) over the run"},
    {"modules_started", false, Family::one, "modules", "Modules of every kind started over the run"},
    {"logic_modules_{}", false, Family::operator_, "modules", "Logic modules the operator started over the run"},
    {"logic_target_year", false, Family::one, "year", "First year the program has started program.target_logic_modules logic modules (only with a target)", true, true},
    {"npv_usd", false, Family::one, "USD", "Net present value of the program's cash flows at program.discount_rate"},
    {"irr", false, Family::one, "1/year", "Internal rate of return of those cash flows, when exactly one rate in (-99 %, 10,000 %] a year zeroes their NPV (docs/model.md, Money)", true, true},
    {"payback_year", false, Family::one, "year", "First year cumulative cash is back to zero", true, true},
    {"peak_power_gw", false, Family::one, "GW", "Largest power_gw over the run"},
    {"datacentre_capex_usd", false, Family::one, "USD", "Data-centre capex: build, what the program committed to its data centres; external, what the peak power would cost (charged only with program.charge_datacentre_capex)"},
    {"datacentre_added_gw", false, Family::one, "GW", "Data-centre power the program ordered over the run (only with program.datacentres = build)"},
    {"accelerators_total", false, Family::one, "accelerators", "Accelerators made over the run"},
    {"cost_per_good_wafer_usd", false, Family::one, "USD/wafer", "Logic capex and running cost over logic wafers made: a cost per wafer, not per accelerator", true, true},
    {"breakeven_price_usd", false, Family::one, "USD/accelerator", "Price per unit sold at which NPV is zero, PV of costs / PV of units: per accelerator, or per logic wafer (USD/wafer) under program.revenue_mode = wafer", true, true},
    {"tax_usd", false, Family::one, "USD", "Tax paid on the program's profits over the run (economics.tax_rate, losses carried forward)"},
    {"idle_funds_cost_usd", false, Family::one, "USD", "What money received and not yet committed cost over the run (economics.idle_funds_carry_rate)"},
    {"integration_cost_usd", false, Family::one, "USD", "What the program paid a chip designer's way over the run (economics.integration_cost_share; accelerator revenue only)"},
    {"market_share_2030", false, Family::one, "share", "The program's share of the AI accelerators the world bought in 2030", true, false, 2030},
    {"market_share_2035", false, Family::one, "share", "The same in 2035", true, false, 2035},
    {"price_index_2030", false, Family::one, "x", "What the program's accelerators fetched in 2030 over the list price (1: it sold none, or sold at list)", true, false, 2030},
    {"price_index_2035", false, Family::one, "x", "The same in 2035", true, false, 2035},
    {"training_cost_decline_per_year", false, Family::one, "1/year", "Yearly fall of fixed-capability training cost, 2025 to 2030", true, false, 2030},
    {"binding_steps_{}_drawdown", false, Family::constraint, "steps", "Steps within the drawdown in which the constraint bound"},
    {"first_binding_year_{}", false, Family::constraint, "year", "First year the constraint bound", true, true},
    {"first_year_run_exceeds_{}", false, Family::threshold, "year", "First year largest_run_flop reaches the threshold (compute.thresholds_flop)", true, true},
}};
// clang-format on

//! The members of a family (the kind, constraint or stage names; the thresholds as written; the
//! program's operators).
std::vector<std::string> family_members(Family family, const std::vector<double>& thresholds,
                                        const std::vector<std::string>& operators = {});
//! A row's name for one member ("{}" replaced).
std::string output_name(const OutputDef& def, std::string_view member);

//! Where each output lives in the schema: a slot per (row, member), -1 when not recorded. Rows of
//! up to MAX_MEMBERS members sit at fixed places, so that a look-up with a constant row is one load
//! (a sample writes a few dozen outputs a step); the thresholds, as many as the scenario lists, apart.
class OutputIndex {
 public:
  static constexpr int NO = -1;
  static constexpr std::size_t MAX_MEMBERS = 9;

  //! The schema slot of a row's member (member 0 for a single output), or NO.
  [[nodiscard]] int operator()(Output id, std::size_t member = 0) const noexcept {
    return id == FIRST_YEAR_RUN_EXCEEDS ? thresholds_[member] : fixed_[id * MAX_MEMBERS + member];
  }
  //! Sets a row's slots.
  void add(Output id, const std::vector<int>& slots) {
    if (id == FIRST_YEAR_RUN_EXCEEDS) {
      thresholds_ = slots;
      return;
    }
    for (std::size_t m = 0; m < slots.size() && m < MAX_MEMBERS; ++m) fixed_[id * MAX_MEMBERS + m] = slots[m];
  }

 private:
  std::array<int, OUTPUT_COUNT* MAX_MEMBERS> fixed_ = [] {
    std::array<int, OUTPUT_COUNT * MAX_MEMBERS> a{};
    a.fill(NO);
    return a;
  }();
  std::vector<int> thresholds_;
};
static_assert(CONSTRAINT_COUNT <= OutputIndex::MAX_MEMBERS && KIND_COUNT <= OutputIndex::MAX_MEMBERS &&
              STAGE_COUNT <= OutputIndex::MAX_MEMBERS && DEPLOY_LIMIT_COUNT <= OutputIndex::MAX_MEMBERS);

//! The row a recorded output's name comes from (a family's member matched by its pattern:
//! binding_steps_euv_drawdown, first_year_run_exceeds_1e27), or nullptr for a name no row makes.
const OutputDef* find_output(std::string_view name);

//! An output's unit for people: its row's, except that a break-even price is per logic wafer when
//! the program sells wafers (program.revenue_mode = wafer); "" for a name no row makes.
std::string output_unit(std::string_view name, bool sells_wafers);

//! Whether a unit is money (USD, or USD per something): shown as "$466.6B".
inline bool is_money(std::string_view unit) { return unit.starts_with("USD"); }

//! The output reference (Markdown): one row per output, families written with their members.
std::string outputs_markdown();

}  // namespace fabcast::model
