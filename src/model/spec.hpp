#pragma once
// The scenario compiled for the simulation: every number the model reads is an index into the
// sample's input vector, so a sample is a pure function of its inputs and its own streams.

#include "model/fab_model.hpp"
#include "model/outputs.hpp"
#include "model/yield.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace fabcast::model {

// The place of one scenario number in the sample's input vector. Default-constructed, it is
// unbound: the model reads only what the scenario compiler bound (FabModel's constructor), and
// checked builds (debug, ASan, fuzz) throw on reading an unbound one instead of reading input 0.
struct Idx {
  static constexpr std::uint32_t UNBOUND = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t at = UNBOUND;
  [[nodiscard]] bool bound() const noexcept { return at != UNBOUND; }
};

// A sample's input values, read through Idx.
class Inputs {
 public:
  Inputs() = default;
  explicit Inputs(std::span<const double> values) : values_(values) {}
  double operator[](Idx i) const {
#if !defined(NDEBUG) || defined(FABCAST_CHECKED)
    if (!i.bound()) throw std::logic_error("the model read a scenario number it never bound");
#endif
    return values_[i.at];
  }

 private:
  std::span<const double> values_;
};

// The most operators a scenario's program may use (program.operators): one output per operator.
inline constexpr std::size_t MAX_OPERATORS = 8;
static_assert(MAX_OPERATORS <= OutputIndex::MAX_MEMBERS);

// A firm that runs the program's logic modules (docs/model.md, "Operators"): the modules it can
// start a year, and its defect densities as multiples of the node's.
struct OperatorSpec {
  std::string name;
  Idx starts_2025, d0_launch_mult, d0_mature_mult;
};

struct RegionSpec {
  std::string name;
  // The operators (indices into Spec::operators) that build in the region, preferred first.
  std::vector<std::uint8_t> operators;
  Idx capex_mult, build_months, workers_2025, worker_growth, grid_mw_per_year, subsidy, subsidy_pool, subsidy_last_year,
      euv_licence_probability, crews_2025, crews_growth, trainees_max, trainee_cost, technician_months, engineer_years,
      technician_share, max_share;
  enum class Euv : std::uint8_t { no, yes, licence } euv = Euv::yes;
  std::uint64_t licence_stream = 0;
};

struct NodeSpec {
  std::string name;
  double first_volume = 0;  // calendar years
  Idx slip_quarters, capex_per_kwspm, euv_per_10kwspm, wafer_price, perf_gain, d0_launch, d0_mature;
  bool requires_euv = true;
  bool allowed = true;  // in program.nodes (the reference node may be listed only for performance)
};

struct KindSpec {
  Idx capacity, staff, construction_workers, ramp_months, peak_utilisation, opex_share;
  Idx power;  // logic, memory: MW per 10 kWSPM; packaging: MW per module
  Idx capex;  // packaging: USD per module; memory: USD per kWSPM (logic: from its node)
  Idx euv;    // memory: tools per 10 kWSPM
};

// A supplier's order book (docs/model.md, "Tools from order books"): the other buyers' demand in
// 2025 and 2027, the supplier's headroom over it, its lead time; and the capacity the program may
// fund (line_*: unbound without program.fund_suppliers).
struct BookSpec {
  Idx demand_2025, demand_2027, headroom, lead_months;
  Idx line_cost, line_lead_years, line_max, line_pace;
};

