// One sample of the fab program, step by step (MODEL.md section 5). Every number comes from the
// sample's inputs (in[idx]) or its own named streams, so a sample is reproducible on its own.

#include "core/errors.hpp"
#include "core/normal.hpp"
#include "core/number_format.hpp"
#include "model/finance.hpp"
#include "model/node_table.hpp"
#include "model/spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace fabcast::model {
namespace {

constexpr double INF = std::numeric_limits<double>::infinity();
constexpr std::uint32_t NO_MODULE = std::numeric_limits<std::uint32_t>::max();
// The most modules one batch starts: a whole number a double holds exactly.
constexpr double MAX_BATCH = 1e15;
// The most module records (a module, or a batch of identical ones) a sample may hold: about
// 100 bytes each, so 25 MB a thread. The shipped scenarios start a few hundred; only inputs that
// make modules nearly free with nothing else limiting their starts come near it.
constexpr std::size_t MAX_MODULE_RECORDS = 250'000;
// The longest build counted, in steps: a module that completes later never completes in a run
// (LAST_YEAR - FIRST_YEAR is 1,204 quarters), and its steps stay within 32 bits.
constexpr double MAX_BUILD_STEPS = 1e6;
constexpr double HOURS_PER_YEAR = 8766;
constexpr double SECONDS_PER_DAY = 86400;

// A module, or a batch of identical modules started together (count > 1; the money, staff,
// power and capacity fields are the batch's totals).
struct Module {
  Kind kind;
  std::uint32_t region;
  std::uint32_t node;        // logic: index into the sample's node table
  std::uint32_t start;       // step
  std::uint32_t complete;    // first step of output
  double gross_cost;         // USD, before subsidy
  double net_cost;           // USD, paid by the program over construction
  double capacity;           // wafers a month at full output
  double peak;               // peak utilisation
  double ramp_months;
  double staff;
  double construction_workers;
  double power_mw;           // at full output
  double accelerators_per_month;  // at peak, for the balanced policy
  double count;              // modules in the batch (a whole number; a double never overflows)
  std::uint32_t next_completing;  // the next module completing in the same step (NO_MODULE: none)
};

// A region where a module of the wanted kind could start this step, with its costs.
struct Candidate {
  std::uint32_t region;
  int node;
  double gross, net, euv, power, build_steps;
  std::size_t euv_year = 0;  // the calendar year (from the first) whose EUV allowance its tools come from
};

struct Region {
  double capex_mult, build_months, workers_2025, worker_growth, grid_mw_per_year, subsidy, slots_2025, slots_growth,
      trainees_max, trainee_cost, technician_months, engineer_years, technician_share, max_share;
  bool euv;
  // state
  double reserved_workers = 0, trained = 0, grid_free = 0;
  double building = 0;  // module counts: whole numbers, as doubles so that no count overflows
  double starts = 0;
  // (1 + growth)^(time - 2025) for the worker pool and construction slots, advanced each step by
  // one multiplication instead of a pow per look-up.
  double worker_factor = 1, worker_step = 1, slots_factor = 1, slots_step = 1;
};

// A sample whose modules cost so little that nothing stops their starts: refused, with what one
// module needed, rather than filling memory one module at a time.
[[noreturn]] void too_many_modules(const core::SampleContext& ctx, Kind kind, double time, const Candidate& c,
                                   double staff) {
  throw RunError(fmt::format(
      "sample {} of seed {} started more than {} module batches by {}Q{}: {} modules need {} USD, {} workers, {} "
      "EUV tools and {} MW each, and no constraint limits how many start; give modules a cost or their starts a limit "
      "(execution.logic_starts_per_year_2025 and the like, regions.*.construction_slots_2025)",
      ctx.sample_idx, ctx.seed, MAX_MODULE_RECORDS, std::floor(time + 1e-9),
      static_cast<int>((time + 1e-9 - std::floor(time + 1e-9)) * 4) + 1, KIND_NAMES[kind], core::format_sig(c.net, 3),
      core::format_sig(staff, 3), core::format_sig(c.euv, 3), core::format_sig(c.power, 3)));
}

class FabWorker final : public core::SampleWorker {
 public:
  explicit FabWorker(std::shared_ptr<const Spec> spec) : spec_(std::move(spec)) {}

  void run(const core::SampleContext& ctx, std::span<const double> in, core::SampleOutputs& out) override;

