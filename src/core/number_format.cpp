#include "core/number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>

namespace fabcast::core {
namespace {

// "1e+10" -> "1e10", "1e-05" -> "1e-5", "1.5E+300" -> "1.5e300".
std::string tidy_exponent(std::string text) {
  const auto e = text.find_first_of("eE");
  if (e == std::string::npos) return text;
  std::string mantissa = text.substr(0, e);
  std::string exponent = text.substr(e + 1);
  std::string sign;
  if (!exponent.empty() && (exponent[0] == '+' || exponent[0] == '-')) {
    if (exponent[0] == '-') sign = "-";
    exponent.erase(0, 1);
  }
  const auto first = exponent.find_first_not_of('0');
  exponent = first == std::string::npos ? "0" : exponent.substr(first);
  return mantissa + "e" + sign + exponent;
}

}  // namespace

std::string format_number(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, x);  // shortest round-trip form
  return tidy_exponent(std::string(buf, res.ptr));
}

std::string format_sig(double x, int digits) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  if (x == 0) return "0";
  const double mag = std::fabs(x);
  if (mag >= 1e-3 && mag < 1e6) {
    // Whole numbers with more digits than asked for stay whole, rounded: 123 to 2 digits is
    // "120", not "1.2e2". (The rounding is %g's; the exponent form is only read back.)
    const std::string g = fmt::format("{:.{}g}", x, digits);
    if (g.find('e') != std::string::npos && mag >= 1) return fmt::format("{:.0f}", std::stod(g));
    return tidy_exponent(g);
  }
  // Scientific with trailing zeros of the mantissa removed: 1.6500e10 -> 1.65e10.
  std::string text = fmt::format("{:.{}e}", x, digits - 1);
  const auto e = text.find('e');
  std::string mantissa = text.substr(0, e);
  if (mantissa.find('.') != std::string::npos) {
    while (mantissa.back() == '0') mantissa.pop_back();
    if (mantissa.back() == '.') mantissa.pop_back();
  }
  return tidy_exponent(mantissa + text.substr(e));
}

std::string format_usd(double x, int digits) {
  if (std::isnan(x)) return "nan";
  const std::string sign = x < 0 ? "-" : "";
  if (std::isinf(x)) return sign + "$inf";
  const double mag = std::fabs(x);
  if (mag < 1) return sign + "$" + format_sig(mag, digits);  // cents only below one dollar
  if (const double whole = std::stod(format_sig(mag, digits)); whole < 1e6) {
    const auto w = static_cast<long long>(whole);  // below a million: one separator at most
    return sign + (w < 1000 ? fmt::format("${}", w) : fmt::format("${},{:03d}", w / 1000, w % 1000));
  }
  static constexpr struct {
    double scale;
    const char* word;
  } SCALES[] = {{1e6, "M"}, {1e9, "B"}, {1e12, "T"}};
  std::size_t k = mag >= 1e12 ? 2 : mag >= 1e9 ? 1 : 0;
  double mantissa = std::stod(fmt::format("{:.{}g}", mag / SCALES[k].scale, digits));
  if (mantissa >= 1000 && k < 2) mantissa = std::stod(fmt::format("{:.{}g}", mag / SCALES[++k].scale, digits));
  return sign + "$" + format_sig(mantissa, std::max(digits, 6)) + SCALES[k].word;
}

}  // namespace fabcast::core
