#pragma once
// One sample of the fab program (MODEL.md section 5): its state, and the phases a step goes
// through, in this order, each in its own file:
//
//   funding.cpp     the budget's tranche arrives; the year's execution capacity is set
//   pools.cpp       worker pools, construction crews, grid headroom grow; training (program-funded)
//   suppliers.cpp   ASML ships the step's EUV tools from its order book; the program funds capacity
//   datacentres.cpp data centres ordered come online; the program orders power for its chips
//   starts.cpp      modules start: the kind the policy needs, in the cheapest region where every
//                   constraint holds; else the tightest constraint is recorded as binding
//   production.cpp  construction is paid; modules complete, ramp and make wafers
//   deployment.cpp  wafers become accelerators (the scarcest stage); powered and deployed, retired
//   accounting.cpp  revenue and cash; at the end NPV, IRR, payback and unit costs
//   recording.cpp   the step's series and year-end scalars; at the end the whole-path scalars
//
// Every number comes from the sample's inputs (in_[idx]) or its own named streams, so a sample is
// reproducible on its own. A Sample is reused from one sample to the next (its tables keep their
// memory); begin() resets all of its state.

#include "core/model.hpp"
#include "core/rng.hpp"
#include "model/node_table.hpp"
#include "model/order_book.hpp"
#include "model/spec.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <vector>

