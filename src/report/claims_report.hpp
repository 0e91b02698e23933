#pragma once
// Claims and their verdicts (analysis/claims.hpp) as report content: a section of a run report,
// or a report of their own (fabcast claims --report).

#include "analysis/claims.hpp"
#include "report/document.hpp"
#include "report/export.hpp"
#include "store/run_store.hpp"

namespace fabcast::report {

//! One row per claim: the claim with who made it and when, the evidence of each check (value,
//! interval, rule, verdict), the claim's verdict and its caveat.
Section claims_section(const analysis::ClaimsResult& result);

Document claims_document(const analysis::ClaimsResult& result);

//! Claims checked against a stored run: model checks of its scenario read its own samples (its
//! resolved scenario, seed, sample count and sampling); other scenarios run with the same settings.
analysis::ClaimsRequest claims_request_for(const store::StoredRun& run);

//! One row per check (claim, check, rule, verdicts; value, lo, hi): the "claims" table of an export.
Table claims_export_table(const analysis::ClaimsResult& result);

}  // namespace fabcast::report
