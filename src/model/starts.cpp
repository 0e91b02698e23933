// Starts (MODEL.md 5): in each step, modules start one at a time (or as one batch of identical
// modules) while some region can host the kind the policy needs with every constraint holding:
// capital, the year's execution capacity, skilled workers, construction crews, EUV tools and grid
// power. When none can, the tightest failing constraint in the cheapest region binds the step.

#include "core/errors.hpp"
#include "core/normal.hpp"
#include "core/number_format.hpp"
#include "model/sample.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace fabcast::model {
namespace {

// The most modules one batch starts: a whole number a double holds exactly.
constexpr double MAX_BATCH = 1e15;
// The longest build counted, in steps: a module that completes later never completes in a run
// (LAST_YEAR - FIRST_YEAR is 1,204 quarters), and its steps stay within 32 bits.
constexpr double MAX_BUILD_STEPS = 1e6;

using Limits = std::array<double, NONE>;

// A sample whose modules cost so little that nothing stops their starts: refused, with what one
// module needed, rather than filling memory one module at a time.
[[noreturn]] void too_many_modules(const core::SampleContext& ctx, Kind kind, double time, const Candidate& c,
                                   double staff) {
  throw RunError(fmt::format(
      "sample {} of seed {} started more than {} module batches by {}Q{}: {} modules need {} USD, {} workers, {} "
      "EUV tools and {} MW each, and no constraint limits how many start; give modules a cost or their starts a limit "
      "(operators.*.logic_starts_per_year_2025, execution.*_starts_per_year_2025, regions.*.construction_workers_2025)",
      ctx.sample_idx, ctx.seed, MAX_MODULE_RECORDS, std::floor(time + 1e-9),
      static_cast<int>((time + 1e-9 - std::floor(time + 1e-9)) * 4) + 1, KIND_NAMES[kind], core::format_sig(c.net, 3),
      core::format_sig(staff, 3), core::format_sig(c.euv, 3), core::format_sig(c.power, 3)));
}

}  // namespace

