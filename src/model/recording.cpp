// Recording: the step's series, the year-end scalars at the last step of 2030, 2035 and 2040, and
// at the end the scalars of the whole path. Only outputs the run records are written.

#include "model/sample.hpp"

#include <algorithm>
#include <cmath>

namespace fabcast::model {

void Sample::record(std::size_t t) {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  const auto& o = s.out;
  core::SampleOutputs& out = *out_;
  // A series' value at this step, when the run records it.
  auto put = [&](Output id, std::size_t member, std::size_t step, double v) {
    if (const int series = o(id, member); series >= 0) out.series_at(static_cast<std::size_t>(series), step) = v;
  };
  for (int k = 0; k < KIND_COUNT; ++k) put(MODULES_STARTED, k, t, starts_.started[k]);
  for (std::size_t op = 0; op < s.operators.size(); ++op) put(OPERATOR_STARTS, op, t, starts_.by_operator[op]);
  for (int c = 0; c < CONSTRAINT_COUNT; ++c) put(BINDING, c, t, c == starts_.binding ? 1 : 0);
  if (first_binding_[starts_.binding] == INF) first_binding_[starts_.binding] = now_.time;
  if (static_cast<double>(t) < drawdown_steps_) binding_drawdown_[starts_.binding] += 1;
  for (int k = 0; k < KIND_COUNT; ++k) {
    put(MODULES_BUILDING, k, t, building_[k]);
    put(MODULES_OPERATING, k, t, operating_[k]);
    put(WAFERS, k, t, made_.wafers[k]);
  }
  for (int stage = 0; stage < STAGE_COUNT; ++stage) put(LIMITING, stage, t, stage == deployed_.limiting ? 1 : 0);
  if (s.build_datacentres) {
    for (int d = 0; d < DEPLOY_LIMIT_COUNT; ++d) put(DEPLOY_LIMIT, d, t, d == deployed_.limit ? 1 : 0);
    put(DATACENTRE_POWER, 0, t, dc_mw_ / 1000);
    put(CHIPS_WAITING, 0, t, waiting_acc_);
  }
  put(ACCELERATORS, 0, t, deployed_.accelerators);
  if (o(LOGIC_CAPACITY_WSPM) >= 0) {
    // The operators' base and funded pipeline (coming online at its yearly rate for its years)
    // count beside the program's modules.
    const double delivered_years = std::min(static_cast<double>(t + 1) * s.dt, in[s.pipeline_years]);
    put(LOGIC_CAPACITY_WSPM, 0, t,
        in[s.existing_logic_wspm] + delivered_years * in[s.pipeline_wspm_per_year] + made_.logic_capacity);
  }
  put(INSTALLED_FLOPS, 0, t, installed_flops_);
  if (o(WORLD_LEADING_EDGE_WSPM) >= 0) {
    put(WORLD_LEADING_EDGE_WSPM, 0, t, world_le_);
    const double end = now_.time + s.dt;  // the next step's end
    world_le_ = advance_world_le(world_le_, end, end + s.dt);
  }
  put(POWER_GW, 0, t, deployed_.power_gw);
  double reserved = 0, trained = 0;
  for (const auto& g : regions_) {
    reserved += g.reserved_workers;
    trained += g.trained;
  }
  put(WORKERS_EMPLOYED, 0, t, made_.staff_operating + made_.workers_building);
  put(STAFF_OPERATING, 0, t, made_.staff_operating);
  put(WORKERS_RESERVED, 0, t, reserved);
  put(WORKERS_TRAINED, 0, t, trained);
  put(EUV_TOOLS_USED, 0, t, euv_used_total_);
  if (s.euv_supply == Spec::EuvSupply::order_book) {
    put(EUV_CAPACITY, 0, t, euv_.book.supply(t) / s.dt);
    put(EUV_SHIPPED, 0, t, euv_.book.shipped_this_step() / s.dt);
  } else {
    const double output = euv_world_[static_cast<std::size_t>(now_.year - first_year_)];
    put(EUV_CAPACITY, 0, t, output);
    put(EUV_SHIPPED, 0, t, output);
  }
  put(EUV_FUNDED, 0, t, euv_.added);
  // Unlimited equipment (world.wfe_supply): 0, as no book is kept.
  const bool wfe = s.equipment_book;
  put(WFE_CAPACITY, 0, t, wfe ? equipment_.book.supply(t) / s.dt : 0);
  put(WFE_SHIPPED, 0, t, wfe ? equipment_.book.shipped_this_step() / s.dt : 0);
  put(WFE_PROGRAM, 0, t, wfe ? equipment_.book.program_shipped() : 0);
  put(WFE_FUNDED, 0, t, equipment_.added);
  put(CAPEX_CUMULATIVE, 0, t, capex_paid_);
  put(COMMITTED_CUMULATIVE, 0, t, committed_);
  put(FUNDING_UNSPENT, 0, t, uncommitted_);
  put(REVENUE, 0, t, revenue_);
  put(CASH, 0, t, cash_);
  put(LARGEST_RUN, 0, t, deployed_.largest_run);
  if (market_) {
    if (o(WORLD_SPEND) >= 0) put(WORLD_SPEND, 0, t, world_spend(now_.time));
    put(MARKET_PRICE_INDEX, 0, t, price_index_);
    put(PROGRAM_MARKET_SHARE, 0, t, market_share_);
    put(WORLD_BOUGHT_H100E, 0, t, world_bought_[t]);
    put(WORLD_INSTALLED_H100E, 0, t, world_h100e_);
    if (o(PROGRAM_COMPUTE_SHARE) >= 0) {
      const double own = in[s.h100_flops] > 0 ? installed_flops_ / in[s.h100_flops] : 0;
      const double all = world_h100e_ + (s.market_entrant ? own : 0);
      put(PROGRAM_COMPUTE_SHARE, 0, t, own > 0 && all > 0 ? own / all : 0);
    }
    if (o(RUN_COST_1E25) >= 0)
      put(RUN_COST_1E25, 0, t, std::min(MAX_RUN_COST, 1e25 * cost_per_flop(now_.time, price_index_)));
  }

  // Year-end scalars: the last step of the calendar year.
  const bool year_end = static_cast<int>(std::floor(now_.time + s.dt + 1e-9)) != now_.year || t + 1 == s.steps;
  if (year_end) {
    const double total_operating = operating_[LOGIC] + operating_[PACKAGING] + operating_[MEMORY];
    const double spent_share = budget_ > 0 ? (capex_paid_ + training_paid_) / budget_ : 0;
    if (now_.year == 2030) {
      set(MODULES_OPERATING_2030, total_operating);
      set(INSTALLED_FLOPS_2030, installed_flops_);
      set(SPENT_SHARE_2030, spent_share);
    } else if (now_.year == 2035) {
      set(MODULES_OPERATING_2035, total_operating);
      set(INSTALLED_FLOPS_2035, installed_flops_);
      set(SPENT_SHARE_2035, spent_share);
    }
    if (now_.year == 2030 || now_.year == 2035) {
      const std::size_t y = now_.year == 2030 ? 0 : 1;
      const double all = year_bought_[y] + (spec_->market_entrant ? year_sold_[y] : 0);
      set(y == 0 ? MARKET_SHARE_2030 : MARKET_SHARE_2035, all > 0 ? year_sold_[y] / all : 0);
      set(y == 0 ? PRICE_INDEX_2030 : PRICE_INDEX_2035, year_sold_[y] > 0 ? year_fetched_[y] / year_sold_[y] : 1);
    }
    if (now_.year == 2040) {
      set(INSTALLED_FLOPS_2040, installed_flops_);
    }
  }
}

// SEMI's 2024 and 2028 figures joined geometrically (the same rate before 2024), then growth a year
// past SEMI's horizon; at a step's end, as logic_capacity_wspm.
// From its value at `from` to `to`, one step later: one factor on either side of 2028 (exact for
// steps that start on a quarter or its middle), the formula across it.
double Sample::advance_world_le(double value, double from, double to) const {
  return std::min(to <= 2028     ? value * world_le_step_before_
                  : from >= 2028 ? value * world_le_step_after_
                                 : world_leading_edge(to),
                  MAX_WORLD_WSPM);
}

double Sample::world_leading_edge(double year) const {
  const Spec& s = *spec_;
  const double c2024 = in_[s.leading_edge_2024], c2028 = in_[s.leading_edge_2028];
  const double wspm = year <= 2028 ? (c2024 > 0 ? c2024 * std::pow(c2028 / c2024, (year - 2024) / 4) : c2028)
                                   : c2028 * std::pow(1 + in_[s.leading_edge_growth], year - 2028);
  return std::min(wspm, MAX_WORLD_WSPM);
}

void Sample::record_totals() {
  set(COMMITTED, committed_);
  set(LOGIC_TARGET_YEAR, target_year_);
  set(SUPPLIER_FUNDING, euv_.committed + equipment_.committed);
  set(MODULES_STARTED_TOTAL, total_starts_);
  for (std::size_t o = 0; o < spec_->operators.size(); ++o) set(LOGIC_MODULES_BY_OPERATOR, o, op_started_[o]);
  set(PEAK_POWER, peak_power_);
  set(ACCELERATORS_TOTAL, accelerators_total_);
  for (int c = 0; c < CONSTRAINT_COUNT; ++c) {
    set(BINDING_STEPS_DRAWDOWN, c, binding_drawdown_[c]);
    set(FIRST_BINDING_YEAR, c, first_binding_[c] == INF ? INF : std::floor(first_binding_[c] + 1e-9));
  }
  for (std::size_t i = 0; i < first_exceeds_.size(); ++i) {
    set(FIRST_YEAR_RUN_EXCEEDS, i, first_exceeds_[i] == INF ? INF : std::floor(first_exceeds_[i] + 1e-9));
  }
}

}  // namespace fabcast::model
