// Suppliers (docs/model.md, "EUV tools from an order book"): ASML makes EUV tools at its capacity
// and ships them, earliest due first, to the other buyers (at their sourced demand) and to the
// program (one order per module start, due one lead time later). When tools alone stop a start,
// the program may fund more capacity: it arrives after a lead time, up to a ceiling.

#include "model/sample.hpp"

#include <algorithm>
#include <cmath>

namespace fabcast::model {
namespace {
// The most EUV tools a year the other buyers' demand reaches: a bound for extreme inputs (ASML
// sold 48 in 2025), far above anything a scenario means.
constexpr double MAX_TOOLS_A_YEAR = 1e15;
}  // namespace

// The book for the sample: the other buyers' demand and ASML's capacity a step, from the run's
// first step to 40 years past its last (the latest a module's tools could be due). With x the
// middle of the step in years, and the figures of a year taken at its middle:
//   demand(x)   = demand_2025 LE(x) / LE(2025.5)                                   x < 2025.5
//               = demand_2025 + (demand_2027 - demand_2025) (x - 2025.5) / 2      up to 2027.5
//               = demand_2027 LE(x) / LE(2027.5)                                   later
//   capacity(x) = demand(x) (1 + headroom)
// with LE the world's leading-edge capacity (world.leading_edge_*): the other buyers' demand grows
// with the capacity they build, and ASML keeps its headroom over that demand (it plans capacity
// for its customers' plans, not for the program's).
void Sample::open_euv_book() {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  const std::size_t steps = s.steps + static_cast<std::size_t>(std::llround(40 / s.dt));
  euv_book_.reset(steps);
  // An order ships no earlier than the step after it is placed.
  euv_lead_steps_ = static_cast<std::size_t>(std::max(1.0, std::floor(in[s.euv_lead_months] / s.step_months + 0.5)));
  euv_wait_steps_ = static_cast<std::size_t>(std::floor(in[s.euv_max_wait_months] / s.step_months + 0.5));
  const double d2025 = in[s.euv_world_2025], d2027 = in[s.euv_demand_2027];
  const double headroom = 1 + in[s.euv_capacity_headroom];
  const double le2025 = world_leading_edge(2025.5), le2027 = world_leading_edge(2027.5);
  const double c2024 = in[s.leading_edge_2024], c2028 = in[s.leading_edge_2028];
  const double le_step_before = c2024 > 0 ? std::pow(c2028 / c2024, s.dt / 4) : 1;
  const double le_step_after = std::pow(1 + in[s.leading_edge_growth], s.dt);
  double x = s.t0 + s.dt / 2;
  double le = world_leading_edge(x);
  for (std::size_t u = 0; u < steps; ++u) {
    const double demand = x < 2025.5    ? (le2025 > 0 ? d2025 * le / le2025 : d2025)
                          : x <= 2027.5 ? d2025 + (d2027 - d2025) * (x - 2025.5) / 2
                                        : (le2027 > 0 ? d2027 * le / le2027 : d2027);
    // Bounded where no real number reaches, so that no product of extreme inputs overflows.
    const double d = std::min(demand, MAX_TOOLS_A_YEAR);
    euv_book_.set_supply(u, d * headroom * s.dt);
    euv_book_.set_others(u, d * s.dt);
    // The next step's middle: one factor on either side of 2028, the formula across it.
    const double next = x + s.dt;
    le = std::min(next <= 2028 + 1e-9 ? le * le_step_before
                  : x >= 2028 - 1e-9  ? le * le_step_after
                                      : world_leading_edge(next),
                  MAX_WORLD_WSPM);
    x = next;
  }
  euv_book_.finish_setup();
  euv_added_ = supplier_committed_ = 0;
  euv_funded_at_ = NEVER;
  supplier_pay_.assign(s.steps, 0);
  euv_line_lead_steps_ =
      s.fund_suppliers ? static_cast<std::size_t>(std::floor(in[s.euv_line_lead_years] / s.dt + 0.5)) : 0;
}

// The step's EUV shipments, and the projection the step's starts are planned with.
void Sample::supply(std::size_t t) {
  if (spec_->euv_supply != Spec::EuvSupply::order_book) return;
  euv_book_.serve(t);
  euv_floor_ = euv_book_.projection_floor(t + euv_lead_steps_);
}

// When EUV tools bind a start (the tightest failing constraint in the cheapest region), the
// program funds more EUV capacity, once a step: the line's pace a year, dt of it a step
// (suppliers.euv_line_pace_tools_per_year), within the ceiling
// on what money can add and the money uncommitted. It ships from t + the line's lead time on and
// is paid evenly until then. A line funded now serves modules whose tools come due after it
// arrives: the blocked module itself only if its deadline is that late. False when nothing was
// funded (already this step, the ceiling reached, or money short).
bool Sample::fund_euv_line(std::size_t t) {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  if (!s.fund_suppliers || !euv_short_ || euv_funded_at_ == t) return false;
  const std::size_t arrive = t + euv_line_lead_steps_;
  if (arrive >= euv_book_.steps()) return false;
  const double cost_each = in[s.euv_line_cost];
  double tools_a_year = std::min(in[s.euv_line_pace] * s.dt, in[s.euv_line_max] - euv_added_);
  if (cost_each > 0) tools_a_year = std::min(tools_a_year, uncommitted_ / cost_each);
  if (!(tools_a_year > 0)) return false;
  const double cost = tools_a_year * cost_each;
  uncommitted_ -= cost;
  committed_ += cost;
  supplier_committed_ += cost;
  const std::size_t pay_steps = std::max<std::size_t>(1, euv_line_lead_steps_);
  for (std::size_t u = t; u < std::min(t + pay_steps, s.steps); ++u)
    supplier_pay_[u] += cost / static_cast<double>(pay_steps);
  euv_added_ += tools_a_year;
  euv_funded_at_ = t;
  euv_book_.add_supply(arrive, tools_a_year * s.dt);
  euv_floor_ = euv_book_.projection_floor(t + euv_lead_steps_);
  return true;
}

}  // namespace fabcast::model