// The regions that could host a module of `kind` at all, with its costs there; sets
// blocked_by_euv_access when a region was skipped because it cannot get EUV tools.
[[gnu::always_inline]] inline std::size_t Sample::collect_candidates(Kind kind, double factor, std::size_t t,
                                                                     bool& blocked_by_euv_access) {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  const KindSpec& ks = s.kinds[kind];
  const double capacity = in[ks.capacity];
  const double kwspm = capacity * 1e-3, tens_of_kwspm = capacity * 1e-4;
  const double time = now_.time;
  // Invariants of the loop as locals: the stores to candidates_ below could otherwise alias them.
  const double per_step_month = per_step_month_, first_year = first_year_, dt = s.dt;
  const double total_starts = total_starts_;
  const int year = now_.year;
  const bool at_completion = s.euv_at_completion;
  const bool allowance = s.euv_supply == Spec::EuvSupply::allowance;
  const std::size_t last_euv_year = allowance ? euv_allowance_.size() - 1 : 0;
  const std::size_t wait_steps = wait_steps_;
  const bool equipment_book = s.equipment_book;
  const bool spread = s.spread_operators;
  const double equipment_share = equipment_share_, euv_tool_usd = euv_tool_usd_;
  candidates_.resize(regions_.size());
  std::size_t n_candidates = 0;
  for (std::size_t r = 0; r < regions_.size(); ++r) {
    const Region& g = regions_[r];
    // Filled in place (a copy of a local assembled field by field stalls on store forwarding);
    // kept by advancing n_candidates.
    Candidate& c = candidates_[n_candidates];
    c.region = static_cast<std::uint32_t>(r);
    c.node = -1;
    c.op = -1;
    c.euv = 0;
    c.build_steps = std::clamp(std::floor(g.build_months * factor * per_step_month + 0.5), 1.0, MAX_BUILD_STEPS);
    if (kind == LOGIC) {
      const std::size_t complete_step = t + static_cast<std::size_t>(c.build_steps);
      c.node = nodes_.node_at_step(complete_step, time + c.build_steps * dt, g.euv);
      if (c.node < 0) {
        blocked_by_euv_access |= !g.euv;
        continue;
      }
      // Its operator: the region's first (preferred) with a start left this year, or under
      // `spread` the one with the lowest (starts so far + 1/2) / capacity, Sainte-Lague's
      // apportionment, so that each operator's share of the starts follows its capacity from the
      // first starts on; when none has a start left, the first names the execution headroom.
      const auto& operators = s.regions[r].operators;
      c.op = operators.empty() ? -1 : operators[0];
      double fewest = INF;
      for (const std::uint8_t o : operators) {
        if (op_cap_[o] - op_starts_year_[o] < 1) continue;
        if (!spread) {
          c.op = o;
          break;
        }
        if (const double load = (op_started_[o] + 0.5) / op_cap_[o]; load < fewest) {
          fewest = load;
          c.op = o;
        }
      }
      const Node& n = nodes_[static_cast<std::size_t>(c.node)];
      c.gross = n.capex_per_kwspm * kwspm * g.capex_mult * factor;
      c.euv = n.requires_euv ? n.euv_per_10kwspm * tens_of_kwspm : 0;
      c.power = in[ks.power] * tens_of_kwspm;
    } else if (kind == PACKAGING) {
      c.gross = in[ks.capex] * g.capex_mult * factor;
      c.power = in[ks.power];
    } else {
      const double euv = in[ks.euv] * tens_of_kwspm;
      if (euv > 0 && !g.euv) {
        blocked_by_euv_access = true;
        continue;
      }
      c.gross = in[ks.capex] * kwspm * g.capex_mult * factor;
      c.euv = euv;
      c.power = in[ks.power] * tens_of_kwspm;
    }
    // The subsidy: the region's share of the cost for starts up to its last year, within its pool.
    c.subsidy = now_.year <= g.subsidy_last_year ? std::min(c.gross * g.subsidy, g.subsidy_left) : 0;
    c.net = c.gross - c.subsidy;
    // The equipment bought from the tool makers: the equipment share of its cost, less its EUV
    // tools (bought from ASML).
    c.equipment = equipment_book ? std::max(0.0, equipment_share * c.gross - c.euv * euv_tool_usd) : 0;
    if (allowance) {
      const double delivery = at_completion ? std::floor(time + c.build_steps * dt + 1e-9) : year;
      c.euv_year = std::min(static_cast<std::size_t>(delivery - first_year), last_euv_year);
    }
    c.tools_by = t + static_cast<std::size_t>(c.build_steps) + wait_steps;
    // A policy cap on the region's share of starts makes it ineligible, not binding.
    if (g.max_share < 1 && g.starts + 1 > g.max_share * (total_starts + 1)) continue;
    ++n_candidates;
  }
  return n_candidates;
}

