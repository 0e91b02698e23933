// Construction and production (MODEL.md 4.4-4.6): the step's construction payments and crews;
// modules completing now start to ramp; each ramping module, and each aggregate of modules at full
// output (by kind, and for logic by node and operator), makes wafers at its utilisation, and logic wafers become good
// dies.

#include "model/sample.hpp"

#include <algorithm>

namespace fabcast::model {

// A step of running: opex, energy at full draw and labour.
inline double Sample::running_cost(double module_opex, double mw, double staff) const {
  return module_opex + mw * spec_->dt * HOURS_PER_YEAR * energy_price_ + staff * labour_ * spec_->dt;
}

// One module's (or one aggregate's) output this step: wafers, cost of running, and what the
// wafers become.
inline void Sample::add_output(Production& st, Kind kind, std::size_t node, std::size_t op, double w, double running,
                               double mw, double staff, std::size_t t) {
  st.wafers[kind] += w;
  st.opex += running;
  st.energy_mw += mw;
  st.staff_operating += staff;
  if (kind == LOGIC) {
    const NodeStep& n = nodes_.at(node, op, t, now_.time, arch_factor_);
    st.dies += w * n.good_dies;
    st.dies_flops += w * n.good_dies * n.flops;
    st.logic_wafer_revenue += w * n.wafer_price;
    logic_cost_ += running;
  } else {
    st.other_cost += running;
    if (kind == PACKAGING)
      st.slots += w * ppw_;
    else
      st.stacks += w * spw_;
  }
}

void Sample::produce(std::size_t t) {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  // Summed in a local, which no store through the module tables can alias, and kept at the end.
  Production st{};
  // Construction this step, then modules ramping up, one by one: those that complete now join
  // them; a module at full output joins its aggregate (logic: its node and operator), whose output
  // only the yield and price still change.
  st.capex = build_pay_logic_[t] + build_pay_other_[t] + capacity_pay_[t];
  st.workers_building = build_workers_[t];
  logic_cost_ += build_pay_logic_[t];
  st.other_cost += build_pay_other_[t];
  for (std::uint32_t idx = completing_[t]; idx != NO_MODULE; idx = modules_[idx].next_completing) {
    const Module& m = modules_[idx];
    building_[m.kind] -= m.count;
    operating_[m.kind] += m.count;
    active_.push_back(idx);
  }
  std::size_t keep = 0;
  for (const std::uint32_t idx : active_) {
    Module& m = modules_[idx];
    const double k = static_cast<double>(t - m.complete);
    // It opens with the part of its capacity whose tools have arrived, and ramps up: the smaller
    // of the two (allowance and unlimited equipment: every tool is there).
    const double ramp =
        std::min(m.ramp_months > 0 ? std::min(1.0, (k + 1) * s.step_months / m.ramp_months) : 1.0, tools_arrived(m));
    const double w = m.capacity * s.step_months * m.peak * ramp;
    if (m.kind == LOGIC) st.logic_capacity += m.capacity * ramp;
    const double module_opex = in[s.kinds[m.kind].opex_share] * m.gross_cost * s.dt;
    const double mw = m.power_mw * ramp;
    add_output(st, m.kind, m.node, m.op, w, running_cost(module_opex, mw, m.staff), mw, m.staff, t);
    if (ramp < 1) {
      active_[keep++] = idx;
    } else {
      graduated_.push_back(idx);
    }
  }
  for (const std::size_t i : steady_live_) {
    const Steady& a = steady_[i];
    if (a.kind == LOGIC) st.logic_capacity += a.capacity;
    add_output(st, a.kind, a.node, a.op, a.wafers, a.running, a.energy_mw, a.staff, t);
  }
  // Modules that reached full output this step count in their aggregate from the next step.
  for (const std::uint32_t idx : graduated_) {
    const Module& m = modules_[idx];
    const std::size_t i = steady_index(m.kind, m.node, m.op);
    Steady& a = steady_[i];
    const bool was_live = a.wafers > 0 || a.staff > 0;
    a.kind = m.kind;
    a.node = m.kind == LOGIC ? m.node : 0;
    a.op = m.kind == LOGIC ? m.op : 0;
    a.wafers += m.capacity * s.step_months * m.peak;
    a.capacity += m.capacity;
    a.opex += in[s.kinds[m.kind].opex_share] * m.gross_cost * s.dt;
    a.energy_mw += m.power_mw;
    a.staff += m.staff;
    a.running = running_cost(a.opex, a.energy_mw, a.staff);
    if (!was_live && (a.wafers > 0 || a.staff > 0)) {  // joins the list in index order (summation order)
      steady_live_.insert(std::upper_bound(steady_live_.begin(), steady_live_.end(), i), static_cast<std::uint32_t>(i));
    }
  }
  active_.resize(keep);
  graduated_.clear();
  logic_wafers_ += st.wafers[LOGIC];
  capex_paid_ += st.capex;
  made_ = st;
}

}  // namespace fabcast::model
