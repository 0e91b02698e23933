// Suppliers (docs/model.md, "Tools from order books"): ASML makes EUV tools, and the other tool
// makers the rest of the wafer-fab equipment (in dollars), at their capacity, and ship them to the
// other buyers first (at their sourced demand) and then to the program (one order per module
// start, due one lead time later). When tools bind a start, the program may fund more capacity: it
// arrives after a lead time, at a pace and up to a ceiling.

#include "model/sample.hpp"

#include <algorithm>
#include <cmath>

namespace fabcast::model {
namespace {
// The most the other buyers' demand reaches, tools or dollars a year: a bound for extreme inputs
// (ASML sold 48 EUV tools in 2025; the industry $116B of equipment), far above anything a scenario
// means.
constexpr double MAX_DEMAND_A_YEAR = 1e15;
}  // namespace

// A supplier's book for the sample: the other buyers' demand and the supplier's capacity a step,
// from the run's first step to 40 years past its last (the latest a module's tools could be due).
// With x the middle of the step in years, and the figures of a year taken at its middle:
//   demand(x)   = demand_2025 LE(x) / LE(2025.5)                                   x < 2025.5
//               = demand_2025 + (demand_2027 - demand_2025) (x - 2025.5) / 2      up to 2027.5
//               = demand_2027 LE(x) / LE(2027.5)                                   later
//   capacity(x) = demand(x) (1 + headroom)
// with LE the world's leading-edge capacity (world.leading_edge_*): the other buyers' demand grows
// with the capacity they build, and the supplier keeps its headroom over that demand (it plans
// capacity for its customers' plans, not for the program's).
void Sample::open_book(Supply& supply, const BookSpec& spec) {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  const double d2025 = in[spec.demand_2025], d2027 = in[spec.demand_2027], headroom = in[spec.headroom];
  const std::size_t steps = s.steps + static_cast<std::size_t>(std::llround(40 / s.dt));
  supply.book.reset(steps);
  // An order ships no earlier than the step after it is placed.
  supply.lead_steps = static_cast<std::size_t>(std::max(1.0, std::floor(in[spec.lead_months] / s.step_months + 0.5)));
  const double le2025 = world_leading_edge(2025.5), le2027 = world_leading_edge(2027.5);
  double x = s.t0 + s.dt / 2;
  double le = world_leading_edge(x);
  for (std::size_t u = 0; u < steps; ++u) {
    const double demand = x < 2025.5    ? (le2025 > 0 ? d2025 * le / le2025 : d2025)
                          : x <= 2027.5 ? d2025 + (d2027 - d2025) * (x - 2025.5) / 2
                                        : (le2027 > 0 ? d2027 * le / le2027 : d2027);
    const double d = std::min(demand, MAX_DEMAND_A_YEAR);
    supply.book.set_supply(u, d * (1 + headroom) * s.dt);
    supply.book.set_others(u, d * s.dt);
    le = advance_world_le(le, x, x + s.dt);  // to the next step's middle
    x += s.dt;
  }
  supply.book.finish_setup();
  if (s.fund_suppliers) {
    supply.line_cost = in[spec.line_cost];
    supply.line_lead_steps = static_cast<std::size_t>(std::floor(in[spec.line_lead_years] / s.dt + 0.5));
    supply.line_pace = in[spec.line_pace];
    supply.line_max = in[spec.line_max];
  }
}

void Sample::open_suppliers() {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  // Reset, not rebuilt: the books keep their memory from one sample to the next.
  for (Supply* supply : {&euv_, &equipment_}) {
    supply->book.reset(0);
    supply->line_cost = supply->line_pace = supply->line_max = supply->added = supply->committed = 0;
    supply->lead_steps = supply->line_lead_steps = 0;
    supply->binding = false;
    supply->funded_at = NEVER;
  }
  const bool euv_book = s.euv_supply == Spec::EuvSupply::order_book;
  if (!euv_book && !s.equipment_book) return;
  wait_steps_ = static_cast<std::size_t>(std::floor(in[s.max_wait_months] / s.step_months + 0.5));
  if (euv_book) open_book(euv_, s.euv_book);
  if (s.equipment_book) {
    open_book(equipment_, s.wfe_book);
    equipment_share_ = in[s.equipment_share];
    euv_tool_usd_ = in[s.euv_tool_usd];
  }
}

// The step's shipments, and the projection the step's starts are planned with.
void Sample::supply(std::size_t t) {
  for (Supply* supply : {&euv_, &equipment_}) {
    if (supply->book.steps() == 0) continue;
    supply->book.serve(t);
    supply->floor = supply->book.projection_floor(supply->due(t));
  }
}

// When a supplier binds a start (the tightest failing constraint in the cheapest region), the
// program funds more of its capacity, once a step: the line's pace a year, dt of it a step, within
// the ceiling on what money can add and the money uncommitted. It ships from t + the line's lead
// time on (at least a step) and is paid evenly until then. A line funded now serves modules whose
// tools come due after it arrives: the blocked module itself only if its deadline is that late,
// and those that start later. It is bought whenever the supplier is the tightest failing
// constraint, even if another also fails there: that one may clear by itself (a construction
// slot, next year's execution capacity), a supplier's capacity does not. False when nothing was
// funded (not binding, already this step, arriving after the run, the ceiling reached, or money
// short).
void Sample::commit_capacity(double cost, std::size_t t, std::size_t until) {
  uncommitted_ -= cost;
  committed_ += cost;
  const double per_step = cost / static_cast<double>(until - t);
  for (std::size_t u = t; u < std::min(until, spec_->steps); ++u) capacity_pay_[u] += per_step;
}

bool Sample::fund_line(Supply& supply, std::size_t t) {
  const Spec& s = *spec_;
  if (!s.fund_suppliers || !supply.binding || supply.funded_at == t) return false;
  // Capacity ships from the step after it is paid for at the earliest (this step's is shipped),
  // and a line that would arrive after the run's end is not bought.
  const std::size_t arrive = t + std::max<std::size_t>(1, supply.line_lead_steps);
  if (arrive >= s.steps) return false;
  double amount = std::min(supply.line_pace * s.dt, supply.line_max - supply.added);
  if (supply.line_cost > 0) amount = std::min(amount, uncommitted_ / supply.line_cost);
  if (!(amount > 0)) return false;
  const double cost = amount * supply.line_cost;
  commit_capacity(cost, t, t + std::max<std::size_t>(1, supply.line_lead_steps));
  supply.committed += cost;
  supply.added += amount;
  supply.funded_at = t;
  supply.book.add_supply(arrive, amount * s.dt);
  supply.floor = supply.book.projection_floor(supply.due(t));
  return true;
}

}  // namespace fabcast::model