namespace fabcast::model {

inline constexpr double INF = std::numeric_limits<double>::infinity();
inline constexpr std::uint32_t NO_MODULE = std::numeric_limits<std::uint32_t>::max();
inline constexpr double HOURS_PER_YEAR = 8766;
inline constexpr double SECONDS_PER_DAY = 86400;
// The world's leading-edge capacity stops here (1,000,000 times 2024's): a bound that only a
// growth rate near the schema's limit, compounded over a century or more, reaches, so that the
// series and what grows with it (the EUV demand) never overflow.
inline constexpr double MAX_WORLD_WSPM = 1e12;
// Bounds of the same kind for the world market (docs/model.md, "Market"), which only extreme growth
// or decline rates compounded over a century reach: spending of 10,000 times the world's GDP a year,
// a trillion trillion H100-equivalents bought a step, and a cost of 1e25 FLOP that no economy could
// pay (an accelerator that delivers next to nothing).
inline constexpr double MAX_WORLD_SPEND = 1e18, MAX_WORLD_H100E = 1e24, MAX_RUN_COST = 1e30;
// The most module records (a module, or a batch of identical ones) a sample may hold: about
// 100 bytes each, so 25 MB a thread. The shipped scenarios start a few hundred; only inputs that
// make modules nearly free with nothing else limiting their starts come near it.
inline constexpr std::size_t MAX_MODULE_RECORDS = 250'000;
// Builds of up to this many steps find the worker pool's growth over them in a table.
inline constexpr std::size_t GROWTH_TABLE = 64;

// A module, or a batch of identical modules started together (count > 1; the money, staff,
// power and capacity fields are the batch's totals).
struct Module {
  // Every field is set by Sample::start; left unset here, as zeroing a new record (a `rep stos`
  // of 144 bytes) cost bench-b1 about a tenth of its time.
  Module() noexcept {}  // NOLINT(modernize-use-equals-default): = default would value-initialise
  Kind kind;
  std::uint32_t region;
  std::uint32_t node;      // logic: index into the sample's node table
  std::uint32_t op;        // logic: its operator (index into Spec::operators)
  std::uint32_t start;     // step
  std::uint32_t complete;  // first step of output
  double gross_cost;       // USD, before subsidy
  double net_cost;         // USD, paid by the program over construction
  double capacity;         // wafers a month at full output
  double peak;             // peak utilisation
  double ramp_months;
  double staff;
  double construction_workers;
  double power_mw;                // at full output
  double accelerators_per_month;  // at peak, for the balanced policy
  double count;                   // modules in the batch (a whole number; a double never overflows)
  double euv_tools;               // EUV tools ordered (order book; 0 under the allowance)
  double euv_position;            // the order's place in ASML's book
  double equipment_usd;           // other equipment ordered (0 when its supply is unlimited)
  double equipment_position;      // the order's place in the tool makers' book
  std::uint32_t next_completing;  // the next module completing in the same step (NO_MODULE: none)
};

inline constexpr std::size_t NEVER = std::numeric_limits<std::size_t>::max();

// A supplier the program buys from through an order book (EUV tools from ASML; the rest of the
// wafer-fab equipment from the other tool makers, in dollars), and the capacity it has funded.
struct Supply {
  OrderBook book;
  std::size_t lead_steps = 0;       // an order ships no earlier than this many steps after it is placed
  std::size_t line_lead_steps = 0;  // funded capacity ships from this many steps after it is paid for
  double line_cost = 0;             // USD per unit a year of capacity
  double line_pace = 0;             // most capacity funded in a year, units a year
  double line_max = 0;              // most capacity funded in all, units a year
  double floor = 0;                 // the book's projection for orders due this step + lead (OrderBook)
  double added = 0;                 // capacity funded so far, units a year
  double committed = 0;             // money committed to it
  bool binding = false;             // it bound the step's last failed start
  std::size_t funded_at = NEVER;    // the step it was last funded
  [[nodiscard]] std::size_t due(std::size_t t) const noexcept { return t + lead_steps; }
  //! The share of an order that has arrived (1 for none).
  [[nodiscard]] double arrived(double position, double amount) const {
    if (amount <= 0) return 1.0;
    const double share = book.received(position, amount) / amount;
    return share > 1 - 1e-12 ? 1.0 : share;  // the last unit in, whatever the rounding of the sums
  }
};

// A region where a module of the wanted kind could start this step, with its costs.
struct Candidate {
  std::uint32_t region;
  int node;
  int op;  // logic: the operator that would run it (-1: other kinds)
  double gross, net, euv, equipment, power, build_steps;
  double subsidy;  // the region's subsidy of one module: its share of the cost, within what is left of its pool
  std::size_t euv_year = 0;  // allowance: the calendar year (from the first) its EUV tools come from
  std::size_t tools_by = 0;  // order books: the step by which all its tools must have arrived
};

// A region's inputs for the sample and its state.
struct Region {
  double capex_mult, build_months, workers_2025, worker_growth, grid_mw_per_year, subsidy, crews_2025, crews_growth,
      trainees_max, trainee_cost, technician_months, engineer_years, technician_share, max_share;
  bool euv;
  double subsidy_last_year = INF;  // starts after this calendar year get no subsidy
  // state
  double reserved_workers = 0, trained = 0, grid_free = 0;
  double subsidy_left = INF;  // what is left of the region's subsidy pool
  double crews_on_site = 0;   // construction workers of the modules it is building
  double starts = 0;          // module counts: whole numbers, as doubles so that no count overflows
  // (1 + growth)^(time - 2025) for the worker pool and the construction crews, advanced each step
  // by one multiplication instead of a pow per look-up.
  double worker_factor = 1, worker_step = 1, crews_factor = 1, crews_step = 1;
};

class Sample {
 public:
  explicit Sample(std::shared_ptr<const Spec> spec) : spec_(std::move(spec)) {}

  //! Runs one sample from its inputs into `out`.
  void run(const core::SampleContext& ctx, std::span<const double> in, core::SampleOutputs& out);

 private:
  // ---- phases (one file each; see the top of this file) ----
  void begin(const core::SampleContext& ctx, std::span<const double> in, core::SampleOutputs& out);
  void fund(std::size_t t);
  void grow_pools(std::size_t t);
  void train(std::size_t t);
  void supply(std::size_t t);
  void plan_datacentres(std::size_t t);
  void start_modules(std::size_t t);
  void produce(std::size_t t);
  void deploy(std::size_t t);
  void clear_market(std::size_t t, double program_h100e);
  void account(std::size_t t);
  void record(std::size_t t);
  void finish_accounts();
  void record_totals();

