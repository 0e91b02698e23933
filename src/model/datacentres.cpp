// Data centres (docs/model.md, "Data centres"): under program.datacentres = "build" the program
// builds the data centres its chips run in. Capacity ordered comes online a lead time later and
// is paid evenly until then. Each step, before any module starts, the program orders up to the
// power its chips will draw when that capacity arrives (installed chips still in service then,
// chips waiting or on their way, and what the modules started so far make until then), within
// its build pace a year and the money uncommitted.

#include "model/sample.hpp"

#include <algorithm>
#include <cmath>

namespace fabcast::model {

void Sample::open_datacentres() {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  dc_mw_ = dc_pipeline_mw_ = dc_committed_ = dc_added_mw_ = 0;
  dc_short_of_money_ = false;
  dc_room_mw_ = INF;
  hold_for_power_ = s.build_datacentres && s.hold_starts_for_power;
  if (!s.build_datacentres) return;
  dc_online_.assign(s.steps, 0);
  dc_lead_steps_ = static_cast<std::size_t>(std::max(0.0, std::floor(in[s.dc_lead_years] / s.dt + 0.5)));
  dc_cost_per_mw_ = in[s.datacentre_capex_per_mw];
  dc_pace_mw_ = in[s.dc_gw_per_year_max] * 1000 * s.dt;
}

void Sample::plan_datacentres(std::size_t t) {
  const Spec& s = *spec_;
  if (!s.build_datacentres) return;
  const std::size_t T = s.steps;
  dc_mw_ += dc_online_[t];
  dc_pipeline_mw_ -= dc_online_[t];
  // Capacity ordered now comes online at `arrive` (at least the next step); none after the run.
  const std::size_t arrive = t + std::max<std::size_t>(1, dc_lead_steps_);
  dc_room_mw_ = INF;
  if (arrive >= T) return;
  // The chips in service at `arrive`: those installed now that have not retired by then (a chip
  // entering service at k retires at k + life), those waiting, those on their way, and the output
  // of every module started so far (at full output; the scarcest kind's under balanced) for the
  // steps whose chips reach a data centre by then.
  double chips = installed_acc_ + waiting_acc_;
  for (std::size_t u = t; u <= arrive; ++u) chips += arriving_acc_[u];
  const std::size_t life = life_steps_;
  if (arrive >= life) {
    const std::size_t first = t >= life ? t - life : 0;  // the oldest still installed entered at t - life
    for (std::size_t k = first; k + life <= arrive && k < t; ++k) chips -= deployed_acc_[k];
  }
  double per_month = capacity_acc_[LOGIC];
  for (int k = 1; k < s.kinds_used; ++k) per_month = std::min(per_month, capacity_acc_[k]);
  const std::size_t making = arrive + 1 > t + lag_steps_ ? std::min(arrive + 1 - t - lag_steps_, life) : 0;
  chips += per_month * s.step_months * static_cast<double>(making);
  double order = std::max(0.0, chips) * all_in_mw_ - dc_mw_ - dc_pipeline_mw_;
  dc_short_of_money_ = false;
  if (!(order > 0)) return;
  // The pace or the money cuts the order: the chips coming will outrun the power.
  if (order > dc_pace_mw_ || (dc_cost_per_mw_ > 0 && order * dc_cost_per_mw_ > uncommitted_)) dc_room_mw_ = 0;
  order = std::min(order, dc_pace_mw_);
  if (dc_cost_per_mw_ > 0 && order * dc_cost_per_mw_ > uncommitted_) {
    order = std::max(0.0, uncommitted_) / dc_cost_per_mw_;
    dc_short_of_money_ = true;
  }
  if (!(order > 0)) return;
  const double cost = order * dc_cost_per_mw_;
  commit_capacity(cost, t, arrive);
  dc_committed_ += cost;
  dc_online_[arrive] += order;
  dc_pipeline_mw_ += order;
  dc_added_mw_ += order;
}

}  // namespace fabcast::model
