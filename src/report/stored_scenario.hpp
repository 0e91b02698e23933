#pragma once
// A stored run's resolved scenario read back as rows, from the text scenario::to_toml wrote
// ("key = value  # unit; origin" under [table] headers): what exports list as the run's inputs and
// what the comparison of two runs reads (what a break-even price is per).

#include <string>
#include <vector>

namespace fabcast::report {

//! One key of a stored scenario: its full path, its value as written (a string without its
//! quotes: "0.06 to 0.1", "wafer"), its unit ("" for none) and where the value came from.
struct StoredInput {
  std::string key, value, unit, origin;
};

//! Every key of a stored scenario text, in its order.
std::vector<StoredInput> stored_inputs(const std::string& scenario_text);

//! Whether the stored scenario's program sells logic wafers (program.revenue_mode = wafer, the
//! schema's default when the text does not say), not accelerators.
bool stored_sells_wafers(const std::string& scenario_text);

}  // namespace fabcast::report
