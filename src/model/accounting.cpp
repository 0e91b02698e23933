// Accounting (MODEL.md 4.8): revenue and cash each step; at the end NPV, IRR, payback, the cost
// per good wafer, the break-even price and the fixed-capability training cost's fall.

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
  // The price falls per unit of performance (Epoch: price-performance +30 %/yr), so a faster
  // accelerator sells for more: price_2025 x (its FLOP/s / the 2025 reference's) x (1 - decline)^years.
  if (t > 0) price_factor_ *= price_step_;
  // Chips the program runs in its own data centres earn when they enter service; else when made.
  const double sold = s.build_datacentres ? dep.entered : dep.accelerators;
  const double flops_each =
      s.build_datacentres ? (dep.entered > 0 ? dep.entered_flops / dep.entered : 0) : dep.flops_each;
  const double price = in[s.price_2025] * (flops_each / reference_package_flops_) * price_factor_;
  revenue_ = s.revenue_accelerators ? sold * price : st.logic_wafer_revenue + st.other_cost;
  cash_flow_[t] += revenue_ - st.capex - st.opex;
  cash_ += cash_flow_[t];
  pv_costs_ += (st.capex + st.opex - (s.revenue_accelerators ? 0 : st.other_cost)) * discount_;
  pv_units_ += (s.revenue_accelerators ? sold : st.logic_wafer_revenue > 0 ? st.wafers[LOGIC] : 0) * discount_;
  discount_ *= per_step_discount_;
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
  // Fixed-capability training cost, 2025 -> 2030 (MODEL.md 4.7): FLOP needed halves every
  // algo_halving_months; each FLOP costs the accelerator's price over its life plus energy, on a
  // chip made that year on the newest node available.
  if (o(TRAINING_COST_DECLINE) >= 0) {
    auto cost_per_flop = [&](double when) {
      const int node = nodes_.node_for(when, true);
      const double flops = dpp_ * nodes_.flops_per_die(static_cast<std::size_t>(std::max(node, 0)), when) * in[s.mfu];
      const double price_then = in[s.price_2025] * (flops / in[s.mfu] / reference_package_flops_) *
                                std::pow(1 - in[s.price_decline], when - 2025);
      const double per_second = price_then / (life_years_ * 365.25 * SECONDS_PER_DAY) +
                                in[s.all_in_kw] * in[s.pue] / 1000 * energy_price_ / 3600;
      return per_second / flops;
    };
    const double halvings = 5 * 12 / in[s.algo_halving_months];
    const double base = cost_per_flop(2025);
    // Compute that costs nothing in 2025 (a zero price and free energy) has no cost to fall: 0.
    const double ratio = base > 0 ? cost_per_flop(2030) / base * std::pow(0.5, halvings) : 1;
    set(TRAINING_COST_DECLINE, 1 - std::pow(ratio, 1.0 / 5));
  }
}

}  // namespace fabcast::model
