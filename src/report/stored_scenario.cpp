#include "report/stored_scenario.hpp"

#include "scenario/schema.hpp"

#include <nlohmann/json.hpp>

#include <sstream>

namespace fabcast::report {

namespace {

// Where the TOML value that starts at `at` ends: past its closing quote or bracket (quotes inside
// a list, and escaped quotes inside a string, skipped), else at the comment or the line's end.
std::size_t end_of_value(const std::string& line, std::size_t at) {
  int depth = 0;
  bool quoted = false;
  for (std::size_t i = at; i < line.size(); ++i) {
    const char ch = line[i];
    if (quoted) {
      if (ch == '\\') {
        ++i;
      } else if (ch == '"') {
        quoted = false;
        if (depth == 0) return i + 1;
      }
    } else if (ch == '"') {
      quoted = true;
    } else if (ch == '[') {
      ++depth;
    } else if (ch == ']') {
      if (--depth == 0) return i + 1;
    } else if (depth == 0 && line.compare(i, 4, "  # ") == 0) {
      return i;
    }
  }
  return line.size();
}

}  // namespace

std::vector<StoredInput> stored_inputs(const std::string& scenario_text) {
  std::vector<StoredInput> inputs;
  std::istringstream lines(scenario_text);
  std::string table;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    if (line[0] == '[') {
      table = line.substr(1, line.find(']') - 1);
      continue;
    }
    const auto eq = line.find(" = ");
    if (eq == std::string::npos) continue;
    // The value ends where its TOML ends (a quoted string or a list may hold "  # "); the
    // comment, to_toml's "unit; origin", follows it.
    const std::size_t value_end = end_of_value(line, eq + 3);
    const auto hash = line.find("  # ", value_end);
    StoredInput in;
    in.key = table.empty() ? line.substr(0, eq) : table + "." + line.substr(0, eq);
    in.value = line.substr(eq + 3, value_end - eq - 3);
    if (in.value.size() >= 2 && in.value.front() == '"' && in.value.back() == '"') {
      // A TOML basic string, written with JSON's escapes (data::to_toml).
      try {
        in.value = nlohmann::json::parse(in.value).get<std::string>();
      } catch (const nlohmann::json::exception&) {
        in.value = in.value.substr(1, in.value.size() - 2);
      }
    }
    in.origin = hash == std::string::npos ? "" : line.substr(hash + 4);
    // to_toml writes "unit; origin" for keys with a unit.
    if (const auto* spec = scenario::find_spec(in.key); spec && !spec->unit.empty() && spec->unit != "1") {
      const std::string unit(spec->unit);
      in.unit = unit;
      if (in.origin.starts_with(unit + "; ")) in.origin.erase(0, unit.size() + 2);
    }
    inputs.push_back(std::move(in));
  }
  return inputs;
}

bool stored_sells_wafers(const std::string& scenario_text) {
  for (const auto& in : stored_inputs(scenario_text)) {
    if (in.key == "program.revenue_mode") return in.value == "wafer";
  }
  const auto* spec = scenario::find_spec("program.revenue_mode");
  return spec && spec->fallback == "\"wafer\"";
}

}  // namespace fabcast::report