  // starts.cpp's parts
  [[nodiscard]] std::array<Kind, KIND_COUNT> kinds_by_need() const;
  bool try_start(Kind kind, std::size_t t, Constraint& binding);
  std::size_t collect_candidates(Kind kind, double factor, std::size_t t, bool& blocked_by_euv_access);
  void start(const Candidate& c, Kind kind, std::size_t t, double batch);
  // suppliers.cpp's parts
  void open_suppliers();
  void open_datacentres();
  void open_market();
  // market.cpp's parts
  [[nodiscard]] double world_spend(double time) const;
  [[nodiscard]] double world_bought(double time) const;
  // accounting.cpp's parts
  [[nodiscard]] double cost_per_flop(double when, double index) const;
  void open_book(Supply& supply, const BookSpec& spec);
  bool fund_line(Supply& supply, std::size_t t);
  // Commits `cost` to capacity the program buys (a supplier's line, data centres), paid evenly as
  // capex from step t until `until` (exclusive; what falls past the run is not paid).
  void commit_capacity(double cost, std::size_t t, std::size_t until);
  //! The share of a module's tools in: the smaller of its EUV tools' and its other equipment's.
  [[nodiscard]] double tools_arrived(const Module& m) const {
    return std::min(euv_.arrived(m.euv_position, m.euv_tools),
                    equipment_.arrived(m.equipment_position, m.equipment_usd));
  }
  // production.cpp's parts
  struct Production;
  void add_output(Production& made, Kind kind, std::size_t node, std::size_t op, double wafers, double running,
                  double mw, double staff, std::size_t t);
  [[nodiscard]] double running_cost(double module_opex, double mw, double staff) const;
  // Logic aggregates by (node, operator), then packaging, then memory.
  [[nodiscard]] std::size_t steady_index(Kind kind, std::size_t node, std::size_t op) const {
    const std::size_t ops = spec_->operators.size();
    return kind == LOGIC ? node * ops + op : nodes_.size() * ops + (kind == PACKAGING ? 0 : 1);
  }

  void set(Output id, std::size_t member, double v) {
    if (const int scalar = spec_->out(id, member); scalar >= 0) out_->scalars[static_cast<std::size_t>(scalar)] = v;
  }
  void set(Output id, double v) { set(id, 0, v); }

  std::shared_ptr<const Spec> spec_;
  const core::SampleContext* ctx_ = nullptr;
  core::SampleOutputs* out_ = nullptr;
  Inputs in_;

  // ---- the sample's constants (begin) ----
  double budget_ = 0, rate_ = 0, life_years_ = 0, drawdown_steps_ = 0;
  std::size_t life_steps_ = 0, lag_steps_ = 0;
  double all_in_mw_ = 0, run_factor_ = 0, run_share_ = 0, energy_price_ = 0, labour_ = 0;
  double ppw_ = 0, spw_ = 0, dpp_ = 0, per_step_month_ = 0, reference_package_flops_ = 0;
  double sigma_ = 0, first_year_ = 0;
  double arch_step_ = 1, price_step_ = 1, per_step_discount_ = 1;
  core::Stream spread_{0, 0, 0};

