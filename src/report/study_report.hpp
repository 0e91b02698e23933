#pragma once
// Reports of studies, as Documents (report/document.hpp) drawn in HTML or Markdown like a run's:
// a sweep's curves over the swept key, a seek's search with its goal and verification, Sobol
// bars with their intervals and tornadoes.

#include "analysis/seek.hpp"
#include "analysis/sensitivity.hpp"
#include "analysis/study_record.hpp"
#include "analysis/sweep.hpp"
#include "report/document.hpp"

namespace fabcast::report {

Document sweep_document(const analysis::SweepResult& result);
Document seek_document(const analysis::SeekResult& result);
Document sensitivity_document(const analysis::SensitivityResult& result);
//! Whichever of the three the result is.
Document study_document(const analysis::StudyResult& result);

}  // namespace fabcast::report
