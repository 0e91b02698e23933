#pragma once
// A study as the run store keeps it: its request as JSON (with the resolved scenario beside it,
// enough to run it again), and running a stored request again.

#include "analysis/seek.hpp"
#include "analysis/sensitivity.hpp"
#include "analysis/sweep.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <variant>

namespace fabcast::analysis {

//! The request as stored: every setting that decides the result (not the thread count, which
//! does not, nor the scenario text, stored beside it).
nlohmann::ordered_json request_json(const SweepRequest& request);
nlohmann::ordered_json request_json(const SeekRequest& request);
nlohmann::ordered_json request_json(const SensitivityRequest& request);

using StudyResult = std::variant<SweepResult, SeekResult, SensitivityResult>;

//! Runs a stored study again: `kind` and `request` as stored, the scenario from its stored text.
//! Throws std::invalid_argument when the request is not one fabcast wrote (a store changed outside
//! it), InputError when the scenario no longer loads.
StudyResult rerun_study(const std::string& kind, const nlohmann::ordered_json& request,
                        const std::string& scenario_name, const std::string& scenario_text, unsigned threads);

//! The result as `--format json` prints it, and as its table.
nlohmann::ordered_json study_json(const StudyResult& result);
std::string study_table(const StudyResult& result);

}  // namespace fabcast::analysis
