#pragma once
// What the studies (sweep, seek, sensitivity) share: a scenario run at one point with a few keys
// set, recording only the outputs the study reads, and what stops new starts in that run.

#include "core/design.hpp"
#include "core/runner.hpp"

#include <string>
#include <vector>

namespace fabcast::scenario {
class Scenario;
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

//! Throws InputError, with a did-you-mean, unless every name is a scalar output the scenario
//! (with the overrides) can record.
void check_scalar_outputs(const StudyScenario& scenario, const std::vector<std::string>& overrides,
                          const std::vector<std::string>& outputs);

//! The scenario with `overrides` run with `options` (its on_progress ignored), recording only the
//! scalar `outputs` and the binding_* series (a run of altman-7t takes 40 % less time than one
//! recording every output). The values are those of `fabcast run --set ...` with the same seed.
core::RunResult run_point(const StudyScenario& scenario, std::vector<std::string> overrides,
                          const std::vector<std::string>& outputs, core::RunOptions options,
                          core::SamplingMethod sampling);

//! The constraint that stops new starts in the most sample-steps (its mean summed over the
//! steps), or "-" when none does.
std::string most_binding(const core::RunResult& result);

}  // namespace fabcast::analysis
