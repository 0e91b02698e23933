#pragma once
// Discounted cash flows: NPV, IRR and payback over a program's yearly or quarterly cash flows.

#include <span>

namespace fabcast::model {

//! Net present value of cash flows cf[t] at times t * step_years, at a yearly rate.
double npv(std::span<const double> cash_flows, double step_years, double rate);

//! The rates IRR looks in, a year: (IRR_LOW, IRR_HIGH].
inline constexpr double IRR_LOW = -0.99, IRR_HIGH = 100;

//! Internal rate of return: the yearly rate in (IRR_LOW, IRR_HIGH] at which npv is 0, when there
//! is exactly one; +inf ("undefined") when there is none (npv keeps its sign: the program never
//! earns back its outlay, or never makes one) or several, or every cash flow is 0. The npv is a
//! polynomial in the per-step discount factor x = (1 + r)^-step. Its roots in x > 0 are at most
//! the sign changes of the cash flows, and as many less an even number (Descartes): with one sign
//! change the root is unique, and it is the IRR when the npv changes sign over the bracket. With
//! more, the npv is evaluated on IRR_GRID points spread evenly in log x over the bracket, and the
//! IRR is defined only when exactly one interval changes sign and none ends on a zero (two roots
//! closer than a grid interval go unseen: the interval is a 4.4 % step in 1 + r, a year).
//! The root is found by TOMS 748 in that interval. NaN when a cash flow is not finite.
double irr(std::span<const double> cash_flows, double step_years);

//! Points of irr's scan when the cash flows change sign more than once.
inline constexpr int IRR_GRID = 256;

//! Index of the first step at which cumulative cash, having been negative, is >= 0 again;
//! -1 when it never is.
long payback_step(std::span<const double> cash_flows);

}  // namespace fabcast::model
