#pragma once
// Validation against history: the checks of tests/validation, computed once here so the tests and
// the generated docs/validation.md report the same figures.

#include <string>
#include <vector>

namespace fabcast::report {

//! Months from the first start to the first operating logic module, one module only, for
//! altman-7t's data restricted to `region`; one value per sample that built a module.
std::vector<double> months_to_first_output(const std::string& region, std::size_t samples, std::uint64_t seed);

//! docs/validation.md: each target, its source, the model's figures, and the command that
//! regenerates it. Runs the model (a few seconds).
std::string validation_markdown();

}  // namespace fabcast::report
