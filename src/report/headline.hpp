#pragma once
// The answer a run gives, stated in sentences generated from its result (every number from the
// run): how much of the budget is committed and what stops more, what limits chips and their
// deployment, the compute reached against the world's, the returns, the training runs within
// reach; and beside them the largest caveats. The run summary and the report lead with it.

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace fabcast::report {

struct Headline {
  std::vector<std::string> findings;
  std::vector<std::string> caveats;
};

//! From a run's result JSON (docs/output-format.md); `pledge_usd` is the program's budget. A
//! finding whose outputs the run did not record is left out.
Headline headline(const nlohmann::ordered_json& result, std::optional<double> pledge_usd);

//! The headline as text for a terminal: "the answer" and "caveats", one wrapped bullet each.
std::string headline_text(const Headline& headline);

}  // namespace fabcast::report
