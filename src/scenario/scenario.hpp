#pragma once
// A fully resolved scenario: every key the schema knows, with its value and where that value
// came from (a data-library entry with its sources, a built-in setting, a scenario file line,
// or a --set override). The model reads it; `fabcast show` prints it.

#include "data/library.hpp"
#include "data/value.hpp"
#include "scenario/schema.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fabcast::scenario {

//! Where a value came from.
struct Origin {
  enum class Layer { data, setting, scenario, override_ };
  Layer layer = Layer::setting;
  data::Location at;     //!< file and line (data: the entry; scenario: the key; override: "--set")
  std::string data_key;  //!< the library entry a data value came from (may be a '*' key)
};

std::string_view to_string(Origin::Layer layer) noexcept;

struct Setting {
  std::string key;
  data::Value value;
  Origin origin;
  const KeySpec* spec = nullptr;
};

//! A quarter of a year; year-only periods are resolved by the caller (start: Q1, end: Q4).
struct Period {
  int year = 0;
  int quarter = 0;  //!< 1..4, or 0 when only the year was given
};

//! The years a period may name: the model's growth laws are anchored at 2025, and two centuries
//! either way is beyond any question it can answer.
inline constexpr int FIRST_YEAR = 1900;
inline constexpr int LAST_YEAR = 2200;

//! Parses "2025Q3", "2025" (and integer years) from FIRST_YEAR to LAST_YEAR; nullopt otherwise.
std::optional<Period> parse_period(std::string_view text);

class Scenario {
 public:
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  [[nodiscard]] const std::string& file() const noexcept { return file_; }
  //! Files read, base first (the extends chain).
  [[nodiscard]] const std::vector<std::string>& chain() const noexcept { return chain_; }
  [[nodiscard]] const std::string& data_version() const noexcept { return data_version_; }

  //! Every setting, in schema order (names in the order they were defined).
  [[nodiscard]] const std::vector<Setting>& settings() const noexcept { return settings_; }
  [[nodiscard]] const Setting* find(std::string_view key) const;
  //! The value of `key`; throws std::out_of_range when unset.
  [[nodiscard]] const data::Value& value(std::string_view key) const;
  [[nodiscard]] const core::Distribution& dist(std::string_view key) const;
  [[nodiscard]] const std::string& text(std::string_view key) const;
  [[nodiscard]] bool flag(std::string_view key) const;
  [[nodiscard]] const data::NumberList& numbers(std::string_view key) const;
  [[nodiscard]] const data::TextList& names(std::string_view key) const;

  //! Names defined in a collection ("regions", "nodes", "modules"), in definition order.
  [[nodiscard]] const std::vector<std::string>& names_in(std::string_view collection) const;
  //! program.regions less program.regions_exclude.
  [[nodiscard]] std::vector<std::string> active_regions() const;

 private:
  friend class Loader;
  std::string name_;
  std::string file_;
  std::vector<std::string> chain_;
  std::string data_version_;
  std::vector<Setting> settings_;
  std::map<std::string, std::size_t, std::less<>> index_;
  std::map<std::string, std::vector<std::string>, std::less<>> collections_;
};

}  // namespace fabcast::scenario