  // ---- the step being simulated: each phase sets its part for the phases after it ----
  struct Clock {
    double time = 0;  // calendar years at the step's start
    int year = 0;
  } now_;
  struct Starts {
    std::array<double, KIND_COUNT> started{};
    std::array<double, MAX_OPERATORS> by_operator{};  // logic
    Constraint binding = NONE;
  } starts_;
  struct Production {
    double capex = 0, workers_building = 0, opex = 0, energy_mw = 0, staff_operating = 0;
    double dies = 0, dies_flops = 0, slots = 0, stacks = 0, logic_wafer_revenue = 0, other_cost = 0;
    std::array<double, KIND_COUNT> wafers{};
    double logic_capacity = 0;  // wafers/month the program's logic modules can start, ramp included
  } made_;
  struct Deployment {
    double accelerators = 0, flops_each = 0, power_gw = 0, largest_run = 0;
    int limiting = -1;
    double entered = 0, entered_flops = 0;  // chips that entered service this step, and their FLOP/s
    DeployLimit limit = DEPLOY_CHIPS;
  } deployed_;
  double revenue_ = 0;  // accounting

  // ---- funding ----
  double uncommitted_ = 0, received_ = 0, committed_ = 0, capex_paid_ = 0, training_paid_ = 0;
  // ---- execution capacity, by calendar year ----
  int current_year_ = 0;
  bool current_year_seen_ = false;
  double exec_factor_ = 1;
  std::array<double, KIND_COUNT> exec_cap_{}, starts_year_{};  // packaging and memory
  // Logic: each operator's capacity for the year, its starts this year and over the run.
  std::array<double, MAX_OPERATORS> op_cap_{}, op_starts_year_{}, op_started_{};
  // ---- pools ----
  NodeTable nodes_;
  std::vector<Region> regions_;
  std::vector<double> arrivals_;     // trained workers joining a region's pool, [step x region]
  std::vector<double> pool_growth_;  // worker_step^k of each region, [region x k], k < GROWTH_TABLE
  [[nodiscard]] double pool_growth_over(std::size_t r, double steps) const {
    const auto k = static_cast<std::size_t>(steps);
    return k < GROWTH_TABLE ? pool_growth_[r * GROWTH_TABLE + k] : std::pow(regions_[r].worker_step, steps);
  }
  double arch_factor_ = 1;  // (1 + architecture gain)^(time - 2025)
  // EUV tools by delivery year (years from the first calendar year): the program's allowance and
  // what it has ordered for delivery then. A year's unused allowance goes to others.
  std::vector<double> euv_allowance_, euv_ordered_, euv_world_;
  double euv_used_total_ = 0;
  // ---- suppliers (order books) ----
  // ASML's EUV tools and the other tool makers' equipment: their capacity and the other buyers'
  // demand a step, to a horizon past the run's end, and the capacity the program funds.
  Supply euv_, equipment_;
  std::size_t wait_steps_ = 0;                     // a module's tools may arrive this long after its completion
  double euv_tool_usd_ = 0, equipment_share_ = 0;  // what of a module's cost is equipment, and EUV
  std::vector<double> capacity_pay_;               // payments for capacity (lines, data centres), by step
  // ---- starts ----
  std::vector<Module> modules_;
  std::vector<Candidate> candidates_;
  std::array<double, KIND_COUNT> capacity_acc_{}, building_{}, operating_{};
  std::array<double, KIND_COUNT> last_module_acc_{};  // accelerators a month of each kind's last module
  double total_starts_ = 0, logic_started_ = 0;
  double target_year_ = INF;  // the year logic_started_ reached the policy's target
  // The project-spread factor of the next module of each kind (NaN: not drawn yet).
  std::array<double, KIND_COUNT> next_factor_{};
  // ---- production ----
  std::vector<std::uint32_t> active_;  // modules ramping up to full output
  // Modules under construction, by the step they complete: the first of each step's list (a
  // module links to the next, Module::next_completing).
  std::vector<std::uint32_t> completing_;
  std::vector<std::uint32_t> completing_last_;  // the last of each step's list, to append in O(1)
  // What construction costs per step, summed over the modules building then (each module adds
  // its even share to every step of its build when it starts): the program's payments (logic
  // and other kinds apart) and the construction workers on site.
  std::vector<double> build_pay_logic_, build_pay_other_, build_workers_;
  std::vector<std::uint32_t> graduated_;  // modules that reached full output this step
  // Fully ramped modules: logic per (node, operator), then packaging, then memory (steady_index).
  struct Steady {
    double wafers = 0, opex = 0, energy_mw = 0, staff = 0, capacity = 0;
    double running = 0;  // cost of running a step (opex, energy, labour), set when a module joins
    Kind kind = LOGIC;
    std::uint32_t node = 0, op = 0;  // logic: its node and operator
  };
  std::vector<Steady> steady_;
  std::vector<std::uint32_t> steady_live_;  // aggregates with output or staff, ascending
  double logic_cost_ = 0, logic_wafers_ = 0;
  // ---- deployment ----
  std::vector<double> deployed_acc_, deployed_flops_;     // by the step they enter service
  std::vector<double> arriving_acc_, arriving_flops_;     // chips reaching a data centre, by step (made + lag)
  double waiting_acc_ = 0, waiting_flops_ = 0;            // arrived, not yet powered
  bool all_ai_ = true;                                    // every chip an AI accelerator (a share of 1 throughout)
  [[nodiscard]] double ai_share(double time) const;       // wafer revenue: the AI share of the output
  [[nodiscard]] double run_campus_mw(double time) const;  // the largest campus one run can use
  // ---- data centres (program.datacentres = build) ----
  std::vector<double> dc_online_;  // MW coming online, by step
  double dc_mw_ = 0, dc_pipeline_mw_ = 0, dc_committed_ = 0, dc_added_mw_ = 0;
  double dc_cost_per_mw_ = 0, dc_pace_mw_ = 0;  // USD per MW; most MW ordered a step
  std::size_t dc_lead_steps_ = 0;
  bool dc_short_of_money_ = false;  // the last order was cut by the money uncommitted
  bool hold_for_power_ = false;     // program.hold_starts_for_power under build
  // 0 when this step's order for data centres was cut (by the build pace or the money), so that
  // the chips coming will outrun the power when it arrives; else INF.
  double dc_room_mw_ = INF;
  double installed_acc_ = 0, installed_flops_ = 0, peak_power_ = 0, accelerators_total_ = 0;
  std::vector<double> first_exceeds_;  // first time the largest run reaches each threshold
  // ---- the world market (market.cpp) ----
  bool market_ = false;               // the world's purchases are tracked (an entrant's price, or an output)
  std::vector<double> world_bought_;  // H100e the world buys in each step without the program
  std::vector<double> index_;         // the price index of each step
  double h100e_per_package_ = 0, inv_elasticity_ = 0;
  double world_start_h100e_ = 0, world_recent_h100e_ = 0, world_h100e_ = 0;
  double price_index_ = 1, market_share_ = 0;  // the step's
  // 2030 and 2035: H100e the program sold, the world bought, and the program's at the price index.
  std::array<double, 2> year_sold_{}, year_bought_{}, year_fetched_{};
  // ---- accounting ----
  std::vector<double> cash_flow_;
  double cash_ = 0, price_factor_ = 1, pv_costs_ = 0, pv_units_ = 0, discount_ = 1;
  double integration_share_ = 0, carry_rate_ = 0, tax_rate_ = 0;
  std::size_t depreciation_steps_ = 1;
  std::vector<double> depreciation_ends_;  // depreciation a step that ends at each step
  double depreciating_ = 0, losses_ = 0, tax_paid_ = 0, carry_paid_ = 0, integration_paid_ = 0;
  // ---- recording ----
  std::array<double, CONSTRAINT_COUNT> first_binding_{}, binding_drawdown_{};
  // The world's leading-edge capacity at the end of the step being recorded, advanced by one
  // multiplication a step (its factor before and after SEMI's 2028 horizon).
  double world_le_ = 0, world_le_step_before_ = 1, world_le_step_after_ = 1;
  [[nodiscard]] double world_leading_edge(double year) const;
  [[nodiscard]] double advance_world_le(double value, double from, double to) const;
};

}  // namespace fabcast::model
