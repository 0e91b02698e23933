#pragma once
// Every key a scenario may set: its type, unit, allowed range and default. The schema is the
// contract of the scenario format: validation, `fabcast show` and docs/scenario-format.md all
// come from it. A '*' segment stands for a name: a region, a node, an operator or a module kind.

#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace fabcast::scenario {

enum class ValueType { number, text, boolean, number_list, text_list, period, matrix };

std::string_view to_string(ValueType type) noexcept;

struct KeySpec {
  std::string_view path;  //!< "program.budget_usd", "regions.*.capex_mult"
  ValueType type = ValueType::number;
  std::string_view unit;                                  //!< the unit of a number; must equal the data entry's
  double min = -std::numeric_limits<double>::infinity();  //!< every reachable draw must lie in [min, max] (finite max)
  double max = std::numeric_limits<double>::infinity();
  std::string_view doc;                        //!< one sentence for people
  std::vector<std::string_view> choices = {};  //!< allowed words for a text key
  std::string_view fallback = {};  //!< default for settings (TOML syntax); data keys default from the library
  bool from_data = false;          //!< the default is the reference-data entry at the same path
  bool integer = false;            //!< must be a fixed whole number
  bool optional = false;           //!< may stay unset
  std::size_t max_items = 0;       //!< a list's longest length (0: no limit beyond the file's size)
};

//! All keys, in documentation order.
const std::vector<KeySpec>& schema();

//! The collections whose second segment is a name, and the names that are always there
//! (regions, nodes and operators also take names from the data library and from scenarios).
inline constexpr std::string_view NAMED_COLLECTIONS[] = {"regions", "nodes", "operators", "modules"};
inline const std::vector<std::string> MODULE_KINDS = {"logic", "packaging", "memory"};

//! The spec whose path matches `key` once its name segment is replaced by '*', or nullptr.
const KeySpec* find_spec(std::string_view key);

//! "a share in [0, 1]", "a number >= 0 (USD)", "one of quarter, year": what a key expects.
std::string expectation(const KeySpec& spec);

}  // namespace fabcast::scenario
