// Deployment (MODEL.md 4.7): the step's accelerators are the scarcest of logic dies (per package),
// package slots and HBM stacks; they reach a data centre after the deployment lag, enter service
// when it has power for them (program.datacentres = build; else at once) and retire at the end of
// their useful life; what is installed draws power and sets the largest possible training run.

#include "model/sample.hpp"

#include <algorithm>
#include <cmath>

namespace fabcast::model {

// The AI accelerators' share of leading-edge logic output at `time` (wafer revenue): its 2024 share
// grown a year to 2029 (TSMC's guidance ends there), held after, never above 1.
double Sample::ai_share(double time) const {
  const Spec& s = *spec_;
  const double years = std::clamp(time - 2024, 0.0, 5.0);
  return std::min(1.0, in_[s.ai_share_2024] * std::pow(1 + in_[s.ai_share_growth], years));
}

// The power of the largest campus one training run can use at `time`: 2026's and 2030's figures
// joined geometrically (and extended back before 2026), held after 2030, for which no projection
// is sourced.
double Sample::run_campus_mw(double time) const {
  const Spec& s = *spec_;
  const double c2026 = in_[s.run_campus_2026], c2030 = in_[s.run_campus_2030];
  if (c2026 <= 0) return c2030 * 1000;
  return c2026 * std::pow(c2030 / c2026, (std::min(time, 2030.0) - 2026) / 4) * 1000;
}

void Sample::deploy(std::size_t t) {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  const std::size_t T = s.steps;
  const Production& st = made_;
  Deployment& dep = deployed_;
  const double stacks_per_package = !s.balanced ? 0 : now_.time >= 2027 ? in[s.hbm_stacks_2027] : in[s.hbm_stacks];
  double accelerators = st.dies / dpp_;
  int limiting = st.dies > 0 || st.slots > 0 || st.stacks > 0 ? STAGE_LOGIC : -1;
  if (s.balanced) {
    const double from_slots = st.slots;
    const double from_stacks = stacks_per_package > 0 ? st.stacks / stacks_per_package : INF;
    if (from_slots < accelerators) {
      accelerators = from_slots;
      limiting = STAGE_PACKAGING;
    }
    if (from_stacks < accelerators) {
      accelerators = from_stacks;
      limiting = STAGE_HBM;
    }
  }
  // Under wafer revenue the program sells wafers to every kind of chip maker: only the AI
  // accelerators' share of them become accelerators.
  if (!all_ai_) accelerators *= ai_share(now_.time);
  dep.accelerators = accelerators;
  dep.limiting = limiting;
  dep.flops_each = st.dies > 0 ? dpp_ * st.dies_flops / st.dies : 0;
  accelerators_total_ += accelerators;
  // The step's chips reach a data centre after the deployment lag and wait there for power.
  if (t + lag_steps_ < T) {
    arriving_acc_[t + lag_steps_] += accelerators;
    arriving_flops_[t + lag_steps_] += accelerators * dep.flops_each;
  }
  waiting_acc_ += arriving_acc_[t];
  waiting_flops_ += arriving_flops_[t];
  // As many enter service as the power left allows, once this step's retirements have left
  // (external data centres: all of them), oldest first in number, at their average FLOP/s.
  double enter = waiting_acc_;
  if (s.build_datacentres && all_in_mw_ > 0) {
    const double retiring = t >= life_steps_ ? deployed_acc_[t - life_steps_] : 0;
    enter = std::clamp(dc_mw_ / all_in_mw_ - (installed_acc_ - retiring), 0.0, waiting_acc_);
  }
  const double enter_flops = enter == waiting_acc_ ? waiting_flops_ : waiting_flops_ * (enter / waiting_acc_);
  deployed_acc_[t] = enter;
  deployed_flops_[t] = enter_flops;
  waiting_acc_ -= enter;
  waiting_flops_ -= enter_flops;
  if (waiting_acc_ <= 0) waiting_acc_ = waiting_flops_ = 0;
  dep.entered = enter;
  dep.entered_flops = enter_flops;
  dep.limit = waiting_acc_ <= 0 ? DEPLOY_CHIPS : dc_short_of_money_ ? DEPLOY_CAPITAL : DEPLOY_POWER;
  installed_acc_ += deployed_acc_[t];
  installed_flops_ += deployed_flops_[t];
  if (t >= life_steps_) {
    installed_acc_ -= deployed_acc_[t - life_steps_];
    installed_flops_ -= deployed_flops_[t - life_steps_];
  }
  installed_acc_ = std::max(0.0, installed_acc_);
  installed_flops_ = std::max(0.0, installed_flops_);
  dep.power_gw = installed_acc_ * all_in_mw_ / 1000;
  // The largest run: its share of the compute in service, but no more chips than the largest
  // campus of the time can power.
  double run_flops = installed_flops_;
  if (s.need_largest_run && all_in_mw_ > 0 && installed_acc_ > 0) {
    run_flops =
        std::min(run_flops, run_campus_mw(now_.time) / all_in_mw_ / run_share_ * (installed_flops_ / installed_acc_));
  }
  dep.largest_run = run_flops * run_factor_;
  for (std::size_t i = 0; i < s.thresholds_flop.size(); ++i) {
    if (first_exceeds_[i] == INF && dep.largest_run >= s.thresholds_flop[i]) first_exceeds_[i] = now_.time;
  }
  if (dep.power_gw > peak_power_) {
    if (s.charge_datacentre_capex) cash_flow_[t] -= (dep.power_gw - peak_power_) * 1000 * in[s.datacentre_capex_per_mw];
    peak_power_ = dep.power_gw;
  }
}

}  // namespace fabcast::model
