#include "data/value.hpp"

#include "core/number_format.hpp"

#include <nlohmann/json.hpp>

namespace fabcast::data {
namespace {

std::string quote(const std::string& text) {
  return nlohmann::json(text).dump();
}  // TOML basic string escapes match JSON's

template <class T, class F>
std::string join(const std::vector<T>& items, F&& f) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ", ";
    out += f(items[i]);
  }
  return out + "]";
}

}  // namespace

std::string to_toml(const Value& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, core::Distribution>) {
          return v.is_fixed() ? core::format_number(v.params()[0]) : quote(v.to_string());
        } else if constexpr (std::is_same_v<T, std::string>) {
          return quote(v);
        } else if constexpr (std::is_same_v<T, bool>) {
          return v ? "true" : "false";
        } else if constexpr (std::is_same_v<T, NumberList>) {
          return join(v, [](double x) { return core::format_number(x); });
        } else if constexpr (std::is_same_v<T, TextList>) {
          return join(v, quote);
        } else {
          return join(v, [](const std::vector<double>& row) {
            return join(row, [](double x) { return core::format_number(x); });
          });
        }
      },
      value);
}

std::string to_text(const Value& value) {
  if (const auto* d = std::get_if<core::Distribution>(&value)) return d->to_string();
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* list = std::get_if<TextList>(&value)) {
    std::string out;
    for (std::size_t i = 0; i < list->size(); ++i) out += (i ? ", " : "") + (*list)[i];
    return out;
  }
  return to_toml(value);
}

}  // namespace fabcast::data
