#pragma once
// Scenarios side by side (fabcast report A B [C ...]): key results in columns, the answer of each,
// fan charts of the same series overlaid, and what binds in each.

#include "report/document.hpp"
#include "store/run_store.hpp"

#include <vector>

namespace fabcast::report {

//! At least two runs. Charts are overlaid where every run has the same steps.
Document compare_document(const std::vector<store::StoredRun>& runs);

}  // namespace fabcast::report
