#pragma once

#include <span>
#include <string>
#include <string_view>

namespace fabcast::core {

//! Levenshtein edit distance (insertions, deletions, substitutions each cost 1).
std::size_t edit_distance(std::string_view a, std::string_view b);

//! The candidate closest to `word` if it is close enough to be a plausible typo; else the one
//! candidate that extends `word` by a suffix after '_' or a prefix before '.' ("npv" -> "npv_usd",
//! "budget_usd" -> "program.budget_usd"); else "".
std::string closest_match(std::string_view word, std::span<const std::string_view> candidates);

}  // namespace fabcast::core
