#include "scenario/scenario.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace fabcast::scenario {

std::string_view to_string(Origin::Layer layer) noexcept {
  switch (layer) {
    case Origin::Layer::data:
      return "data";
    case Origin::Layer::setting:
      return "default";
    case Origin::Layer::scenario:
      return "scenario";
    case Origin::Layer::override_:
      return "override";
  }
  return "";
}

std::optional<Period> parse_period(std::string_view text) {
  if (text.size() != 4 && text.size() != 6) return std::nullopt;
  Period p;
  const auto res = std::from_chars(text.data(), text.data() + 4, p.year);
  if (res.ec != std::errc() || res.ptr != text.data() + 4 || p.year < FIRST_YEAR || p.year > LAST_YEAR)
    return std::nullopt;
  if (text.size() == 6) {
    if ((text[4] != 'Q' && text[4] != 'q') || text[5] < '1' || text[5] > '4') return std::nullopt;
    p.quarter = text[5] - '0';
  }
  return p;
}

const Setting* Scenario::find(std::string_view key) const {
  const auto it = index_.find(key);
  return it == index_.end() ? nullptr : &settings_[it->second];
}

const data::Value& Scenario::value(std::string_view key) const {
  const auto* s = find(key);
  if (!s) throw std::out_of_range(fmt::format("scenario has no value for '{}'", key));
  return s->value;
}

namespace {
template <class T>
const T& get(const data::Value& v, std::string_view key, const char* what) {
  if (const auto* x = std::get_if<T>(&v)) return *x;
  throw std::out_of_range(fmt::format("scenario key '{}' is not {}", key, what));
}
}  // namespace

const core::Distribution& Scenario::dist(std::string_view key) const {
  return get<core::Distribution>(value(key), key, "a number");
}
const std::string& Scenario::text(std::string_view key) const { return get<std::string>(value(key), key, "a text"); }
bool Scenario::flag(std::string_view key) const { return get<bool>(value(key), key, "a flag"); }
const data::NumberList& Scenario::numbers(std::string_view key) const {
  return get<data::NumberList>(value(key), key, "a list of numbers");
}
const data::TextList& Scenario::names(std::string_view key) const {
  return get<data::TextList>(value(key), key, "a list of names");
}

const std::vector<std::string>& Scenario::names_in(std::string_view collection) const {
  static const std::vector<std::string> none;
  const auto it = collections_.find(collection);
  return it == collections_.end() ? none : it->second;
}

std::vector<std::string> Scenario::active_regions() const {
  std::vector<std::string> out;
  const auto& excluded = names("program.regions_exclude");
  for (const auto& r : names("program.regions")) {
    if (std::find(excluded.begin(), excluded.end(), r) == excluded.end()) out.push_back(r);
  }
  return out;
}

}  // namespace fabcast::scenario
