#include "model/node_table.hpp"

#include "model/yield.hpp"

#include <algorithm>
#include <cmath>

namespace fabcast::model {

void NodeTable::prepare(const Spec& spec, const Inputs& in) {
  const Spec& s = spec;
  spec_ = &spec;
  in_ = in;
  // Good dies given directly: no die, defects or their learning to model.
  gross_dies_ =
      s.direct_good_dies ? 0 : gross_dies_per_wafer(in[s.wafer_diameter], in[s.edge_exclusion], in[s.die_area]);
  d0_step_decay_ = s.direct_good_dies ? 1 : std::exp(-s.dt * 4 / in[s.d0_tau_quarters]);  // a step of exp(-age / tau)
  price_step_decay_ = std::pow(1 - in[s.wafer_price_decline], s.dt);                      // a step of (1 - decline)^age

  // The listed nodes, then the roadmap at its cadence to ten years past the horizon.
  nodes_.clear();
  for (const auto& n : s.nodes) {
    nodes_.push_back({n.first_volume + in[n.slip_quarters] / 4, in[n.capex_per_kwspm], in[n.euv_per_10kwspm],
                      in[n.wafer_price], in[n.perf_gain], in[n.d0_launch], in[n.d0_mature], n.requires_euv, n.allowed});
  }
  if (s.later_nodes && !nodes_.empty()) {
    const double horizon = s.t0 + static_cast<double>(s.steps) * s.dt + 10;
    const double cadence = std::max(in[s.cadence_years], 0.25);
    Node next = nodes_.back();
    next.allowed = true;
    while (next.available + cadence <= horizon && nodes_.size() < 200) {
      next.available += cadence;
      next.capex_per_kwspm *= 1 + in[s.capex_growth_per_node];
      next.euv_per_10kwspm *= 1 + in[s.euv_growth_per_node];
      next.wafer_price *= 1 + in[s.price_growth_per_node];
      next.requires_euv = true;
      nodes_.push_back(next);
    }
  }

  gain_.assign(nodes_.size(), 1.0);
  for (std::size_t n = 0; n < nodes_.size(); ++n) {
    double gain = 1;
    for (std::size_t i = s.reference_node + 1; i <= n; ++i) gain *= nodes_[i].perf;
    for (std::size_t i = n + 1; i <= s.reference_node; ++i) gain /= nodes_[i].perf;
    gain_[n] = gain;
  }
  // A node's chips gain from architecture for arch_gain_years_per_node after it is available, then
  // hold (a new architecture moves to a newer node); never below the 2025 reference's.
  arch_until_.resize(nodes_.size());
  arch_cap_.resize(nodes_.size());
  const double last = s.t0 + static_cast<double>(2 * s.steps + 64) * s.dt;  // past every use
  for (std::size_t n = 0; n < nodes_.size(); ++n) {
    arch_until_[n] = std::max(2025.0, nodes_[n].available + in[s.arch_years]);
    arch_cap_[n] = std::pow(1 + in[s.arch_gain], std::min(arch_until_[n], last) - 2025);
  }
  operators_.clear();
  for (const auto& o : s.operators) operators_.push_back({in[o.d0_launch_mult], in[o.d0_mature_mult]});
  if (operators_.empty()) operators_.push_back({1, 1});  // no logic operator: the nodes' own densities
  cache_.assign(nodes_.size() * operators_.size(), Cache{});

  // node_for at every completion step, in one pass per table: a node counts from the first step
  // whose time reaches its availability; each entry is the highest-index node counted so far, else
  // the first eligible one (node_for's rule). Completion can fall past the horizon: cover twice the run.
  // The tables depend only on when each node is available and who may make it: when no node's
  // first volume or slip is uncertain, every sample has the tables of the one before.
  bool same = table_spec_ == &spec && table_key_.size() == nodes_.size();
  for (std::size_t i = 0; same && i < nodes_.size(); ++i) {
    same = table_key_[i].available == nodes_[i].available && table_key_[i].allowed == nodes_[i].allowed &&
           table_key_[i].requires_euv == nodes_[i].requires_euv;
  }
  if (same) return;
  table_spec_ = &spec;
  table_key_.clear();
  for (const Node& n : nodes_) table_key_.push_back({n.available, n.allowed, n.requires_euv});
  for (int euv = 0; euv < 2; ++euv) {
    auto& table = at_step_[static_cast<std::size_t>(euv)];
    table.assign(2 * s.steps + 64, -1);
    int first = -1;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (!n.allowed || (n.requires_euv && euv == 0)) continue;
      if (first < 0) first = static_cast<int>(i);
      // A node available only past the table's end counts nowhere (tested first: the steps below
      // must stay countable, and a slip of 1e16 quarters would step past 2^53 forever).
      if (!(n.available <= s.t0 + static_cast<double>(table.size()) * s.dt)) continue;
      double c = std::max(0.0, std::ceil((n.available - s.t0) / s.dt));
      while (c > 0 && n.available <= s.t0 + (c - 1) * s.dt) c -= 1;  // the exact first step
      while (n.available > s.t0 + c * s.dt) c += 1;
      if (c < static_cast<double>(table.size())) {
        int& at = table[static_cast<std::size_t>(c)];
        at = std::max(at, static_cast<int>(i));
      }
    }
    int best = -1;
    for (auto& entry : table) {
      best = std::max(best, entry);
      entry = best >= 0 ? best : first;
    }
  }
}

