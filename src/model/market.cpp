// The world market for AI accelerators (docs/model.md, "Market"): what the world spends on them
// without the program, what that buys at the list price, the stock it builds up, and the price
// the program's accelerators fetch when they add to that supply.

#include "model/sample.hpp"

#include <algorithm>
#include <cmath>

namespace fabcast::model {

// World spending a year at `time`: 2025's, grown at one rate to 2030 (and back before 2025) and at
// another after.
double Sample::world_spend(double time) const {
  const Spec& s = *spec_;
  const double to_2030 = std::min(time, 2030.0) - 2025, after = std::max(0.0, time - 2030);
  return std::min(MAX_WORLD_SPEND, in_[s.spend_2025] * std::pow(1 + in_[s.spend_growth_2030], to_2030) *
                                       std::pow(1 + in_[s.spend_growth_after], after));
}

// H100-equivalents the world buys in the step that starts at `time`: its spending over the list
// price of one H100-equivalent, which falls as the accelerators' price per unit of performance does.
double Sample::world_bought(double time) const {
  const Spec& s = *spec_;
  const double list = in_[s.price_2025] / h100e_per_package_ * std::pow(1 - in_[s.price_decline], time - 2025);
  const double spend = world_spend(time) * s.dt;
  if (spend <= 0) return 0;
  return list > 0 ? std::min(MAX_WORLD_H100E, spend / list) : MAX_WORLD_H100E;
}

void Sample::open_market() {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  const std::size_t T = s.steps;
  price_index_ = 1;
  market_share_ = 0;
  year_sold_.fill(0);
  year_bought_.fill(0);
  year_fetched_.fill(0);
  index_.assign(T, 1);
  h100e_per_package_ = 0;
  if (!market_) return;
  h100e_per_package_ = in[s.h100_flops] > 0 ? reference_package_flops_ / in[s.h100_flops] : 0;
  inv_elasticity_ = s.market_entrant ? 1 / in[s.elasticity] : 0;
  world_bought_.resize(T);
  for (std::size_t t = 0; t < T; ++t) world_bought_[t] = world_bought(s.t0 + static_cast<double>(t) * s.dt);
  // The stock at the run's start: January 2026's less what the world buys before 2026, or, for a
  // later start, January 2026's retiring evenly over the useful life plus what the world bought
  // since within that life. It retires evenly over the useful life from the start.
  const double i2026 = in[s.installed_h100e_2026];
  double stock = 0;
  if (s.t0 <= 2026) {
    double before = 0;
    for (double time = s.t0; time < 2026 - 1e-9; time += s.dt) before += world_bought(time);
    stock = std::max(0.0, i2026 - before);
  } else {
    stock = i2026 * std::max(0.0, 1 - (s.t0 - 2026) / life_years_);
    for (double time = std::max(2026.0, s.t0 - life_years_); time < s.t0 - 1e-9; time += s.dt)
      stock += world_bought(time);
  }
  world_start_h100e_ = stock;
  world_recent_h100e_ = 0;
  world_h100e_ = stock;
}

// The step's price index and market share, from the H100-equivalents the program sells. An
// entrant's add to what the world buys at the list price; with a demand of constant elasticity e
// the price that sells both is the list price x (1 + program / world)^(-1/e). An incumbent's are
// part of the world's supply path: they sell at the list price and their share is of the world's.
void Sample::clear_market(std::size_t t, double program_h100e) {
  const Spec& s = *spec_;
  if (!market_) return;
  const double world = world_bought_[t];
  if (s.market_entrant) {
    price_index_ = program_h100e <= 0 ? 1 : world > 0 ? std::pow(1 + program_h100e / world, -inv_elasticity_) : 0;
    market_share_ = program_h100e > 0 ? program_h100e / (world + program_h100e) : 0;
  } else {
    price_index_ = 1;
    market_share_ = world > 0 ? program_h100e / world : 0;
  }
  index_[t] = price_index_;
  // The world's stock: the start's retiring evenly, plus what it bought within the useful life.
  world_recent_h100e_ += world;
  if (t >= life_steps_) world_recent_h100e_ -= world_bought_[t - life_steps_];
  world_h100e_ = world_start_h100e_ * std::max(0.0, 1 - static_cast<double>(t + 1) * s.dt / life_years_) +
                 std::max(0.0, world_recent_h100e_);
  const int y = now_.year == 2030 ? 0 : now_.year == 2035 ? 1 : -1;
  if (y >= 0) {
    year_sold_[y] += program_h100e;
    year_bought_[y] += world;
    year_fetched_[y] += program_h100e * price_index_;
  }
}

}  // namespace fabcast::model
