#pragma once
// One run of a resolved scenario, from inputs to the artefacts every shell shows and stores: the
// JSON result, the readable summary, and the record for the run store. The CLI, `runs rerun`, the
// future server and bindings all run scenarios through here, so a stored run and its rerun are made
// by the same code.

#include "core/runner.hpp"
#include "scenario/scenario.hpp"
#include "store/run_store.hpp"

#include <string>

namespace fabcast::report {

struct RunJob {
  core::RunResult result;
  std::string json;     //!< run_to_json, as `fabcast run --format json` prints it (no trailing newline)
  std::string summary;  //!< run_summary
  std::string target_output;  //!< the scalar a target-error rule judged
  double elapsed_seconds = 0;
};

//! Runs `sc` with `options` (seed, threads, stopping rule) and `sampling`. A target-error rule
//! without a named output judges committed_usd when the run records it, else the first scalar.
RunJob run_job(const scenario::Scenario& sc, const core::RunOptions& options, core::SamplingMethod sampling);

//! The store record of a finished job: the resolved scenario as TOML, the settings and results;
//! raw per-sample scalars when `keep_samples`.
store::NewRun to_store_record(const scenario::Scenario& sc, const RunJob& job, const std::vector<std::string>& overrides,
                              unsigned threads, bool keep_samples);

}  // namespace fabcast::report
