#pragma once
// Key paths of the scenario format: the names a path's collection segment may hold, the pattern a
// concrete path belongs to in the schema, and the keys the format has retired.

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace fabcast::scenario {

//! A region, node or operator name: letters, digits, '-' and '_', as a bare TOML key.
bool valid_name(std::string_view name);

//! The pattern of a concrete key: "regions.US.capex_mult" -> "regions.*.capex_mult".
std::string pattern_of(std::string_view key);

//! A named collection's item, as messages name it: "regions" -> "region".
std::string_view singular(std::string_view collection);

//! The collections whose names a scenario may add to (modules has its three kinds only).
inline constexpr std::array<const char*, 3> EXTENSIBLE = {"regions", "nodes", "operators"};

//! A key of a collection a scenario may add names to ("regions.Mars.x").
bool in_extensible(std::string_view key);

//! Why a key the format no longer reads was retired and what replaced it; nullopt when it never was.
std::optional<std::string_view> retired_key(std::string_view path);

}  // namespace fabcast::scenario
