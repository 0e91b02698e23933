#pragma once
// Printing a resolved scenario: as a table for people, as TOML that loads back to the same
// scenario, or as JSON; and the generated key reference of docs/scenario-format.md.

#include "data/library.hpp"
#include "scenario/scenario.hpp"

#include <string>
#include <vector>

namespace fabcast::scenario {

//! Where a value came from, in one line: "data: Exyte (2025-02) [data/regions.toml:17]".
std::string describe_origin(const Setting& setting, const data::Library& library);

std::string to_table(const Scenario& scenario, const data::Library& library);
//! The scenario as TOML that loads back to it. With `overrides` (the --set arguments that made it,
//! as given) it is named NAME-modified and its description lists them, unless they set the name or
//! description themselves, so the file is told apart from the one it came from.
std::string to_toml(const Scenario& scenario, const data::Library& library,
                    const std::vector<std::string>& overrides = {});
//! The scenario as JSON; with `overrides`, named as to_toml names it, with `modified_from` and `overrides`.
std::string to_json(const Scenario& scenario, const data::Library& library,
                    const std::vector<std::string>& overrides = {});

//! Markdown table of every schema key with its type, unit, allowed range and default.
std::string keys_reference_markdown(const data::Library& library);

//! Problems between the schema and the library: a data key without its entry, or with another unit.
std::vector<std::string> check_library_against_schema(const data::Library& library);

}  // namespace fabcast::scenario
