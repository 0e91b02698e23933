#pragma once
// A finished run as JSON (docs/output-format.md) and as a readable summary.

#include "core/runner.hpp"
#include "model/fab_model.hpp"
#include "scenario/scenario.hpp"

#include <nlohmann/json.hpp>

#include <string>

namespace fabcast::report {

//! What identifies a run besides its results.
struct RunInfo {
  std::string scenario;
  std::string data_version;
  std::string fabcast_version;
  std::string git_commit;
};

//! The full result: top-level keys run, steps, series, scalars, binding.
nlohmann::ordered_json run_to_json(const RunInfo& info, const core::RunResult& result, const model::FabModel& model);

//! Key scalars, the binding-constraint and limiting-stage tables and key series, by year.
std::string run_summary(const RunInfo& info, const core::RunResult& result, const model::FabModel& model);

}  // namespace fabcast::report
