#pragma once
// Claims and their verdicts (analysis/claims.hpp) as report content: a section of a run report,
// or a report of their own (fabcast claims --report).

#include "analysis/claims.hpp"
#include "report/document.hpp"

namespace fabcast::report {

//! One row per claim: the claim with who made it and when, the evidence of each check (value,
//! interval, rule, verdict), the claim's verdict and its caveat.
Section claims_section(const analysis::ClaimsResult& result);

Document claims_document(const analysis::ClaimsResult& result);

}  // namespace fabcast::report
