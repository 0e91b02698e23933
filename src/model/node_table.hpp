#pragma once
// The sample's process nodes (MODEL.md section 4.5): the listed nodes, then roadmap nodes to
// beyond the horizon; which node a logic module completing at a step makes; and what a wafer of
// each node yields (by its operator's defect densities), is worth and computes at a step.

#include "model/spec.hpp"

#include <array>
#include <cstddef>
#include <span>
#include <vector>

namespace fabcast::model {

struct Node {
  double available;  // calendar years (first volume plus slip)
  double capex_per_kwspm, euv_per_10kwspm, wafer_price, perf, d0_launch, d0_mature;
  bool requires_euv;
  bool allowed;
};

// A node's values at one step.
struct NodeStep {
  double good_dies = 0;    // per wafer
  double flops = 0;        // per die
  double wafer_price = 0;  // USD (0 unless a recorded output needs it)
};

class NodeTable {
 public:
  //! Builds the sample's nodes from its inputs (which must outlive the sample's use of the table).
  void prepare(const Spec& spec, const Inputs& in);

  [[nodiscard]] std::size_t size() const noexcept { return nodes_.size(); }
  [[nodiscard]] const Node& operator[](std::size_t n) const noexcept { return nodes_[n]; }

  //! The newest node available at `time` that a region can make (EUV or not), else the first it
  //! can make; -1 when it can make none.
  [[nodiscard]] int node_for(double time, bool region_has_euv) const;
  //! node_for at the time of step `step` (`time`): from a table, past it by node_for.
  [[nodiscard]] int node_at_step(std::size_t step, double time, bool region_has_euv) const {
    const auto& table = at_step_[region_has_euv ? 1 : 0];
    return step < table.size() ? table[step] : node_for(time, region_has_euv);
  }

  //! Good dies per wafer of node `node` run by operator `op` at calendar time `time`.
  [[nodiscard]] double good_dies_per_wafer(const Node& node, std::size_t op, double time) const;
  //! FLOP/s per die of node n made at `time`: F_ref x (node gains from the reference) x (1 + g)^(time - 2025).
  [[nodiscard]] double flops_per_die(std::size_t n, double time) const;

  //! Node n's values, run by operator `op`, at step t (calendar `time`, architecture factor
  //! (1 + g)^(time - 2025)): computed at most once a step, the defect-density decay and the
  //! wafer-price decline advanced by one multiplication from the step before instead of an exp and a pow.
  const NodeStep& at(std::size_t n, std::size_t op, std::size_t t, double time, double arch_factor) {
    Cache& c = cache_[n * operators_.size() + op];
    return c.stamp == t ? c.values : compute(c, n, op, t, time, arch_factor);
  }

 private:
  [[nodiscard]] double good_dies_at(double d0) const;

  struct Cache {
    std::size_t stamp = SIZE_MAX;
    NodeStep values;
    // exp(-age / tau) and (1 - decline)^age at `stamp`, once the node is past its first volume.
    double d0_decay = 1, price_decay = 1;
    bool aged = false;
  };
  // Fills node n's cache for step t (at's miss path).
  const NodeStep& compute(Cache& c, std::size_t n, std::size_t op, std::size_t t, double time, double arch_factor);

  const Spec* spec_ = nullptr;
  Inputs in_;
  double gross_dies_ = 0;  // the sample's wafer and die do not change
  double d0_step_decay_ = 1, price_step_decay_ = 1;
  std::vector<Node> nodes_;
  std::vector<double> gain_;  // perf of each node relative to the reference node
  // The last time a node's chips gain from architecture, and their factor (1 + gain)^(that - 2025).
  std::vector<double> arch_until_, arch_cap_;
  // Each operator's multipliers of the nodes' defect densities, at launch and mature.
  struct Multipliers {
    double launch, mature;
  };
  std::vector<Multipliers> operators_;
  std::vector<Cache> cache_;  // [node x operator]
  // node_for(time of step c, euv) for completion steps c: [euv][c].
  std::array<std::vector<int>, 2> at_step_;
  // What at_step_ was built from: the run's time axis and the nodes' availability and eligibility.
  const Spec* table_spec_ = nullptr;
  struct TableKey {
    double available;
    bool allowed, requires_euv;
  };
  std::vector<TableKey> table_key_;
};

}  // namespace fabcast::model
