#pragma once
// The sourced reference-data library: every default number a scenario can inherit, each with
// its central value, range, unit, year and source (data/*.toml, compiled into the binary).

#include "data/toml_value.hpp"
#include "data/value.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace fabcast::data {

//! What low and high mean.
enum class RangeKind { none, p5_p95, p2_5_p97_5, low_high };
//! How a value was obtained.
enum class Evidence { measured, derived, assumption };

std::string_view to_string(RangeKind kind) noexcept;
std::string_view to_string(Evidence kind) noexcept;

//! A publication the data cites.
struct Source {
  std::string id;
  std::string title;
  std::string publisher;
  std::string date;
  std::string url;
  std::string note;
};

//! One value of the library. Its key may hold '*' segments ("regions.*.trainee_cost_usd"): the
//! default for every name without an entry of its own.
struct Entry {
  std::string key;
  Value value;  //!< the default a scenario inherits (a distribution for numbers)
  std::optional<double> central;
  std::optional<double> low;
  std::optional<double> high;
  RangeKind range = RangeKind::none;
  std::string unit;
  int year = 0;
  Evidence evidence = Evidence::measured;
  std::vector<std::string> sources;  //!< ids into the library's sources
  std::string note;
  Location at;  //!< where it is written
};

class Library {
 public:
  //! The library compiled into fabcast (parsed once; throws InputError if it is malformed).
  static const Library& builtin();

  //! Parses a library from (path, text) pairs: library.toml, sources.toml and the topic files
  //! library.toml lists. Throws InputError naming every malformed entry.
  static Library parse(const std::map<std::string, std::string>& files, const std::string& dir);

  [[nodiscard]] const std::string& version() const noexcept { return version_; }
  [[nodiscard]] const std::vector<Entry>& entries() const noexcept { return entries_; }
  [[nodiscard]] const std::map<std::string, Source>& sources() const noexcept { return sources_; }

  //! The entry for `key`: its own, else the wildcard one ("regions.US.x" -> "regions.*.x").
  [[nodiscard]] const Entry* find(std::string_view key) const;
  //! The names used in the second segment under `prefix` ("regions" -> China, Europe, ...), sorted.
  [[nodiscard]] std::vector<std::string> names_under(std::string_view prefix) const;

  //! Every problem: a value without source, unit or year, an unknown source id, a range that
  //! does not contain the central value or does not match the distribution. Empty when valid.
  [[nodiscard]] std::vector<std::string> validate() const;

  //! A one-line citation of an entry's sources: "Exyte ... (2025-02); CSET (2021-10)".
  [[nodiscard]] std::string cite(const Entry& entry) const;

 private:
  std::string version_;
  std::vector<Entry> entries_;
  std::map<std::string, std::size_t> index_;
  std::map<std::string, Source> sources_;
};

}  // namespace fabcast::data
