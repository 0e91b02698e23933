// Pools (MODEL.md 4.2-4.3, 4.9): each region's worker pool and construction crews grow at their
// rates, its grid headroom accrues, trained workers join; the program pays for training.

#include "model/sample.hpp"

#include <algorithm>
#include <cmath>

namespace fabcast::model {

void Sample::grow_pools(std::size_t t) {
  const Spec& s = *spec_;
  if (t > 0) {
    arch_factor_ *= arch_step_;
    for (auto& g : regions_) {
      g.worker_factor *= g.worker_step;
      g.crews_factor *= g.crews_step;
    }
  }
  // Crews of the modules completing now leave their sites (their last paid step was the one before).
  for (std::uint32_t idx = completing_[t]; idx != NO_MODULE; idx = modules_[idx].next_completing) {
    regions_[modules_[idx].region].crews_on_site -= modules_[idx].construction_workers;
  }
  for (std::size_t r = 0; r < regions_.size(); ++r) {
    regions_[r].grid_free += regions_[r].grid_mw_per_year * s.dt;
    regions_[r].trained += arrivals_[t * regions_.size() + r];
  }
}

// Program-funded training: while the budget arrives, trainees start as money and each region's
// capacity allow, and join its pool when trained (technicians and engineers after their courses).
void Sample::train(std::size_t t) {
  const Spec& s = *spec_;
  const std::size_t T = s.steps;
  if (static_cast<double>(t) >= drawdown_steps_) return;
  for (std::size_t r = 0; r < regions_.size(); ++r) {
    Region& g = regions_[r];
    if (g.trainees_max <= 0) continue;
    const double n = std::min(g.trainees_max * s.dt, uncommitted_ / std::max(g.trainee_cost, 1e-9));
    if (n <= 0) continue;
    const double cost = n * g.trainee_cost;
    uncommitted_ -= cost;
    committed_ += cost;
    training_paid_ += cost;
    cash_flow_[t] -= cost;
    const double tech = n * g.technician_share;
    const auto tech_at = t + static_cast<std::size_t>(std::ceil(g.technician_months / s.step_months));
    const auto eng_at = t + static_cast<std::size_t>(std::ceil(g.engineer_years / s.dt));
    if (tech_at < T) arrivals_[tech_at * regions_.size() + r] += tech;
    if (eng_at < T) arrivals_[eng_at * regions_.size() + r] += n - tech;
  }
}

}  // namespace fabcast::model
