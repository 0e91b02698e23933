#pragma once
// Reading scenarios: TOML files (or shipped scenarios by name) layered over the reference data,
// `extends` chains, and --set overrides, validated in one pass.

#include "core/errors.hpp"
#include "scenario/scenario.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace fabcast::scenario {

//! A scenario that cannot be used: every problem found, each "file:line:column: key: message".
class ScenarioError : public InputError {
 public:
  explicit ScenarioError(std::vector<std::string> problems);
  [[nodiscard]] const std::vector<std::string>& problems() const noexcept { return problems_; }

 private:
  std::vector<std::string> problems_;
};

//! The largest scenario file read (a scenario of a thousand regions is about 1 MB).
inline constexpr std::uintmax_t MAX_SCENARIO_BYTES = 16 * 1024 * 1024;
//! The longest chain of `extends` (a file, the one it extends, ...): the chain is read recursively.
inline constexpr std::size_t MAX_EXTENDS_DEPTH = 64;

struct LoadOptions {
  std::vector<std::string> overrides;      //!< "key.path=value", applied last, in order
  const data::Library* library = nullptr;  //!< nullptr: the built-in library
};

//! Loads a scenario by shipped name ("altman-7t") or by path ("my.toml", "dir/x.toml").
Scenario load_scenario(const std::string& name_or_path, const LoadOptions& options = {});

//! Loads a scenario from text; `file` labels its messages and anchors relative `extends`.
Scenario load_scenario_text(const std::string& text, const std::string& file, const LoadOptions& options = {});

//! The shipped scenarios: (name, description), in name order.
std::vector<std::pair<std::string, std::string>> shipped_scenarios();

}  // namespace fabcast::scenario