// Tries to start one module (or batch) of `kind`: true when it started; else false, with the
// constraint that stopped it in `binding`.
bool Sample::try_start(Kind kind, std::size_t t, Constraint& binding) {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  // The next module of this kind draws its factor once and keeps it until it starts: drawing
  // afresh at every attempt would let a module that cannot afford its cost wait for a cheaper draw.
  if (std::isnan(next_factor_[kind])) {
    next_factor_[kind] = sigma_ > 0 ? std::exp(sigma_ * core::normal_quantile(spread_.uniform())) : 1.0;
  }
  bool blocked_by_euv_access = false;
  const std::size_t n_candidates = collect_candidates(kind, next_factor_[kind], t, blocked_by_euv_access);
  // What each constraint has for a candidate and what one module needs of it; the headroom is
  // have / need (>= 1 holds), and the tightest failing one binds.
  const double staff = in[s.kinds[kind].staff];
  const double construction_workers = in[s.kinds[kind].construction_workers];
  // Order books: the module's order would come due one lead time from now, behind the program's
  // earlier orders; the tools it can count on are what the book projects to ship by its deadline
  // beyond those.
  const bool book = s.euv_supply == Spec::EuvSupply::order_book;
  const bool equipment_book = s.equipment_book;
  const bool staff_at_completion = s.staff_at_completion;
  const std::size_t euv_due = euv_.due(t), equipment_due = equipment_.due(t);
  const double euv_position = book ? euv_.book.next_position() : 0;
  const double equipment_position = equipment_book ? equipment_.book.next_position() : 0;
  auto from_book = [](const Supply& supply, std::size_t due, double position, std::size_t by) {
    return by >= due ? supply.book.projected_shipped(supply.floor, by) - position : 0.0;
  };
  auto limits = [&](const Candidate& c, Limits& have, Limits& need) {
    const Region& g = regions_[c.region];
    have[CAPITAL] = uncommitted_, need[CAPITAL] = c.net;
    have[EXECUTION] = c.op >= 0 ? op_cap_[c.op] - op_starts_year_[c.op] : exec_cap_[kind] - starts_year_[kind];
    need[EXECUTION] = 1;
    // Staff are hired at tool-in: the pool they come from is the one at the module's completion
    // (grown to then), less the staff of every module started before it (B1: the pool now).
    const double growth = staff_at_completion ? pool_growth_over(c.region, c.build_steps) : 1.0;
    have[WORKERS] = g.workers_2025 * g.worker_factor * growth + g.trained - g.reserved_workers;
    need[WORKERS] = staff;
    // Construction crews: a module holds its peak crew from its start to its completion, apart
    // from the skilled staff that will run it.
    have[CONSTRUCTION] = g.crews_2025 * g.crews_factor - g.crews_on_site;
    need[CONSTRUCTION] = construction_workers;
    have[EUV] = book ? from_book(euv_, euv_due, euv_position, c.tools_by)
                     : euv_allowance_[c.euv_year] - euv_ordered_[c.euv_year];
    need[EUV] = c.euv;
    have[EQUIPMENT] = equipment_book ? from_book(equipment_, equipment_due, equipment_position, c.tools_by) : INF;
    need[EQUIPMENT] = c.equipment;
    have[POWER] = g.grid_free, need[POWER] = c.power;
    // Data centres (program.hold_starts_for_power): no new module in a step whose order for data
    // centres the build pace or the money cut, as the chips already coming will outrun the power.
    have[DATACENTRES] = dc_room_mw_, need[DATACENTRES] = hold_for_power_ ? 1 : 0;
  };
  auto headroom = [&](const Candidate& c) {
    Limits have, need;
    limits(c, have, need);
    std::array<double, CONSTRAINT_COUNT> ratio{};
    for (int k = 0; k < NONE; ++k) ratio[k] = need[k] > 0 ? have[k] / need[k] : INF;
    ratio[NONE] = INF;
    return ratio;
  };
  // The module starts in the cheapest region where every constraint holds (ties: region
  // order); when none holds, the cheapest region names the binding constraint. One pass in
  // region order finds both, as a scan of the regions sorted cheapest first would, without
  // the sort's data-dependent branches.
  std::size_t cheapest = n_candidates, chosen = n_candidates;
  for (std::size_t i = 0; i < n_candidates; ++i) {
    const Candidate& c = candidates_[i];
    Limits have, need;
    limits(c, have, need);
    // Every headroom >= 1, compared without dividing: for need > 0 the correctly rounded
    // have / need is >= 1 exactly when have >= need.
    // No short circuit, so no branch; the int tells clang's -Wbitwise-instead-of-logical the | is meant.
    bool ok = true;
    for (int k = 0; k < NONE; ++k) ok &= (need[k] <= 0) | int{have[k] >= need[k]};
    if (cheapest == n_candidates || c.net < candidates_[cheapest].net) cheapest = i;
    if (ok && (chosen == n_candidates || c.net < candidates_[chosen].net)) chosen = i;
  }
  if (chosen < n_candidates) {
    const Candidate& c = candidates_[chosen];
    // Without a per-module spread, and when the next start would be of the same kind in the
    // same region by the same operator anyway (logic only, no regional cap, operators preferred),
    // the modules this step can afford are identical: start them as one batch of floor(smallest ratio).
    double batch = 1;
    if (sigma_ <= 0 && !s.balanced && !s.spread_operators && regions_[c.region].max_share >= 1) {
      const auto ratio = headroom(c);
      batch = INF;
      for (int k = 0; k < NONE; ++k) batch = std::min(batch, std::floor(ratio[k]));
      if (s.target_logic_modules >= 0) batch = std::min(batch, s.target_logic_modules - logic_started_);
      // Every module of a batch gets the same subsidy: no more of them than the pool covers.
      if (c.subsidy > 0) batch = std::min(batch, std::floor(regions_[c.region].subsidy_left / c.subsidy));
      // Bounded so a batch stays a whole number a double holds exactly.
      batch = std::clamp(batch, 1.0, MAX_BATCH);
    }
    if (modules_.size() >= MAX_MODULE_RECORDS) too_many_modules(*ctx_, kind, now_.time, c, staff);
    start(c, kind, t, batch);
    return true;
  }
  // Nothing could start: the tightest failing constraint in the cheapest region binds; with
  // no money left to come and none uncommitted, the program is done ("none").
  euv_.binding = equipment_.binding = false;
  if (n_candidates == 0) {
    binding = blocked_by_euv_access ? EUV : NONE;  // no region can host it: for want of EUV, or at all
  } else {
    const auto cheapest_ratio = headroom(candidates_[cheapest]);
    int worst = NONE;
    for (int k = 0; k < NONE; ++k) {
      if (cheapest_ratio[k] < 1 && (worst == NONE || cheapest_ratio[k] < cheapest_ratio[worst])) worst = k;
    }
    binding = static_cast<Constraint>(worst);
    // A supplier binds: the program may fund more of its capacity (suppliers.cpp). Not when no
    // region can take EUV tools at all (above): more of ASML's capacity would not help.
    euv_.binding = binding == EUV && book;
    equipment_.binding = binding == EQUIPMENT && equipment_book;
    if (binding == CAPITAL && received_ >= budget_ * (1 - 1e-12) && static_cast<double>(t) >= drawdown_steps_) {
      binding = NONE;
    }
  }
  return false;
}

