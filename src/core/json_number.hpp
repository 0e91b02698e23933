#pragma once
// A double as JSON. JSON has no infinities or NaN: every fabcast output writes them as null
// ("never", "undefined"), as docs/output-format.md documents.

#include <nlohmann/json.hpp>

#include <cmath>

namespace fabcast::core {

inline nlohmann::ordered_json json_number(double x) {
  if (!std::isfinite(x)) return nullptr;
  return x;
}

}  // namespace fabcast::core
