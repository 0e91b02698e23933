// A sample's set-up and its loop over steps; the phases are in the files sample.hpp lists.

#include "model/sample.hpp"

#include <algorithm>
#include <cmath>

namespace fabcast::model {
namespace {

class FabWorker final : public core::SampleWorker {
 public:
  explicit FabWorker(std::shared_ptr<const Spec> spec) : sample_(std::move(spec)) {}
  void run(const core::SampleContext& ctx, std::span<const double> in, core::SampleOutputs& out) override {
    sample_.run(ctx, in, out);
  }

 private:
  Sample sample_;
};

}  // namespace

void Sample::run(const core::SampleContext& ctx, std::span<const double> in, core::SampleOutputs& out) {
  begin(ctx, in, out);
  for (std::size_t t = 0; t < spec_->steps; ++t) {
    fund(t);
    grow_pools(t);
    train(t);
    supply(t);
    plan_datacentres(t);
    start_modules(t);
    produce(t);
    deploy(t);
    account(t);
    record(t);
  }
  finish_accounts();
  record_totals();
}

void Sample::begin(const core::SampleContext& ctx, std::span<const double> values, core::SampleOutputs& out) {
  const Spec& s = *spec_;
  const std::size_t T = s.steps;
  ctx_ = &ctx;
  out_ = &out;
  in_ = Inputs(values);
  const Inputs& in = in_;

  nodes_.prepare(s, in);
  regions_.clear();
  for (const auto& r : s.regions) {
    Region g{in[r.capex_mult],
             in[r.build_months],
             in[r.workers_2025],
             in[r.worker_growth],
             in[r.grid_mw_per_year],
             in[r.subsidy],
             in[r.crews_2025],
             in[r.crews_growth],
             in[r.trainees_max],
             in[r.trainee_cost],
             in[r.technician_months],
             in[r.engineer_years],
             in[r.technician_share],
             in[r.max_share],
             r.euv == RegionSpec::Euv::yes,
             0,
             0,
             0,
             0,
             0};
    g.subsidy_last_year = in[r.subsidy_last_year];
    g.subsidy_left = in[r.subsidy_pool];
    if (r.euv == RegionSpec::Euv::licence) {
      core::Stream licence = ctx.stream(r.licence_stream);
      g.euv = licence.uniform() < in[r.euv_licence_probability];
    }
    g.worker_step = std::pow(1 + g.worker_growth, s.dt);
    g.worker_factor = std::pow(1 + g.worker_growth, s.t0 - 2025);
    g.crews_step = std::pow(1 + g.crews_growth, s.dt);
    g.crews_factor = std::pow(1 + g.crews_growth, s.t0 - 2025);
    regions_.push_back(g);
  }
  // Each region's pool growth over the k steps of a build, for the pool at a module's completion.
  pool_growth_.resize(regions_.size() * GROWTH_TABLE);
  for (std::size_t r = 0; r < regions_.size() && s.staff_at_completion; ++r) {
    double f = 1;
    for (std::size_t k = 0; k < GROWTH_TABLE; ++k, f *= regions_[r].worker_step) pool_growth_[r * GROWTH_TABLE + k] = f;
  }
  arch_step_ = std::pow(1 + in[s.arch_gain], s.dt);
  arch_factor_ = std::pow(1 + in[s.arch_gain], s.t0 - 2025);
  modules_.clear();
  active_.clear();
  completing_.assign(T, NO_MODULE);
  completing_last_.assign(T, NO_MODULE);
  build_pay_logic_.assign(T, 0);
  build_pay_other_.assign(T, 0);
  build_workers_.assign(T, 0);
  capacity_pay_.assign(T, 0);
  steady_.assign(nodes_.size() * s.operators.size() + 2, Steady{});
  steady_live_.clear();
  cash_flow_.assign(T, 0);
  deployed_acc_.assign(T, 0);
  deployed_flops_.assign(T, 0);
  arriving_acc_.assign(T, 0);
  arriving_flops_.assign(T, 0);
  waiting_acc_ = waiting_flops_ = 0;
  arrivals_.assign(T * regions_.size(), 0);
  spread_ = ctx.stream(core::stream_id("project_spread"));
  sigma_ = in[s.project_spread];
  first_year_ = std::floor(s.t0 + 1e-9);
  // The world's leading-edge path, advanced a step at a time by the recorded series and the
  // suppliers' books (advance_world_le).
  if (s.out(WORLD_LEADING_EDGE_WSPM) >= 0 || s.euv_supply == Spec::EuvSupply::order_book || s.equipment_book) {
    const double c2024 = in[s.leading_edge_2024], c2028 = in[s.leading_edge_2028];
    world_le_step_before_ = c2024 > 0 ? std::pow(c2028 / c2024, s.dt / 4) : 1;
    world_le_step_after_ = std::pow(1 + in[s.leading_edge_growth], s.dt);
    world_le_ = world_leading_edge(s.t0 + s.dt);
  }
  if (s.euv_supply == Spec::EuvSupply::allowance) {
    // A module's EUV tools come from the allowance of its delivery year: its completion year (tools
    // arrive at fit-out) or, under B1's rule, its start year. (1 + g)^(year - 2025) advances by one
    // multiplication a year.
    const std::size_t years =
        static_cast<std::size_t>(static_cast<double>(T) * s.dt) + 40;  // builds end within 40 years
    euv_allowance_.resize(years);
    euv_world_.resize(years);
    euv_ordered_.assign(years, 0);
    double growth = std::pow(1 + in[s.euv_growth], first_year_ - 2025);
    for (std::size_t y = 0; y < years; ++y, growth *= 1 + in[s.euv_growth]) {
      euv_world_[y] = std::min(in[s.euv_ceiling], in[s.euv_world_2025] * growth);
      euv_allowance_[y] = in[s.euv_share] * euv_world_[y];
    }
  }
  open_suppliers();

  budget_ = in[s.budget];
  rate_ = in[s.discount_rate] + (s.risk_premium.bound() ? in[s.risk_premium] : 0);
  life_years_ = in[s.useful_life_years];
  life_steps_ = static_cast<std::size_t>(std::max(1.0, std::floor(life_years_ / s.dt + 0.5)));
  lag_steps_ = static_cast<std::size_t>(std::max(0.0, std::floor(in[s.deploy_lag_quarters] * 3 / s.step_months + 0.5)));
  open_datacentres();
  // A share of 1 that never falls: nothing to scale (benchmark B1, the hand-built cases).
  all_ai_ = s.revenue_accelerators || (in[s.ai_share_2024] >= 1 && in[s.ai_share_growth] >= 0);
  all_in_mw_ = in[s.all_in_kw] / 1000 * in[s.pue];
  run_share_ = in[s.run_share];
  run_factor_ = run_share_ * in[s.mfu] * (in[s.run_days] * SECONDS_PER_DAY);
  energy_price_ = in[s.energy_price];
  labour_ = in[s.labour_cost];
  ppw_ = s.balanced ? in[s.packages_per_wafer] * in[s.packaging_yield] : 0;
  spw_ = s.balanced ? in[s.stacks_per_wafer] : 0;
  dpp_ = s.dies_per_package;
  per_step_month_ = 1 / s.step_months;
  reference_package_flops_ = dpp_ * in[s.flops_per_die_2025];
  drawdown_steps_ = std::max(1.0, std::floor(in[s.drawdown_years] / s.dt + 0.5));

  uncommitted_ = received_ = committed_ = capex_paid_ = training_paid_ = 0;
  euv_used_total_ = 0;
  starts_year_.fill(0);
  capacity_acc_.fill(0);
  last_module_acc_.fill(0);
  building_.fill(0);
  operating_.fill(0);
  current_year_ = std::numeric_limits<int>::min();
  exec_factor_ = 1;
  current_year_seen_ = false;
  exec_cap_.fill(0);
  op_cap_.fill(0);
  op_starts_year_.fill(0);
  op_started_.fill(0);
  price_step_ = std::pow(1 - in[s.price_decline], s.dt);
  price_factor_ = std::pow(1 - in[s.price_decline], s.t0 - 2025);
  total_starts_ = 0;
  next_factor_.fill(std::numeric_limits<double>::quiet_NaN());
  logic_started_ = 0;
  target_year_ = INF;
  installed_acc_ = installed_flops_ = peak_power_ = accelerators_total_ = cash_ = 0;
  logic_cost_ = logic_wafers_ = pv_costs_ = pv_units_ = 0;
  first_binding_.fill(INF);
  binding_drawdown_.fill(0);
  first_exceeds_.assign(s.thresholds_flop.size(), INF);
  per_step_discount_ = std::pow(1 + rate_, -s.dt);
  discount_ = 1;
  // Money (docs/model.md, "Money").
  // Unbound when no recorded output depends on the cash flows (FabModel): none of them then.
  integration_share_ = s.integration_share.bound() ? in[s.integration_share] : 0;
  carry_rate_ = s.carry_rate.bound() ? in[s.carry_rate] : 0;
  tax_rate_ = s.tax_rate.bound() ? in[s.tax_rate] : 0;
  depreciation_steps_ = s.depreciation_years.bound()
                            ? static_cast<std::size_t>(std::max(1.0, std::floor(in[s.depreciation_years] / s.dt + 0.5)))
                            : 1;
  depreciation_ends_.assign(T, 0);
  depreciating_ = losses_ = tax_paid_ = carry_paid_ = integration_paid_ = 0;
  market_ = s.need_market;
  open_market();
}

// Memory one worker may hold for a spec.
std::uint64_t fab_worker_bytes(const Spec& spec) {
  // Its module records at their limit, and its per-step tables (a few dozen doubles a step).
  return MAX_MODULE_RECORDS * sizeof(Module) + spec.steps * (spec.regions.size() + 16) * sizeof(double);
}

std::unique_ptr<core::SampleWorker> make_fab_worker(std::shared_ptr<const Spec> spec) {
  return std::make_unique<FabWorker>(std::move(spec));
}

}  // namespace fabcast::model
