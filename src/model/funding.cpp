// Funding (MODEL.md 4.1): the budget's tranche for the step arrives, and at each new calendar
// year the execution capacity of every operator (logic) and module kind is set for the year.

#include "model/sample.hpp"

#include <cmath>

namespace fabcast::model {

void Sample::fund(std::size_t t) {
  const Spec& s = *spec_;
  const Inputs& in = in_;
  now_.time = s.t0 + static_cast<double>(t) * s.dt;
  now_.year = static_cast<int>(std::floor(now_.time + 1e-9));
  if (now_.year != current_year_) {  // execution capacity is per calendar year
    current_year_ = now_.year;
    starts_year_.fill(0);
    // (1 + g)^(year - 2025), advanced a year at a time after the first.
    if (current_year_seen_) {
      exec_factor_ *= 1 + in[s.exec_growth];
    } else {
      exec_factor_ = std::pow(1 + in[s.exec_growth], now_.year - 2025);
      current_year_seen_ = true;
    }
    for (int k = PACKAGING; k < s.kinds_used; ++k) exec_cap_[k] = in[s.exec_2025[k]] * exec_factor_;
    op_starts_year_.fill(0);
    for (std::size_t o = 0; o < s.operators.size(); ++o) op_cap_[o] = in[s.operators[o].starts_2025] * exec_factor_;
  }

  // The tranche: even, front- or back-loaded over drawdown_years, or a list.
  const double n = drawdown_steps_;
  const double i = static_cast<double>(t);
  double tranche = 0;
  switch (s.drawdown) {
    case Spec::Drawdown::even:
      tranche = i < n ? budget_ / n : 0;
      break;
    case Spec::Drawdown::front:
      tranche = i < n ? budget_ * 2 * (n - i) / (n * (n + 1)) : 0;
      break;
    case Spec::Drawdown::back:
      tranche = i < n ? budget_ * 2 * (i + 1) / (n * (n + 1)) : 0;
      break;
    case Spec::Drawdown::list: {
      const auto year = static_cast<std::size_t>(i * s.dt);
      tranche = year < s.drawdown_list.size() ? s.drawdown_list[year] * s.dt : 0;
      break;
    }
  }
  uncommitted_ += tranche;
  received_ += tranche;
}

}  // namespace fabcast::model