// The kinds the policy may start, most needed first: the lowest capacity (in accelerators a
// month), ties in kind order; logic alone under logic_only.
std::array<Kind, KIND_COUNT> Sample::kinds_by_need() const {
  // An insertion sort of at most three, stable (std::stable_sort would allocate a buffer each call).
  std::array<Kind, KIND_COUNT> order{LOGIC, PACKAGING, MEMORY};
  for (int i = 1; i < spec_->kinds_used; ++i) {
    for (int j = i; j > 0 && capacity_acc_[order[j]] < capacity_acc_[order[j - 1]]; --j)
      std::swap(order[j], order[j - 1]);
  }
  return order;
}

void Sample::start_modules(std::size_t t) {
  const Spec& s = *spec_;
  starts_.started.fill(0);
  starts_.by_operator.fill(0);
  starts_.binding = NONE;
  Kind first = LOGIC;
  while (true) {
    first = kinds_by_need()[0];
    // The policy's target met: nothing more to start ("none", even after a start that needed a
    // supplier line first).
    if (first == LOGIC && s.target_logic_modules >= 0 && logic_started_ >= s.target_logic_modules) {
      starts_.binding = NONE;
      return;
    }
    // What stops the most needed kind binds the step, unless it is a supplier (EUV tools, other
    // equipment) and the program funds more of its capacity: then the kind is tried again.
    if (!try_start(first, t, starts_.binding) && !fund_line(euv_, t) && !fund_line(equipment_, t)) break;
  }
  // Under `balanced`, the others may start, each while its capacity is below what the scarcest
  // kind will have with its next module (as large as its last): they build one module ahead of
  // it, never capacity it cannot use. Starts only use up what the scarcest kind lacks, so it stays
  // blocked for the step, and so does each other kind once it fails: each is tried until then.
  const double ahead = capacity_acc_[first] + last_module_acc_[first];
  std::array<bool, KIND_COUNT> blocked{};
  blocked[first] = true;
  while (true) {
    int pick = -1;  // the most needed of the others still below `ahead` (ties: kind order)
    for (int k = 0; k < s.kinds_used; ++k) {
      if (!blocked[k] && capacity_acc_[k] < ahead && (pick < 0 || capacity_acc_[k] < capacity_acc_[pick])) pick = k;
    }
    if (pick < 0) return;
    Constraint ignored = NONE;
    if (!try_start(static_cast<Kind>(pick), t, ignored)) blocked[pick] = true;
  }
}

