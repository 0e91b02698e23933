// Accounting (MODEL.md 4.8; docs/model.md, "Money"): revenue at the market's price, the
// designer's costs, the carrying cost of idle money and tax each step; at the end NPV, IRR,
// payback, the cost per good wafer, the break-even price and the fixed-capability training cost's
// fall.

#include "model/finance.hpp"
#include "model/sample.hpp"

#include <algorithm>
#include <cmath>

namespace fabcast::model {

void Sample::account(std::size_t t) {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  const Production& st = made_;
  const Deployment& dep = deployed_;
  // The list price falls per unit of performance (Epoch: price-performance +30 %/yr), so a faster
  // accelerator lists for more: price_2025 x (its FLOP/s / the 2025 reference's) x (1 - decline)^years.
  if (t > 0) price_factor_ *= price_step_;
  // Chips the program runs in its own data centres earn when they enter service; else when made.
  const double sold = s.build_datacentres ? dep.entered : dep.accelerators;
  const double flops_each =
      s.build_datacentres ? (dep.entered > 0 ? dep.entered_flops / dep.entered : 0) : dep.flops_each;
  const double list = in[s.price_2025] * (flops_each / reference_package_flops_) * price_factor_;
  clear_market(t, sold * flops_each / reference_package_flops_ * h100e_per_package_);
  double integration = 0;
  if (s.revenue_accelerators) {
    revenue_ = sold * list * price_index_;
    integration = sold * list * integration_share_;
  } else {
    // The AI accelerators' share of the wafers sells at the market's price, the rest at list.
    const double ai = all_ai_ ? 1 : ai_share(now_.time);
    revenue_ = st.logic_wafer_revenue * (1 - ai + ai * price_index_) + st.other_cost;
  }
  const double carry = uncommitted_ * carry_rate_ * s.dt;
  // Tax on profit: revenue less running costs, the designer's share, the carry and capex
  // depreciated evenly over depreciation_steps_ from its payment; losses carried forward.
  depreciating_ -= depreciation_ends_[t];
  if (st.capex > 0) {
    const double per_step = st.capex / static_cast<double>(depreciation_steps_);
    depreciating_ += per_step;
    if (t + depreciation_steps_ < s.steps) depreciation_ends_[t + depreciation_steps_] += per_step;
  }
  double tax = 0;
  if (tax_rate_ > 0) {
    const double profit = revenue_ - st.opex - integration - carry - std::max(0.0, depreciating_);
    if (profit > 0) {
      tax = tax_rate_ * std::max(0.0, profit - losses_);
      losses_ = std::max(0.0, losses_ - profit);
    } else {
      losses_ -= profit;
    }
  }
  integration_paid_ += integration;
  carry_paid_ += carry;
  tax_paid_ += tax;
  cash_flow_[t] += revenue_ - st.capex - st.opex - integration - carry - tax;
  cash_ += cash_flow_[t];
  // Before tax, which depends on the price.
  pv_costs_ += (st.capex + st.opex + integration + carry - (s.revenue_accelerators ? 0 : st.other_cost)) * discount_;
  pv_units_ += (s.revenue_accelerators ? sold : st.logic_wafer_revenue > 0 ? st.wafers[LOGIC] : 0) * discount_;
  discount_ *= per_step_discount_;
}

// The cost of one FLOP of training at `when` (MODEL.md 4.7): on an accelerator made then on the
// newest node available, its price (at the market's price index) over its life plus its energy,
// per FLOP it delivers at the run's utilisation.
double Sample::cost_per_flop(double when, double index) const {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  const int node = nodes_.node_for(when, true);
  const double peak = dpp_ * nodes_.flops_per_die(static_cast<std::size_t>(std::max(node, 0)), when);
  const double price_then =
      in[s.price_2025] * (peak / reference_package_flops_) * std::pow(1 - in[s.price_decline], when - 2025) * index;
  const double per_second =
      price_then / (life_years_ * 365.25 * SECONDS_PER_DAY) + in[s.all_in_kw] * in[s.pue] / 1000 * energy_price_ / 3600;
  const double delivered = peak * in[s.mfu];
  return delivered > 0 ? per_second / delivered : INF;
}

void Sample::finish_accounts() {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  const auto& o = s.out;
  if (o(NPV) >= 0) set(NPV, npv(cash_flow_, s.dt, rate_));
  if (o(IRR) >= 0) set(IRR, irr(cash_flow_, s.dt));
  if (o(PAYBACK_YEAR) >= 0) {
    const long payback = payback_step(cash_flow_);
    set(PAYBACK_YEAR, payback < 0 ? INF : std::floor(s.t0 + static_cast<double>(payback) * s.dt + 1e-9));
  }
  set(DATACENTRE_CAPEX, s.build_datacentres ? dc_committed_ : peak_power_ * 1000 * in[s.datacentre_capex_per_mw]);
  set(DATACENTRE_ADDED, dc_added_mw_ / 1000);
  set(COST_PER_GOOD_WAFER, logic_wafers_ > 0 ? logic_cost_ / logic_wafers_ : INF);
  set(BREAKEVEN_PRICE, pv_units_ > 0 ? pv_costs_ / pv_units_ : INF);
  set(TAX_PAID, tax_paid_);
  set(IDLE_FUNDS_COST, carry_paid_);
  set(INTEGRATION_COST, integration_paid_);
  // Fixed-capability training cost, 2025 -> 2030 (MODEL.md 4.7): FLOP needed halves every
  // algo_halving_months; each FLOP costs what cost_per_flop says at the market's price then (the
  // first step of each year; 1 outside the run).
  if (o(TRAINING_COST_DECLINE) >= 0) {
    auto index_at = [&](double year) {
      const double k = std::round((year - s.t0) / s.dt);
      return k >= 0 && k < static_cast<double>(s.steps) ? index_[static_cast<std::size_t>(k)] : 1.0;
    };
    const double halvings = 5 * 12 / in[s.algo_halving_months];
    const double base = cost_per_flop(2025, index_at(2025));
    // Compute that costs nothing in 2025 (a zero price and free energy) has no cost to fall: 0.
    const double ratio =
        base > 0 && base < INF ? cost_per_flop(2030, index_at(2030)) / base * std::pow(0.5, halvings) : 1;
    set(TRAINING_COST_DECLINE, 1 - std::pow(ratio, 1.0 / 5));
  }
}

}  // namespace fabcast::model
