#pragma once
// Sections of the run report built from its result JSON alone (plus the pledge): the scalars'
// distributions, training runs, and the comparators. Internal to report/ (run_document.cpp).

#include "report/document.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <vector>

namespace fabcast::report {

//! A member of a result JSON that may be absent or null (the quantile of an output with too few
//! finite samples): a null JSON then, shown as "-". Required structure is read with at().
const nlohmann::ordered_json& member(const nlohmann::ordered_json& j, const std::string& key);

//! Key scalars as CDFs, with the mass at zero and "never" that their quantiles hide; nothing for
//! a run whose JSON has no CDFs (stored before they were recorded).
std::vector<Section> distribution_sections(const nlohmann::ordered_json& result);

//! P(largest feasible run >= each threshold) by year as a table and a chart, and the first year each
//! is reached as a table and CDFs; nothing when the run records no thresholds.
std::vector<Section> training_run_sections(const nlohmann::ordered_json& result);

//! Public figures in dollars (the comparators.* data entries, named by their notes) against the
//! pledge (program.budget_usd, when known) and the median money committed.
Section comparators_section(const nlohmann::ordered_json& result, std::optional<double> pledge_usd);

}  // namespace fabcast::report