 private:
  std::shared_ptr<const Spec> spec_;
  NodeTable nodes_;
  std::vector<Region> regions_;
  std::vector<Module> modules_;
  std::vector<double> cash_flow_, deployed_acc_, deployed_flops_, arrivals_;
  // EUV tools by delivery year (years from the first calendar year): the program's allowance and
  // what it has ordered for delivery then. A year's unused allowance goes to others.
  std::vector<double> euv_allowance_, euv_ordered_;
  std::vector<Candidate> candidates_;
  std::vector<std::uint32_t> active_;     // modules ramping up to full output
  // Modules under construction, by the step they complete: the first of each step's list (a
  // module links to the next, Module::next_completing).
  std::vector<std::uint32_t> completing_;
  std::vector<std::uint32_t> completing_last_;  // the last of each step's list, to append in O(1)
  // What construction costs per step, summed over the modules building then (each module adds
  // its even share to every step of its build when it starts): the program's payments (logic
  // and other kinds apart) and the construction workers on site.
  std::vector<double> build_pay_logic_, build_pay_other_, build_workers_;
  std::vector<std::uint32_t> graduated_;  // modules that reached full output this step
  // Fully ramped modules by (kind, node): logic per node, then packaging, then memory.
  struct Steady {
    double wafers = 0, opex = 0, energy_mw = 0, staff = 0, capacity = 0;
    double running = 0;  // cost of running a step (opex, energy, labour), set when a module joins
  };
  std::vector<Steady> steady_;
  std::vector<std::uint16_t> steady_live_;  // aggregates with output or staff, ascending
  [[nodiscard]] std::size_t steady_index(Kind kind, std::size_t node) const {
    return kind == LOGIC ? node : nodes_.size() + (kind == PACKAGING ? 0 : 1);
  }
};

void FabWorker::run(const core::SampleContext& ctx, std::span<const double> in, core::SampleOutputs& out) {
  const Spec& s = *spec_;
  const std::size_t T = s.steps;
  const auto& o = s.out;
  auto put = [&](int series, std::size_t t, double v) {
    if (series >= 0) out.series_at(static_cast<std::size_t>(series), t) = v;
  };
  auto set = [&](int scalar, double v) {
    if (scalar >= 0) out.scalars[static_cast<std::size_t>(scalar)] = v;
  };

  // ---- per-sample set-up ----
  nodes_.prepare(s, in);
  regions_.clear();
  for (const auto& r : s.regions) {
    Region g{in[r.capex_mult], in[r.build_months], in[r.workers_2025], in[r.worker_growth], in[r.grid_mw_per_year],
             in[r.subsidy], in[r.slots_2025], in[r.slots_growth], in[r.trainees_max], in[r.trainee_cost],
             in[r.technician_months], in[r.engineer_years], in[r.technician_share], in[r.max_share],
             r.euv == RegionSpec::Euv::yes, 0, 0, 0, 0, 0};
    if (r.euv == RegionSpec::Euv::licence) {
      core::Stream licence = ctx.stream(r.licence_stream);
      g.euv = licence.uniform() < in[r.euv_licence_probability];
    }
    g.worker_step = std::pow(1 + g.worker_growth, s.dt);
    g.worker_factor = std::pow(1 + g.worker_growth, s.t0 - 2025);
    g.slots_step = std::pow(1 + g.slots_growth, s.dt);
    g.slots_factor = std::pow(1 + g.slots_growth, s.t0 - 2025);
    regions_.push_back(g);
  }
  const double arch_step = std::pow(1 + in[s.arch_gain], s.dt);
  double arch_factor = std::pow(1 + in[s.arch_gain], s.t0 - 2025);
  modules_.clear();
  active_.clear();
  completing_.assign(T, NO_MODULE);
  completing_last_.assign(T, NO_MODULE);
  build_pay_logic_.assign(T, 0);
  build_pay_other_.assign(T, 0);
  build_workers_.assign(T, 0);
  steady_.assign(nodes_.size() + 2, Steady{});
  steady_live_.clear();
  cash_flow_.assign(T, 0);
  deployed_acc_.assign(T, 0);
  deployed_flops_.assign(T, 0);
  arrivals_.assign(T * regions_.size(), 0);
  core::Stream spread = ctx.stream(core::stream_id("project_spread"));
  const double sigma = in[s.project_spread];
  // A module's EUV tools come from the allowance of its delivery year: its completion year (tools
  // arrive at fit-out) or, under B1's rule, its start year. (1 + g)^(year - 2025) advances by one
  // multiplication a year.
  const double first_year = std::floor(s.t0 + 1e-9);
  {
    const std::size_t years = static_cast<std::size_t>(static_cast<double>(T) * s.dt) + 40;  // builds end within 40 years
    euv_allowance_.resize(years);
    euv_ordered_.assign(years, 0);
    double growth = std::pow(1 + in[s.euv_growth], first_year - 2025);
    for (std::size_t y = 0; y < years; ++y, growth *= 1 + in[s.euv_growth]) {
      euv_allowance_[y] = in[s.euv_share] * std::min(in[s.euv_ceiling], in[s.euv_world_2025] * growth);
    }
  }

  const double budget = in[s.budget];
  const double drawdown_years = in[s.drawdown_years];
  const double rate = in[s.discount_rate];
  const double life_years = in[s.useful_life_years];
  const auto life_steps = static_cast<std::size_t>(std::max(1.0, std::floor(life_years / s.dt + 0.5)));
  const auto lag_steps = static_cast<std::size_t>(std::max(0.0, std::floor(in[s.deploy_lag_quarters] * 3 / s.step_months + 0.5)));
  const double all_in_mw = in[s.all_in_kw] / 1000 * in[s.pue];
  const double run_seconds = in[s.run_days] * SECONDS_PER_DAY;
  const double run_factor = in[s.run_share] * in[s.mfu] * run_seconds;
  const double energy_price = in[s.energy_price];
  const double labour = in[s.labour_cost];
  const double ppw = s.balanced ? in[s.packages_per_wafer] * in[s.packaging_yield] : 0;
  const double spw = s.balanced ? in[s.stacks_per_wafer] : 0;
  const double dpp = s.dies_per_package;
  const double per_step_month = 1 / s.step_months;
  const double reference_package_flops = dpp * in[s.flops_per_die_2025];

  // Tranche per step (MODEL.md 4.1): even, front- or back-loaded over drawdown_years, or a list.
  const double drawdown_steps = std::max(1.0, std::floor(drawdown_years / s.dt + 0.5));
  auto tranche = [&](std::size_t t) -> double {
    const double n = drawdown_steps;
    const double i = static_cast<double>(t);
    switch (s.drawdown) {
      case Spec::Drawdown::even: return i < n ? budget / n : 0;
      case Spec::Drawdown::front: return i < n ? budget * 2 * (n - i) / (n * (n + 1)) : 0;
      case Spec::Drawdown::back: return i < n ? budget * 2 * (i + 1) / (n * (n + 1)) : 0;
      case Spec::Drawdown::list: {
        const auto year = static_cast<std::size_t>(i * s.dt);
        return year < s.drawdown_list.size() ? s.drawdown_list[year] * s.dt : 0;
      }
    }
    return 0;
  };

  // ---- state ----
  double uncommitted = 0, received = 0, committed = 0, capex_paid = 0, training_paid = 0;
  double euv_used_total = 0;
  std::array<double, KIND_COUNT> starts_year{}, capacity_acc{};
  std::array<double, KIND_COUNT> building{}, operating{};
  int current_year = std::numeric_limits<int>::min();
  double exec_factor = 1;
  bool current_year_seen = false;
  std::array<double, KIND_COUNT> exec_cap{};
  const double price_step = std::pow(1 - in[s.price_decline], s.dt);
  double price_factor = std::pow(1 - in[s.price_decline], s.t0 - 2025);
  double total_starts = 0;
  // The project-spread factor of the next module of each kind (NaN: not drawn yet).
  std::array<double, KIND_COUNT> next_factor;
  next_factor.fill(std::numeric_limits<double>::quiet_NaN());
  double logic_started = 0;
  double installed_acc = 0, installed_flops = 0, peak_power = 0, accelerators_total = 0, cash = 0;
  double logic_cost = 0, logic_wafers = 0, pv_costs = 0, pv_units = 0;
  std::array<double, CONSTRAINT_COUNT> first_binding{};
  first_binding.fill(INF);
  std::array<double, CONSTRAINT_COUNT> binding_drawdown{};
  std::vector<double> first_exceeds(s.thresholds_flop.size(), INF);
  const double per_step_discount = std::pow(1 + rate, -s.dt);
  double discount = 1;

  for (std::size_t t = 0; t < T; ++t) {
    const double time = s.t0 + static_cast<double>(t) * s.dt;
    const int year = static_cast<int>(std::floor(time + 1e-9));
    if (year != current_year) {  // execution capacity is per calendar year
      current_year = year;
      starts_year.fill(0);
      // (1 + g)^(year - 2025), advanced a year at a time after the first.
      if (current_year_seen) {
        exec_factor *= 1 + in[s.exec_growth];
      } else {
        exec_factor = std::pow(1 + in[s.exec_growth], year - 2025);
        current_year_seen = true;
      }
      for (int k = 0; k < KIND_COUNT; ++k) exec_cap[k] = s.kinds_used > k ? in[s.exec_2025[k]] * exec_factor : 0;
    }
    const double in_flow = tranche(t);
    uncommitted += in_flow;
    received += in_flow;

    // Pools (MODEL.md 4.2-4.3, 4.9).
    if (t > 0) {
      arch_factor *= arch_step;
      for (auto& g : regions_) {
        g.worker_factor *= g.worker_step;
        g.slots_factor *= g.slots_step;
      }
    }
    auto node_now = [&](std::size_t n) -> const NodeStep& { return nodes_.at(n, t, time, arch_factor); };
    for (std::size_t r = 0; r < regions_.size(); ++r) {
      regions_[r].grid_free += regions_[r].grid_mw_per_year * s.dt;
      regions_[r].trained += arrivals_[t * regions_.size() + r];
    }

    // Program-funded training: trainees start now and join the pool when trained.
    if (static_cast<double>(t) < drawdown_steps) {
      for (std::size_t r = 0; r < regions_.size(); ++r) {
        Region& g = regions_[r];
        if (g.trainees_max <= 0) continue;
        const double n = std::min(g.trainees_max * s.dt, uncommitted / std::max(g.trainee_cost, 1e-9));
        if (n <= 0) continue;
        const double cost = n * g.trainee_cost;
        uncommitted -= cost;
        committed += cost;
        training_paid += cost;
        cash_flow_[t] -= cost;
        const double tech = n * g.technician_share;
        const auto tech_at = t + static_cast<std::size_t>(std::ceil(g.technician_months / s.step_months));
        const auto eng_at = t + static_cast<std::size_t>(std::ceil(g.engineer_years / s.dt));
        if (tech_at < T) arrivals_[tech_at * regions_.size() + r] += tech;
        if (eng_at < T) arrivals_[eng_at * regions_.size() + r] += n - tech;
      }
    }

    // ---- starts: the kind the policy needs most, in the cheapest region where all constraints hold ----
    std::array<double, KIND_COUNT> started{};
    Constraint binding = NONE;
    while (true) {
      Kind kind = LOGIC;
      if (s.balanced) {
        for (int k = 1; k < KIND_COUNT; ++k) {
          if (capacity_acc[k] < capacity_acc[kind]) kind = static_cast<Kind>(k);
        }
      }
      // The policy's target met: nothing more to start ("none").
      if (kind == LOGIC && s.target_logic_modules >= 0 && logic_started >= s.target_logic_modules) {
        binding = NONE;
        break;
      }
      const KindSpec& ks = s.kinds[kind];
      const double capacity = in[ks.capacity];
      const double kwspm = capacity * 1e-3, tens_of_kwspm = capacity * 1e-4;
      // The next module of this kind draws its factor once and keeps it until it starts: drawing
      // afresh at every attempt would let a module that cannot afford its cost wait for a cheaper draw.
      if (std::isnan(next_factor[kind])) {
        next_factor[kind] = sigma > 0 ? std::exp(sigma * core::normal_quantile(spread.uniform())) : 1.0;
      }
      const double factor = next_factor[kind];
      // Candidate regions that could host this kind at all, by net cost.
      bool have_candidate = false, started_one = false;
      auto& candidates = candidates_;
      candidates.resize(regions_.size());
      std::size_t n_candidates = 0;
      bool blocked_by_euv_access = false;  // a region skipped because it cannot get EUV tools
      for (std::size_t r = 0; r < regions_.size(); ++r) {
        const Region& g = regions_[r];
        Candidate c{static_cast<std::uint32_t>(r), -1, 0, 0, 0, 0, 0};
        c.build_steps = std::clamp(std::floor(g.build_months * factor * per_step_month + 0.5), 1.0, MAX_BUILD_STEPS);
        if (kind == LOGIC) {
          const std::size_t complete_step = t + static_cast<std::size_t>(c.build_steps);
          c.node = nodes_.node_at_step(complete_step, time + c.build_steps * s.dt, g.euv);
          if (c.node < 0) {
            blocked_by_euv_access |= !g.euv;
            continue;
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
        c.net = c.gross * (1 - g.subsidy);
        const double delivery = s.euv_at_completion ? std::floor(time + c.build_steps * s.dt + 1e-9) : year;
        c.euv_year = std::min(static_cast<std::size_t>(delivery - first_year), euv_allowance_.size() - 1);
        // A policy cap on the region's share of starts makes it ineligible, not binding.
        if (g.max_share < 1 && g.starts + 1 > g.max_share * (total_starts + 1)) continue;
        candidates[n_candidates++] = c;
      }
      // What each constraint has for a candidate and what one module needs of it; the headroom is
      // have / need (>= 1 holds), and the tightest failing one binds.
      const double staff = in[ks.staff];
      using Limits = std::array<double, NONE>;
      auto limits = [&](const Candidate& c, Limits& have, Limits& need) {
        const Region& g = regions_[c.region];
        have[CAPITAL] = uncommitted, need[CAPITAL] = c.net;
        have[EXECUTION] = exec_cap[kind] - starts_year[kind], need[EXECUTION] = 1;
        have[WORKERS] = g.workers_2025 * g.worker_factor + g.trained - g.reserved_workers, need[WORKERS] = staff;
        have[CONSTRUCTION] = g.slots_2025 * g.slots_factor - g.building, need[CONSTRUCTION] = 1;
        have[EUV] = euv_allowance_[c.euv_year] - euv_ordered_[c.euv_year], need[EUV] = c.euv;
        have[POWER] = g.grid_free, need[POWER] = c.power;
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
      have_candidate = n_candidates > 0;
      std::size_t cheapest = n_candidates, chosen = n_candidates;
      for (std::size_t i = 0; i < n_candidates; ++i) {
        const Candidate& c = candidates[i];
        Limits have, need;
        limits(c, have, need);
        // Every headroom >= 1, compared without dividing: for need > 0 the correctly rounded
        // have / need is >= 1 exactly when have >= need.
        // No short circuit, so no branch; the int tells clang's -Wbitwise-instead-of-logical the | is meant.
        bool ok = true;
        for (int k = 0; k < NONE; ++k) ok &= (need[k] <= 0) | int{have[k] >= need[k]};
        if (cheapest == n_candidates || c.net < candidates[cheapest].net) cheapest = i;
        if (ok && (chosen == n_candidates || c.net < candidates[chosen].net)) chosen = i;
      }
      if (chosen < n_candidates) {
        const Candidate& c = candidates[chosen];
        Region& g = regions_[c.region];
        // Start it. Without a per-module spread, and when the next start would be of the same
        // kind in the same region anyway (logic only, no regional cap), the modules this step
        // can afford are identical: start them as one batch of floor(smallest ratio).
        double batch = 1;
        if (sigma <= 0 && !s.balanced && g.max_share >= 1) {
          const auto ratio = headroom(c);
          batch = INF;
          for (int k = 0; k < NONE; ++k) batch = std::min(batch, std::floor(ratio[k]));
          if (s.target_logic_modules >= 0) batch = std::min(batch, s.target_logic_modules - logic_started);
          // Bounded so a batch stays a whole number a double holds exactly.
          batch = std::clamp(batch, 1.0, MAX_BATCH);
        }
        const double n_start = batch;
        Module m{};
        m.kind = kind;
        m.region = c.region;
        m.node = static_cast<std::uint32_t>(std::max(c.node, 0));
        m.start = static_cast<std::uint32_t>(t);
        m.complete = static_cast<std::uint32_t>(t + static_cast<std::size_t>(c.build_steps));
        m.gross_cost = c.gross * batch;
        m.net_cost = c.net * batch;
        m.capacity = capacity * batch;
        m.peak = in[ks.peak_utilisation];
        m.ramp_months = in[ks.ramp_months];
        m.staff = staff * batch;
        m.construction_workers = in[ks.construction_workers] * batch;
        m.power_mw = c.power * batch;
        m.count = n_start;
        const double complete_time = time + c.build_steps * s.dt;
        if (kind == LOGIC) {
          m.accelerators_per_month = m.capacity * m.peak *
                                     nodes_.good_dies_per_wafer(nodes_[m.node], complete_time + 1) / dpp;
        } else if (kind == PACKAGING) {
          m.accelerators_per_month = m.capacity * m.peak * ppw;
        } else {
          const double stacks = complete_time >= 2027 ? in[s.hbm_stacks_2027] : in[s.hbm_stacks];
          m.accelerators_per_month = stacks > 0 ? m.capacity * m.peak * spw / stacks : INF;
        }
        {
          const auto idx = static_cast<std::uint32_t>(modules_.size());
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
        }
        if (modules_.size() >= MAX_MODULE_RECORDS) too_many_modules(ctx, kind, time, c, staff);
        modules_.push_back(m);
        uncommitted -= m.net_cost;
        committed += m.net_cost;
        starts_year[kind] += batch;
        euv_ordered_[c.euv_year] += c.euv * batch;
        euv_used_total += c.euv * batch;
        g.reserved_workers += m.staff;
        g.grid_free -= m.power_mw;
        g.building += n_start;
        g.starts += n_start;
        total_starts += n_start;
        building[kind] += n_start;
        capacity_acc[kind] += m.accelerators_per_month;
        started[kind] += batch;
        if (kind == LOGIC) logic_started += batch;
        next_factor[kind] = std::numeric_limits<double>::quiet_NaN();
        started_one = true;
      }
      if (started_one) continue;
      // Nothing could start: the tightest failing constraint in the cheapest region binds; with
      // no money left to come and none uncommitted, the program is done ("none").
      if (!have_candidate) {
        binding = blocked_by_euv_access ? EUV : NONE;  // no region can host it: for want of EUV, or at all
      } else {
        const auto cheapest_ratio = headroom(candidates[cheapest]);
        int worst = NONE;
        for (int k = 0; k < NONE; ++k) {
          if (cheapest_ratio[k] < 1 && (worst == NONE || cheapest_ratio[k] < cheapest_ratio[worst])) worst = k;
        }
        binding = static_cast<Constraint>(worst);
        if (binding == CAPITAL && received >= budget * (1 - 1e-12) && static_cast<double>(t) >= drawdown_steps) binding = NONE;
      }
      break;
    }
    for (int k = 0; k < KIND_COUNT; ++k) put(o.started[k], t, started[k]);
    for (int c = 0; c < CONSTRAINT_COUNT; ++c) put(o.binding[c], t, c == binding ? 1 : 0);
    if (first_binding[binding] == INF) first_binding[binding] = time;
    if (static_cast<double>(t) < drawdown_steps) binding_drawdown[binding] += 1;

    // ---- construction and production ----
    double opex = 0, energy_mw = 0, staff_operating = 0;
    double dies = 0, dies_flops = 0, slots = 0, stacks = 0, logic_wafer_revenue = 0, other_cost = 0;
    std::array<double, KIND_COUNT> wafers_out{};
    double logic_capacity = 0;  // wafers/month the program's logic modules can start, ramp included
    // A step of running: opex, energy at full draw and labour.
    auto running_cost = [&](double module_opex, double mw, double staff) {
      return module_opex + mw * s.dt * HOURS_PER_YEAR * energy_price + staff * labour * s.dt;
    };
    // One module's (or one aggregate's) output this step: wafers, cost of running, and what the
    // wafers become.
    auto add_output = [&](Kind kind, std::size_t node, double w, double running, double mw, double staff) {
      wafers_out[kind] += w;
      opex += running;
      energy_mw += mw;
      staff_operating += staff;
      if (kind == LOGIC) {
        const NodeStep& n = node_now(node);
        dies += w * n.good_dies;
        dies_flops += w * n.good_dies * n.flops;
        logic_wafer_revenue += w * n.wafer_price;
        logic_cost += running;
      } else {
        other_cost += running;
        if (kind == PACKAGING) slots += w * ppw;
        else stacks += w * spw;
      }
    };
    // Construction this step, then modules ramping up, one by one: those that complete now join
    // them; a module at full output joins its (kind, node) aggregate, whose output only the
    // node's yield and price still change.
    const double capex_step = build_pay_logic_[t] + build_pay_other_[t];
    const double workers_building = build_workers_[t];
    logic_cost += build_pay_logic_[t];
    other_cost += build_pay_other_[t];
    for (std::uint32_t idx = completing_[t]; idx != NO_MODULE; idx = modules_[idx].next_completing) {
      const Module& m = modules_[idx];
      building[m.kind] -= m.count;
      operating[m.kind] += m.count;
      regions_[m.region].building -= m.count;
      active_.push_back(idx);
    }
    std::size_t keep = 0;
    for (const std::uint32_t idx : active_) {
      Module& m = modules_[idx];
      const double k = static_cast<double>(t - m.complete);
      const double ramp = m.ramp_months > 0 ? std::min(1.0, (k + 1) * s.step_months / m.ramp_months) : 1.0;
      const double w = m.capacity * s.step_months * m.peak * ramp;
      if (m.kind == LOGIC) logic_capacity += m.capacity * ramp;
      const double module_opex = in[s.kinds[m.kind].opex_share] * m.gross_cost * s.dt;
      const double mw = m.power_mw * ramp;
      add_output(m.kind, m.node, w, running_cost(module_opex, mw, m.staff), mw, m.staff);
      if (ramp < 1) {
        active_[keep++] = idx;
      } else {
        graduated_.push_back(idx);
      }
    }
    for (const std::size_t i : steady_live_) {
      const Steady& a = steady_[i];
      const Kind kind = i < nodes_.size() ? LOGIC : i == nodes_.size() ? PACKAGING : MEMORY;
      if (kind == LOGIC) logic_capacity += a.capacity;
      add_output(kind, kind == LOGIC ? i : 0, a.wafers, a.running, a.energy_mw, a.staff);
    }
    // Modules that reached full output this step count in their aggregate from the next step.
    for (const std::uint32_t idx : graduated_) {
      const Module& m = modules_[idx];
      const std::size_t i = steady_index(m.kind, m.node);
      Steady& a = steady_[i];
      const bool was_live = a.wafers > 0 || a.staff > 0;
      a.wafers += m.capacity * s.step_months * m.peak;
      a.capacity += m.capacity;
      a.opex += in[s.kinds[m.kind].opex_share] * m.gross_cost * s.dt;
      a.energy_mw += m.power_mw;
      a.staff += m.staff;
      a.running = running_cost(a.opex, a.energy_mw, a.staff);
      if (!was_live && (a.wafers > 0 || a.staff > 0)) {  // joins the list in index order (summation order)
        steady_live_.insert(std::upper_bound(steady_live_.begin(), steady_live_.end(), i), static_cast<std::uint16_t>(i));
      }
    }
    active_.resize(keep);
    graduated_.clear();
    const std::array<double, KIND_COUNT>& wafers_made = wafers_out;
    logic_wafers += wafers_made[LOGIC];
    capex_paid += capex_step;

    // ---- accelerators: the scarcest of logic dies, package slots and HBM stacks ----
    const double stacks_per_package = !s.balanced ? 0 : time >= 2027 ? in[s.hbm_stacks_2027] : in[s.hbm_stacks];
    double accelerators = dies / dpp;
    int limiting = dies > 0 || slots > 0 || stacks > 0 ? STAGE_LOGIC : -1;
    if (s.balanced) {
      const double from_slots = slots;
      const double from_stacks = stacks_per_package > 0 ? stacks / stacks_per_package : INF;
      if (from_slots < accelerators) {
        accelerators = from_slots;
        limiting = STAGE_PACKAGING;
      }
      if (from_stacks < accelerators) {
        accelerators = from_stacks;
        limiting = STAGE_HBM;
      }
    }
    const double flops_each = dies > 0 ? dpp * dies_flops / dies : 0;
    accelerators_total += accelerators;
    if (t + lag_steps < T) {
      deployed_acc_[t + lag_steps] += accelerators;
      deployed_flops_[t + lag_steps] += accelerators * flops_each;
    }
    installed_acc += deployed_acc_[t];
    installed_flops += deployed_flops_[t];
    if (t >= life_steps) {
      installed_acc -= deployed_acc_[t - life_steps];
      installed_flops -= deployed_flops_[t - life_steps];
    }
    installed_acc = std::max(0.0, installed_acc);
    installed_flops = std::max(0.0, installed_flops);
    const double power_gw = installed_acc * all_in_mw / 1000;
    const double largest_run = installed_flops * run_factor;
    for (std::size_t i = 0; i < s.thresholds_flop.size(); ++i) {
      if (first_exceeds[i] == INF && largest_run >= s.thresholds_flop[i]) first_exceeds[i] = time;
    }
    if (power_gw > peak_power) {
      if (s.charge_datacentre_capex) cash_flow_[t] -= (power_gw - peak_power) * 1000 * in[s.datacentre_capex_per_mw];
      peak_power = power_gw;
    }

    // ---- money ----
    // The price falls per unit of performance (Epoch: price-performance +30 %/yr), so a faster
    // accelerator sells for more: price_2025 x (its FLOP/s / the 2025 reference's) x (1 - decline)^years.
    if (t > 0) price_factor *= price_step;
    const double price = in[s.price_2025] * (flops_each / reference_package_flops) * price_factor;
    const double revenue = s.revenue_accelerators ? accelerators * price : logic_wafer_revenue + other_cost;
    cash_flow_[t] += revenue - capex_step - opex;
    cash += cash_flow_[t];
    pv_costs += (capex_step + opex - (s.revenue_accelerators ? 0 : other_cost)) * discount;
    pv_units += (s.revenue_accelerators ? accelerators : logic_wafer_revenue > 0 ? wafers_made[LOGIC] : 0) * discount;
    discount *= per_step_discount;

    // ---- record the step ----
    for (int k = 0; k < KIND_COUNT; ++k) {
      put(o.building[k], t, building[k]);
      put(o.operating[k], t, operating[k]);
      put(o.wafers[k], t, wafers_made[k]);
    }
    for (int st = 0; st < STAGE_COUNT; ++st) put(o.limiting[st], t, st == limiting ? 1 : 0);
    put(o.accelerators, t, accelerators);
    if (o.logic_capacity >= 0) {
      // The operators' base and funded pipeline (coming online at its yearly rate for its years)
      // count beside the program's modules.
      const double delivered_years = std::min(static_cast<double>(t + 1) * s.dt, in[s.pipeline_years]);
      put(o.logic_capacity, t, in[s.existing_logic_wspm] + delivered_years * in[s.pipeline_wspm_per_year] + logic_capacity);
    }
    put(o.installed_flops, t, installed_flops);
    put(o.power_gw, t, power_gw);
    double reserved = 0, trained = 0;
    for (const auto& g : regions_) {
      reserved += g.reserved_workers;
      trained += g.trained;
    }
    put(o.workers_employed, t, staff_operating + workers_building);
    put(o.workers_reserved, t, reserved);
    put(o.workers_trained, t, trained);
    put(o.euv_tools, t, euv_used_total);
    put(o.capex_cumulative, t, capex_paid);
    put(o.funding_unspent, t, uncommitted);
    put(o.revenue, t, revenue);
    put(o.cash, t, cash);
    put(o.largest_run, t, largest_run);

    // Year-end scalars: the last step of the calendar year.
    const bool year_end = static_cast<int>(std::floor(time + s.dt + 1e-9)) != year || t + 1 == T;
    if (year_end) {
      const double total_operating = operating[LOGIC] + operating[PACKAGING] + operating[MEMORY];
      const double spent_share = budget > 0 ? (capex_paid + training_paid) / budget : 0;
      if (year == 2030) {
        set(o.modules_2030, total_operating);
        set(o.installed_2030, installed_flops);
        set(o.spent_share_2030, spent_share);
      } else if (year == 2035) {
        set(o.modules_2035, total_operating);
        set(o.installed_2035, installed_flops);
        set(o.spent_share_2035, spent_share);
      } else if (year == 2040) {
        set(o.installed_2040, installed_flops);
      }
    }
  }

  // ---- whole-path scalars ----
  set(o.committed, committed);
  set(o.modules_started, total_starts);
  if (o.npv >= 0) set(o.npv, npv(cash_flow_, s.dt, rate));
  if (o.irr >= 0) set(o.irr, irr(cash_flow_, s.dt));
  if (o.payback_year >= 0) {
    const long payback = payback_step(cash_flow_);
    set(o.payback_year, payback < 0 ? INF : std::floor(s.t0 + static_cast<double>(payback) * s.dt + 1e-9));
  }
  set(o.peak_power, peak_power);
  set(o.datacentre_capex, peak_power * 1000 * in[s.datacentre_capex_per_mw]);
  set(o.accelerators_total, accelerators_total);
  set(o.cost_per_wafer, logic_wafers > 0 ? logic_cost / logic_wafers : INF);
  set(o.breakeven_price, pv_units > 0 ? pv_costs / pv_units : INF);
  for (int c = 0; c < CONSTRAINT_COUNT; ++c) {
    set(o.binding_steps_drawdown[c], binding_drawdown[c]);
    set(o.first_binding_year[c], first_binding[c] == INF ? INF : std::floor(first_binding[c] + 1e-9));
  }
  for (std::size_t i = 0; i < first_exceeds.size(); ++i) {
    set(o.first_year_run_exceeds[i], first_exceeds[i] == INF ? INF : std::floor(first_exceeds[i] + 1e-9));
  }
  // Fixed-capability training cost, 2025 -> 2030 (MODEL.md 4.7): FLOP needed halves every
  // algo_halving_months; each FLOP costs the accelerator's price over its life plus energy, on a
  // chip made that year on the newest node available.
  if (o.training_cost_decline >= 0) {
    auto cost_per_flop = [&](double when) {
      const int node = nodes_.node_for(when, true);
      const double flops = dpp * nodes_.flops_per_die(static_cast<std::size_t>(std::max(node, 0)), when) * in[s.mfu];
      const double price_then = in[s.price_2025] * (flops / in[s.mfu] / reference_package_flops) *
                                std::pow(1 - in[s.price_decline], when - 2025);
      const double per_second = price_then / (life_years * 365.25 * SECONDS_PER_DAY) +
                                in[s.all_in_kw] * in[s.pue] / 1000 * energy_price / 3600;
      return per_second / flops;
    };
    const double halvings = 5 * 12 / in[s.algo_halving_months];
    const double base = cost_per_flop(2025);
    // Compute that costs nothing in 2025 (a zero price and free energy) has no cost to fall: 0.
    const double ratio = base > 0 ? cost_per_flop(2030) / base * std::pow(0.5, halvings) : 1;
    set(o.training_cost_decline, 1 - std::pow(ratio, 1.0 / 5));
  }
}

}  // namespace

std::uint64_t fab_worker_bytes(const Spec& spec) {
  // Its module records at their limit, and its per-step tables (a few dozen doubles a step).
  return MAX_MODULE_RECORDS * sizeof(Module) + spec.steps * (spec.regions.size() + 16) * sizeof(double);
}

std::unique_ptr<core::SampleWorker> make_fab_worker(std::shared_ptr<const Spec> spec) {
  return std::make_unique<FabWorker>(std::move(spec));
}

}  // namespace fabcast::model
