#pragma once
// Discounted cash flows: NPV, IRR and payback over a program's yearly or quarterly cash flows.

#include <span>

namespace fabcast::model {

//! Net present value of cash flows cf[t] at times t * step_years, at a yearly rate.
double npv(std::span<const double> cash_flows, double step_years, double rate);

//! Internal rate of return: the yearly rate at which npv is 0, found by bracketing (in the
//! per-step discount factor, in which the npv is a polynomial) on
//! (-0.99, 100]. Returns -0.99 when npv stays negative over the bracket (the program never
//! earns its money back), 100 when it stays positive, 0 when every cash flow is 0 (nothing was
//! spent or earned: any rate zeroes the npv), and the root otherwise.
double irr(std::span<const double> cash_flows, double step_years);

//! Index of the first step at which cumulative cash, having been negative, is >= 0 again;
//! -1 when it never is.
long payback_step(std::span<const double> cash_flows);

}  // namespace fabcast::model
