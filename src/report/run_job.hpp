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
  std::string json;           //!< run_to_json, as `fabcast run --format json` prints it (no trailing newline)
  std::string summary;        //!< run_summary
  std::string target_output;  //!< the scalar a target-error rule judged
  double elapsed_seconds = 0;
  //! With RunOptions::keep_values: every sample's value of each drawn (not fixed) input, in
  //! sample order, as the run drew it.
  std::vector<std::pair<std::string, std::vector<double>>> inputs;
};

//! Every check a run of `sc` makes before its first sample: the model compiled from the scenario
//! and its input design (correlation over the model's inputs). Throws InputError (a ScenarioError
//! naming file, line and key where it can). `fabcast validate` calls this and run_job does the
//! same, so a scenario validate accepts is one run accepts.
void check_runnable(const scenario::Scenario& sc);

//! Runs `sc` with `options` (seed, threads, stopping rule) and `sampling`. A target-error rule
//! without a named output judges committed_usd when the run records it, else the first scalar.
RunJob run_job(const scenario::Scenario& sc, const core::RunOptions& options, core::SamplingMethod sampling);

//! The store record of a finished job: the resolved scenario as TOML, the settings and results;
//! raw per-sample scalars when `keep_samples`, moved out of the job (they can be gigabytes; a
//! copy would double what the run holds).
store::NewRun to_store_record(const scenario::Scenario& sc, RunJob& job, const std::vector<std::string>& overrides,
                              unsigned threads, bool keep_samples);

}  // namespace fabcast::report