struct Spec {
  // time
  std::size_t steps = 0;
  double dt = 0.25;  // years per step
  double step_months = 3;
  double t0 = 2025;  // calendar years at the start of step 0
  // program
  Idx budget, drawdown_years, discount_rate, project_spread;
  Idx existing_logic_wspm, pipeline_wspm_per_year, pipeline_years;  // count in logic_capacity_wspm only
  enum class Drawdown : std::uint8_t { even, front, back, list } drawdown = Drawdown::even;
  std::vector<double> drawdown_list;
  bool balanced = true;
  double target_logic_modules = -1;  // < 0: no target
  bool revenue_accelerators = true;
  bool charge_datacentre_capex = false;
  // Data centres for the program's chips: built by the program, whose chips wait unpowered for
  // them (docs/model.md, "Data centres"), or someone else's, never short.
  bool build_datacentres = false;
  Idx dc_lead_years, dc_gw_per_year_max;  // build: order to power online; most added a year
  bool hold_starts_for_power = true;      // build: no new module while its chips would outrun the power
  bool staff_at_completion = true;        // the pool at completion (tool-in), else at the start (B1)
  std::array<Idx, KIND_COUNT> exec_2025{};
  Idx exec_growth;
  std::vector<RegionSpec> regions;      // active regions
  std::vector<OperatorSpec> operators;  // program.operators, preferred first
  bool spread_operators = false;        // program.operator_choice = "spread"
  std::array<KindSpec, KIND_COUNT> kinds{};
  int kinds_used = KIND_COUNT;  // logic_only: 1
  std::vector<NodeSpec> nodes;  // allowed nodes and the reference node, by first volume
  std::size_t reference_node = 0;
  bool later_nodes = true;
  Idx cadence_years, capex_growth_per_node, euv_growth_per_node, price_growth_per_node;
  // yield and the accelerator
  YieldModel yield_model = YieldModel::negative_binomial;
  Idx alpha, d0_tau_quarters, salvage_share, wafer_price_decline;
  Idx die_area, flops_per_die_2025, hbm_stacks, hbm_stacks_2027, all_in_kw, wafer_diameter, edge_exclusion, arch_gain,
      packages_per_wafer, packaging_yield, stacks_per_wafer, price_2025, price_decline, arch_years;
  double dies_per_package = 2;
  bool direct_good_dies = false;
  Idx good_dies_per_wafer;
  // compute and economics
  Idx deploy_lag_quarters, useful_life_years, pue, datacentre_capex_per_mw, run_share, mfu, run_days,
      algo_halving_months, run_campus_2026, run_campus_2030;
  std::vector<double> thresholds_flop;
  Idx energy_price, labour_cost;
  // money (docs/model.md, "Money"): unbound ones are off (B1 and the hand-built cases set them to 0)
  Idx risk_premium, integration_share, tax_rate, depreciation_years, carry_rate;
  // the world market (docs/model.md, "Market")
  bool market_entrant = true;  // program.market_role = "entrant": its accelerators move the price
  Idx spend_2025, spend_growth_2030, spend_growth_after, elasticity, installed_h100e_2026, h100_flops;
  // world
  Idx leading_edge_2024, leading_edge_2028, leading_edge_growth;
  Idx ai_share_2024, ai_share_growth;  // wafer revenue: the AI accelerators' share of the logic output
  // EUV supply: ASML's order book shared with the other buyers (v2), or the v1/B1 allowance, a
  // share of each year's output that is lost when unused.
  enum class EuvSupply : std::uint8_t { order_book, allowance } euv_supply = EuvSupply::order_book;
  Idx euv_world_2025;                      // allowance: ASML's output in 2025 (order book: euv_book.demand_2025)
  Idx euv_share, euv_growth, euv_ceiling;  // allowance: the program's share; output growth, ceiling
  bool euv_at_completion = true;           // allowance: the completion year's, else the start year's
  BookSpec euv_book;                       // order book: ASML's EUV tools, in tools
  // Other wafer-fab equipment from the tool makers' order book (in USD), or without limit.
  bool equipment_book = true;
  BookSpec wfe_book;
  Idx equipment_share, euv_tool_usd;  // what of a module's cost the tool makers' book sells
  Idx max_wait_months;                // either book: tools may arrive this long after completion
  bool fund_suppliers = true;         // either book: the program may fund capacity

  OutputIndex out;
  bool need_wafer_price = true;  // wafer revenue feeds a recorded output
  bool need_largest_run = true;  // the largest run, or a first year it reaches a threshold, is recorded
  bool need_market = true;       // the world's purchases matter: an entrant's revenue, or a market output
};

}  // namespace fabcast::model
