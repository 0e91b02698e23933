#pragma once
// Keys the model reads only when a switch has a value (world.euv_supply, world.wfe_supply): a
// resolved scenario leaves them out otherwise, and a scenario that sets them is refused, so that
// no setting is silently ignored.

#include "scenario/value_checks.hpp"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace fabcast::scenario {

using FindSetting = std::function<const Setting*(const std::string&)>;

//! Whether `path` (a schema key) is left out of the resolved scenario: its switch, looked up with
//! `find`, has another value.
bool left_out(std::string_view path, const FindSetting& find);

//! A problem for each such key that a scenario or --set sets (the data's defaults are not problems).
void check_modal_keys(const FindSetting& find, std::vector<Problem>& out);

}  // namespace fabcast::scenario
