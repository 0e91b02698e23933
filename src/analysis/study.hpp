#pragma once
// What the studies (sweep, seek, sensitivity) share: a scenario run at one point with a few keys
// set, recording only the outputs the study reads, and what stops new starts in that run.

#include "core/design.hpp"
#include "core/runner.hpp"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace fabcast::scenario {
class Scenario;
}
namespace fabcast::model {
class FabModel;
}

namespace fabcast::analysis {

//! The scenario a study runs: a shipped name or a .toml path, or (a stored study run again) the
//! resolved text it was stored with, labelled by its name.
struct StudyScenario {
  std::string name;
  std::string text;  //!< empty: load `name`
};

//! The scenario with `overrides` applied.
scenario::Scenario load_study_scenario(const StudyScenario& scenario, const std::vector<std::string>& overrides);

//! A study's output is a scalar output, or SERIES@YEAR: the series at the end of YEAR (its last
//! step in that year), every sample's value kept like a scalar's, so that a study can ask which
//! input drives installed compute in 2030 and which in 2040.
//! Throws InputError, with a did-you-mean, unless every name is such an output the scenario (with
//! the overrides) can record.
void check_scalar_outputs(const StudyScenario& scenario, const std::vector<std::string>& overrides,
                          const std::vector<std::string>& outputs);

//! The scenario with `overrides` run with `options` (its on_progress ignored), recording only
//! `outputs` and the binding_* series (a run of altman-7t takes 40 % less time than one recording
//! every output). The values are those of `fabcast run --set ...` with the same seed. A SERIES@YEAR
//! output comes back as a scalar of that name, its values kept (core::KeptCell).
core::RunResult run_point(const StudyScenario& scenario, std::vector<std::string> overrides,
                          const std::vector<std::string>& outputs, core::RunOptions options,
                          core::SamplingMethod sampling);

//! The SERIES@YEAR names among `outputs` as the engine's kept cells (the series among those
//! `model` records, the last step of YEAR). Throws InputError when one names no recorded series
//! or a year outside the run.
std::vector<core::KeptCell> kept_cells(const std::vector<std::string>& outputs, const model::FabModel& model);

//! The run.outputs override that records `outputs` (for SERIES@YEAR, the series) and, with
//! `binding`, the binding_* series.
std::string recording(const std::vector<std::string>& outputs, bool binding);

//! SERIES@Y1..Y2 as SERIES@Y1, ..., SERIES@Y2; other names as they are.
std::vector<std::string> expand_outputs(const std::vector<std::string>& outputs);

//! The constraint that stops new starts in the most sample-steps (its mean summed over the
//! steps), or "-" when none does.
std::string most_binding(const core::RunResult& result);

}  // namespace fabcast::analysis