int NodeTable::node_for(double time, bool region_has_euv) const {
  int best = -1, first = -1;
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const Node& n = nodes_[i];
    if (!n.allowed || (n.requires_euv && !region_has_euv)) continue;
    if (first < 0) first = static_cast<int>(i);
    if (n.available <= time) best = static_cast<int>(i);
  }
  return best >= 0 ? best : first;
}

double NodeTable::good_dies_at(double d0) const {
  const Spec& s = *spec_;
  if (s.direct_good_dies) return in_[s.good_dies_per_wafer];
  const double y = die_yield(s.yield_model, in_[s.die_area], d0, in_[s.alpha]);
  return gross_dies_ * (y + in_[s.salvage_share] * (1 - y));
}

double NodeTable::good_dies_per_wafer(const Node& node, std::size_t op, double time) const {
  if (spec_->direct_good_dies) return in_[spec_->good_dies_per_wafer];
  const double age_quarters = (time - node.available) * 4;
  const Multipliers& m = operators_[op];
  return good_dies_at(
      defect_density(node.d0_launch * m.launch, node.d0_mature * m.mature, age_quarters, in_[spec_->d0_tau_quarters]));
}

double NodeTable::flops_per_die(std::size_t n, double time) const {
  const Spec& s = *spec_;
  return in_[s.flops_per_die_2025] * gain_[n] *
         (time <= arch_until_[n] ? std::pow(1 + in_[s.arch_gain], time - 2025) : arch_cap_[n]);
}

const NodeStep& NodeTable::compute(Cache& c, std::size_t n, std::size_t op, std::size_t t, double time,
                                   double arch_factor) {
  const Spec& s = *spec_;
  const Node& node = nodes_[n];
  const double d0_launch = node.d0_launch * operators_[op].launch, d0_mature = node.d0_mature * operators_[op].mature;
  const double age_years = time - node.available;
  if (age_years <= 0) {
    c.aged = false;
    c.d0_decay = 1;
    c.price_decay = 1;
  } else if (c.aged && c.stamp + 1 == t) {
    c.d0_decay *= d0_step_decay_;
    c.price_decay *= price_step_decay_;
  } else {
    c.aged = true;
    c.d0_decay = s.direct_good_dies ? 1 : std::exp(-age_years * 4 / in_[s.d0_tau_quarters]);
    c.price_decay = s.need_wafer_price ? std::pow(1 - in_[s.wafer_price_decline], age_years) : 1;
  }
  c.stamp = t;
  c.values.good_dies = good_dies_at(c.aged ? defect_density_decayed(d0_launch, d0_mature, c.d0_decay) : d0_launch);
  c.values.flops = in_[s.flops_per_die_2025] * gain_[n] * (time <= arch_until_[n] ? arch_factor : arch_cap_[n]);
  c.values.wafer_price = s.need_wafer_price ? node.wafer_price * c.price_decay : 0;
  return c.values;
}

}  // namespace fabcast::model