// Starts a module (or a batch of `batch` identical ones) at candidate c: its record, its
// payments and crews over construction, its place in its completion step's list, and what it
// takes from the pools.
void Sample::start(const Candidate& c, Kind kind, std::size_t t, double batch) {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  const std::size_t T = s.steps;
  const KindSpec& ks = s.kinds[kind];
  Region& g = regions_[c.region];
  // Built in place: a record assembled on the stack and then copied stalls on store forwarding.
  const auto idx = static_cast<std::uint32_t>(modules_.size());
  Module& m = modules_.emplace_back();
  m.kind = kind;
  m.region = c.region;
  m.node = static_cast<std::uint32_t>(std::max(c.node, 0));
  m.op = static_cast<std::uint32_t>(std::max(c.op, 0));
  m.start = static_cast<std::uint32_t>(t);
  m.complete = static_cast<std::uint32_t>(t + static_cast<std::size_t>(c.build_steps));
  m.gross_cost = c.gross * batch;
  m.net_cost = c.net * batch;
  m.capacity = in[ks.capacity] * batch;
  m.peak = in[ks.peak_utilisation];
  m.ramp_months = in[ks.ramp_months];
  m.staff = in[ks.staff] * batch;
  m.construction_workers = in[ks.construction_workers] * batch;
  m.power_mw = c.power * batch;
  m.count = batch;
  m.euv_tools = m.euv_position = m.equipment_usd = m.equipment_position = 0;
  if (s.euv_supply == Spec::EuvSupply::allowance) {
    euv_ordered_[c.euv_year] += c.euv * batch;
  } else if (c.euv > 0) {
    m.euv_tools = c.euv * batch;
    m.euv_position = euv_.book.place(euv_.due(t), m.euv_tools);
  }
  if (s.equipment_book && c.equipment > 0) {
    m.equipment_usd = c.equipment * batch;
    m.equipment_position = equipment_.book.place(equipment_.due(t), m.equipment_usd);
  }
  const double complete_time = now_.time + c.build_steps * s.dt;
  if (kind == LOGIC) {
    m.accelerators_per_month =
        m.capacity * m.peak * nodes_.good_dies_per_wafer(nodes_[m.node], m.op, complete_time + 1) / dpp_;
  } else if (kind == PACKAGING) {
    m.accelerators_per_month = m.capacity * m.peak * ppw_;
  } else {
    const double stacks = complete_time >= 2027 ? in[s.hbm_stacks_2027] : in[s.hbm_stacks];
    m.accelerators_per_month = stacks > 0 ? m.capacity * m.peak * spw_ / stacks : INF;
  }
  const std::size_t end = std::min<std::size_t>(m.complete, T);
  const double pay = m.net_cost / static_cast<double>(m.complete - m.start);
  std::vector<double>& pays = kind == LOGIC ? build_pay_logic_ : build_pay_other_;
  for (std::size_t u = t; u < end; ++u) {
    pays[u] += pay;
    build_workers_[u] += m.construction_workers;
  }
  m.next_completing = NO_MODULE;
  if (m.complete < T) {  // appended at the end of its step's list, so lists keep start order
    std::uint32_t& last = completing_last_[m.complete];
    (last == NO_MODULE ? completing_[m.complete] : modules_[last].next_completing) = idx;
    last = idx;
  }
  uncommitted_ -= m.net_cost;
  committed_ += m.net_cost;
  if (kind == LOGIC) {
    op_starts_year_[m.op] += batch;
    op_started_[m.op] += batch;
    starts_.by_operator[m.op] += batch;
  } else {
    starts_year_[kind] += batch;
  }
  euv_used_total_ += c.euv * batch;
  g.reserved_workers += m.staff;
  g.grid_free -= m.power_mw;
  g.crews_on_site += m.construction_workers;
  g.starts += batch;
  g.subsidy_left -= c.subsidy * batch;
  total_starts_ += batch;
  building_[kind] += batch;
  capacity_acc_[kind] += m.accelerators_per_month;
  last_module_acc_[kind] = m.accelerators_per_month / batch;
  starts_.started[kind] += batch;
  if (kind == LOGIC) {
    logic_started_ += batch;
    if (s.target_logic_modules >= 0 && logic_started_ >= s.target_logic_modules && target_year_ == INF)
      target_year_ = now_.year;
  }
  next_factor_[kind] = std::numeric_limits<double>::quiet_NaN();
}

}  // namespace fabcast::model
